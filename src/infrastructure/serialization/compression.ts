/**
 * Optional compression for snapshots, states and large event payloads.
 *
 * A packed payload is `[flag byte][body]`: the flag says how the body is compressed, so readers
 * never depend on the current configuration (changing the algorithm or threshold on a live store
 * is safe). Compression is synchronous: payloads are bounded (snapshots, states), and brotli runs
 * at a moderate quality to keep the event loop responsive.
 */
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { toBuffer } from './serializer.js';

export type CompressionAlgorithm = 'none' | 'gzip' | 'brotli';

export interface CompressionOptions {
  readonly algorithm: CompressionAlgorithm;
  /** Payloads smaller than this stay uncompressed (compression costs more than it saves). */
  readonly thresholdBytes: number;
}

export const noCompression: CompressionOptions = { algorithm: 'none', thresholdBytes: Number.POSITIVE_INFINITY };

const FLAG = { none: 0, gzip: 1, brotli: 2 } as const;

export const shouldCompress = (size: number, options: CompressionOptions): boolean =>
  options.algorithm !== 'none' && size >= options.thresholdBytes;

/**
 * Frames (and compresses when due) a payload. An uncompressed text payload stays a string (the
 * flag byte 0 is the character U+0000, the same byte in UTF-8): ioredis sends all-string
 * commands on its faster path, and any Buffer argument switches a whole command to buffer mode.
 */
export const pack = (payload: Buffer | string, options: CompressionOptions = noCompression): Buffer | string => {
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  if (!shouldCompress(size, options)) return typeof payload === 'string' ? `\u0000${payload}` : Buffer.concat([Buffer.of(FLAG.none), payload]);
  const raw = toBuffer(payload);
  if (options.algorithm === 'gzip') return Buffer.concat([Buffer.of(FLAG.gzip), gzipSync(raw)]);
  const body = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  return Buffer.concat([Buffer.of(FLAG.brotli), body]);
};

/** The original payload bytes of a packed value. */
export const unpack = (stored: Buffer | string): Buffer => {
  const packed = toBuffer(stored);
  const flag = packed[0];
  const body = packed.subarray(1);
  switch (flag) {
    case FLAG.none:
      return body;
    case FLAG.gzip:
      return gunzipSync(body);
    case FLAG.brotli:
      return brotliDecompressSync(body);
    default:
      throw new Error(`Unknown compression flag ${String(flag)} (payload is not a packed value)`);
  }
};
