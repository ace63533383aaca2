/**
 * The live event bus contract: `publisher` and `subscriber` are two bus instances (two nodes) on
 * the same transport — for Redis, on different connections; in memory, the same instance.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus } from '../../src/core/projections/ports.js';
import type { EventEnvelope } from '../../src/core/messages.js';

export interface BusPair {
  readonly publisher: EventBus;
  readonly subscriber: EventBus;
}

let version = 0;
export const envelope = (eventType: string, aggregateType: string, aggregateId: string): EventEnvelope => {
  const now = new Date().toISOString();
  return {
    eventId: randomUUID(),
    eventType,
    schemaVersion: 1,
    aggregateType,
    aggregateId,
    aggregateVersion: ++version,
    data: { at: version },
    metadata: { correlationId: 'c', causationId: 'c', timestamp: now },
    createdAt: now,
    checksum: '0',
  };
};

const until = async (check: () => boolean, timeoutMs = 3000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

export function eventBusContract(label: string, create: () => Promise<BusPair>): void {
  describe(`EventBus contract (${label})`, () => {
    const open: BusPair[] = [];
    const pair = async () => {
      const p = await create();
      open.push(p);
      return p;
    };
    afterEach(async () => {
      for (const p of open.splice(0)) await Promise.all([p.publisher.close(), p.subscriber.close()]);
    });

    it('routes by event type, aggregate type, aggregate and to all', async () => {
      const { publisher, subscriber } = await pair();
      const got: Record<string, string[]> = { all: [], type: [], kind: [], one: [] };
      const id = randomUUID();
      await subscriber.subscribe('all', (e) => void got.all!.push(e.eventType));
      await subscriber.subscribe({ eventTypes: ['TowerPlaced', 'WaveStarted'] }, (e) => void got.type!.push(e.eventType));
      await subscriber.subscribe({ aggregateType: 'game_session' }, (e) => void got.kind!.push(e.eventType));
      await subscriber.subscribe({ aggregateType: 'game_session', aggregateId: id }, (e) => void got.one!.push(e.eventType));
      await publisher.publish(envelope('TowerPlaced', 'game_session', id));
      await publisher.publish(envelope('PlayerJoined', 'game_session', randomUUID()));
      await publisher.publish(envelope('WaveStarted', 'other', id));
      await until(() => got.all!.length === 3 && got.type!.length === 2);
      await new Promise((r) => setTimeout(r, 30)); // nothing extra arrives late
      expect(got).toEqual({
        all: ['TowerPlaced', 'PlayerJoined', 'WaveStarted'],
        type: ['TowerPlaced', 'WaveStarted'],
        kind: ['TowerPlaced', 'PlayerJoined'],
        one: ['TowerPlaced'],
      });
    });

    it('publishes a batch in order, and stops delivering after unsubscribe', async () => {
      const { publisher, subscriber } = await pair();
      const id = randomUUID();
      const got: number[] = [];
      const unsubscribe = await subscriber.subscribe({ aggregateType: 'match', aggregateId: id }, (e) => void got.push(e.aggregateVersion));
      const batch = Array.from({ length: 5 }, () => envelope('MatchRequested', 'match', id));
      await publisher.publishBatch(batch);
      await until(() => got.length === 5);
      expect(got).toEqual(batch.map((e) => e.aggregateVersion));
      await unsubscribe();
      await publisher.publish(envelope('MatchRequested', 'match', id));
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toHaveLength(5);
      expect(publisher.metrics().published).toBeGreaterThanOrEqual(6);
    });

    it('counts processed and failed deliveries per handler kind, with latency', async () => {
      const { publisher, subscriber } = await pair();
      const type = `Metered${randomUUID().slice(0, 6)}`;
      await subscriber.subscribe({ eventTypes: [type] }, { name: 'mailer', kind: 'notification', handle: async () => undefined });
      await subscriber.subscribe({ eventTypes: [type] }, { name: 'matchmaker', kind: 'saga', handles: [type], handle: () => Promise.reject(new Error('boom')) });
      await publisher.publishBatch([envelope(type, 'x', '1'), envelope(type, 'x', '2')]);
      await until(() => subscriber.metrics().processed + subscriber.metrics().failed >= 4);
      const m = subscriber.metrics();
      expect(m.byKind.notification).toEqual({ processed: 2, failed: 0 });
      expect(m.byKind.saga).toEqual({ processed: 0, failed: 2 });
      expect(m.latency.count).toBeGreaterThanOrEqual(4);
      expect(m.deliveryLag.count).toBeGreaterThanOrEqual(4);
    });

    it('streams events to an async iterator once ready, and ends it on return() or close()', async () => {
      const { publisher, subscriber } = await pair();
      const id = randomUUID();
      const stream = subscriber.asyncIterator({ aggregateType: 'game_session', aggregateId: id });
      await stream.ready;
      const sent = [envelope('A', 'game_session', id), envelope('B', 'game_session', id)];
      await publisher.publishBatch(sent);
      const first = await stream.next();
      const second = await stream.next();
      expect([first.value?.eventId, second.value?.eventId]).toEqual(sent.map((e) => e.eventId));
      expect(await stream.return()).toEqual({ value: undefined, done: true });
      expect(await stream.next()).toEqual({ value: undefined, done: true });

      const pending = subscriber.asyncIterator('all');
      await pending.ready;
      const waiting = pending.next();
      await subscriber.close();
      expect(await waiting).toEqual({ value: undefined, done: true });
    });

    it('closes cleanly with live subscriptions and iterators (no unhandled rejections)', async () => {
      const rejections: unknown[] = [];
      const onRejection = (reason: unknown) => rejections.push(reason);
      process.on('unhandledRejection', onRejection);
      try {
        const { publisher, subscriber } = await pair();
        await subscriber.subscribe('all', () => undefined);
        const unsubscribe = await subscriber.subscribe({ eventTypes: ['X', 'Y'] }, () => undefined);
        const streams = [subscriber.asyncIterator('all'), subscriber.asyncIterator({ aggregateType: 'z' })];
        await Promise.all(streams.map((s) => s.ready));
        const nexts = streams.map((s) => s.next());
        await publisher.publish(envelope('X', 'z', '1'));
        await Promise.all(nexts);
        void streams[1]!.return(); // a client leaving exactly while the node shuts down
        await Promise.all([subscriber.close(), publisher.close()]);
        await subscriber.close(); // idempotent
        // Late clients: GraphQL servers often return() iterators after the bus has closed.
        await unsubscribe();
        await streams[0]!.return();
        await expect(subscriber.subscribe('all', () => undefined)).rejects.toThrow('closed');        await new Promise((r) => setTimeout(r, 100));
        expect(rejections).toEqual([]);
      } finally {
        process.off('unhandledRejection', onRejection);
      }
    });
  });
}
