/**
 * The session check's cache on its own (src/auth/access.ts sessionCache): what it may serve and
 * when it must read again. The store is a counting stand-in (no Redis is asked for here); the bus
 * is the in-memory one. The cross-node behaviour on Redis is test/auth/sessionCache.e2e.spec.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sessionCache, type SessionCache } from '../../src/auth/access.js';
import type { Session } from '../../src/auth/domain/session.js';
import type { Dispatcher } from '../../src/core/commands/dispatcher.js';
import type { EventEnvelope } from '../../src/core/messages.js';
import { MemoryEventBus } from '../../src/infrastructure/memory/eventBus.js';
import { eventually } from '../support/players.js';

const active = (sessionId: string): Session => ({
  status: 'Active',
  sessionId,
  userId: 'u1',
  familyId: 'f1',
  refreshTokenHash: 'h',
  retiredTokenHashes: [],
  startedAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2099-01-01T00:00:00.000Z',
} as unknown as Session);

const ended = (sessionId: string): Session => ({ ...(active(sessionId) as object), status: 'Ended', reason: 'LOGOUT', endedAt: '2026-01-01T00:00:01.000Z' }) as unknown as Session;

const sessionEvent = (sessionId: string, eventType = 'UserLoggedOut'): EventEnvelope => ({
  eventId: `e-${Math.random()}`,
  eventType,
  schemaVersion: 1,
  aggregateType: 'session',
  aggregateId: sessionId,
  aggregateVersion: 2,
  data: {},
  metadata: { correlationId: 'c', causationId: 'c', timestamp: '2026-01-01T00:00:00.000Z' },
  createdAt: '2026-01-01T00:00:00.000Z',
  checksum: '0',
});

/** A store stand-in: the state per session, and how many reads reached it. */
const store = () => {
  const states = new Map<string, Session>();
  let reads = 0;
  let gate: Promise<void> | null = null;
  const loader = {
    load: async (_definition: unknown, id: string) => {
      reads++;
      const state = states.get(id) ?? ({ status: 'None' } as Session);
      if (gate) await gate;
      return { state, version: 1 };
    },
  } as unknown as Pick<Dispatcher, 'load'>;
  return {
    states,
    loader,
    reads: () => reads,
    /** Holds reads (after they read the state) until the returned function is called. */
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
  };
};

let bus: MemoryEventBus;
let cache: SessionCache | null = null;
afterEach(async () => {
  await cache?.stop();
  await bus?.close();
});

const setup = async (options: { link?: () => number | null; maxAgeMs?: number; now?: () => number; start?: boolean } = {}) => {
  const s = store();
  bus = new MemoryEventBus();
  cache = sessionCache(s.loader, bus, options.link ?? (() => 0), { entries: 100, maxAgeMs: options.maxAgeMs ?? 60_000, ...(options.now ? { now: options.now } : {}) });
  if (options.start ?? true) await cache.start();
  return s;
};

describe('sessionCache', () => {
  it('reads an active session once, then serves it', async () => {
    const s = await setup();
    s.states.set('s1', active('s1'));
    expect((await cache!.read('s1')).status).toBe('Active');
    expect((await cache!.read('s1')).status).toBe('Active');
    expect(s.reads()).toBe(1);
  });

  it('drops a session at any event of it on the bus, and on a local commit', async () => {
    const s = await setup();
    s.states.set('s1', active('s1'));
    s.states.set('s2', active('s2'));
    await cache!.read('s1');
    await cache!.read('s2');
    s.states.set('s1', ended('s1'));
    await bus.publish(sessionEvent('s1'));
    await eventually(async () => (await cache!.read('s1')).status === 'Ended');
    expect(s.reads()).toBe(3);
    // s2 untouched by s1's event.
    expect((await cache!.read('s2')).status).toBe('Active');
    expect(s.reads()).toBe(3);
    s.states.set('s2', ended('s2'));
    cache!.forget([{ aggregateType: 'game_session', aggregateId: 's2' }]);
    expect((await cache!.read('s2')).status).toBe('Active');
    cache!.forget([{ aggregateType: 'session', aggregateId: 's2' }]);
    expect((await cache!.read('s2')).status).toBe('Ended');
  });

  it('keeps nothing while the bus link is down, and nothing read before an interruption', async () => {
    let link: number | null = null;
    const s = await setup({ link: () => link });
    s.states.set('s1', active('s1'));
    await cache!.read('s1');
    await cache!.read('s1');
    expect(s.reads()).toBe(2);
    link = 0;
    await cache!.read('s1');
    await cache!.read('s1');
    expect(s.reads()).toBe(3);
    // The link dropped and came back: invalidations may have been lost meanwhile.
    link = 1;
    await cache!.read('s1');
    expect(s.reads()).toBe(4);
    await cache!.read('s1');
    expect(s.reads()).toBe(4);
  });

  it('keeps nothing before its bus subscription is live, and never an ended session', async () => {
    const s = await setup({ start: false });
    s.states.set('s1', active('s1'));
    await cache!.read('s1');
    await cache!.read('s1');
    expect(s.reads()).toBe(2);
    await cache!.start();
    s.states.set('s2', ended('s2'));
    await cache!.read('s2');
    await cache!.read('s2');
    expect(s.reads()).toBe(4);
    expect(cache!.size()).toBe(0);
  });

  it('does not keep a read that overlapped an invalidation (it may predate the event)', async () => {
    const s = await setup();
    s.states.set('s1', active('s1'));
    const release = s.hold();
    const reading = cache!.read('s1');
    cache!.forget([{ aggregateType: 'session', aggregateId: 's1' }]);
    release();
    expect((await reading).status).toBe('Active');
    expect(cache!.size()).toBe(0);
  });

  it('trusts an entry for maxAgeMs at most', async () => {
    let clock = 0;
    const s = await setup({ maxAgeMs: 1_000, now: () => clock });
    s.states.set('s1', active('s1'));
    await cache!.read('s1');
    clock = 999;
    await cache!.read('s1');
    expect(s.reads()).toBe(1);
    clock = 1_000;
    await cache!.read('s1');
    expect(s.reads()).toBe(2);
  });
});
