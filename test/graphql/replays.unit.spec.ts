/** Replay pacing and slots: pure pauses, speed bounds, and a slot given back however a replay ends. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import type { EventEnvelope } from '../../src/core/messages.js';
import { checkSpeed, createReplays, replayPause } from '../../src/graphql/replays.js';
import { createMemoryConcurrencySlots } from '../../src/infrastructure/memory/concurrencySlots.js';

const at = (iso: string, version = 1): EventEnvelope => ({
  eventId: `e${version}`,
  eventType: 'X',
  schemaVersion: 1,
  aggregateType: 'game_session',
  aggregateId: 'g',
  aggregateVersion: version,
  data: {},
  metadata: { correlationId: 'c', causationId: 'c', timestamp: iso },
  createdAt: iso,
  checksum: '',
});
const stored = (events: EventEnvelope[]) => ({
  stream: async function* () {
    yield* events;
  },
});

describe('replayPause', () => {
  it('is the original spacing divided by the speed, capped, and nothing before the first event', () => {
    const a = at('2026-01-01T00:00:00.000Z');
    const b = at('2026-01-01T00:00:04.000Z');
    expect(replayPause(null, a, 1, 10_000)).toBe(0);
    expect(replayPause(a, b, 1, 10_000)).toBe(4000);
    expect(replayPause(a, b, 2, 10_000)).toBe(2000);
    expect(replayPause(a, b, 0.1, 10_000)).toBe(10_000);
    expect(replayPause(a, b, 0.1, 0)).toBe(40_000);
    expect(replayPause(b, a, 1, 10_000)).toBe(0);
  });
});

describe('checkSpeed', () => {
  it('accepts 0.1–100 only', () => {
    expect(checkSpeed(0.1)).toBe(0.1);
    expect(checkSpeed(100)).toBe(100);
    for (const bad of [0, 0.09, 100.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => checkSpeed(bad)).toThrow(ValidationError);
  });
});

describe('replay slots', () => {
  const limits = (maxConcurrentPerUser: number) => ({ maxConcurrentPerUser, maxGapMs: 0, slotLeaseMs: 30_000 });

  it('refuses one more than the limit, and gives a slot back when a replay ends, or is closed before it started', async () => {
    const replays = createReplays(limits(2), createMemoryConcurrencySlots());
    const ref = { aggregateType: 'game_session', aggregateId: 'g' };
    const events = [at('2026-01-01T00:00:00.000Z', 1), at('2026-01-01T00:00:00.000Z', 2)];
    const first = await replays.start('u', stored(events), ref, 2, 1);
    const second = await replays.start('u', stored(events), ref, 2, 1);
    await expect(replays.start('u', stored(events), ref, 2, 1)).rejects.toThrow(ValidationError);
    expect(await replays.running('other')).toBe(0);

    const versions: number[] = [];
    for await (const e of first) versions.push(e.aggregateVersion);
    expect(versions).toEqual([1, 2]);
    expect(await replays.running('u')).toBe(1);

    await second.return(undefined);
    expect(await replays.running('u')).toBe(0);
  });

  it('closing during a long pause ends the replay at once', async () => {
    const replays = createReplays(limits(1), createMemoryConcurrencySlots());
    const events = [at('2026-01-01T00:00:00.000Z', 1), at('2026-01-01T10:00:00.000Z', 2)];
    const replay = await replays.start('u', stored(events), { aggregateType: 'game_session', aggregateId: 'g' }, 2, 1);
    expect((await replay.next()).value).toMatchObject({ aggregateVersion: 1 });
    const pending = replay.next(); // waits ten hours
    await replay.return(undefined);
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(await replays.running('u')).toBe(0);
  });
});
