/**
 * Runtime configuration over GraphQL: current entries (catalogue ⊕ read model), the settings
 * catalogue with defaults and schemas, and the per-key audit trail.
 */
import { builder } from '../graphql/builder.js';
import { pageSize, toConnection } from '../graphql/connections.js';
import type { Context } from '../graphql/context.js';
import { CONFIGURATION, CONFIGURATION_HISTORY, type ConfigurationChangeView, type ConfigurationDoc } from './projections.js';
import { describeSetting, settingKeys, type SettingDescription } from './settingsCatalogue.js';

export interface ConfigurationEntryView {
  readonly key: string;
  readonly value: unknown;
  /** 0 while the default applies. */
  readonly version: number;
  readonly updatedBy: string | null;
  readonly updatedAt: string | null;
  readonly reason: string | null;
  readonly setting: SettingDescription | null;
}

const admin = { admin: true } as const;

export const SettingRef = builder.objectRef<SettingDescription>('Setting').implement({
  description: 'A runtime setting operators may change with updateConfiguration.',
  fields: (t) => ({
    key: t.exposeString('key'),
    category: t.exposeString('category'),
    description: t.exposeString('description'),
    defaultValue: t.field({ type: 'JSON', description: 'From configs/ (or the built-in fallback).', resolve: (s) => s.defaultValue }),
    schema: t.field({ type: 'JSON', description: 'JSON Schema of the value.', resolve: (s) => s.schema }),
  }),
});

export const ConfigurationEntryRef = builder.objectRef<ConfigurationEntryView>('ConfigurationEntry').implement({
  description: 'The value of one runtime setting in force on every node.',
  fields: (t) => ({
    key: t.exposeString('key'),
    value: t.field({ type: 'JSON', resolve: (e) => e.value }),
    version: t.exposeInt('version', { description: 'Pass it as expectedVersion to update safely (0 = never changed).' }),
    isDefault: t.boolean({ resolve: (e) => e.version === 0 }),
    defaultValue: t.field({ type: 'JSON', nullable: true, resolve: (e) => e.setting?.defaultValue ?? null }),
    category: t.string({ nullable: true, resolve: (e) => e.setting?.category ?? null }),
    description: t.string({ nullable: true, resolve: (e) => e.setting?.description ?? null }),
    updatedBy: t.id({ nullable: true, resolve: (e) => e.updatedBy }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.updatedAt }),
    reason: t.exposeString('reason', { nullable: true }),
  }),
});

export const ConfigurationChangeRef = builder.objectRef<ConfigurationChangeView>('ConfigurationChange').implement({
  description: 'One accepted update of a setting (the audit trail).',
  fields: (t) => ({
    key: t.exposeString('key'),
    version: t.exposeInt('version'),
    value: t.field({ type: 'JSON', resolve: (c) => c.value }),
    previousValue: t.field({ type: 'JSON', nullable: true, description: 'null when the default was in force.', resolve: (c) => c.previousValue }),
    updatedBy: t.exposeID('updatedBy'),
    reason: t.exposeString('reason', { nullable: true }),
    at: t.field({ type: 'DateTime', resolve: (c) => c.at }),
  }),
});

const entryOf = (key: string, doc: ConfigurationDoc | null, ctx: Context): ConfigurationEntryView => {
  const setting = describeSetting(key, ctx.services.settings.defaults);
  return {
    key,
    value: doc ? doc.value : (setting?.defaultValue ?? null),
    version: doc?.version ?? 0,
    updatedBy: doc?.updatedBy ?? null,
    updatedAt: doc?.updatedAt ?? null,
    reason: doc?.reason ?? null,
    setting,
  };
};

/** Every catalogue key, with the operator's value where one was set. */
export const configurationEntries = async (ctx: Context): Promise<ConfigurationEntryView[]> => {
  const docs = await ctx.services.readStore.getMany<ConfigurationDoc>(CONFIGURATION, settingKeys);
  return settingKeys.map((key, i) => entryOf(key, docs[i] ?? null, ctx));
};

export const configurationEntry = async (ctx: Context, key: string): Promise<ConfigurationEntryView> =>
  entryOf(key, await ctx.services.readStore.get<ConfigurationDoc>(CONFIGURATION, key), ctx);

builder.queryFields((t) => ({
  settings: t.field({
    type: [SettingRef],
    authScopes: admin,
    description: 'The catalogue of runtime settings: descriptions, defaults and schemas.',
    resolve: (_r, _a, ctx) => settingKeys.flatMap((key) => describeSetting(key, ctx.services.settings.defaults) ?? []),
  }),
  configurationHistory: t.connection({
    type: ConfigurationChangeRef,
    authScopes: admin,
    description: 'Accepted updates of one setting, newest first.',
    args: { key: t.arg.string({ required: true }) },
    resolve: async (_r, args, ctx) =>
      toConnection(
        await ctx.services.readStore.query<ConfigurationChangeView>(CONFIGURATION_HISTORY, {
          where: { key: args.key },
          orderBy: 'version',
          direction: 'DESC',
          first: pageSize(args.first),
          after: args.after ?? null,
        }),
      ),
  }),
}));
