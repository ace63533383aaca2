/**
 * Runs projections (and durable event handlers) over the partition logs. Every process that
 * starts a manager is a worker: a coordinator tick heartbeats, takes its fair share of partition
 * leases (ceil(partitions / live workers)) for the active generation and, during a rebuild, for
 * the generation being built; one PartitionWorker loop per lease does the work. A dead worker's
 * leases expire after `claimIdleMs`; whoever takes them over first claims its pending entries.
 *
 * A manager that is never started still answers status(), waitForPosition() and rebuild(): API
 * nodes use it that way when projections run in separate worker processes.
 */
import type { EventEnvelope } from '../messages.js';
import { PartitionWorker } from './partitionWorker.js';
import { handlerAsProjection, readAfterTokens, wants } from './projection.js';
import type { DeadLetter, EventHandler, GenerationRef, LogPosition, Projection, ProjectionRuntime, ProjectionState, ProjectionStatus, RetryPolicy } from './ports.js';
import { CheckpointWaiters } from './checkpointWaiters.js';
import { message, stateOf, type Managed, type Slot } from './managed.js';
import { readStatus, retryDeadLetters } from './reads.js';

export interface ProjectionManagerOptions {
  readonly runtime: ProjectionRuntime;
  /** Unique per process (several workers share the partitions as different consumers). */
  readonly consumer: string;
  readonly batchSize: number;
  readonly retry: RetryPolicy;
  /** Lease lifetime: how long a dead worker's partitions wait before another worker takes them over. */
  readonly claimIdleMs: number;
  /** Longest idle sleep of a partition loop (appends wake it sooner). */
  readonly blockMs: number;
  /** How long a partition loop woken from idle waits for more appends before reading (default 0). */
  readonly lingerMs?: number;
  readonly now?: () => number;
  /** Runtime faults and projection failures, for logs. */
  readonly onError?: (error: unknown, context: { readonly projection: string; readonly partition?: number }) => void;
}

export interface ProjectionStateChange {
  readonly name: string;
  readonly state: ProjectionState;
  readonly previous: ProjectionState;
  readonly error: string | null;
}

export class ProjectionManager {
  private readonly managed = new Map<string, Managed>();
  private readonly listeners = new Set<(change: ProjectionStateChange) => void>();
  private readonly checkpointWaiters: CheckpointWaiters;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running = false;
  private ticking: Promise<void> | null = null;
  private coordinatorFault: string | null = null;

  constructor(private readonly options: ProjectionManagerOptions) {
    this.now = options.now ?? Date.now;
    this.checkpointWaiters = new CheckpointWaiters(options.runtime, this.now);
  }

  register(...items: ReadonlyArray<Projection | EventHandler>): this {
    for (const item of items) {
      if (this.managed.has(item.name)) throw new Error(`projection ${item.name} is already registered`);
      const projection = 'project' in item ? item : handlerAsProjection(item);
      const kind = 'project' in item ? 'projection' : item.kind;
      this.options.runtime.own(projection.name, projection.collections);
      this.managed.set(item.name, { projection, kind, slots: new Map(), layout: null, balanced: false, outdated: false, processed: 0, failed: 0, lastError: null, state: 'stopped' });
    }
    return this;
  }

  names(): string[] {
    return [...this.managed.keys()];
  }

  async start(): Promise<void> {
    if (this.running) return;
    const { runtime } = this.options;
    for (const m of this.managed.values()) m.layout = await runtime.prepare(m.projection.name, m.projection.version, m.projection.collections);
    this.running = true;
    for (const m of this.managed.values()) this.setState(m);
    this.unsubscribe = runtime.onAppend((partition) => {
      for (const m of this.managed.values()) for (const slot of m.slots.values()) if (slot.partition === partition) slot.worker.notify();
    });
    await this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(50, Math.floor(this.options.claimIdleMs / 3)));
  }

  /** Graceful: current batches finish, leases are released for the other workers. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.ticking;
    const all = [...this.managed.values()].flatMap((m) => [...m.slots.values()].map((slot) => ({ m, slot })));
    await Promise.all(all.map(({ m, slot }) => this.stopSlot(m, slot, true)));
    for (const m of this.managed.values()) {
      await this.options.runtime.leave(m.projection.name, this.options.consumer).catch(() => undefined);
      m.balanced = false;
      this.setState(m);
    }
  }

  /** Rebuilds into a new generation while queries keep reading the current one; swapped in when caught up. */
  async rebuild(name: string): Promise<void> {
    const m = this.get(name);
    m.layout = await this.options.runtime.beginRebuild(name, m.projection.version, m.projection.collections);
    this.setState(m);
    if (this.running) void this.tick();
  }

  /** Same as rebuild: the old read model keeps serving until the new one has caught up. */
  reset(name: string): Promise<void> {
    return this.rebuild(name);
  }

  onStatusChange(listener: (change: ProjectionStateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** This process's view, without a round trip (readiness checks): state and the active partitions it holds. */
  states(): Array<{ readonly name: string; readonly state: ProjectionState; readonly error: string | null; readonly partitions: number[] }> {
    return [...this.managed.values()].map((m) => ({
      name: m.projection.name,
      state: m.state,
      error: m.lastError,
      partitions: [...m.slots.values()].filter((s) => s.ref.generation === m.layout?.active).map((s) => s.partition).sort((a, b) => a - b),
    }));
  }

  async status(): Promise<ProjectionStatus[]> {
    return Promise.all([...this.managed.values()].map((m) => this.statusOf(m)));
  }

  deadLetters(name: string, limit = 100): Promise<DeadLetter[]> {
    this.get(name);
    return this.options.runtime.deadLetters(name, limit);
  }

  /** Drops the dead letters of a projection (every one, or those with these ids); returns how many. */
  async skipDeadLetters(name: string, ids?: readonly string[]): Promise<number> {
    this.get(name);
    return (await this.options.runtime.takeDeadLetters(name, ids)).length;
  }

  /**
   * Projects the dead letters (every one, or those with these ids) again, oldest first, onto the active read model (out of partition
   * order: an operator's repair after fixing the projection). Those failing again go back to the
   * list. Returns how many succeeded.
   */
  async retryDeadLetters(name: string, ids?: readonly string[]): Promise<number> {
    return retryDeadLetters(this.options.runtime, this.get(name).projection, this.now, ids);
  }

  /**
   * Read-your-writes: resolves once every projection (not handlers) has applied these positions.
   * Tokens are "<partition>:<stream id>" or LogPositions.
   */
  waitForPosition(tokens: ReadonlyArray<string | LogPosition>, timeoutMs: number, only?: readonly string[]): Promise<void> {
    const names = [...this.managed.values()].filter((m) => (only ? only.includes(m.projection.name) : m.kind === 'projection')).map((m) => m.projection.name);
    return this.checkpointWaiters.wait(names, tokens, timeoutMs);
  }

  /** waitForPosition for committed events (their `position`, partition from the aggregate). */
  waitForEvents(events: readonly EventEnvelope[], timeoutMs: number, only?: readonly string[]): Promise<void> {
    const tokens = readAfterTokens(events, this.options.runtime.partitions);
    if (tokens.length === 0) return Promise.resolve();
    // Only the read models these events change: the others have nothing to show for them.
    const names =
      only ?? [...this.managed.values()].filter((m) => m.kind === 'projection' && events.some((e) => wants(m.projection.handles, e.eventType))).map((m) => m.projection.name);
    return this.checkpointWaiters.wait(names, tokens, timeoutMs);
  }

  private get(name: string): Managed {
    const m = this.managed.get(name);
    if (!m) throw new Error(`unknown projection ${name}`);
    return m;
  }

  private statusOf(m: Managed): Promise<ProjectionStatus> {
    return readStatus(this.options.runtime, m.projection, { kind: m.kind, state: m.state, processed: m.processed, failed: m.failed, lastError: m.lastError }, this.now);
  }

  private tick(): Promise<void> {
    if (!this.ticking) {
      this.ticking = this.coordinate().finally(() => {
        this.ticking = null;
      });
    }
    return this.ticking;
  }

  private async coordinate(): Promise<void> {
    if (!this.running) return;
    try {
      for (const m of this.managed.values()) if (this.running) await this.balance(m);
      if (this.coordinatorFault !== null) {
        this.coordinatorFault = null;
        for (const m of this.managed.values()) this.setState(m);
      }
    } catch (error) {
      this.coordinatorFault = message(error);
      for (const m of this.managed.values()) {
        m.lastError = this.coordinatorFault;
        this.setState(m);
      }
      this.options.onError?.(error, { projection: '*' });
    }
  }

  /**
   * Renews held leases, takes free partitions up to the fair share (ceil(partitions / live workers
   * of THIS projection): workers may run different sets), gives back the excess.
   */
  private async balance(m: Managed): Promise<void> {
    const { runtime, consumer, claimIdleMs } = this.options;
    const { name, version, collections } = m.projection;
    let layout = await runtime.layout(name);
    m.outdated = layout.activeVersion > version;
    if (!m.outdated && version > layout.activeVersion && (layout.building === null || (layout.buildingVersion ?? 0) < version)) {
      layout = await runtime.beginRebuild(name, version, collections);
    }
    if (layout.building !== null && (await runtime.completeRebuild(name, layout.building))) layout = await runtime.layout(name);
    m.layout = layout;
    m.balanced = true;
    // An outdated worker must not count as live: the others' share would leave partitions unowned.
    let live = 1;
    if (m.outdated) await runtime.leave(name, consumer);
    else live = await runtime.heartbeat(name, consumer, claimIdleMs);
    const generations = m.outdated ? [] : [layout.active, ...(layout.building === null ? [] : [layout.building])];
    for (const slot of [...m.slots.values()]) if (!generations.includes(slot.ref.generation) || slot.worker.stopped) await this.stopSlot(m, slot, false);

    const partitions = runtime.partitions;
    const share = Math.ceil(partitions / Math.max(1, live));
    const offset = [...consumer].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % partitions;
    for (const generation of generations) {
      const ref = { name, generation };
      const held = [...m.slots.values()].filter((s) => s.ref.generation === generation);
      const renewed = await Promise.all(held.map((s) => runtime.acquire(ref, s.partition, consumer, claimIdleMs)));
      for (const [i, ok] of renewed.entries()) if (!ok) await this.stopSlot(m, held[i]!, false);
      let count = renewed.filter(Boolean).length;
      for (let i = 0; i < partitions && count < share; i++) {
        const partition = (offset + i) % partitions;
        if (m.slots.has(`${generation}/${partition}`)) continue;
        if (await runtime.acquire(ref, partition, consumer, claimIdleMs)) {
          this.startSlot(m, ref, partition);
          count++;
        }
      }
      const extra = [...m.slots.values()].filter((s) => s.ref.generation === generation).slice(share);
      await Promise.all(extra.map((s) => this.stopSlot(m, s, true)));
    }
    this.setState(m);
  }

  private startSlot(m: Managed, ref: GenerationRef, partition: number): void {
    const key = `${ref.generation}/${partition}`;
    const { runtime, consumer, batchSize, retry, blockMs, lingerMs = 0 } = this.options;
    const slot: Slot = {
      ref,
      partition,
      progress: 'starting',
      faulted: false,
      worker: new PartitionWorker({
        runtime,
        projection: m.projection,
        ref,
        partition,
        consumer,
        batchSize,
        retry,
        idleWaitMs: blockMs,
        lingerMs,
        hooks: {
          counted: (applied, failed) => {
            m.processed += applied;
            m.failed += failed;
          },
          advanced: (position) => {
            if (ref.generation === m.layout?.active) this.checkpointWaiters.advanced(m.projection.name, partition, position);
          },
          progress: (state) => {
            slot.progress = state;
            this.setState(m);
            if (state === 'idle' && ref.generation === m.layout?.building && this.running) void this.tick();
          },
          fault: (error) => {
            slot.faulted = true;
            m.lastError = message(error);
            this.setState(m);
            this.options.onError?.(error, { projection: m.projection.name, partition });
          },
          recovered: () => {
            slot.faulted = false;
            this.setState(m);
          },
        },
      }),
    };
    m.slots.set(key, slot);
  }

  private async stopSlot(m: Managed, slot: Slot, release: boolean): Promise<void> {
    m.slots.delete(`${slot.ref.generation}/${slot.partition}`);
    await slot.worker.stop();
    if (release) await this.options.runtime.release(slot.ref, slot.partition, this.options.consumer).catch(() => undefined);
  }

  private setState(m: Managed): void {
    const state = stateOf(m, this.running, this.coordinatorFault);
    if (m.outdated) m.lastError = `a newer version of ${m.projection.name} is active; this worker runs version ${m.projection.version}`;
    if (state === m.state) return;
    const previous = m.state;
    m.state = state;
    for (const listener of this.listeners) listener({ name: m.projection.name, state, previous, error: state === 'faulted' ? m.lastError : null });
  }
}
