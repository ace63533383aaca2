/**
 * Which partition an aggregate belongs to. The partition is also the Redis Cluster hash tag of
 * every key one append touches, so the number of partitions must never change for a live store
 * (it is part of the storage layout, like a shard count).
 */
export const partitionOf = (aggregateType: string, aggregateId: string, partitions: number): number => {
  // FNV-1a 32-bit: fast, stable across processes and versions, good spread for UUIDs.
  let hash = 0x811c9dc5;
  const key = `${aggregateType}:${aggregateId}`;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
};
