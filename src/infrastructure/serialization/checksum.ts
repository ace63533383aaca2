/**
 * CRC-32 (hex) of serialized payloads: catches corruption and hand edits of stored events, not
 * tampering by someone who can recompute it (it is an integrity check, not a signature).
 */
import { crc32 } from 'node:zlib';

/** CRC-32 over the parts in order, as 8 lowercase hex digits. Strings count as their UTF-8 bytes. */
export const checksum = (...parts: ReadonlyArray<Buffer | string>): string => {
  let crc = 0;
  for (const part of parts) crc = crc32(part, crc);
  return crc.toString(16).padStart(8, '0');
};

/**
 * Throws when the stored checksum does not match the payload. A plain Error on purpose (STYLE:
 * only core/errors.ts defines error classes): corruption is unexpected, so the API masks it and
 * the log keeps the message.
 */
export const verifyChecksum = (where: string, expected: string, ...parts: ReadonlyArray<Buffer | string>): void => {
  const actual = checksum(...parts);
  if (actual !== expected) throw new Error(`Checksum mismatch for ${where}: stored ${expected}, computed ${actual} (the stored payload is corrupt)`);
};
