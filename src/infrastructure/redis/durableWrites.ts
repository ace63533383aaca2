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

export const replicatedWriter = (redis: RedisClient, options: ReplicationOptions): ScriptWriter => {
  const send = async (write: (pipeline: ReturnType<RedisClient['pipeline']>) => void): Promise<[PipelineReply, PipelineReply]> => {
    const pipeline = redis.pipeline();
    write(pipeline);
    pipeline.wait(options.replicas, options.timeoutMs);
    const replies = (await pipeline.exec()) as [PipelineReply, PipelineReply] | null;
    if (!replies || replies.length !== 2) throw new Error('replicated write: the pipeline returned no replies');
    return replies;
  };
  const confirmedBy = ([error, acked]: PipelineReply): boolean => error === null && Number(acked) >= options.replicas;

  return {
    async run(script, keys, args) {
      for (let attempt = 0; ; attempt++) {
        let [written, waited] = await send((p) => p.evalsha(script.sha, keys.length, ...keys, ...args));
        // A node that has not cached the script yet (a restart, a promoted replica): send it whole once.
        if (written[0] && isNoScript(written[0])) [written, waited] = await send((p) => p.eval(script.source, keys.length, ...keys, ...args));
        const [error, reply] = written;
        if (!error) return { reply, confirmed: confirmedBy(waited) };
        if (!NOT_RUN.test(error.message) || attempt >= RETRIES) throw error;
        // A failover moved the slot: learn the new owner, then try again (bounded, growing pauses).
        if (isCluster(redis)) redis.refreshSlotsCache();
        await sleep(100 * 2 ** attempt);
      }
    },
    async confirm(probeKey) {
      const [written, waited] = await send((p) => p.set(probeKey, Date.now(), 'PX', 60_000));
      if (written[0]) throw written[0];
      return confirmedBy(waited);
    },
  };
};
