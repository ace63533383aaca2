import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../src/core/partition.js';
import { MemoryKeyspace } from '../../src/infrastructure/memory/keyspace.js';
import { comparePositions, nextPosition } from '../../src/infrastructure/positions.js';
import { createKeys } from '../../src/infrastructure/redis/keys.js';

describe('keys', () => {
  const keys = createKeys('da:', 16);
  const ref = { aggregateType: 'game_session', aggregateId: 'g-42' };
  const p = partitionOf('game_session', 'g-42', 16);

  it('tags every key of an aggregate with its partition', () => {
    expect(keys.partitionOf('game_session', 'g-42')).toBe(p);
    expect(keys.stream(ref)).toBe(`da:events:{p${p}}:game_session:g-42`);
    expect(keys.state(ref)).toBe(`da:state:{p${p}}:game_session:g-42`);
    expect(keys.snapshot(ref)).toBe(`da:snapshots:{p${p}}:game_session:g-42`);
    expect(keys.partitionLog(p)).toBe(`da:partition:{p${p}}`);
    expect(keys.partitionLogs()).toHaveLength(16);
    expect(keys.idempotency('k1')).toBe('da:idem:k1');
  });

  it('refuses prefixes with braces (they would steal the hash tag) and bad partitions', () => {
    expect(() => createKeys('da{x}:', 4)).toThrow(/braces/);
    expect(() => createKeys('da:', 0)).toThrow(/positive integer/);
    expect(() => keys.partitionLog(16)).toThrow(/outside/);
  });
});

describe('positions', () => {
  it('compare numerically, not as strings', () => {
    expect(comparePositions('9-0', '10-0')).toBeLessThan(0);
    expect(comparePositions('10-2', '10-10')).toBeLessThan(0);
    expect(comparePositions('5-1', '5-1')).toBe(0);
    expect(['10-0', '9-5', '9-10'].sort(comparePositions)).toEqual(['9-5', '9-10', '10-0']);
  });

  it('are generated like XADD *: monotonic even when the clock goes back', () => {
    expect(nextPosition(null, 100)).toBe('100-0');
    expect(nextPosition('100-0', 100)).toBe('100-1');
    expect(nextPosition('100-1', 99)).toBe('100-2');
    expect(nextPosition('100-2', 101)).toBe('101-0');
  });
});

describe('MemoryKeyspace', () => {
  it('ranges streams inclusively, exclusively with "(", and refuses ids that do not grow', () => {
    const ks = new MemoryKeyspace(() => 1);
    for (let v = 1; v <= 5; v++) ks.xadd('s', `0-${v}`, { v: Buffer.from(String(v)) });
    const ids = (start: string, end: string, count?: number) => ks.xrange('s', start, end, count).map((e) => e.id);
    expect(ids('0-2', '0-4')).toEqual(['0-2', '0-3', '0-4']);
    expect(ids('(0-2', '+')).toEqual(['0-3', '0-4', '0-5']);
    expect(ids('-', '+', 2)).toEqual(['0-1', '0-2']);
    expect(() => ks.xadd('s', '0-5', {})).toThrow(/equal or smaller/);
  });

  it('expires strings lazily and reports WRONGTYPE like Redis', () => {
    let now = 0;
    const ks = new MemoryKeyspace(() => now);
    expect(ks.set('k', 'v', { ttlSeconds: 1, nx: true })).toBe(true);
    expect(ks.set('k', 'w', { nx: true })).toBe(false);
    now = 999;
    expect(ks.get('k')).toBe('v');
    now = 1000;
    expect(ks.get('k')).toBeNull();
    ks.hset('h', { a: Buffer.from('1') });
    expect(() => ks.get('h')).toThrow(/WRONGTYPE/);
    expect(() => ks.xadd('h', '*', {})).toThrow(/WRONGTYPE/);
  });
});
