import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/core/errors.js';
import type { EventEnvelope } from '../../src/core/messages.js';
import type { ReadDocument, ReadStore } from '../../src/core/ports.js';
import { createCausationProjection, causationTree, flatten, readCausationTree, type CausationEventView } from '../../src/ops/causation.js';
import { patch, projectionSpec, stream } from '../support/projectionSpec.js';

const ev = (id: string, causationId: string, eventType: string, ms: number, extra: Partial<CausationEventView> = {}): CausationEventView => ({
  id,
  correlationId: 'c1',
  causationId,
  commandType: null,
  commandCausationId: null,
  eventType,
  aggregateType: 'a',
  aggregateId: '1',
  version: 1,
  userId: null,
  at: new Date(ms).toISOString(),
  atMs: ms,
  ...extra,
});

describe('causationTree', () => {
  it('hangs commands under the events that caused them, in time order', () => {
    const events = [
      ev('e3', 'cmd2', 'Formed', 3000, { commandType: 'Form', commandCausationId: 'e1', userId: 'system' }),
      ev('e1', 'cmd1', 'Requested', 1000, { commandType: 'Request', userId: 'u1' }),
      ev('e2', 'cmd1', 'Queued', 1000, { commandType: 'Request', userId: 'u1' }),
      ev('e4', 'cmd3', 'Elsewhere', 4000, { commandType: 'Orphan', commandCausationId: 'not-in-this-correlation' }),
    ];
    const tree = causationTree('c1', events)!;
    expect(flatten(tree).map((n) => `${n.depth} ${n.kind} ${n.type} ${n.parentId ?? '-'}`)).toEqual([
      '0 CORRELATION c1 -',
      '1 COMMAND Request c1',
      '2 EVENT Requested cmd1',
      '3 COMMAND Form e1',
      '4 EVENT Formed cmd2',
      '2 EVENT Queued cmd1',
      '1 COMMAND Orphan c1',
      '2 EVENT Elsewhere cmd3',
    ]);
    expect(tree.children[0]).toMatchObject({ id: 'cmd1', at: new Date(1000).toISOString(), userId: 'u1' });
  });

  it('is null without events, and names commands of old events "unknown"', () => {
    expect(causationTree('c1', [])).toBeNull();
    expect(causationTree('c1', [ev('e1', 'cmd1', 'Old', 1)])!.children[0]).toMatchObject({ kind: 'COMMAND', type: 'unknown' });
  });
});

describe('causation projection', () => {
  const given = projectionSpec(createCausationProjection((type) => type !== 'session'));
  const at = Date.parse('2026-11-24T12:00:00.000Z');
  it('indexes a reference per event under its correlation id (no copy of the event), but not metrics samples', async () => {
    const game = stream('game_session', 'g1');
    await given()
      .when(game({ type: 'Anything', data: {} }, { aggregateVersion: 3, eventId: 'e9' }))
      .thenWrites(patch('causation', 'correlation-1', { 'game_session/g1/3': at }));
    await given().when(stream('system_metrics', 'node')({ type: 'MetricsSampleRecorded', data: {} })).thenNothing();
  });

  it('declares its collection unlisted: read only by id, no every-id sorted set', () => {
    expect(createCausationProjection(() => true).collections).toEqual([{ name: 'causation', listed: false }]);
  });

  it('keeps what the tree needs inline for aggregates without a stream to read back', async () => {
    await given()
      .when(stream('session', 's1')({ type: 'SessionStarted', data: {} }, { aggregateVersion: 1, eventId: 'e1' }))
      .thenWrites(patch('causation', 'correlation-1', { 'session/s1/1': [at, 'e1:1', 'SessionStarted', 'causation-1', null, null, null] }));
  });
});

describe('readCausationTree', () => {
  const envelope = (aggregateId: string, version: number, eventId: string, eventType: string, ms: number, metadata: Partial<EventEnvelope['metadata']>): EventEnvelope =>
    ({
      eventId, eventType, aggregateType: 'game_session', aggregateId, aggregateVersion: version, schemaVersion: 1, data: {},
      metadata: { correlationId: 'c1', causationId: 'cmd1', timestamp: new Date(ms).toISOString(), ...metadata }, createdAt: new Date(ms).toISOString(),
    }) as unknown as EventEnvelope;
  const stored = [
    envelope('g1', 1, 'e1', 'Created', 1000, { commandType: 'Create', userId: 'u1' }),
    envelope('g1', 2, 'e-other', 'OtherCorrelation', 1500, {}),
    envelope('g1', 3, 'e3', 'Placed', 2000, { causationId: 'cmd2', commandType: 'Place', commandCausationId: 'e1', userId: 'system' }),
  ];
  const readStore = (doc: ReadDocument | null): ReadStore => ({ get: async () => doc }) as unknown as ReadStore;
  const reads: unknown[] = [];
  const eventStore = {
    read: async (ref: { aggregateId: string }, options?: { fromVersion?: number; toVersion?: number }) => {
      reads.push({ ref, options });
      return stored.filter((e) => e.aggregateId === ref.aggregateId && e.aggregateVersion >= (options?.fromVersion ?? 1) && e.aggregateVersion <= (options?.toVersion ?? Infinity));
    },
  };

  it('reads the referenced events back from their streams (one read per aggregate) and builds the tree', async () => {
    reads.length = 0;
    const doc = { 'game_session/g1/3': 2000, 'game_session/g1/1': 1000, 'session/s1/1': [1200, 'es', 'SessionTouched', 'cmd1', 'Create', null, 'u1'], 'game_session/g9/4': 3000 };
    const tree = await readCausationTree(readStore(doc), eventStore, 'c1');
    expect(flatten(tree).map((n) => `${n.depth} ${n.kind} ${n.type} ${n.parentId ?? '-'}`)).toEqual([
      '0 CORRELATION c1 -',
      '1 COMMAND Create c1',
      '2 EVENT Created cmd1',
      '3 COMMAND Place e1',
      '4 EVENT Placed cmd2',
      '2 EVENT SessionTouched cmd1',
      // Compacted away (or never stored): still a node, of unknown type.
      '1 COMMAND unknown c1',
      '2 EVENT unknown unknown:game_session/g9/4',
    ]);
    expect(flatten(tree).find((n) => n.id === 'e3')).toMatchObject({ aggregateType: 'game_session', aggregateId: 'g1', version: 3, userId: 'system', at: new Date(2000).toISOString() });
    expect(reads).toContainEqual({ ref: { aggregateType: 'game_session', aggregateId: 'g1' }, options: { fromVersion: 1, toVersion: 3 } });
    expect(reads).toHaveLength(2);
  });

  it('says NOT_FOUND for an unknown correlation', async () => {
    await expect(readCausationTree(readStore(null), eventStore, 'none')).rejects.toBeInstanceOf(NotFoundError);
  });
});
