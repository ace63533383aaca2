/**
 * Schema registry for events: each event type has versioned data shapes, and an upcaster turns
 * data of version n into version n + 1. Stores apply `upcast` on every read, so events written
 * years ago load as the current shape and deciders only ever see the latest schema. Stored events
 * are never rewritten (their checksum covers the bytes as written).
 */
import type { EventEnvelope } from '../../core/messages.js';

/** Upgrades one event's data by exactly one schema version. Pure: no I/O, no clock. */
export type Upcaster = (data: Record<string, unknown>, envelope: EventEnvelope) => Record<string, unknown>;

export interface Upcasters {
  /** Registers the step `fromSchemaVersion` → `fromSchemaVersion + 1` for `eventType`. */
  register(eventType: string, fromSchemaVersion: number, upcaster: Upcaster): Upcasters;
  /** The schema version new events of this type should carry (1 when nothing is registered). */
  currentVersion(eventType: string): number;
  /** The envelope with its data upgraded to the current version (the same object when already current). */
  upcast(envelope: EventEnvelope): EventEnvelope;
}

export const createUpcasters = (): Upcasters => {
  const steps = new Map<string, Map<number, Upcaster>>();

  const registry: Upcasters = {
    register(eventType, fromSchemaVersion, upcaster) {
      if (!Number.isInteger(fromSchemaVersion) || fromSchemaVersion < 1) {
        throw new Error(`Upcaster for ${eventType}: fromSchemaVersion must be an integer ≥ 1, got ${fromSchemaVersion}`);
      }
      const forType = steps.get(eventType) ?? new Map<number, Upcaster>();
      // Two upcasters for the same step would make the result depend on registration order.
      if (forType.has(fromSchemaVersion)) throw new Error(`Upcaster ${eventType} v${fromSchemaVersion} → v${fromSchemaVersion + 1} is already registered`);
      forType.set(fromSchemaVersion, upcaster);
      steps.set(eventType, forType);
      return registry;
    },

    currentVersion(eventType) {
      const forType = steps.get(eventType);
      return forType && forType.size > 0 ? Math.max(...forType.keys()) + 1 : 1;
    },

    upcast(envelope) {
      const forType = steps.get(envelope.eventType);
      if (!forType) return envelope;
      let current = envelope;
      for (let step = forType.get(current.schemaVersion); step; step = forType.get(current.schemaVersion)) {
        current = { ...current, data: step(current.data as Record<string, unknown>, current), schemaVersion: current.schemaVersion + 1 };
      }
      // A hole in the chain (steps 1 and 3 but not 2) would hand deciders an old shape silently.
      const target = registry.currentVersion(envelope.eventType);
      if (current.schemaVersion < target) {
        throw new Error(`No upcaster for ${envelope.eventType} v${current.schemaVersion} → v${current.schemaVersion + 1} (current schema is v${target})`);
      }
      return current;
    },
  };
  return registry;
};

