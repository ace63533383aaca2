/**
 * ProjectionManager behaviour, run against the in-memory runtime (unit) and the Redis one (int).
 * Events are appended through a real EventStore, so they travel the partition logs as in production.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeoutError, ValidationError } from '../../src/core/errors.js';
import type { EventEnvelope, NewEvent } from '../../src/core/messages.js';
import type { ManagedReadStore, Projection, ProjectionRuntime, ProjectionState } from '../../src/core/projections/ports.js';
import { ProjectionManager, type ProjectionManagerOptions } from '../../src/core/projections/manager.js';
import { partitionOf } from '../../src/core/partition.js';
import { deadLetterId } from '../../src/core/projections/deadLetters.js';
import type { AppendResult, EventStore } from '../../src/core/ports.js';

export interface ProjectionEnv {
  readonly eventStore: EventStore;
  readonly store: ManagedReadStore;
  readonly partitions: number;
  /** A runtime for one worker (Redis: its own connections). */
  runtime(): ProjectionRuntime;
}

export const managerOptions = (runtime: ProjectionRuntime, overrides: Partial<ProjectionManagerOptions> = {}): ProjectionManagerOptions => ({
  runtime,
  consumer: `w-${randomUUID().slice(0, 8)}`,
  batchSize: 10,
  retry: { strategy: 'fixed', baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 },
  claimIdleMs: 300,
  blockMs: 50,
  ...overrides,
});

export const newEvent = (type: string, data: object): NewEvent => {
  const now = new Date().toISOString();
  return { eventId: randomUUID(), type, data, schemaVersion: 1, metadata: { correlationId: 'c', causationId: 'c', timestamp: now }, createdAt: now };
};

export const append = (env: ProjectionEnv, aggregateId: string, ...events: NewEvent[]): Promise<AppendResult> =>
  env.eventStore.append({ aggregateType: 'counter', aggregateId }, events, { expectedVersion: 'any' });

export const tokens = (env: ProjectionEnv, aggregateId: string, result: AppendResult): string[] => {
  const partition = partitionFor(env, aggregateId);
  return result.positions.map((p) => `${partition}:${p}`);
};

const partitionFor = (env: ProjectionEnv, aggregateId: string) => partitionOf('counter', aggregateId, env.partitions);

/** Counts how often each event was applied: any count above 1 is a double application. */
export const countingProjection = (
  name: string,
  options: { version?: number; cure?: { healed: boolean }; slow?: (e: EventEnvelope) => Promise<void>; listed?: boolean } = {},
): Projection => ({
  name,
  version: options.version ?? 1,
  collections: [{ name: `${name}_apps`, indexes: [{ name: 'aggregate', kind: 'set', field: 'aggregateId' }], ...(options.listed === undefined ? {} : { listed: options.listed }) }],
  handles: ['Ticked', 'Poison'],
  async project(event, view) {
    if (event.eventType === 'Poison' && !options.cure?.healed) throw new Error('cannot project this');
    await options.slow?.(event);
    const seen = await view.get<{ count: number }>(`${name}_apps`, event.eventId);
    return [{ op: 'put', collection: `${name}_apps`, id: event.eventId, doc: { id: event.eventId, aggregateId: event.aggregateId, count: (seen?.count ?? 0) + 1 } }];
  },
});

/** The projection, with its collections owned by the env's (API-side) read store, as the server wires it. */
export const counting = (env: ProjectionEnv, name: string, options: Parameters<typeof countingProjection>[1] = {}): Projection => {
  const projection = countingProjection(name, options);
  env.store.own(projection.name, projection.collections);
  return projection;
};

export const counts = async (env: ProjectionEnv, collection: string): Promise<number[]> => {
  const out: number[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Awaited<ReturnType<typeof env.store.query<{ count: number }>>> = await env.store.query<{ count: number }>(collection, { first: 200, after });
    out.push(...page.items.map((d) => d.count));
    if (!page.hasNextPage) return out;
    after = page.endCursor;
  }
};

export const eventually = async (check: () => Promise<boolean> | boolean, timeoutMs = 8000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

export function projectionManagerContract(label: string, setup: () => ProjectionEnv): void {
  describe(`ProjectionManager (${label})`, () => {
    const managers: ProjectionManager[] = [];
    const start = async (projections: Projection[], overrides: Partial<ProjectionManagerOptions> = {}, env = setup()) => {
      const manager = new ProjectionManager(managerOptions(env.runtime(), overrides)).register(...projections);
      managers.push(manager);
      await manager.start();
      return manager;
    };
    afterEach(async () => {
      await Promise.all(managers.splice(0).map((m) => m.stop()));
    });

    it('projects, walks stopped → catching_up → running, and serves read-your-writes', async () => {
      const env = setup();
      const name = `p${randomUUID().slice(0, 6)}`;
      const manager = new ProjectionManager(managerOptions(env.runtime())).register(counting(env, name));
      managers.push(manager);
      const states: ProjectionState[] = [];
      manager.onStatusChange((c) => states.push(c.state));
      for (let i = 0; i < 25; i++) await append(env, `a${i % 5}`, newEvent('Ticked', { n: i }), newEvent('Ignored', {}));
      await manager.start();
      const written = await append(env, 'late', newEvent('Ticked', { n: 99 }));
      await manager.waitForPosition(tokens(env, 'late', written), 5000);
      expect(await env.store.get(`${name}_apps`, written.envelopes[0]!.eventId)).toMatchObject({ count: 1 });
      await eventually(() => manager.states()[0]!.state === 'running');
      expect(states.slice(0, 2)).toEqual(['catching_up', 'running']);
      const [status] = await manager.status();
      expect(status).toMatchObject({ name, state: 'running', processedEvents: 51, deadLetters: 0, lag: { events: 0, ms: 0 }, rebuild: null });
      expect((await counts(env, `${name}_apps`)).every((c) => c === 1)).toBe(true);
      await manager.stop();
      expect(manager.states()[0]!.state).toBe('stopped');
    });

    it('applies every event once when project() reads twice at once (each read flushes the batch so far)', async () => {
      const env = setup();
      const name = `p${randomUUID().slice(0, 6)}`;
      const plain = counting(env, name);
      // The same counting projection, but each event first reads two documents concurrently.
      const concurrentReads: Projection = {
        ...plain,
        async project(event, view) {
          await Promise.all([view.get(`${name}_apps`, event.eventId), view.get(`${name}_apps`, `${event.eventId}-other`)]);
          return plain.project(event, view);
        },
      };
      const manager = await start([concurrentReads], { batchSize: 50 }, env);
      // Many events per aggregate in one append: one batch holds several events to flush before each read.
      let last: AppendResult | null = null;
      for (let i = 0; i < 8; i++) last = await append(env, `a${i % 2}`, ...Array.from({ length: 10 }, (_, n) => newEvent('Ticked', { n })));
      await manager.waitForPosition(tokens(env, 'a1', last!), 5000);
      await eventually(async () => (await counts(env, `${name}_apps`)).length === 80);
      expect((await counts(env, `${name}_apps`)).every((c) => c === 1)).toBe(true);
      const [status] = await manager.status();
      expect(status).toMatchObject({ deadLetters: 0, failedEvents: 0 });
    });

    it('times out read-your-writes with TimeoutError when projections are not running', async () => {
      const env = setup();
      const manager = new ProjectionManager(managerOptions(env.runtime())).register(counting(env, `p${randomUUID().slice(0, 6)}`));
      const written = await append(env, 'x', newEvent('Ticked', { n: 1 }));
      await expect(manager.waitForPosition(tokens(env, 'x', written), 100)).rejects.toBeInstanceOf(TimeoutError);
    });

    it('dead-letters a poison event after maxAttempts while later events still project', async () => {
      const env = setup();
      const name = `p${randomUUID().slice(0, 6)}`;
      const manager = await start([counting(env, name)], {}, env);
      await append(env, 'same', newEvent('Ticked', { n: 1 }), newEvent('Poison', {}), newEvent('Ticked', { n: 2 }));
      const last = await append(env, 'other', newEvent('Ticked', { n: 3 }));
      await manager.waitForPosition(tokens(env, 'other', last), 5000);
      await eventually(async () => (await counts(env, `${name}_apps`)).length === 3);
      const [letter] = await manager.deadLetters(name);
      expect(letter).toMatchObject({ projection: name, attempts: 3, error: 'Error: cannot project this', entry: { event: { eventType: 'Poison', aggregateId: 'same' } } });
      const [status] = await manager.status();
      expect(status).toMatchObject({ deadLetters: 1, failedEvents: 3, lag: { events: 0 } });
    });

    it('retries dead letters after a fix, and skips them on demand', async () => {
      const env = setup();
      const name = `p${randomUUID().slice(0, 6)}`;
      const cure = { healed: false };
      const manager = await start([counting(env, name, { cure })], {}, env);
      const written = tokens(env, 'dl', await append(env, 'dl', newEvent('Poison', {}), newEvent('Poison', {})));
      await manager.waitForPosition(written, 5000);
      expect((await manager.status())[0]!.deadLetters).toBe(2);
      cure.healed = true;
      expect(await manager.retryDeadLetters(name)).toBe(2);
      expect(await counts(env, `${name}_apps`)).toEqual([1, 1]);
      cure.healed = false;
      await manager.waitForPosition(tokens(env, 'dl', await append(env, 'dl', newEvent('Poison', {}))), 5000);
      expect(await manager.skipDeadLetters(name)).toBe(1);
      expect(await manager.deadLetters(name)).toEqual([]);
    });

    it('retries and skips chosen dead letters by id, leaving the others', async () => {
      const env = setup();
      const name = `p${randomUUID().slice(0, 6)}`;
      const cure = { healed: false };
      const manager = await start([counting(env, name, { cure })], {}, env);
      await manager.waitForPosition(tokens(env, 'ids', await append(env, 'ids', newEvent('Poison', {}), newEvent('Poison', {}), newEvent('Poison', {}))), 5000);
      const letters = await manager.deadLetters(name);
      expect(letters).toHaveLength(3);
      const [newest, middle, oldest] = letters.map(deadLetterId);
      expect(new Set([newest, middle, oldest]).size).toBe(3);
      expect(oldest).toBe(`${name}:1:${letters[2]!.entry.partition}:${letters[2]!.entry.position}`);
      cure.healed = true;
      expect(await manager.retryDeadLetters(name, [oldest!, 'unknown:1:0:1-0'])).toBe(1);
      expect(await counts(env, `${name}_apps`)).toEqual([1]);
      expect((await manager.deadLetters(name)).map(deadLetterId)).toEqual([newest, middle]);
      expect(await manager.skipDeadLetters(name, [middle!])).toBe(1);
      expect(await manager.skipDeadLetters(name, [middle!])).toBe(0);
      expect((await manager.deadLetters(name)).map(deadLetterId)).toEqual([newest]);
      cure.healed = false;
      expect(await manager.retryDeadLetters(name, [newest!])).toBe(0);
      const [kept] = await manager.deadLetters(name);
      expect(kept).toMatchObject({ attempts: 4 });
      expect(deadLetterId(kept!)).toBe(newest);
    });

    it('shares partitions between two workers, each event applied once', async () => {
      const env = setup();
      const name = `p${randomUUID().slice(0, 6)}`;
      const a = await start([counting(env, name)], {}, env);
      const b = await start([counting(env, name)], {}, env);
      // A took every partition before B existed; it hands half over on its next round.
      const held = () => [a.states()[0]!.partitions, b.states()[0]!.partitions];
      await eventually(() => held().every((p) => p.length > 0) && new Set(held().flat()).size === env.partitions);
      expect(held().flat()).toHaveLength(env.partitions); // no partition held twice
      const written: string[] = [];
      for (let i = 0; i < 60; i++) written.push(...tokens(env, `agg${i % 12}`, await append(env, `agg${i % 12}`, newEvent('Ticked', { n: i }))));
      await a.waitForPosition(written, 8000);
      await eventually(async () => (await counts(env, `${name}_apps`)).length === 60);
      expect((await counts(env, `${name}_apps`)).every((c) => c === 1)).toBe(true);
      const [sa] = await a.status();
      const [sb] = await b.status();
      expect(sa!.processedEvents + sb!.processedEvents).toBe(60);
      expect(sa!.processedEvents).toBeGreaterThan(0);
      expect(sb!.processedEvents).toBeGreaterThan(0);
    });

    it('rebuilds into a new generation while queries keep seeing the complete old one', async () => {
      const env = setup();
      const name = `p${randomUUID().slice(0, 6)}`;
      const slow = async () => new Promise<void>((r) => setTimeout(r, 1));
      const manager = await start([counting(env, name, { slow })], {}, env);
      const written: string[] = [];
      for (let i = 0; i < 40; i++) written.push(...tokens(env, `r${i % 8}`, await append(env, `r${i % 8}`, newEvent('Ticked', { n: i }))));
      await manager.waitForPosition(written, 8000);
      const before = await manager.status();
      const seen = new Set<number>();
      let querying = true;
      const queries = (async () => {
        while (querying) {
          seen.add((await env.store.query(`${name}_apps`, { first: 1 })).totalCount);
          await new Promise((r) => setImmediate(r)); // the in-memory store never yields to timers by itself
        }
      })();
      await manager.rebuild(name);
      expect((await manager.status())[0]!.state).toBe('rebuilding');
      await eventually(async () => (await manager.status())[0]!.generation > before[0]!.generation);
      querying = false;
      await queries;
      expect([...seen]).toEqual([40]);
      expect((await counts(env, `${name}_apps`)).every((c) => c === 1)).toBe(true);
      // The retired generation is deleted in the background.
      const old = env.store.at(name, before[0]!.generation);
      await eventually(async () => (await old.query(`${name}_apps`)).totalCount === 0);
      await eventually(() => manager.states()[0]!.state === 'running');
    });

    it('rebuilds on a version bump at start, keeping the old generation until the swap', async () => {
      const env = setup();
      const name = `p${randomUUID().slice(0, 6)}`;
      const v1 = await start([counting(env, name)], {}, env);
      const last = await append(env, 'v', newEvent('Ticked', { n: 1 }), newEvent('Ticked', { n: 2 }));
      await v1.waitForPosition(tokens(env, 'v', last), 5000);
      await v1.stop();
      const v2 = await start([counting(env, name, { version: 2 })], {}, env);
      await eventually(async () => (await v2.status())[0]!.generation === 2 && (await v2.status())[0]!.rebuild === null);
      expect(await counts(env, `${name}_apps`)).toEqual([1, 1]);
    });

    it('projects into an unlisted collection, and lists it again after a rebuild that asks for it', async () => {
      const env = setup();
      const name = `p${randomUUID().slice(0, 6)}`;
      const collection = `${name}_apps`;
      const v1 = await start([counting(env, name, { listed: false })], {}, env);
      const first = await append(env, 'u', newEvent('Ticked', { n: 1 }), newEvent('Ticked', { n: 2 }));
      await v1.waitForPosition(tokens(env, 'u', first), 5000);
      await expect(env.store.query(collection)).rejects.toBeInstanceOf(ValidationError);
      expect((await env.store.query<{ count: number }>(collection, { where: { aggregateId: 'u' } })).items.map((d) => d.count)).toEqual([1, 1]);
      await v1.stop();
      const v2 = await start([counting(env, name, { version: 2, listed: true })], {}, env);
      await eventually(async () => (await v2.status())[0]!.generation === 2 && (await v2.status())[0]!.rebuild === null);
      expect(await counts(env, collection)).toEqual([1, 1]);
    });
  });
}
