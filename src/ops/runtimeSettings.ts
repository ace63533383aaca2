/**
 * Runtime settings: defaults from configs/ (balance.yaml, cqrs.yaml) overlaid with the values
 * operators set through `updateConfiguration`. Read from the configuration read model on use, so
 * a change takes effect on every node without a restart.
 */
import type { ReadStore } from '../core/ports.js';
import { defaultsFromTree, settingKeys, withDefaults, type SettingKey, type SettingValues } from './settingsCatalogue.js';

export const CONFIGURATION = 'configuration';

export type ConfigurationView = {
  readonly key: string;
  readonly value: unknown;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: string;
};

export interface RuntimeSettings {
  readonly defaults: SettingValues;
  values(): Promise<SettingValues>;
  get<K extends SettingKey>(key: K): Promise<SettingValues[K]>;
  /**
   * A copy of `base` (the game's balance tree) with the runtime overrides of its keys applied
   * (`game.*`, `towers.*`, `matchmaking.*`): what new games copy.
   */
  overlay<T extends object>(base: T): Promise<T>;
}

const setPath = (target: Record<string, unknown>, path: string, value: unknown) => {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) return; // a key for a tower the balance does not offer
    node = next as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
};

/** `defaultTrees`: configs/cqrs.yaml and configs/balance.yaml as loaded, where the defaults come from. */
export function createRuntimeSettings(readStore: ReadStore, ...defaultTrees: readonly unknown[]): RuntimeSettings {
  const defaults = withDefaults(defaultsFromTree(...defaultTrees));
  const values = async (): Promise<SettingValues> => {
    const page = await readStore.query<ConfigurationView>(CONFIGURATION, { first: 1000 });
    if (page.items.length === 0) return defaults;
    const overrides: Record<string, unknown> = {};
    for (const item of page.items) if ((settingKeys as readonly string[]).includes(item.key)) overrides[item.key] = item.value;
    return { ...defaults, ...overrides } as SettingValues;
  };
  return {
    defaults,
    values,
    get: async (key) => (await values())[key],
    async overlay<T extends object>(base: T): Promise<T> {
      const current = await values();
      const tree = structuredClone(base) as Record<string, unknown>;
      for (const key of settingKeys) {
        if (key.startsWith('game.') || key.startsWith('towers.') || key.startsWith('matchmaking.')) setPath(tree, key, current[key]);
      }
      return tree as T;
    },
  };
}
