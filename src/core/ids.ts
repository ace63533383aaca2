/**
 * Ids: UUIDv7 (RFC 9562) — time-ordered, so event ids sort in append order within a process.
 *
 * `uuid`'s own v7 draws its 16 random bytes through `crypto.getRandomValues` on every call, and
 * the profile of a query showed that call (WebCrypto's argument checks, then a `getrandom` per id)
 * at ~5% of the server's CPU: every request gets an id. Here the random bytes come from a pool
 * refilled from the CSPRNG 4 KiB at a time, and uuid still lays out and formats the id. The
 * millisecond and the 31-bit counter follow uuid's monotonic rule: a new millisecond starts the
 * counter at a random value, the same (or an earlier, clock-stepped-back) millisecond increments it,
 * and its overflow moves the timestamp on by one — so ids never go backwards in one process.
 */
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const POOL_BYTES = 4096;
const ID_BYTES = 16;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

/** 16 fresh random bytes (a view into the pool: use before the next call). */
const randomBytes16 = (): Uint8Array => {
  if (offset + ID_BYTES > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return bytes;
};

const state = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

/** A new UUIDv7, monotonic within this process. */
export const newId = (): string => {
  const random = randomBytes16();
  const now = Date.now();
  if (now > state.msecs) {
    state.msecs = now;
    state.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return v7({ random, msecs: state.msecs, seq: state.seq });
};
