/**
 * Configuration: one event-sourced aggregate per setting key (aggregate id = the key), so every
 * setting has its own version, optimistic lock and audit trail. Values arrive already validated
 * against the setting's schema (src/ops/settings.ts, in the registration's `prepare`): the domain
 * stays free of zod and only guards what the history itself decides.
 */
import { ConflictError, RuleBrokenError, ValidationError } from '../../core/errors.js';
import type { Command, Decider, Event } from '../../core/messages.js';
import { event } from '../../core/messages.js';
import type { JsonValue } from './json.js';
import { sameJson } from './json.js';

export const aggregateType = 'configuration';
/** Bump when the state's shape changes: older snapshots are then ignored and rebuilt from events. */
export const snapshotVersion = 'configuration/1';

export const maxReasonLength = 500;

export type UpdateConfiguration = Command<
  'UpdateConfiguration',
  {
    key: string;
    value: JsonValue;
    /** The version the admin saw; omitted = last writer wins (the store still serialises writers). */
    expectedVersion?: number;
    updatedBy: string;
    reason?: string;
    at: string;
  }
>;

export type ConfigurationUpdated = Event<
  'ConfigurationUpdated',
  {
    key: string;
    value: JsonValue;
    /** null on the first update: until then the catalogue default was in effect. */
    previousValue: JsonValue | null;
    /** The aggregate version this event creates (1 for the first update). */
    version: number;
    updatedBy: string;
    reason: string | null;
    at: string;
  }
>;

export type ConfigurationCommand = UpdateConfiguration;
export type ConfigurationEvent = ConfigurationUpdated;

/** `Default`: never updated, the catalogue default applies. `Set`: an admin chose a value. */
export type Configuration =
  | { readonly status: 'Default'; readonly version: 0 }
  | {
      readonly status: 'Set';
      readonly key: string;
      readonly value: JsonValue;
      readonly version: number;
      readonly updatedBy: string;
      readonly updatedAt: string;
    };

const initialState = (): Configuration => ({ status: 'Default', version: 0 });

const updateConfiguration = ({ data }: UpdateConfiguration, state: Configuration): ConfigurationUpdated => {
  if (data.expectedVersion !== undefined && data.expectedVersion !== state.version) {
    throw new ConflictError(
      `Configuration ${data.key} is at version ${state.version}, not ${data.expectedVersion}`,
      data.expectedVersion,
      state.version,
    );
  }
  if (state.status === 'Set' && state.key !== data.key) {
    // The id is the key, so this is a wiring bug rather than a user mistake; say so loudly.
    throw ValidationError.field('key', `Configuration stream ${state.key} cannot hold key ${data.key}`);
  }
  const reason = data.reason?.trim() || null;
  if (reason !== null && reason.length > maxReasonLength) {
    throw ValidationError.field('reason', `reason must be at most ${maxReasonLength} characters`);
  }
  // An update that changes nothing is refused rather than swallowed: the audit trail records
  // only real changes, and the admin learns that the edit had no effect. Retries of a request
  // that did succeed are answered by the idempotency key, not by this rule. The first update
  // is never "unchanged": pinning the default explicitly is meaningful (later default changes
  // from configs/ then no longer apply to this key).
  if (state.status === 'Set' && sameJson(state.value, data.value)) {
    throw new RuleBrokenError('CONFIGURATION_UNCHANGED', `Configuration ${data.key} already has this value`);
  }
  return event<ConfigurationUpdated>('ConfigurationUpdated', {
    key: data.key,
    value: data.value,
    previousValue: state.status === 'Set' ? state.value : null,
    version: state.version + 1,
    updatedBy: data.updatedBy,
    reason,
    at: data.at,
  });
};

// One command, so no switch: were a second added to ConfigurationCommand, this line would stop compiling.
const decide = (command: ConfigurationCommand, state: Configuration): ConfigurationEvent[] => [updateConfiguration(command, state)];

const evolve = (state: Configuration, { type, data }: ConfigurationEvent): Configuration => {
  // evolve never throws: an event type it does not know leaves the state as it was.
  if (type !== 'ConfigurationUpdated') return state;
  return { status: 'Set', key: data.key, value: data.value, version: data.version, updatedBy: data.updatedBy, updatedAt: data.at };
};

export const configurationDecider: Decider<ConfigurationCommand, ConfigurationEvent, Configuration> = { decide, evolve, initialState };
