import { describe, expect, it } from 'vitest';
import { causationProjection, causationTree, flatten, type CausationEventView } from '../../src/ops/causation.js';
import { projectionSpec, put, stream } from '../support/projectionSpec.js';

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
  const given = projectionSpec(causationProjection);
  it('indexes every event by correlation id, but not metrics samples', async () => {
    const game = stream('game_session', 'g1');
    await given().when(game({ type: 'Anything', data: {} }, { aggregateVersion: 3, eventId: 'e9' })).thenWrites(
      put('causation_events', 'e9:3', {
        id: 'e9:3', correlationId: 'correlation-1', causationId: 'causation-1', commandType: null, commandCausationId: null, eventType: 'Anything',
        aggregateType: 'game_session', aggregateId: 'g1', version: 3, userId: null, at: '2026-11-24T12:00:00.000Z', atMs: Date.parse('2026-11-24T12:00:00.000Z'),
      }),
    );
    await given().when(stream('system_metrics', 'node')({ type: 'MetricsSampleRecorded', data: {} })).thenNothing();
  });
});
