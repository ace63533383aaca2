/**
 * given / when / then for projections, pure and without Redis:
 *   const given = projectionSpec(gameProjection);
 *   given(game(created()), game(joined(alice))).when(game(placed(...))).thenDocument(GAME_SESSIONS, SESSION, { towers: [...] })
 *
 * The given events are folded the way the runtime does it: each event the projection `handles`
 * is projected against the view, and its writes are applied before the next event is projected.
 * The view is an in-memory read store with the projection's collections registered, so writes are
 * validated and indexes (unique, set, sorted) behave as they do in Redis.
 */
import { expect } from 'vitest';
import type { Event, EventEnvelope } from '../../src/core/messages.js';
import type { QueryCriteria, ReadDocument, ReadWrite } from '../../src/core/ports.js';
import { wants } from '../../src/core/projections/projection.js';
import type { Projection } from '../../src/core/projections/ports.js';
import { MemoryReadStore } from '../../src/infrastructure/memory/readStore.js';

/** An envelope whose aggregate version the spec may fill in (1, 2, … per stream, in order). */
export type DraftEnvelope = Omit<EventEnvelope, 'aggregateVersion'> & { readonly aggregateVersion?: number };

const FIXED_TIME = '2026-11-24T12:00:00.000Z';

/**
 * Envelopes for one stream: `const game = stream('game_session', 'game-1'); game(created())`.
 * Versions are assigned by the spec, so the same builder can be shared by every test.
 */
export const stream =
  (aggregateType: string, aggregateId: string) =>
  (event: Event, extra: Partial<Pick<EventEnvelope, 'aggregateVersion' | 'createdAt' | 'eventId' | 'position'>> = {}): DraftEnvelope => ({
    eventId: extra.eventId ?? `${aggregateType}:${aggregateId}:${event.type}`,
    eventType: event.type,
    schemaVersion: 1,
    aggregateType,
    aggregateId,
    data: event.data,
    metadata: { correlationId: 'correlation-1', causationId: 'causation-1', timestamp: extra.createdAt ?? FIXED_TIME },
    createdAt: extra.createdAt ?? FIXED_TIME,
    checksum: '00000000',
    ...(extra.aggregateVersion === undefined ? {} : { aggregateVersion: extra.aggregateVersion }),
    ...(extra.position === undefined ? {} : { position: extra.position }),
  });

/** Write builders, for thenWrites. */
export const put = (collection: string, id: string, doc: ReadDocument): ReadWrite => ({ op: 'put', collection, id, doc });
export const patch = (collection: string, id: string, fields: ReadDocument): ReadWrite => ({ op: 'patch', collection, id, fields });
export const remove = (collection: string, id: string): ReadWrite => ({ op: 'delete', collection, id });

const numbered = (drafts: readonly DraftEnvelope[]): EventEnvelope[] => {
  const versions = new Map<string, number>();
  return drafts.map((d) => {
    const streamKey = `${d.aggregateType}/${d.aggregateId}`;
    const version = d.aggregateVersion ?? (versions.get(streamKey) ?? 0) + 1;
    versions.set(streamKey, version);
    return { ...d, aggregateVersion: version, eventId: `${d.eventId}:${version}` };
  });
};

export const projectionSpec =
  (projection: Projection) =>
  (...given: DraftEnvelope[]) => ({
    when: (event: DraftEnvelope) => {
      // Run once per assertion chain; each `then…` starts from a fresh store.
      const run = async () => {
        const store = new MemoryReadStore();
        await store.register(projection.name, projection.collections);
        const view = store.at(projection.name, null);
        const apply = async (envelope: EventEnvelope): Promise<readonly ReadWrite[]> => {
          // The runtime only hands a projection the event types it declares.
          if (!wants(projection.handles, envelope.eventType)) return [];
          const writes = await projection.project(envelope, view);
          await store.writeTo(projection.name, writes);
          return writes;
        };
        const envelopes = numbered([...given, event]);
        const last = envelopes.pop() as EventEnvelope;
        for (const e of envelopes) await apply(e);
        const writes = await apply(last);
        return { writes, view };
      };
      return {
        /** Exactly these writes, in order (asymmetric matchers such as expect.objectContaining allowed). */
        thenWrites: async (...expected: ReadWrite[]) => {
          if (expected.length === 0) throw new Error('thenWrites() needs the expected writes; use thenNothing() for none');
          expect((await run()).writes).toEqual(expected);
        },
        /** For writes carrying computed data: assert on them with a callback. */
        thenMatches: async (check: (writes: readonly ReadWrite[]) => void) => check((await run()).writes),
        /** The event is projected to no writes at all. */
        thenNothing: async () => expect((await run()).writes, 'the projection should have written nothing').toEqual([]),
        /**
         * The document after the when event: matched partially (toMatchObject), or checked by a
         * callback (e.g. for "this map is now empty", which a partial match cannot say); `null` =
         * it must not exist.
         */
        thenDocument: async (collection: string, id: string, expected: ReadDocument | null | ((doc: ReadDocument) => void)) => {
          const doc = await (await run()).view.get(collection, id);
          if (expected === null) return expect(doc, `${collection}/${id} should not exist`).toBeNull();
          expect(doc, `${collection}/${id} should exist`).not.toBeNull();
          if (typeof expected === 'function') expected(doc as ReadDocument);
          else expect(doc, `${collection}/${id}`).toMatchObject(expected);
        },
        /** What a query over the projection's indexes returns afterwards: the `idField` of each item, in order. */
        thenQuery: async (collection: string, criteria: QueryCriteria, expectedIds: readonly string[], idField = 'id') => {
          const page = await (await run()).view.query<ReadDocument>(collection, { first: 100, ...criteria });
          expect(page.items.map((d) => d[idField])).toEqual(expectedIds);
        },
      };
    },
  });
