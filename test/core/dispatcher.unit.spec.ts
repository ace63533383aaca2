import { describe, expect, it, vi } from 'vitest';
import { Dispatcher, type AggregateRegistration, type DispatchResult } from '../../src/core/commands/dispatcher.js';
import { ForbiddenError, RuleBrokenError, ValidationError } from '../../src/core/errors.js';
import { idempotencyMiddleware } from '../../src/core/commands/idempotency.js';
import { createRepository, repositoryRegistry } from '../../src/core/commands/repository.js';
import { createMemoryStorage } from '../../src/infrastructure/storage.js';
import { counter, type Add, type Added, type CounterState } from './counter.js';

const def = counter();

const setup = () => {
  const storage = createMemoryStorage({ prefix: 't:', partitions: 2 });
  const dispatcher = new Dispatcher({ conflictRetries: 5, repositoryFor: (d) => createRepository(d, 'event_sourced', storage, 0) });
  const registration: AggregateRegistration<Command, CounterState, Added, Add> = {
    commandType: 'Increment',
    aggregate: def,
    aggregateId: () => 'the-counter',
    prepare: ({ data }) => ({ type: 'Add', data: { amount: data.by } }),
    retryOnConflict: true,
  };
  dispatcher.register(registration);
  return { storage, dispatcher };
};
type Command = { type: 'Increment'; data: { by: number } };
const inc = (by: number): Command => ({ type: 'Increment', data: { by } });

describe('Dispatcher', () => {
  it('dispatches to the registered aggregate and reports id, version, events and time', async () => {
    const { dispatcher } = setup();
    const result = await dispatcher.dispatch(inc(2), { userId: 'u1' });
    expect(result).toMatchObject({ commandType: 'Increment', aggregateType: 'counter', aggregateId: 'the-counter', version: 1 });
    expect(result.events[0]).toMatchObject({ eventType: 'Added', data: { amount: 2 }, metadata: { causationId: result.commandId, userId: 'u1' } });
    expect(result.executionTimeMs).toBeGreaterThanOrEqual(0);
    expect(result.positions).toHaveLength(1);
  });

  it('an unknown command is a typed error', async () => {
    const { dispatcher } = setup();
    await expect(dispatcher.dispatch({ type: 'Nope', data: {} })).rejects.toBeInstanceOf(ValidationError);
  });

  it('register refuses duplicates; unregister removes a handler', async () => {
    const { dispatcher } = setup();
    expect(() => dispatcher.register({ commandType: 'Increment', aggregates: [], handle: async () => ({}) as never })).toThrow(/already registered/);
    expect(dispatcher.unregister('Increment')).toBe(true);
    await expect(dispatcher.dispatch(inc(1))).rejects.toBeInstanceOf(ValidationError);
  });

  it('runs middleware in order around the handler and committed hooks after it', async () => {
    const { dispatcher } = setup();
    const order: string[] = [];
    dispatcher.use(async (_c, next) => (order.push('a>'), await next().finally(() => order.push('<a'))));
    dispatcher.use(async (_c, next) => (order.push('b>'), await next().finally(() => order.push('<b'))));
    const committed = vi.fn();
    dispatcher.onCommitted(committed);
    await dispatcher.dispatch(inc(1));
    expect(order).toEqual(['a>', 'b>', '<b', '<a']);
    expect(committed).toHaveBeenCalledOnce();
  });

  it('authorize runs before prepare and can refuse', async () => {
    const { dispatcher } = setup();
    const prepare = vi.fn();
    dispatcher.register({ commandType: 'Secret', aggregate: def, aggregateId: () => 'x', authorize: () => { throw new ForbiddenError('no'); }, prepare });
    await expect(dispatcher.dispatch({ type: 'Secret', data: {} })).rejects.toBeInstanceOf(ForbiddenError);
    expect(prepare).not.toHaveBeenCalled();
  });

  it('concurrent commands allowed to retry all land (no lost update)', async () => {
    const { dispatcher } = setup();
    const results = await Promise.all(Array.from({ length: 6 }, () => dispatcher.dispatch(inc(1))));
    expect((await dispatcher.load(def, 'the-counter')).state.total).toBe(6);
    // They did collide: all six loaded version 0, so five lost their first append and retried.
    expect(results.reduce((sum, r) => sum + r.retries, 0)).toBeGreaterThanOrEqual(5);
  });

  it('workflows can drive several aggregates', async () => {
    const { dispatcher } = setup();
    dispatcher.register({
      commandType: 'Both',
      aggregates: [def],
      handle: async (_c, metadata, d) => {
        const a = await d.executeOn(def, 'a', { type: 'Add', data: { amount: 1 } }, metadata);
        await d.executeOn(def, 'b', { type: 'Add', data: { amount: 2 } }, metadata);
        return a;
      },
    });
    await dispatcher.dispatch({ type: 'Both', data: {} });
    expect((await dispatcher.load(def, 'b')).state.total).toBe(2);
  });
});

describe('idempotency middleware', () => {
  const withIdempotency = () => {
    const s = setup();
    s.dispatcher.use(idempotencyMiddleware(s.storage.idempotencyStore, 60));
    return s;
  };
  const key = (k: string, fingerprint = 'f1') => ({ userId: 'u1', idempotency: { key: k, fingerprint } });

  it('a retry with the same key returns the first result and does not run twice', async () => {
    const { dispatcher } = withIdempotency();
    const first = await dispatcher.dispatch(inc(5), key('k1'));
    const second = (await dispatcher.dispatch(inc(5), key('k1')));
    expect(second.replayed).toBe(true);
    expect(second.commandId).toBe(first.commandId);
    expect((await dispatcher.load(def, 'the-counter')).state.total).toBe(5);
  });

  it('the same key with different input is refused', async () => {
    const { dispatcher } = withIdempotency();
    await dispatcher.dispatch(inc(5), key('k2', 'f1'));
    await expect(dispatcher.dispatch(inc(6), key('k2', 'f2'))).rejects.toMatchObject({ fieldErrors: [{ field: 'idempotencyKey' }] });
  });

  it('keys are scoped per caller', async () => {
    const { dispatcher } = withIdempotency();
    await dispatcher.dispatch(inc(1), key('k3'));
    const other = (await dispatcher.dispatch(inc(1), { userId: 'u2', idempotency: { key: 'k3', fingerprint: 'f1' } }));
    expect(other.replayed).toBeUndefined();
    expect((await dispatcher.load(def, 'the-counter')).state.total).toBe(2);
  });

  it('a failed command releases its key so a retry really runs', async () => {
    const { dispatcher } = withIdempotency();
    await expect(dispatcher.dispatch(inc(-1), key('k4', 'neg'))).rejects.toBeInstanceOf(RuleBrokenError);
    await dispatcher.dispatch(inc(3), key('k4', 'pos'));
    const result: DispatchResult = await dispatcher.dispatch(inc(3), key('k4', 'pos'));
    expect((result).replayed).toBe(true);
    expect((await dispatcher.load(def, 'the-counter')).state.total).toBe(3);
  });
});

it('ids are UUIDv7 by default', () => {
  const dispatcher = new Dispatcher({ conflictRetries: 0, repositoryFor: () => { throw new Error('unused'); } });
  expect(dispatcher.metadata().commandId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
});

describe('command marks (idempotency keys recorded with the append)', () => {
  const marked = (cacheEntries = 0, retryOnConflict = true) => {
    const storage = createMemoryStorage({ prefix: 't:', partitions: 2 });
    const repositories = repositoryRegistry(storage, () => ({ storage: 'event_sourced', snapshotEvery: 0 }), cacheEntries);
    const dispatcher = new Dispatcher({ conflictRetries: 5, idempotencyTtlSeconds: 60, repositoryFor: repositories });
    dispatcher.register({
      commandType: 'Increment',
      aggregate: def,
      aggregateId: () => 'the-counter',
      prepare: ({ data }: Command) => ({ type: 'Add', data: { amount: data.by } }),
      retryOnConflict,
    } satisfies AggregateRegistration<Command, CounterState, Added, Add>);
    const withKey = (key: string, fingerprint = 'fp') => ({ userId: 'u1', idempotency: { key, fingerprint } });
    const total = async () => (await dispatcher.load(def, 'the-counter')).state.total;
    return { storage, dispatcher, withKey, total };
  };
  // No idempotency middleware here: what it would remember is gone (an expired pending claim after a lost reply).

  it('a command sent again answers its first result, even when deciding again would now be refused', async () => {
    for (const cacheEntries of [0, 10]) {
      const { dispatcher, withKey, total } = marked(cacheEntries);
      await dispatcher.dispatch(inc(1));
      const first = await dispatcher.dispatch(inc(-1), withKey('k1'));
      expect(await total()).toBe(0);
      // Deciding -1 on 0 would be refused (NEGATIVE): the mark answers instead.
      const again = await dispatcher.dispatch(inc(-1), withKey('k1'));
      expect(again).toMatchObject({ replayed: true, version: first.version, positions: first.positions });
      expect(again.events).toEqual(first.events);
      expect(await total()).toBe(0);
      // Another key is another command.
      await expect(dispatcher.dispatch(inc(-1), withKey('k2'))).rejects.toBeInstanceOf(RuleBrokenError);
      // Deciding again would succeed (a second +1): the append finds the mark and appends nothing.
      const plus = await dispatcher.dispatch(inc(1), withKey('k3'));
      expect(await dispatcher.dispatch(inc(1), withKey('k3'))).toMatchObject({ replayed: true, version: plus.version, events: plus.events });
      expect(await total()).toBe(1);
    }
  });

  it('attempts racing with one key: the appends of the others find the mark of the first (before their version check), nothing runs twice', async () => {
    // Not retried on conflict: without the append's own check the others would fail with a conflict.
    const { dispatcher, withKey, total } = marked(0, false);
    const results = await Promise.all(Array.from({ length: 4 }, () => dispatcher.dispatch(inc(1), withKey('race'))));
    expect(await total()).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.events[0]!.eventId)).size).toBe(1);
  });

  it('the same key with other input is refused; dry runs and commands without a key leave no mark', async () => {
    const { dispatcher, withKey, total } = marked();
    await dispatcher.dispatch(inc(1), withKey('k', 'fp-a'));
    await expect(dispatcher.dispatch(inc(2), withKey('k', 'fp-b'))).rejects.toBeInstanceOf(ValidationError);
    await dispatcher.dispatch(inc(5), { ...withKey('dry'), dryRun: true });
    expect((await dispatcher.dispatch(inc(5), withKey('dry'))).replayed).toBeUndefined();
    await dispatcher.dispatch(inc(1));
    await dispatcher.dispatch(inc(1));
    expect(await total()).toBe(8);
  });
});

it('a command answered from its mark is checked for durability like a remembered one', async () => {
  const storage = createMemoryStorage({ prefix: 't:', partitions: 2 });
  const dispatcher = new Dispatcher({ conflictRetries: 0, idempotencyTtlSeconds: 60, repositoryFor: (d) => createRepository(d, 'event_sourced', storage, 0) });
  dispatcher.register({ commandType: 'Increment', aggregate: def, aggregateId: () => 'c', prepare: ({ data }: Command) => ({ type: 'Add', data: { amount: data.by } }) });
  const durability = { confirm: vi.fn(async () => 'unconfirmed' as const) };
  dispatcher.use(idempotencyMiddleware(storage.idempotencyStore, 60, durability));
  const metadata = { userId: 'u1', idempotency: { key: 'k', fingerprint: 'fp' } };
  expect((await dispatcher.dispatch(inc(1), metadata)).unconfirmed).toBeUndefined();
  await storage.idempotencyStore.release('u1:Increment:k');
  const again = await dispatcher.dispatch(inc(1), metadata);
  expect(again).toMatchObject({ replayed: true, unconfirmed: true, version: 1 });
  expect(durability.confirm).toHaveBeenCalledOnce();
});
