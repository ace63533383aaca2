/**
 * Dead letters over GraphQL (operators only): the list across projections, retry and skip (each a
 * command recorded in the maintenance history), and a live feed of new letters.
 *
 * The feed looks at the lists (like `projectionStatuses`): letters are written by whichever worker
 * process meets the poison event, and the lists in Redis are what every API node shares. A retry
 * that fails again puts the letter back with one more attempt, which the feed reports again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { builder } from '../graphql/builder.js';
import { mutate } from '../graphql/commands.js';
import { pageSize } from '../graphql/connections.js';
import type { Context } from '../graphql/context.js';
import { commandErrors } from '../graphql/errors.js';
import { closable } from '../graphql/subscriptions.js';
import { DomainEventRef } from '../graphql/system.js';
import { ValidationError } from '../core/errors.js';
import { opsCommands, type DeadLetterRun } from './commands.js';
import { allDeadLetters, deadLetterPage, type DeadLetterOutcome, type DeadLetterView } from './deadLetters.js';

const admin = { admin: true } as const;

export const DeadLetterRef = builder.objectRef<DeadLetterView>('DeadLetter').implement({
  description: 'An event a projection (or process manager) gave up on after its retries: it no longer blocks the partition.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable while the letter exists: "<projection>:<generation>:<partition>:<position>".' }),
    projection: t.exposeString('projection'),
    generation: t.exposeInt('generation', { description: 'The read-model generation that was being written.' }),
    partition: t.int({ resolve: (l) => l.entry.partition }),
    position: t.string({ description: 'Where the entry sits in its partition log.', resolve: (l) => l.entry.position }),
    failure: t.string({ description: 'The last error.', resolve: (l) => l.error }),
    attempts: t.exposeInt('attempts', { description: 'Attempts made (0: the stored event could not even be decoded).' }),
    at: t.field({ type: 'DateTime', description: 'When it was (last) dead-lettered.', resolve: (l) => l.at }),
    undecodable: t.boolean({ description: 'The stored event could not be read: `event` holds only what the log entry says.', resolve: (l) => l.entry.undecodable !== undefined }),
    event: t.field({ type: DomainEventRef, resolve: (l) => l.entry.event }),
  }),
});

const DeadLetterOutcomeRef = builder.objectRef<DeadLetterOutcome>('DeadLetterOutcome').implement({
  fields: (t) => ({
    projection: t.exposeString('projection'),
    done: t.exposeInt('done', { description: 'Retried successfully, or skipped.' }),
    stillFailing: t.exposeInt('stillFailing', { description: 'Retries that failed again (kept, one more attempt counted).' }),
  }),
});

builder.queryFields((t) => ({
  deadLetters: t.connection(
    {
      type: DeadLetterRef,
      authScopes: admin,
      description: 'Dead letters of every projection (or of one), newest first.',
      args: { projection: t.arg.string({ required: false }) },
      resolve: async (_r, args, ctx) => {
        if (args.last !== null && args.last !== undefined) throw ValidationError.field('last', 'Only forward pagination (first/after) is supported');
        if (args.before) throw ValidationError.field('before', 'Only forward pagination (first/after) is supported');
        const page = await deadLetterPage(ctx.services.projections, { projection: args.projection ?? null, first: pageSize(args.first), after: args.after ?? null });
        return {
          edges: page.items.map((node, i) => ({ node, cursor: page.cursors[i]! })),
          pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: false, startCursor: page.cursors[0] ?? null, endCursor: page.endCursor },
          totalCount: page.totalCount,
        };
      },
    },
    { name: 'DeadLetterConnection', fields: (c) => ({ totalCount: c.int({ resolve: (conn) => (conn as unknown as { totalCount: number }).totalCount }) }) },
  ),
}));

builder.subscriptionFields((t) => ({
  deadLetterAdded: t.field({
    type: DeadLetterRef,
    authScopes: admin,
    description: 'Each dead letter written after the subscription started (again after a retry that failed), oldest first.',
    args: { intervalMs: t.arg.int({ required: false, description: 'How often to look (200–60000, default 1000).' }) },
    subscribe: (_r, { intervalMs }, ctx) => watchDeadLetters(ctx, Math.min(60_000, Math.max(200, intervalMs ?? 1000))),
    resolve: (letter) => letter,
  }),
}));

function watchDeadLetters(ctx: Context, intervalMs: number): AsyncGenerator<DeadLetterView> {
  const stop = new AbortController();
  const seen = new Set<string>();
  const key = (l: DeadLetterView) => `${l.id}@${l.attempts}@${l.at}`;
  const poll = async function* () {
    for (const letter of await allDeadLetters(ctx.services.projections, null)) seen.add(key(letter));
    while (!stop.signal.aborted) {
      await sleep(intervalMs, undefined, { signal: stop.signal }).catch(() => undefined);
      if (stop.signal.aborted) return;
      const letters = await allDeadLetters(ctx.services.projections, null);
      const current = new Set(letters.map(key));
      for (const letter of letters.reverse()) {
        if (seen.has(key(letter))) continue;
        seen.add(key(letter));
        yield letter;
      }
      for (const k of seen) if (!current.has(k)) seen.delete(k); // retried or skipped: forget them
    }
  };
  return closable(() => stop.abort(), poll());
}

// ── mutations ─────────────────────────────────────────────────────────────────────────────────
const payload = (name: string) => ({ types: commandErrors, directResult: true as const, union: { name: `${name}Payload` } });

const RetryDeadLettersInput = builder.inputType('RetryDeadLettersInput', {
  fields: (t) => ({
    ids: t.idList({ required: false, description: 'These letters; without ids, every letter of `projection` (of every projection when it is absent too).' }),
    projection: t.string({ required: false }),
    idempotencyKey: t.string({ required: false }),
  }),
});
const SkipDeadLettersInput = builder.inputType('SkipDeadLettersInput', {
  fields: (t) => ({ ids: t.idList({ required: true }), idempotencyKey: t.string({ required: false }) }),
});
const runFields = (name: string, description: string) =>
  builder.objectRef<DeadLetterRun>(name).implement({
    description,
    fields: (t) => ({
      runId: t.exposeID('runId', { description: 'The maintenance run that records it (maintenanceRuns).' }),
      outcomes: t.field({ type: [DeadLetterOutcomeRef], resolve: (r) => [...r.outcomes] }),
      total: t.int({ description: 'Retried successfully, or skipped, over all projections.', resolve: (r) => r.outcomes.reduce((n, o) => n + o.done, 0) }),
    }),
  });
const RetryDeadLettersSuccess = runFields('RetryDeadLettersSuccess', 'Letters projected again onto the active read models, out of partition order.');
const SkipDeadLettersSuccess = runFields('SkipDeadLettersSuccess', 'Letters dropped for good.');

builder.mutationFields((t) => ({
  retryDeadLetters: t.field({
    type: RetryDeadLettersSuccess,
    errors: payload('RetryDeadLetters'),
    args: { input: t.arg({ type: RetryDeadLettersInput, required: true }) },
    resolve: async (_r, { input }, ctx) =>
      (await mutate(ctx, opsCommands.retryDeadLetters, { ids: input.ids?.map(String) ?? null, projection: input.projection ?? null }, { idempotencyKey: input.idempotencyKey, settle: false })).output,
  }),
  skipDeadLetters: t.field({
    type: SkipDeadLettersSuccess,
    errors: payload('SkipDeadLetters'),
    args: { input: t.arg({ type: SkipDeadLettersInput, required: true }) },
    resolve: async (_r, { input }, ctx) => (await mutate(ctx, opsCommands.skipDeadLetters, { ids: input.ids.map(String) }, { idempotencyKey: input.idempotencyKey, settle: false })).output,
  }),
}));
