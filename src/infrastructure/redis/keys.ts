/**
 * The ONE module that builds Redis keys (STYLE rule 8): no other file concatenates key strings.
 *
 * Every key of one aggregate carries the hash tag `{pN}` of its partition, so one atomic append
 * (aggregate stream, partition log, state, snapshot) touches a single Redis Cluster slot. The same
 * builders name the in-memory keyspace, so both implementations share one layout.
 */
import { partitionOf as partitionOfCore } from '../../core/partition.js';
import type { StreamRef } from '../../core/ports.js';

export interface Keys {
  /** e.g. `da:`; tests use a unique prefix per file. */
  readonly prefix: string;
  /** Part of the storage layout: never change it for a live store. */
  readonly partitions: number;
  partitionOf(aggregateType: string, aggregateId: string): number;
  /** `{pN}`: the Redis Cluster hash tag of a partition. */
  tag(partition: number): string;
  /** `events:{pN}:<type>:<id>`: one stream per aggregate, entry ids `0-<version>`. */
  stream(ref: StreamRef): string;
  /** `partition:{pN}`: what projections and process managers consume. */
  partitionLog(partition: number): string;
  /** Every partition log key, in partition order. */
  partitionLogs(): string[];
  /** `state:{pN}:<type>:<id>`: current state of state-based and hybrid aggregates. */
  state(ref: StreamRef): string;
  /** `snapshots:{pN}:<type>:<id>`: a cache, never the truth. */
  snapshot(ref: StreamRef): string;
  /** `idem:<key>`: one key per idempotency key; no hash tag needed (single-key commands). */
  idempotency(key: string): string;
  /** `unique:<scope>:<value>`: a uniqueness reservation (e.g. a username), owner id as value. */
  unique(scope: string, value: string): string;
  /** `ratelimit:<bucket>`: a fixed-window counter. */
  rateLimit(bucket: string): string;
  // Read models (`readmodel:…`, `index:…`) and projection bookkeeping (checkpoints, dead letters)
  // get their builders here too, next to these, when their owners add them.
}

export const createKeys = (prefix: string, partitions: number): Keys => {
  // Redis hashes the FIRST `{…}` of a key: a brace in the prefix would silently move every key of
  // an append into whatever slot the prefix names, and cluster scripts would fail with CROSSSLOT.
  if (/[{}]/.test(prefix)) throw new Error(`Redis key prefix must not contain braces: "${prefix}"`);
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`partitions must be a positive integer, got ${partitions}`);

  const tag = (partition: number): string => {
    if (!Number.isInteger(partition) || partition < 0 || partition >= partitions) {
      throw new Error(`partition ${partition} is outside 0..${partitions - 1}`);
    }
    return `{p${partition}}`;
  };
  const partitionOf = (aggregateType: string, aggregateId: string): number => partitionOfCore(aggregateType, aggregateId, partitions);
  const perAggregate = (kind: string) => (ref: StreamRef) =>
    `${prefix}${kind}:${tag(partitionOf(ref.aggregateType, ref.aggregateId))}:${ref.aggregateType}:${ref.aggregateId}`;
  const partitionLog = (partition: number): string => `${prefix}partition:${tag(partition)}`;

  return {
    prefix,
    partitions,
    partitionOf,
    tag,
    stream: perAggregate('events'),
    partitionLog,
    partitionLogs: () => Array.from({ length: partitions }, (_, p) => partitionLog(p)),
    state: perAggregate('state'),
    snapshot: perAggregate('snapshots'),
    idempotency: (key) => `${prefix}idem:${key}`,
    unique: (scope, value) => `${prefix}unique:${scope}:${value}`,
    rateLimit: (bucket) => `${prefix}ratelimit:${bucket}`,
  };
};
