import { Redis } from 'ioredis';
import { describe, expect, inject, it, vi } from 'vitest';
import { RedisEventBus } from '../../src/infrastructure/redis/eventBus.js';
import { createEventChannels } from '../../src/infrastructure/redis/keys.js';
import { uniquePrefix } from '../support/testRedis.js';
import { envelope, eventBusContract } from './eventBus.contract.js';

// Two nodes: each bus has its own publisher and subscriber connections. Pub/Sub ignores the DB
// index, so the channel prefix is what isolates this file from others running in parallel.
eventBusContract('redis', async () => {
  const channels = createEventChannels(uniquePrefix());
  const node = () => {
    const url = inject('redisUrl');
    return new RedisEventBus({ publisher: new Redis(url), subscriber: new Redis(url), channels });
  };
  return { publisher: node(), subscriber: node() };
});

describe('RedisEventBus channels', () => {
  const url = () => inject('redisUrl');

  it('publishes an event once, on its aggregate channel; type and catch-all subscribers are patterns over those channels', async () => {
    const prefix = uniquePrefix();
    const channels = createEventChannels(prefix);
    const bus = new RedisEventBus({ publisher: new Redis(url()), subscriber: new Redis(url()), channels });
    const spy = new Redis(url());
    const seen: string[] = [];
    try {
      spy.on('pmessage', (_pattern: string, channel: string) => seen.push(channel.slice(prefix.length)));
      await spy.psubscribe(`${prefix}*`);
      const got = { game: [] as string[], type: [] as string[], all: [] as string[], moved: [] as string[] };
      const stops = await Promise.all([
        bus.subscribe({ aggregateType: 'game_session', aggregateId: 'g1' }, (e) => void got.game.push(e.eventType)),
        bus.subscribe({ aggregateType: 'game_session' }, (e) => void got.type.push(e.eventType)),
        bus.subscribe('all', (e) => void got.all.push(e.eventType)),
        bus.subscribe({ eventTypes: ['Moved'] }, (e) => void got.moved.push(e.eventType)),
      ]);
      await bus.publishBatch([envelope('Placed', 'game_session', 'g1'), envelope('Moved', 'game', 'g1'), envelope('Placed', 'game_session', 'g2')]);
      await vi.waitFor(() => expect(got.all).toHaveLength(3));
      await vi.waitFor(() => expect(seen).toHaveLength(3));
      expect(seen).toEqual(['events:aggregate:game_session:g1', 'events:aggregate:game:g1', 'events:aggregate:game_session:g2']);
      expect(got).toEqual({ game: ['Placed'], type: ['Placed', 'Placed'], all: ['Placed', 'Moved', 'Placed'], moved: ['Moved'] });
      // The node holds one channel and two patterns (type, catch-all), and drops them when the subscriptions go.
      const admin = new Redis(url());
      try {
        expect(await admin.pubsub('CHANNELS', `${prefix}*`)).toEqual([`${prefix}events:aggregate:game_session:g1`]);
        await Promise.all(stops.map((stop) => stop()));
        await vi.waitFor(async () => expect(await admin.pubsub('CHANNELS', `${prefix}*`)).toEqual([]));
      } finally {
        admin.disconnect();
      }
    } finally {
      spy.disconnect();
      await bus.close();
    }
  });

  it('escapes glob characters of the key prefix in its patterns', async () => {
    const channels = createEventChannels('a*b?[c]\\d:');
    const pattern = channels.aggregatePattern('game');
    expect(pattern).toBe('a\\*b\\?\\[c\\]\\\\d:events:aggregate:game:*');
    // What Redis matches with it: the literal prefix only.
    const admin = new Redis(url());
    const sub = new Redis(url());
    const matched: string[] = [];
    try {
      sub.on('pmessage', (_p: string, channel: string) => matched.push(channel));
      await sub.psubscribe(pattern);
      await admin.publish('aXb?[c]\\d:events:aggregate:game:1', 'x');
      await admin.publish(channels.aggregate('game', '2'), 'x');
      await vi.waitFor(() => expect(matched).toEqual([channels.aggregate('game', '2')]));
    } finally {
      sub.disconnect();
      admin.disconnect();
    }
  });
});
