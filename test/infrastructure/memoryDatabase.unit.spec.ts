import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../src/core/partition.js';
import { comparePosition } from '../../src/core/projections/projection.js';
import { AggregateMap, MemoryDatabase, type WriteTarget, nextPosition } from '../../src/infrastructure/memory/database.js';
import { createKeys } from '../../src/infrastructure/redis/keys.js';

const entry = (aggregateVersion: number) => ({ aggregateType: 't', aggregateId: 'a', aggregateVersion, inline: null });

describe('positions', () => {
  it('compare numerically, not as strings', () => {
    expect(comparePosition('9-0', '10-0')).toBeLessThan(0);
    expect(comparePosition('10-2', '10-10')).toBeLessThan(0);
    expect(comparePosition('5-1', '5-1')).toBe(0);
    expect(comparePosition('0', '1-0')).toBeLessThan(0);
    expect(['10-0', '9-5', '9-10'].sort(comparePosition)).toEqual(['9-5', '9-10', '10-0']);
  });

  it('are generated like XADD *: monotonic even when the clock goes back', () => {
    expect(nextPosition(null, 100)).toBe('100-0');
    expect(nextPosition('100-0', 100)).toBe('100-1');
    expect(nextPosition('100-1', 99)).toBe('100-2');
    expect(nextPosition('100-2', 101)).toBe('101-0');
  });
});

describe('MemoryDatabase', () => {
  it('puts an aggregate in the partition the Redis layout names', () => {
    const database = new MemoryDatabase({ partitions: 16 });
    const keys = createKeys('da:', 16);
    for (const id of ['g-1', 'g-42', 'ü', '']) {
      const ref = { aggregateType: 'game_session', aggregateId: id };
      expect(database.partitionOf(ref)).toBe(partitionOf('game_session', id, 16));
      expect(database.partitionOf(ref)).toBe(keys.partitionOf('game_session', id));
    }
  });

  it('reads a partition log strictly after a position, count at a time, with growing positions', () => {
    let now = 5;
    const database = new MemoryDatabase({ partitions: 2, now: () => now });
    const first = database.appendToLog(1, [entry(1), entry(2)]);
    now = 3; // the clock went back
    const [third] = database.appendToLog(1, [entry(3)]);
    expect([...first, third]).toEqual(['5-0', '5-1', '5-2']);
    expect(database.logHead(1)).toBe('5-2');
    expect(database.logHead(0)).toBe('0');
    const versions = (after: string, count: number) => database.logAfter(1, after, count).map((e) => e.aggregateVersion);
    expect(versions('0', 10)).toEqual([1, 2, 3]);
    expect(versions('5-0', 10)).toEqual([2, 3]);
    expect(versions('0', 2)).toEqual([1, 2]);
    expect(versions('5-2', 10)).toEqual([]);
    expect(() => database.logAfter(2, '0', 1)).toThrow(/outside/);
    expect(() => new MemoryDatabase({ partitions: 0 })).toThrow(/positive integer/);
  });

  it('announces every part of a write to beforeWrite, so a refusal comes before any change', () => {
    const seen: WriteTarget[] = [];
    const database = new MemoryDatabase({ partitions: 1, beforeWrite: (target) => seen.push(target) });
    const ref = { aggregateType: 't', aggregateId: 'a' };
    database.willWrite([{ part: 'partitionLog', partition: 0 }, { part: 'state', ref }]);
    expect(seen).toEqual([{ part: 'partitionLog', partition: 0 }, { part: 'state', ref }]);
  });

  it('keys aggregates by type and id, never by a joined string', () => {
    const map = new AggregateMap<number>();
    map.set({ aggregateType: 'a:b', aggregateId: 'c' }, 1);
    map.set({ aggregateType: 'a', aggregateId: 'b:c' }, 2);
    expect(map.get({ aggregateType: 'a:b', aggregateId: 'c' })).toBe(1);
    expect(map.get({ aggregateType: 'a', aggregateId: 'b:c' })).toBe(2);
    map.delete({ aggregateType: 'a', aggregateId: 'b:c' });
    expect(map.get({ aggregateType: 'a', aggregateId: 'b:c' })).toBeUndefined();
    expect(map.get({ aggregateType: 'a:b', aggregateId: 'c' })).toBe(1);
  });
});
