/**
 * The ONE module that builds Redis keys (STYLE rule 8): no other file concatenates key strings.
 *
 * Every key of one aggregate carries the hash tag `{pN}` of its partition, so one atomic append
 * (aggregate stream, partition log, state, snapshot) touches a single Redis Cluster slot. The
 * in-memory twin keeps its own maps (memory/database.ts) and shares only the partition function
 * (core/partition.ts), so an aggregate sits in the same partition on both.
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
  /**
   * `applied:{pN}:<type>:<id>:<commandId>`: what a command sent with an idempotency key appended to
   * the aggregate (appendScript.ts), in the aggregate's slot so the append records it atomically.
   * The command id is a hash of the scoped key, never the client's key.
   */
  appliedCommand(ref: StreamRef, commandId: string): string;
  /** `durability:{pN}`: a short-lived key written to check the replication of a partition's slot (durableWrites.ts). */
  durabilityProbe(partition: number): string;
  /** `idem:<key>`: one key per idempotency key; no hash tag needed (single-key commands). */
  idempotency(key: string): string;
  /** `unique:<scope>:<value>`: a uniqueness reservation (e.g. a username), owner id as value. */
  unique(scope: string, value: string): string;
  /** `ratelimit:<bucket>`: a fixed-window counter. */
  rateLimit(bucket: string): string;
  /**
   * `content:<kind>:<id>`: an immutable, content-addressed value (ContentStore). No hash tag: every
   * command touches one such key, and the id (base64url) never contains a brace.
   */
  content(kind: string, id: string): string;
  /**
   * `lease:{lease:<name>}` (holder and fencing token, with a TTL) and `lease:{lease:<name>}:fence`
   * (the last token handed out): one hash tag, so the acquire script stays in one Cluster slot.
   */
  lease(name: string): { readonly lease: string; readonly fence: string };
  /**
   * `slots:{slots:<scope>:<owner>}`: a sorted set of one owner's concurrency tokens scored by lease
   * expiry (ConcurrencySlots). One key per script call; the hash tag keeps any companion key an
   * owner may gain in the same Cluster slot. The owner is URI-encoded, so it cannot close the tag.
   */
  slots(scope: string, owner: string): string;
  /**
   * `datakey:<subject>`: a subject's wrapped personal-data key (or its tombstone once forgotten),
   * apart from the events it unlocks. Single-key commands: no hash tag.
   */
  dataKey(subjectId: string): string;
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
  const applied = perAggregate('applied');

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
    appliedCommand: (ref, commandId) => `${applied(ref)}:${commandId}`,
    durabilityProbe: (partition) => `${prefix}durability:${tag(partition)}`,
    idempotency: (key) => `${prefix}idem:${key}`,
    unique: (scope, value) => `${prefix}unique:${scope}:${value}`,
    rateLimit: (bucket) => `${prefix}ratelimit:${bucket}`,
    content: (kind, id) => `${prefix}content:${kind}:${id}`,
    lease: (name) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new Error(`invalid lease name "${name}": use 1-64 of [A-Za-z0-9_-]`);
      const lease = `${prefix}lease:{lease:${name}}`;
      return { lease, fence: `${lease}:fence` };
    },
    slots: (scope, owner) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(scope)) throw new Error(`invalid slot scope "${scope}": use 1-64 of [A-Za-z0-9_-]`);
      return `${prefix}slots:{slots:${scope}:${encodeURIComponent(owner)}}`;
    },
    dataKey: (subjectId) => `${prefix}datakey:${subjectId}`,
  };
};

// ---------------------------------------------------------------------------------------------
// Read models and projection bookkeeping (owned by the read side: readStore.ts,
// projectionRuntime.ts). Kept as a separate block so the write side's layout above stays untouched.
// ---------------------------------------------------------------------------------------------

/**
 * Every key of one projection (documents, indexes, checkpoints, leases, dead letters) carries the hash tag `{rm:<namespace>}`: an atomic batch, its fencing check and the
 * generation swap each touch one Redis Cluster slot. Generations (`g<N>`) let a rebuild write a
 * fresh copy while reads keep resolving the active one through `meta`.
 *
 *   readmodel:{rm:users}:meta                      active / building generation and versions
 *   readmodel:{rm:users}:#workers|#deadletters     live workers (fair share), poison entries
 *   readmodel:{rm:users}:g3:doc:users:<id>         a document (Hash, JSON-encoded top-level fields)
 *   readmodel:{rm:users}:g3:#catalog|#checkpoint|#lease:<partition>
 *                                                  #catalog fields: <collection> (JSON array of its
 *                                                  indexes), <collection>#unlisted ('1' when unlisted)
 *   index:{rm:users}:g3:users:#ids                 every id of the collection (Sorted set, score 0);
 *                                                  none for an unlisted one (CollectionDefinition.listed)
 *   index:{rm:users}:g3:users:<index>              unique (Hash value→id) or sorted (Sorted set)
 *   index:{rm:users}:g3:users:<index>:=<value>     set index: the ids holding one value (Set)
 *
 * Scripts resolve the generation on the server, so they cannot receive every key ready-made: they
 * build the per-document and per-value keys with READ_MODEL_LUA_KEYS, which mirrors the builders
 * below exactly (both live here, so the layout has one owner).
 */
export interface ReadModelKeys {
  readonly prefix: string;
  meta(namespace: string): string;
  /** The roots scripts derive every generation's keys from (see READ_MODEL_LUA_KEYS). */
  roots(namespace: string): { readonly readModel: string; readonly index: string };
  /** `genBase(root, generation)` of both roots: what scripts writing one known generation take. */
  bases(namespace: string, generation: number): { readonly readModel: string; readonly index: string };
  doc(namespace: string, generation: number, collection: string, id: string): string;
  ids(namespace: string, generation: number, collection: string): string;
  index(namespace: string, generation: number, collection: string, index: string): string;
  indexValue(namespace: string, generation: number, collection: string, index: string, value: string): string;
  catalog(namespace: string, generation: number): string;
  checkpoints(namespace: string, generation: number): string;
  lease(namespace: string, generation: number, partition: number): string;
  /** Temporary intersections of one query; created and deleted inside one script. */
  scratch(namespace: string): string;
  deadLetters(namespace: string): string;
  /** SCAN MATCH patterns covering every key of one generation (cleanup after a swap). */
  generationPatterns(namespace: string, generation: number): string[];
  /** Sorted set of the workers running this projection (score: last heartbeat, server ms). */
  workers(namespace: string): string;
  /** Consumer-group name of a projection generation on every partition log (not a key). */
  consumerGroup(namespace: string, generation: number): string;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const checkName = (kind: string, name: string): string => {
  if (!NAME.test(name)) throw new Error(`invalid ${kind} name "${name}": use 1-64 of [A-Za-z0-9_-]`);
  return name;
};
const globEscape = (text: string): string => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

export const createReadModelKeys = (prefix: string): ReadModelKeys => {
  if (/[{}]/.test(prefix)) throw new Error(`Redis key prefix must not contain braces: "${prefix}"`);
  const roots = (ns: string) => {
    const tag = `{rm:${checkName('projection', ns)}}`;
    return { readModel: `${prefix}readmodel:${tag}:`, index: `${prefix}index:${tag}:` };
  };
  // These two lines are the Lua `genBase`: keep them in step with READ_MODEL_LUA_KEYS.
  const rm = (ns: string, g: number) => `${roots(ns).readModel}g${g}:`;
  const ix = (ns: string, g: number) => `${roots(ns).index}g${g}:`;
  return {
    prefix,
    meta: (ns) => `${roots(ns).readModel}meta`,
    roots,
    bases: (ns, g) => ({ readModel: rm(ns, g), index: ix(ns, g) }),
    doc: (ns, g, c, id) => `${rm(ns, g)}doc:${checkName('collection', c)}:${id}`,
    ids: (ns, g, c) => `${ix(ns, g)}${checkName('collection', c)}:#ids`,
    index: (ns, g, c, i) => `${ix(ns, g)}${checkName('collection', c)}:${checkName('index', i)}`,
    indexValue: (ns, g, c, i, v) => `${ix(ns, g)}${checkName('collection', c)}:${checkName('index', i)}:=${v}`,
    catalog: (ns, g) => `${rm(ns, g)}#catalog`,
    checkpoints: (ns, g) => `${rm(ns, g)}#checkpoint`,
    lease: (ns, g, p) => `${rm(ns, g)}#lease:${p}`,
    scratch: (ns) => `${roots(ns).readModel}#scratch`,
    deadLetters: (ns) => `${roots(ns).readModel}#deadletters`,
    generationPatterns: (ns, g) => [`${globEscape(rm(ns, g))}*`, `${globEscape(ix(ns, g))}*`],
    workers: (ns) => `${roots(ns).readModel}#workers`,
    consumerGroup: (ns, g) => `${checkName('projection', ns)}:g${g}`,
  };
};

/** The same layout for Lua: `rmRoot` / `ixRoot` are `roots(namespace)`, `gen` a generation number. */
export const READ_MODEL_LUA_KEYS = `
local function genBase(root, gen) return root .. 'g' .. gen .. ':' end
local function docKey(rm, coll, id) return rm .. 'doc:' .. coll .. ':' .. id end
local function idsKey(ix, coll) return ix .. coll .. ':#ids' end
local function indexKey(ix, coll, name) return ix .. coll .. ':' .. name end
local function valueKey(ix, coll, name, value) return ix .. coll .. ':' .. name .. ':=' .. value end
local function catalogKey(rm) return rm .. '#catalog' end
local function checkpointKey(rm) return rm .. '#checkpoint' end
local function scratchKey(rmRoot) return rmRoot .. '#scratch' end
`;

// ---------------------------------------------------------------------------------------------
// Maintenance (ops/maintenance.ts): finding every aggregate stream of one type with SCAN.
// ---------------------------------------------------------------------------------------------

/** SCAN MATCH pattern of every aggregate stream of `aggregateType` (all partitions). */
export const aggregateStreamPattern = (keys: Keys, aggregateType: string): string =>
  `${globEscape(keys.prefix)}events:{p*}:${globEscape(aggregateType)}:*`;

/**
 * The aggregate a stream key names, or null when `key` is not exactly such a key: a glob `*` also
 * matches colons and braces, so SCAN results are re-checked here, partition included.
 */
export const parseAggregateStreamKey = (keys: Keys, aggregateType: string, key: string): StreamRef | null => {
  const head = `${keys.prefix}events:{p`;
  if (!key.startsWith(head)) return null;
  const match = /^(\d+)\}:(.*)$/s.exec(key.slice(head.length));
  if (!match) return null;
  const rest = match[2]!;
  if (!rest.startsWith(`${aggregateType}:`)) return null;
  const ref = { aggregateType, aggregateId: rest.slice(aggregateType.length + 1) };
  return ref.aggregateId !== '' && Number(match[1]) === keys.partitionOf(aggregateType, ref.aggregateId) ? ref : null;
};

/** SCAN MATCH pattern of every stored data key (ROTATE_DATA_KEYS). */
export const dataKeyPattern = (keys: Keys): string => `${globEscape(keys.prefix)}datakey:*`;

/** The subject a data key names, or null when `key` is not one. */
export const parseDataKey = (keys: Keys, key: string): string | null => {
  const head = `${keys.prefix}datakey:`;
  return key.startsWith(head) && key.length > head.length ? key.slice(head.length) : null;
};

/**
 * Pub/Sub channels of the live event bus. Pub/Sub ignores the database index, so the key prefix is
 * what keeps deployments (and parallel test files) sharing one Redis apart. An event is published
 * once, on its aggregate's channel; wider subscriptions are patterns over those channels.
 */
export interface EventChannels {
  /** `events:aggregate:<type>:<id>`: the one channel an event is published on. */
  aggregate(aggregateType: string, aggregateId: string): string;
  /** A PSUBSCRIBE pattern over the aggregate channels: of one type, or (no type) of every type. */
  aggregatePattern(aggregateType?: string): string;
}

/** Redis glob patterns treat `* ? [ ] \` specially: a literal part of a pattern escapes them. */
const globLiteral = (text: string): string => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

export const createEventChannels = (prefix: string): EventChannels => ({
  aggregate: (type, id) => `${prefix}events:aggregate:${type}:${id}`,
  aggregatePattern: (type) => `${globLiteral(`${prefix}events:aggregate:${type === undefined ? '' : `${type}:`}`)}*`,
});
