/** Dry runs in the dispatcher: decide on current state, answer as if committed, write nothing anywhere. */
import { describe, expect, it, vi } from 'vitest';
import { Dispatcher, type AggregateRegistration } from '../../src/core/commands/dispatcher.js';
import { idempotencyMiddleware } from '../../src/core/commands/idempotency.js';
import { createRepository } from '../../src/core/commands/repository.js';
import { ForbiddenError, RuleBrokenError, ValidationError } from '../../src/core/errors.js';
import { createMemoryStorage } from '../../src/infrastructure/storage.js';
import { counter, type Add, type Added, type CounterState } from './counter.js';

type Increment = { type: 'Increment'; data: { by: number } };
const inc = (by: number): Increment => ({ type: 'Increment', data: { by } });
const ref = { aggregateType: 'counter', aggregateId: 'c' };

const setup = () => {
  const storage = createMemoryStorage({ prefix: 'dry:', partitions: 2 });
  const dispatcher = new Dispatcher({ conflictRetries: 0, repositoryFor: (d) => createRepository(d, 'event_sourced', storage, 0) });
  const registration: AggregateRegistration<Increment, CounterState, Added, Add, CounterState> = {
    commandType: 'Increment',
    aggregate: counter(),
    aggregateId: () => 'c',
    authorize: (_c, metadata) => {
      if (metadata.userId === 'mallory') throw new ForbiddenError();
    },
    prepare: ({ data }) => ({ type: 'Add', data: { amount: data.by } }),
    output: (_prepared, committed) => committed.state,
  };
  dispatcher.register(registration, { commandType: 'Workflow', aggregates: [], handle: async () => ({}) as never });
  const committed = vi.fn();
  dispatcher.onCommitted(committed);
  const claims = { claim: vi.fn(), complete: vi.fn(), release: vi.fn() };
  dispatcher.use(idempotencyMiddleware(claims, 60));
  return { storage, dispatcher, committed, claims };
};

describe('a dry run', () => {
  it('answers with the events it would append and the resulting state, and appends nothing', async () => {
    const { storage, dispatcher, committed } = setup();
    await dispatcher.dispatch(inc(5));
    const dry = await dispatcher.dispatch(inc(3), { dryRun: true, userId: 'u1' });
    expect(dry).toMatchObject({ dryRun: true, version: 2, positions: [], output: { total: 8, applied: 2 } });
    expect(dry.events).toEqual([
      expect.objectContaining({ eventType: 'Added', aggregateType: 'counter', aggregateId: 'c', aggregateVersion: 2, data: { amount: 3 }, metadata: expect.objectContaining({ userId: 'u1', causationId: dry.commandId }) }),
    ]);
    expect(await storage.eventStore.lastVersion(ref)).toBe(1);
    // Committed hooks (live fan-out, counters) saw only the real command.
    expect(committed).toHaveBeenCalledOnce();
    // The real command afterwards decides on the unchanged state.
    expect((await dispatcher.dispatch(inc(3))).output).toEqual({ total: 8, applied: 2 });
  });

  it('refuses exactly what the real command refuses', async () => {
    const { dispatcher } = setup();
    await expect(dispatcher.dispatch(inc(-1), { dryRun: true })).rejects.toBeInstanceOf(RuleBrokenError);
    await expect(dispatcher.dispatch(inc(-1))).rejects.toBeInstanceOf(RuleBrokenError);
    await expect(dispatcher.dispatch(inc(1), { dryRun: true, userId: 'mallory' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('neither reads nor claims the idempotency key', async () => {
    const { dispatcher, claims } = setup();
    await dispatcher.dispatch(inc(1), { dryRun: true, idempotency: { key: 'k', fingerprint: 'f' } });
    expect(claims.claim).not.toHaveBeenCalled();
    expect(claims.complete).not.toHaveBeenCalled();
  });

  it('a command that decides nothing answers no events', async () => {
    const { dispatcher, storage } = setup();
    const dry = await dispatcher.dispatch(inc(0), { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, events: [], version: 0 });
    expect(await storage.eventStore.exists(ref)).toBe(false);
  });

  it('is refused for workflow registrations, which have no single decision to preview', async () => {
    const { dispatcher } = setup();
    await expect(dispatcher.dispatch({ type: 'Workflow', data: {} }, { dryRun: true })).rejects.toBeInstanceOf(ValidationError);
  });
});
