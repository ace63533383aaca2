/** The SnapshotStore contract: a cache of (version, schema, state, takenAt) per aggregate. */
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/core/ports.js';
import { msgpackSerializer } from '../../src/infrastructure/serialization/serializer.js';
import { aggregate } from './events.js';
import type { FixtureFactory } from './storageFixture.js';

const snapshot = (version: number, state: unknown): Snapshot => ({ version, schema: 'game_session@2', state, takenAt: '2026-03-01T12:00:00.000Z' });

export const snapshotStoreContract = (fixture: FixtureFactory): void => {
  describe('snapshot store', () => {
    it('saves, loads, replaces and deletes', async () => {
      const { snapshotStore } = fixture().storage();
      const ref = aggregate();
      expect(await snapshotStore.load(ref)).toBeNull();
      await snapshotStore.save(ref, snapshot(100, { towers: [{ x: 1, y: 2 }] }));
      expect(await snapshotStore.load(ref)).toEqual(snapshot(100, { towers: [{ x: 1, y: 2 }] }));
      await snapshotStore.save(ref, snapshot(200, { towers: [] }));
      expect(await snapshotStore.load(ref)).toEqual(snapshot(200, { towers: [] }));
      await snapshotStore.delete(ref);
      expect(await snapshotStore.load(ref)).toBeNull();
    });

    it('round-trips large states with MessagePack and gzip', async () => {
      const { snapshotStore } = fixture().storage({ snapshotSerializer: msgpackSerializer, compression: { algorithm: 'gzip', thresholdBytes: 128 } });
      const ref = aggregate();
      const state = { grid: Array.from({ length: 50 }, (_, y) => Array.from({ length: 50 }, (_, x) => (x + y) % 3)), name: 'Wave ✓' };
      await snapshotStore.save(ref, snapshot(7, state));
      expect(await snapshotStore.load(ref)).toEqual(snapshot(7, state));
    });

    it('keeps aggregates apart', async () => {
      const { snapshotStore } = fixture().storage();
      const [a, b] = [aggregate(), aggregate()];
      await snapshotStore.save(a, snapshot(1, 'a'));
      expect(await snapshotStore.load(b)).toBeNull();
    });
  });
};
