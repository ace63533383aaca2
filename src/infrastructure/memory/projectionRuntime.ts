/**
 * In-memory projection runtime: consumer groups (last delivered, pending entries with delivery
 * counts), leases with expiry, dead letters and generations emulated over any PartitionLog and a
 * MemoryReadStore. Each method's changes run synchronously after its awaits, so "atomic" steps
 * (fence + apply + checkpoint) are atomic as in the Lua scripts.
 */
import { comparePosition } from '../../core/projections/projection.js';
import { deadLetterId } from '../../core/projections/deadLetters.js';
import type { ApplyOutcome, DeadLetter, DeliveredEntry, GenerationRef, PartitionLag, ProjectedEntry, ProjectionLayout, ProjectionRuntime, ReadView } from '../../core/projections/ports.js';
import type { CollectionDefinition, PartitionEntry, PartitionLog, ReadWrite } from '../../core/ports.js';
import type { MemoryReadStore } from './readStore.js';

export interface MemoryProjectionRuntimeOptions {
  readonly log: PartitionLog;
  readonly store: MemoryReadStore;
  /** Dead letters kept per projection (retention.deadLettersMax). */
  readonly deadLettersMax?: number;
  readonly now?: () => number;
  /** How often partition heads are polled for wake-ups. */
  readonly pollMs?: number;
}

interface Group {
  lastDelivered: string;
  readonly pending: Map<string, { consumer: string; deliveries: number; entry: PartitionEntry }>;
}

const LAG_SCAN_LIMIT = 10_000;
const msOf = (position: string): number => Number(position.split('-')[0]);

export class MemoryProjectionRuntime implements ProjectionRuntime {
  readonly partitions: number;
  private readonly groups = new Map<string, Group>();
  private readonly leases = new Map<string, { consumer: string; expiresAt: number }>();
  private readonly workers = new Map<string, Map<string, number>>();
  private readonly letters = new Map<string, DeadLetter[]>();
  private readonly listeners = new Set<(partition: number) => void>();
  private readonly now: () => number;
  private poller: NodeJS.Timeout | null = null;
  private heads: string[] = [];

  constructor(private readonly options: MemoryProjectionRuntimeOptions) {
    this.partitions = options.log.partitions;
    this.now = options.now ?? Date.now;
  }

  own(name: string, collections: readonly CollectionDefinition[]): void {
    this.options.store.own(name, collections);
  }

  async prepare(name: string, version: number, collections: readonly CollectionDefinition[]): Promise<ProjectionLayout> {
    const space = this.options.store.space(name);
    space.activeVersion ??= version;
    await this.options.store.register(name, collections);
    return this.layout(name);
  }

  async layout(name: string): Promise<ProjectionLayout> {
    const s = this.options.store.space(name);
    return { active: s.active, activeVersion: s.activeVersion ?? 1, building: s.building, buildingVersion: s.buildingVersion };
  }

  async beginRebuild(name: string, version: number, collections: readonly CollectionDefinition[]): Promise<ProjectionLayout> {
    const { store } = this.options;
    const space = store.space(name);
    if (space.building !== null && space.buildingVersion !== null && space.buildingVersion >= version) return this.layout(name);
    if (space.building !== null) this.retire(name, space.building);
    space.next = Math.max(space.next, space.active) + 1;
    space.building = space.next;
    space.buildingVersion = version;
    const fresh = store.generation(name, space.building);
    const active = store.generation(name, space.active);
    for (const [collection, defs] of active.catalog) fresh.catalog.set(collection, [...defs]);
    for (const collection of active.unlisted) fresh.unlisted.add(collection);
    await store.register(name, collections);
    return this.layout(name);
  }

  async completeRebuild(name: string, generation: number): Promise<boolean> {
    const { store } = this.options;
    const space = store.space(name);
    if (space.building !== generation) return false;
    const old = store.generation(name, space.active).checkpoints;
    const built = store.generation(name, generation).checkpoints;
    for (const [partition, position] of old) {
      const reached = built.get(partition);
      if (reached === undefined || comparePosition(reached, position) < 0) return false;
    }
    const retired = space.active;
    space.active = generation;
    space.activeVersion = space.buildingVersion;
    space.building = null;
    space.buildingVersion = null;
    this.retire(name, retired);
    return true;
  }

  async heartbeat(name: string, consumer: string, ttlMs: number): Promise<number> {
    const now = this.now();
    const live = this.workers.get(name) ?? new Map<string, number>();
    live.set(consumer, now + ttlMs);
    for (const [worker, expiresAt] of live) if (expiresAt <= now) live.delete(worker);
    this.workers.set(name, live);
    return live.size;
  }

  async leave(name: string, consumer: string): Promise<void> {
    this.workers.get(name)?.delete(consumer);
  }

  async acquire(ref: GenerationRef, partition: number, consumer: string, ttlMs: number): Promise<boolean> {
    const key = this.key(ref, partition);
    const lease = this.leases.get(key);
    if (lease && lease.consumer !== consumer && lease.expiresAt > this.now()) return false;
    this.leases.set(key, { consumer, expiresAt: this.now() + ttlMs });
    return true;
  }

  async release(ref: GenerationRef, partition: number, consumer: string): Promise<void> {
    const key = this.key(ref, partition);
    if (this.leases.get(key)?.consumer === consumer) this.leases.delete(key);
  }

  async claimPending(ref: GenerationRef, partition: number, consumer: string, count: number): Promise<DeliveredEntry[]> {
    const group = this.group(ref, partition);
    const positions = [...group.pending.keys()].sort(comparePosition).slice(0, count);
    return positions.map((position) => this.redeliver(group, position, consumer));
  }

  async readNew(ref: GenerationRef, partition: number, consumer: string, count: number): Promise<DeliveredEntry[]> {
    const group = this.group(ref, partition);
    const entries = await this.options.log.read(partition, group.lastDelivered, count);
    const first = entries[0];
    if (!first) return [];
    group.lastDelivered = entries.at(-1)!.position;
    // Entries a stale worker read just before us: they come first, or they would be skipped as "old".
    const stale = [...group.pending.keys()].filter((p) => comparePosition(p, first.position) < 0).sort(comparePosition);
    const older = stale.map((position) => this.redeliver(group, position, consumer));
    for (const entry of entries) group.pending.set(entry.position, { consumer, deliveries: 1, entry });
    return [...older, ...entries.map((e) => ({ ...e, priorAttempts: 0 }))];
  }

  async apply(ref: GenerationRef, partition: number, consumer: string, entries: readonly ProjectedEntry[]): Promise<ApplyOutcome> {
    const fenced = this.fence(ref, partition, consumer);
    if (fenced) return fenced;
    return { status: 'applied', ...this.options.store.applyProjected(ref.name, ref.generation, partition, entries) };
  }

  async ack(ref: GenerationRef, partition: number, positions: readonly string[]): Promise<void> {
    const group = this.group(ref, partition);
    for (const position of positions) group.pending.delete(position);
  }

  async deadLetter(ref: GenerationRef, partition: number, consumer: string, letter: Omit<DeadLetter, 'projection' | 'generation' | 'at'>): Promise<ApplyOutcome> {
    const fenced = this.fence(ref, partition, consumer);
    if (fenced) return fenced;
    const list = this.letters.get(ref.name) ?? [];
    list.unshift({ projection: ref.name, generation: ref.generation, at: new Date(this.now()).toISOString(), ...letter });
    list.length = Math.min(list.length, this.options.deadLettersMax ?? 10_000);
    this.letters.set(ref.name, list);
    const { applied, skipped } = this.options.store.applyProjected(ref.name, ref.generation, partition, [{ position: letter.entry.position, writes: [] }]);
    return { status: 'applied', applied, skipped };
  }

  async checkpoints(name: string, generation: number | null): Promise<string[]> {
    const cp = this.options.store.generation(name, generation).checkpoints;
    return Array.from({ length: this.partitions }, (_, p) => cp.get(p) ?? '0');
  }

  async lag(ref: GenerationRef): Promise<PartitionLag> {
    const checkpoints = await this.checkpoints(ref.name, ref.generation);
    let events = 0;
    let oldestAt: number | null = null;
    for (const [partition, checkpoint] of checkpoints.entries()) {
      const behind = await this.options.log.read(partition, checkpoint, LAG_SCAN_LIMIT);
      events += behind.length;
      const first = behind[0];
      if (first && (oldestAt === null || msOf(first.position) < oldestAt)) oldestAt = msOf(first.position);
    }
    return { events, oldestAt };
  }

  async deadLetterCount(name: string): Promise<number> {
    return this.letters.get(name)?.length ?? 0;
  }

  async deadLetters(name: string, limit: number): Promise<DeadLetter[]> {
    return (this.letters.get(name) ?? []).slice(0, limit);
  }

  async takeDeadLetters(name: string, ids?: readonly string[]): Promise<DeadLetter[]> {
    const list = this.letters.get(name) ?? [];
    if (ids === undefined) {
      this.letters.delete(name);
      return list.reverse();
    }
    const wanted = new Set(ids);
    const taken = list.filter((letter) => wanted.has(deadLetterId(letter)));
    this.letters.set(name, list.filter((letter) => !wanted.has(deadLetterId(letter))));
    return taken.reverse();
  }

  async restoreDeadLetter(letter: DeadLetter): Promise<void> {
    const list = this.letters.get(letter.projection) ?? [];
    list.unshift(letter);
    list.length = Math.min(list.length, this.options.deadLettersMax ?? 10_000);
    this.letters.set(letter.projection, list);
  }

  writeActive(name: string, writes: readonly ReadWrite[]): Promise<void> {
    return this.options.store.writeTo(name, writes);
  }

  view(ref: GenerationRef): ReadView {
    return this.options.store.at(ref.name, ref.generation);
  }

  onAppend(listener: (partition: number) => void): () => void {
    this.listeners.add(listener);
    if (!this.poller) {
      this.poller = setInterval(() => void this.poll(), this.options.pollMs ?? 10);
      this.poller.unref();
    }
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    this.listeners.clear();
  }

  private async poll(): Promise<void> {
    for (let p = 0; p < this.partitions; p++) {
      const head = await this.options.log.head(p);
      if (head !== this.heads[p]) {
        this.heads[p] = head;
        for (const listener of this.listeners) listener(p);
      }
    }
  }

  private fence(ref: GenerationRef, partition: number, consumer: string): ApplyOutcome | null {
    const lease = this.leases.get(this.key(ref, partition));
    if (!lease || lease.consumer !== consumer || lease.expiresAt <= this.now()) return { status: 'lost_lease' };
    const space = this.options.store.space(ref.name);
    if (space.active !== ref.generation && space.building !== ref.generation) return { status: 'retired' };
    return null;
  }

  private redeliver(group: Group, position: string, consumer: string): DeliveredEntry {
    const pending = group.pending.get(position)!;
    // Only deliveries to OTHER consumers count: this process's own retries are counted where they
    // happen, and its runtime faults (Redis down) are not the event's fault.
    const priorAttempts = pending.consumer === consumer ? 0 : Math.max(0, pending.deliveries - 1);
    pending.consumer = consumer;
    pending.deliveries++;
    return { ...pending.entry, priorAttempts };
  }

  private retire(name: string, generation: number): void {
    this.options.store.dropGeneration(name, generation);
    const prefix = `${name}/${generation}/`;
    for (const key of [...this.groups.keys()]) if (key.startsWith(prefix)) this.groups.delete(key);
    for (const key of [...this.leases.keys()]) if (key.startsWith(prefix)) this.leases.delete(key);
  }

  private key(ref: GenerationRef, partition: number): string {
    return `${ref.name}/${ref.generation}/${partition}`;
  }

  private group(ref: GenerationRef, partition: number): Group {
    const key = this.key(ref, partition);
    let group = this.groups.get(key);
    if (!group) {
      group = { lastDelivered: '0', pending: new Map() };
      this.groups.set(key, group);
    }
    return group;
  }
}
