/**
 * Wakes partition loops when a partition log grows, so idle projections react within a round trip
 * instead of polling every partition of every projection. ONE blocking `XREAD BLOCK` over all
 * partition logs on a dedicated connection per process (a blocked connection can serve nothing
 * else), instead of a blocked connection per projection and partition.
 *
 * Every append must reach its partition's loop: a loop that misses one sleeps until its idle
 * timeout (eventBus.blockMs), and so does every mutation waiting to read its own write (issue
 * #11). So the next XREAD starts exactly where the last reply ended, never at heads read
 * afterwards (an append landing in between was skipped without a wake-up). A stream with a full
 * reply jumps to its head (no re-reading a backlog entry by entry) and is woken again once the
 * head is known. Whenever the watcher (re)starts from the heads, every partition is woken once.
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

/** Entries per stream per XREAD: a fuller reply means a backlog, skipped by jumping to the head. */
const WATCH_COUNT = 32;

export class PartitionWatcher {
  private stopping = false;
  private connection: RedisClient | null = null;
  private running: Promise<void> | null = null;
  /** The commands waiting in untilStopped(): stop() rejects them. */
  private readonly waiting = new Set<(error: Error) => void>();

  constructor(private readonly options: PartitionWatcherOptions) {}

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.options.redis instanceof Cluster ? this.poll() : this.block();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const reject of this.waiting) reject(new Error('partition watcher stopped'));
    this.waiting.clear();
    // A blocked XREAD only returns at its timeout: cut the connection, the loop sees `stopping`.
    this.connection?.disconnect();
    await this.running;
    this.running = null;
    this.connection = null;
  }

  private async heads(redis: RedisClient, partitions: readonly number[]): Promise<string[]> {
    const logs = this.options.keys.partitionLogs();
    return Promise.all(
      partitions.map(async (p) => {
        const [last] = (await redis.xrevrange(logs[p]!, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
        return last ? last[0] : '0-0';
      }),
    );
  }

  /**
   * A command on the dedicated connection, given up on stop(). With Redis down, ioredis can keep a
   * command queued forever when disconnect() lands while it waits to reconnect, and stop() (hence
   * server shutdown) would wait for it.
   */
  private untilStopped<T>(command: Promise<T>): Promise<T> {
    // Not Promise.race with one promise that settles at stop(): every race leaves a reaction on it
    // that holds the race's result, so every XREAD reply (one per append or so) stayed in memory
    // until stop() (the soak's heap grew ~5 MB a minute).
    if (this.stopping) return Promise.reject(new Error('partition watcher stopped'));
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      command.then(resolve, reject).finally(() => this.waiting.delete(reject));
    });
  }

  private wakeAll(): void {
    for (let p = 0; p < this.options.keys.partitions; p++) this.options.onAppend(p);
  }

  private async block(): Promise<void> {
    const { keys, blockMs, onAppend } = this.options;
    const logs = keys.partitionLogs();
    const all = logs.map((_, p) => p);
    let ids: string[] | null = null;
    while (!this.stopping) {
      try {
        this.connection ??= this.options.connect?.() ?? this.options.redis.duplicate();
        const connection = this.connection;
        if (ids === null) {
          ids = await this.untilStopped(this.heads(connection, all));
          // What landed before these heads is never reported by the XREADs after them.
          this.wakeAll();
        }
        const reply = (await this.untilStopped(connection.xread('COUNT', WATCH_COUNT, 'BLOCK', blockMs, 'STREAMS', ...logs, ...ids))) as Array<[string, Array<[string, unknown]>]> | null;
        if (!reply) continue;
        const full: number[] = [];
        for (const [key, entries] of reply) {
          const p = logs.indexOf(key);
          const last = entries[entries.length - 1];
          if (p < 0 || !last) continue;
          ids[p] = last[0];
          if (entries.length >= WATCH_COUNT) full.push(p);
          onAppend(p);
        }
        if (full.length === 0) continue;
        // A backlog: skip to its head, then wake again for what landed after the reply.
        const heads = await this.untilStopped(this.heads(connection, full));
        full.forEach((p, i) => {
          ids![p] = heads[i]!;
          onAppend(p);
        });
      } catch (error) {
        if (this.stopping) break;
        this.options.onError?.(error);
        ids = null;
        await sleep(Math.min(1000, blockMs));
      }
    }
  }

  private async poll(): Promise<void> {
    const all = this.options.keys.partitionLogs().map((_, p) => p);
    let last: string[] | null = null;
    while (!this.stopping) {
      try {
        const now = await this.heads(this.options.redis, all);
        // The first round has nothing to compare with: what landed before it gets one wake-up.
        if (last === null) this.wakeAll();
        else now.forEach((head, p) => head !== last![p] && this.options.onAppend(p));
        last = now;
      } catch (error) {
        this.options.onError?.(error);
      }
      await sleep(Math.min(100, this.options.blockMs));
    }
  }
}
