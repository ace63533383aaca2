/**
 * Runtime settings: defaults from configs/ (balance.yaml, cqrs.yaml) overlaid with the values
 * operators set through `updateConfiguration`. Read from the configuration read model on use, so
 * a change takes effect on every node without a restart.
 */
import type { ReadStore } from '../core/ports.js';
import type { Balance } from '../game/domain/balance.js';
import { defaultsFromTree, settingKeys, withDefaults, type SettingKey, type SettingValues } from './settings.js';

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
  /** The balance with runtime overrides applied (what new games copy). */
  balance(): Promise<Balance>;
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

export function createRuntimeSettings(readStore: ReadStore, baseBalance: Balance, cqrsTree: unknown): RuntimeSettings {
  const defaults = withDefaults(defaultsFromTree(cqrsTree, baseBalance));
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
    async balance() {
      const current = await values();
      const balance = structuredClone(baseBalance) as unknown as Record<string, unknown>;
      for (const key of settingKeys) {
        if (key.startsWith('game.') || key.startsWith('towers.') || key.startsWith('matchmaking.')) setPath(balance, key, current[key]);
      }
      return balance as unknown as Balance;
    },
  };
}
