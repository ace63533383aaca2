/**
 * Wakes partition loops when a partition log grows, so idle projections react within a round trip
 * instead of polling every partition of every projection. ONE blocking `XREAD BLOCK` over all
 * partition logs on a dedicated connection per process (a blocked connection can serve nothing
 * else), instead of a blocked connection per projection and partition.
 *
 * Redis Cluster refuses a multi-key XREAD across slots (each partition is its own hash tag): there
 * the watcher polls the heads instead. Either way it is only a hint; the loops also poll on a timer.
 */
import { Cluster } from 'ioredis';
import type { RedisClient } from './connection.js';
import type { Keys } from './keys.js';

export interface PartitionWatcherOptions {
  readonly redis: RedisClient;
  readonly keys: Keys;
  /** Longest block of one XREAD (keep it under the connection's command timeout). */
  readonly blockMs: number;
  readonly onAppend: (partition: number) => void;
  readonly onError?: (error: unknown) => void;
  /** The dedicated blocking connection (no command timeout). Default: a duplicate of `redis`. */
  readonly connect?: () => RedisClient;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PartitionWatcher {
  private stopping = false;
  private connection: RedisClient | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: PartitionWatcherOptions) {}

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.options.redis instanceof Cluster ? this.poll() : this.block();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    // A blocked XREAD only returns at its timeout: cut the connection, the loop sees `stopping`.
    this.connection?.disconnect();
    await this.running;
    this.running = null;
    this.connection = null;
  }

  private async heads(): Promise<string[]> {
    const { redis, keys } = this.options;
    return Promise.all(
      keys.partitionLogs().map(async (key) => {
        const [last] = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
        return last ? last[0] : '0-0';
      }),
    );
  }

  private async block(): Promise<void> {
    const { keys, blockMs, onAppend } = this.options;
    const logs = keys.partitionLogs();
    let ids: string[] | null = null;
    while (!this.stopping) {
      try {
        ids ??= await this.heads();
        this.connection ??= this.options.connect?.() ?? this.options.redis.duplicate();
        const reply = (await this.connection.xread('COUNT', 1, 'BLOCK', blockMs, 'STREAMS', ...logs, ...ids)) as Array<[string, unknown[]]> | null;
        if (!reply) continue;
        // Jump to the current heads: the loops read everything anyway, one wake-up is enough.
        const woken = reply.map(([key]) => logs.indexOf(key)).filter((p) => p >= 0);
        ids = await this.heads();
        for (const p of woken) onAppend(p);
      } catch (error) {
        if (this.stopping) break;
        this.options.onError?.(error);
        ids = null;
        await sleep(Math.min(1000, blockMs));
      }
    }
  }

  private async poll(): Promise<void> {
    let last: string[] | null = null;
    while (!this.stopping) {
      try {
        const now = await this.heads();
        now.forEach((head, p) => {
          if (last && head !== last[p]) this.options.onAppend(p);
        });
        last = now;
      } catch (error) {
        this.options.onError?.(error);
      }
      await sleep(Math.min(100, this.options.blockMs));
    }
  }
}
