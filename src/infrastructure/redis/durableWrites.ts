/**
 * How a commit (the event store's append, the state store's save) reaches Redis, per durability
 * mode (configs/cqrs.yaml eventStore.durability):
 *
 *  - `primary`: the script alone. Acknowledged once the primary applied it; a primary lost
 *    before its replicas copied the write (replication is asynchronous) loses it.
 *  - `replicated`: the script and `WAIT <replicas> <timeoutMs>` in one pipeline on one
 *    connection. WAIT blocks until that many replicas acknowledged every write this connection
 *    made so far — the script's included — or the timeout. In Redis Cluster the pipeline goes to
 *    the node owning the script's slot (ioredis routes a pipeline by the keys of its commands;
 *    WAIT has none), so it waits for that primary's replicas. Too few in time: the write stays
 *    applied on the primary and the result says `confirmed: false` (DURABILITY_TIMEOUT upstream).
 *
 * WAIT blocks its connection, so the replicated writer gets a connection of its own: reads and
 * other commands never queue behind a slow replica.
 */
import type { Cluster } from 'ioredis';
import type { RedisClient } from './connection.js';
import { isNoScript, type LuaScript, type ScriptArg } from './luaScript.js';

export interface ReplicationOptions {
  /** Replicas that must acknowledge a write (eventStore.replicas). */
  readonly replicas: number;
  /** How long WAIT waits for them (eventStore.replicationTimeoutMs). */
  readonly timeoutMs: number;
}

export interface ScriptWriter {
  /** Runs a writing script; `confirmed` is false when the durability mode's replicas did not acknowledge it in time. */
  run(script: LuaScript, keys: readonly string[], args: readonly ScriptArg[]): Promise<{ reply: unknown; confirmed: boolean }>;
  /**
   * A write to `probeKey` (any key in the slot to check) and WAIT: true when the replicas
   * acknowledged everything the slot's primary applied before it. Call after reading that the
   * writes to confirm are still there: replication is in order, so a later write confirmed
   * means the earlier ones are on the replicas too.
   */
  confirm(probeKey: string): Promise<boolean>;
}

export const primaryWriter = (redis: RedisClient): ScriptWriter => ({
  run: async (script, keys, args) => ({ reply: await script.run(redis, keys, args), confirmed: true }),
  confirm: async () => true,
});

/** Redirections and failover refusals: the script did not run, so sending it again is safe. */
const NOT_RUN = /^(MOVED|ASK|TRYAGAIN|CLUSTERDOWN)\b/;
const RETRIES = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isCluster = (redis: RedisClient): redis is Cluster => 'refreshSlotsCache' in redis;

type PipelineReply = [Error | null, unknown];

interface Pending {
  readonly script: LuaScript;
  readonly keys: readonly string[];
  readonly args: readonly ScriptArg[];
  readonly resolve: (written: { reply: unknown; confirmed: boolean }) => void;
  readonly reject: (error: unknown) => void;
  attempt: number;
  whole: boolean;
}

/** The hash tag of a commit's keys (every key of one commit shares it): commits of one tag share a slot. */
const tagOf = (key: string | undefined): string => /\{[^}]*\}/.exec(key ?? '')?.[0] ?? key ?? '';

/**
 * Group commit: while a pipeline is out, the commits that arrive wait, then go together — every
 * script, then one WAIT that covers them all (WAIT counts the connection's writes so far). Under
 * load one replication round trip confirms many appends instead of one each. In Cluster mode a
 * batch holds the commits of one hash tag, so it goes to the one node that owns their slot.
 */
export const replicatedWriter = (redis: RedisClient, options: ReplicationOptions): ScriptWriter => {
  const cluster = isCluster(redis);
  const waiting = new Map<string, Pending[]>();
  const busy = new Set<string>();

  const send = async (write: (pipeline: ReturnType<RedisClient['pipeline']>) => void): Promise<PipelineReply[]> => {
    const pipeline = redis.pipeline();
    write(pipeline);
    pipeline.wait(options.replicas, options.timeoutMs);
    const replies = (await pipeline.exec()) as PipelineReply[] | null;
    if (!replies) throw new Error('replicated write: the pipeline returned no replies');
    return replies;
  };
  const confirmedBy = ([error, acked]: PipelineReply): boolean => error === null && Number(acked) >= options.replicas;

  const enqueue = (group: string, pending: Pending) => {
    const queue = waiting.get(group) ?? [];
    queue.push(pending);
    waiting.set(group, queue);
    if (!busy.has(group)) void drain(group);
  };

  const drain = async (group: string): Promise<void> => {
    busy.add(group);
    try {
      for (let batch = waiting.get(group); batch?.length; batch = waiting.get(group)) {
        waiting.delete(group);
        await commit(group, batch);
      }
    } finally {
      busy.delete(group);
    }
  };

  const commit = async (group: string, batch: Pending[]): Promise<void> => {
    let replies: PipelineReply[];
    try {
      replies = await send((p) => {
        for (const c of batch) {
          if (c.whole) p.eval(c.script.source, c.keys.length, ...c.keys, ...c.args);
          else p.evalsha(c.script.sha, c.keys.length, ...c.keys, ...c.args);
        }
      });
    } catch (error) {
      for (const c of batch) c.reject(error);
      return;
    }
    const waited = replies[batch.length] ?? [new Error('replicated write: no WAIT reply'), 0];
    const again: Pending[] = [];
    batch.forEach((c, i) => {
      const [error, reply] = replies[i] ?? [new Error('replicated write: no reply'), null];
      if (!error) return c.resolve({ reply, confirmed: confirmedBy(waited) });
      // A node that has not cached the script yet (a restart, a promoted replica): send it whole once.
      if (isNoScript(error) && !c.whole) return again.push(Object.assign(c, { whole: true }));
      // A failover moved the slot: the script did not run; learn the new owner and try again (bounded).
      if (NOT_RUN.test(error.message) && c.attempt < RETRIES) return again.push(Object.assign(c, { attempt: c.attempt + 1 }));
      c.reject(error);
    });
    if (again.length === 0) return;
    if (again.some((c) => c.attempt > 0)) {
      if (cluster) redis.refreshSlotsCache();
      await sleep(100 * 2 ** Math.max(...again.map((c) => c.attempt - 1)));
    }
    for (const c of again) enqueue(group, c);
  };

  return {
    run: (script, keys, args) =>
      new Promise((resolve, reject) => enqueue(cluster ? tagOf(keys[0]) : '', { script, keys, args, resolve, reject, attempt: 0, whole: false })),
    async confirm(probeKey) {
      const [written, waited] = await send((p) => p.set(probeKey, Date.now(), 'PX', 60_000));
      if (!written || written[0]) throw written?.[0] ?? new Error('replicated write: no reply');
      return confirmedBy(waited ?? [new Error('no WAIT reply'), 0]);
    },
  };
};
