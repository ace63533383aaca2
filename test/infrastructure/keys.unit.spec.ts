import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../src/core/partition.js';
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
