/**
 * The projection runtime on Redis (the contract: ProjectionRuntime in core/projections/ports.ts):
 * - one consumer group per projection generation on every partition log (`<name>:g<N>`), created
 *   at position 0 (XGROUP CREATE … MKSTREAM), read with XREADGROUP; entries a dead worker left
 *   pending are listed with XPENDING (owner, delivery count) and taken over with XAUTOCLAIM; each
 *   read or claim is one script that first sends the group's deferred XACKs (see ack());
 * - a lease per (generation, partition) so one worker at a time applies a partition, in order;
 *   min-idle 0 on the claim is safe because the lease, not idleness, says the old owner is gone
 *   (its lease expired after claimIdleMs without renewal);
 * - apply and dead-letter scripts fenced by that lease, checkpoint moved in the same script;
 * - generations in the `meta` hash; retired ones are deleted in the background (SCAN + UNLINK).
 */
import type { ApplyOutcome, DeadLetter, DeliveredEntry, GenerationRef, PartitionLag, ProjectedEntry, ProjectionLayout, ProjectionRuntime, ReadView } from '../../core/projections/ports.js';
import type { CollectionDefinition, ReadWrite } from '../../core/ports.js';
import type { RedisClient } from './connection.js';
import type { Keys, ReadModelKeys } from './keys.js';
import { PartitionEntryResolver, type PartitionEntryResolverOptions, type RawStreamEntry } from './partitionEntries.js';
import { PartitionWatcher } from './partitionWatcher.js';
import { measureLag, scanUnlink } from './projectionHousekeeping.js';
import type { LuaScript } from './luaScript.js';
import {
  acquireScript,
  claimPendingScript,
  beginRebuildScript,
  checkpointsScript,
  completeRebuildScript,
  createGroupScript,
  deadLetterScript,
  destroyGroupScript,
  heartbeatScript,
  layoutScript,
  prepareScript,
  readNewScript,
  releaseScript,
  takeAllScript,
  takeValuesScript,
} from './projectionScripts.js';
import { deadLetterId } from '../../core/projections/deadLetters.js';
import type { RedisReadStore } from './readStore.js';

export interface RedisProjectionRuntimeOptions extends PartitionEntryResolverOptions {
  readonly readModelKeys: ReadModelKeys;
  readonly store: RedisReadStore;
  /** retention.deadLettersMax */
  readonly deadLettersMax: number;
  /** eventBus.blockMs: longest block of the wake-up watcher. */
  readonly blockMs: number;
  /** A dedicated connection for the blocking wake-up watcher (no command timeout). Default: a duplicate. */
  readonly watchConnection?: () => RedisClient;
  readonly onError?: (error: unknown) => void;
}

type Pending = [string, string, number, number];
/** An XPENDING row as a Buffer-reply script returns it: id, consumer, idle ms, deliveries. */
type BufferPending = [Buffer, Buffer, number, number];
const textPending = ([id, owner, idle, deliveries]: BufferPending): Pending => [id.toString('utf8'), owner.toString('utf8'), idle, deliveries];
/**
 * How long an acknowledgement waits for a read to ride on before it is sent on its own: a busy
 * partition reads again within a few ms; an idle one must not keep its last batch in the pending
 * list (memory, and a claim to skip after a takeover).
 */
const ACK_DELAY_MS = 100;

interface DeferredAcks {
  readonly log: string;
  readonly group: string;
  readonly ids: string[];
  readonly timer: NodeJS.Timeout;
}

/** Where the acknowledgements deferred for one consumer group of one partition log are queued. */
const ackKey = (log: string, group: string): string => `${log} ${group}`;
const isNoGroup = (e: unknown): boolean => e instanceof Error && e.message.includes('NOGROUP');

const toLayout = (r: string[]): ProjectionLayout => ({
  active: Number(r[0]),
  activeVersion: Number(r[1]),
  building: r[2] ? Number(r[2]) : null,
  buildingVersion: r[3] ? Number(r[3]) : null,
});

export class RedisProjectionRuntime implements ProjectionRuntime {
  readonly partitions: number;
  private readonly redis: RedisClient;
  private readonly keys: Keys;
  private readonly rm: ReadModelKeys;
  private readonly resolver: PartitionEntryResolver;
  private readonly listeners = new Set<(partition: number) => void>();
  private readonly cleanups = new Set<Promise<void>>();
  private watcher: PartitionWatcher | null = null;

  /**
   * Acknowledgements not sent yet, by partition log and group: each rides on the next read or claim
   * of its group (readNewScript), on release, or on close (see ack()).
   */
  private readonly unacked = new Map<string, DeferredAcks>();

  constructor(private readonly options: RedisProjectionRuntimeOptions) {
    this.redis = options.redis;
    this.keys = options.keys;
    this.rm = options.readModelKeys;
    this.partitions = options.keys.partitions;
    this.resolver = new PartitionEntryResolver(options);
  }

  own(name: string, collections: readonly CollectionDefinition[]): void {
    this.options.store.own(name, collections);
  }

  async prepare(name: string, version: number, collections: readonly CollectionDefinition[]): Promise<ProjectionLayout> {
    const layout = toLayout((await prepareScript.run(this.redis, [this.rm.meta(name)], [version])) as string[]);
    await this.options.store.register(name, collections);
    await this.createGroups({ name, generation: layout.active });
    if (layout.building !== null) await this.createGroups({ name, generation: layout.building });
    return layout;
  }

  async layout(name: string): Promise<ProjectionLayout> {
    return toLayout((await layoutScript.run(this.redis, [this.rm.meta(name)], [])) as string[]);
  }

  async beginRebuild(name: string, version: number, collections: readonly CollectionDefinition[]): Promise<ProjectionLayout> {
    const [abandoned, ...rest] = (await beginRebuildScript.run(this.redis, [this.rm.meta(name)], [this.rm.roots(name).readModel, version])) as [number, ...string[]];
    const layout = toLayout(rest);
    if (layout.building !== null) await this.createGroups({ name, generation: layout.building });
    await this.options.store.register(name, collections);
    if (abandoned > 0) this.retire(name, abandoned);
    return layout;
  }

  async completeRebuild(name: string, generation: number): Promise<boolean> {
    const { active } = await this.layout(name);
    const keys = [this.rm.meta(name), this.rm.checkpoints(name, active), this.rm.checkpoints(name, generation)];
    const retired = (await completeRebuildScript.run(this.redis, keys, [generation, active, this.partitions])) as number;
    if (retired === 0) return false;
    this.retire(name, retired);
    return true;
  }

  async heartbeat(name: string, consumer: string, ttlMs: number): Promise<number> {
    return (await heartbeatScript.run(this.redis, [this.rm.workers(name)], [consumer, Math.max(1, ttlMs)])) as number;
  }

  async leave(name: string, consumer: string): Promise<void> {
    await heartbeatScript.run(this.redis, [this.rm.workers(name)], [consumer, 0]);
  }

  async acquire(ref: GenerationRef, partition: number, consumer: string, ttlMs: number): Promise<boolean> {
    return (await acquireScript.run(this.redis, [this.rm.lease(ref.name, ref.generation, partition)], [consumer, ttlMs])) === 1;
  }

  async release(ref: GenerationRef, partition: number, consumer: string): Promise<void> {
    await Promise.all([
      this.flushAcks(this.unacked.get(ackKey(this.keys.partitionLog(partition), this.rm.consumerGroup(ref.name, ref.generation)))),
      releaseScript.run(this.redis, [this.rm.lease(ref.name, ref.generation, partition)], [consumer]),
    ]);
  }

  claimPending(ref: GenerationRef, partition: number, consumer: string, count: number): Promise<DeliveredEntry[]> {
    return this.withGroup(ref, partition, async (log, group) => {
      const [pending, raw] = (await this.groupScript(claimPendingScript, log, group, consumer, count)) as [BufferPending[], RawStreamEntry[]];
      if (pending.length === 0) return [];
      return this.resolver.resolve(partition, raw, this.priorAttempts(pending.map(textPending), consumer));
    });
  }

  readNew(ref: GenerationRef, partition: number, consumer: string, count: number): Promise<DeliveredEntry[]> {
    return this.withGroup(ref, partition, async (log, group) => {
      const [raw, older, stale] = (await this.groupScript(readNewScript, log, group, consumer, count)) as [RawStreamEntry[], RawStreamEntry[], BufferPending[]];
      if (raw.length === 0) return [];
      return this.resolver.resolve(partition, [...older, ...raw], this.priorAttempts(stale.map(textPending), consumer));
    });
  }

  async apply(ref: GenerationRef, partition: number, consumer: string, entries: readonly ProjectedEntry[]): Promise<ApplyOutcome> {
    return this.options.store.applyProjected(ref.name, ref.generation, partition, consumer, entries);
  }

  /**
   * Deferred: the positions are acknowledged with this group's next read or claim (one round trip
   * fewer per batch), on release / close, or on their own after ACK_DELAY_MS without a read (an
   * idle partition). The apply script already moved the checkpoint, which is what says an entry
   * is done: an acknowledgement lost in a crash only makes the next holder claim entries that
   * apply then skips.
   */
  async ack(ref: GenerationRef, partition: number, positions: readonly string[]): Promise<void> {
    if (positions.length === 0) return;
    this.defer(this.keys.partitionLog(partition), this.rm.consumerGroup(ref.name, ref.generation), positions);
  }

  private defer(log: string, group: string, ids: readonly string[]): void {
    if (ids.length === 0) return;
    const queued = this.unacked.get(ackKey(log, group));
    if (queued) {
      queued.ids.push(...ids);
      return;
    }
    const timer = setTimeout(() => void this.flushAcks(this.unacked.get(ackKey(log, group))).catch((e: unknown) => this.options.onError?.(e)), ACK_DELAY_MS);
    timer.unref();
    this.unacked.set(ackKey(log, group), { log, group, ids: [...ids], timer });
  }

  async deadLetter(ref: GenerationRef, partition: number, consumer: string, letter: Omit<DeadLetter, 'projection' | 'generation' | 'at'>): Promise<ApplyOutcome> {
    const { name, generation } = ref;
    const record: DeadLetter = { projection: name, generation, at: new Date().toISOString(), ...letter };
    const keys = [this.rm.meta(name), this.rm.lease(name, generation, partition), this.rm.checkpoints(name, generation), this.rm.deadLetters(name)];
    const args = [generation, consumer, partition, letter.entry.position, JSON.stringify(record), this.options.deadLettersMax];
    const result = (await deadLetterScript.run(this.redis, keys, args)) as number;
    return result === -1 ? { status: 'lost_lease' } : result === -2 ? { status: 'retired' } : { status: 'applied', applied: 1, skipped: 0 };
  }

  async checkpoints(name: string, generation: number | null): Promise<string[]> {
    const [, ...flat] = (await checkpointsScript.run(this.redis, [this.rm.meta(name)], [this.rm.roots(name).readModel, generation ?? ''])) as string[];
    const result = Array.from({ length: this.partitions }, () => '0');
    for (let i = 0; i + 1 < flat.length; i += 2) result[Number(flat[i])] = flat[i + 1]!;
    return result;
  }

  async lag(ref: GenerationRef): Promise<PartitionLag> {
    const checkpoints = await this.checkpoints(ref.name, ref.generation);
    return measureLag(this.redis, this.keys, this.rm.consumerGroup(ref.name, ref.generation), checkpoints);
  }

  async deadLetterCount(name: string): Promise<number> {
    return this.redis.llen(this.rm.deadLetters(name));
  }

  async deadLetters(name: string, limit: number): Promise<DeadLetter[]> {
    if (limit <= 0) return [];
    const raw = await this.redis.lrange(this.rm.deadLetters(name), 0, limit - 1);
    return raw.map((json) => JSON.parse(json) as DeadLetter);
  }

  async takeDeadLetters(name: string, ids?: readonly string[]): Promise<DeadLetter[]> {
    const key = this.rm.deadLetters(name);
    if (ids === undefined) {
      const raw = (await takeAllScript.run(this.redis, [key], [])) as string[];
      return raw.map((json) => JSON.parse(json) as DeadLetter).reverse();
    }
    // Pick the stored values by id, then remove exactly those values: LREM tells which ones this
    // call removed, so a concurrent take (or a trim) never hands the same letter to two callers.
    const wanted = new Set(ids);
    const chosen = (await this.redis.lrange(key, 0, -1)).filter((json) => wanted.has(deadLetterId(JSON.parse(json) as DeadLetter)));
    if (chosen.length === 0) return [];
    const removed = (await takeValuesScript.run(this.redis, [key], chosen)) as string[];
    return removed.map((json) => JSON.parse(json) as DeadLetter).reverse();
  }

  async restoreDeadLetter(letter: DeadLetter): Promise<void> {
    const key = this.rm.deadLetters(letter.projection);
    // One round trip, and the list never exceeds its cap in between.
    await this.redis.multi().lpush(key, JSON.stringify(letter)).ltrim(key, 0, this.options.deadLettersMax - 1).exec();
  }

  writeActive(name: string, writes: readonly ReadWrite[]): Promise<void> {
    return this.options.store.writeTo(name, writes);
  }

  view(ref: GenerationRef): ReadView {
    return this.options.store.at(ref.name, ref.generation);
  }

  onAppend(listener: (partition: number) => void): () => void {
    this.listeners.add(listener);
    if (!this.watcher) {
      this.watcher = new PartitionWatcher({
        redis: this.redis,
        keys: this.keys,
        blockMs: this.options.blockMs,
        onAppend: (p) => this.listeners.forEach((l) => l(p)),
        ...(this.options.onError ? { onError: this.options.onError } : {}),
        ...(this.options.watchConnection ? { connect: this.options.watchConnection } : {}),
      });
      this.watcher.start();
    }
    return () => this.listeners.delete(listener);
  }

  /** Stops the watcher and waits for background cleanups; the shared connection stays open. */
  async close(): Promise<void> {
    await Promise.all([...this.unacked.values()].map((queued) => this.flushAcks(queued).catch((e: unknown) => this.options.onError?.(e))));
    this.listeners.clear();
    await this.watcher?.stop();
    this.watcher = null;
    await Promise.all([...this.cleanups]);
  }

  /** Runs a read/claim script of a group with the acknowledgements deferred for it (put back if it fails). */
  private async groupScript(script: LuaScript, log: string, group: string, consumer: string, count: number): Promise<unknown> {
    const key = ackKey(log, group);
    const queued = this.unacked.get(key);
    const acks = queued?.ids ?? [];
    if (queued) clearTimeout(queued.timer);
    this.unacked.delete(key);
    try {
      return await script.runBuffer(this.redis, [log], [group, consumer, count, acks.length, ...acks]);
    } catch (error) {
      this.defer(log, group, acks);
      throw error;
    }
  }

  /** Sends what was deferred for one group now (release, close). A retired group has nothing left to acknowledge. */
  private async flushAcks(queued: DeferredAcks | undefined): Promise<void> {
    if (!queued) return;
    clearTimeout(queued.timer);
    this.unacked.delete(ackKey(queued.log, queued.group));
    await this.redis.xack(queued.log, queued.group, ...queued.ids).catch((e: unknown) => {
      if (!isNoGroup(e)) throw e;
    });
  }

  private priorAttempts(pending: readonly Pending[], consumer: string): Map<string, number> {
    // Only deliveries to OTHER consumers count (a crash on the entry); our own redeliveries follow
    // runtime faults, which are not the event's fault, and our own retries are counted in process.
    return new Map(pending.map(([id, owner, , deliveries]) => [id, owner === consumer ? 0 : Math.max(0, deliveries - 1)]));
  }

  /** Runs a group command; a missing group is recreated at the checkpoint while its generation is live. */
  private async withGroup<T>(ref: GenerationRef, partition: number, run: (log: string, group: string) => Promise<T[]>): Promise<T[]> {
    const log = this.keys.partitionLog(partition);
    const group = this.rm.consumerGroup(ref.name, ref.generation);
    try {
      return await run(log, group);
    } catch (error) {
      if (!isNoGroup(error)) throw error;
      const layout = await this.layout(ref.name);
      if (layout.active !== ref.generation && layout.building !== ref.generation) return [];
      const checkpoint = (await this.checkpoints(ref.name, ref.generation))[partition] ?? '0';
      await this.createGroup(log, group, checkpoint);
      return run(log, group);
    }
  }

  private async createGroups(ref: GenerationRef): Promise<void> {
    const group = this.rm.consumerGroup(ref.name, ref.generation);
    await Promise.all(this.keys.partitionLogs().map((log) => this.createGroup(log, group, '0')));
  }

  private async createGroup(log: string, group: string, from: string): Promise<void> {
    // From 0, the group has read nothing: telling Redis so lets XINFO report its lag exactly.
    await createGroupScript.run(this.redis, [log], [group, from, from === '0' ? '0' : '']);
  }

  /** Background: drop the retired generation's groups and keys (reads never resolve to it again). */
  private retire(name: string, generation: number): void {
    const group = this.rm.consumerGroup(name, generation);
    const work = (async () => {
      await Promise.all(this.keys.partitionLogs().map((log) => destroyGroupScript.run(this.redis, [log], [group])));
      for (const pattern of this.rm.generationPatterns(name, generation)) await scanUnlink(this.redis, pattern);
    })()
      .catch((e: unknown) => this.options.onError?.(e))
      .finally(() => this.cleanups.delete(work));
    this.cleanups.add(work);
  }
}
