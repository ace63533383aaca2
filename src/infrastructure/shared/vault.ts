/**
 * The personal-data vault (core/ports.ts PersonalDataVault) over any DataKeyStore: AES-256-GCM
 * with node:crypto, one random 256-bit data key per subject, wrapped (AES-256-GCM again) by a key
 * derived from the configured master key.
 *
 *   sealed value  pii:1:<subjectId>:<iv>.<ciphertext>.<tag>     (base64url; AAD = "pii:1:<subjectId>")
 *   stored key    w1:<kek id>:<iv>.<wrapped key>.<tag>          (kek id = 8 hex of SHA-256 of the KEK)
 *   tombstone     forgotten:<ISO time>
 *
 * Keys are not cached: a subject forgotten on one node is unreadable on every node at once. A
 * sealed value names its subject, so reading one needs no other context. The AAD binds the value
 * to its subject (a value copied under another subject fails to open).
 *
 * Master-key rotation: a stored key names the KEK that wrapped it, so the vault opens keys wrapped
 * by the current master key or any previous one (privacy.previousMasterKeys) and wraps new keys
 * with the current one; `rewrapAll` (maintenance ROTATE_DATA_KEYS) rewraps the rest, after which
 * the previous keys can be dropped from configuration.
 *
 * Blind indexes must not change when the master key does (email reservations are named by them),
 * so their HMAC key is a secret stored like a data key, under the reserved subject
 * `#blind-index`: created on first use as the derivation earlier versions computed each time (from
 * the first previous master key if any, else the current one), then rewrapped by rotation like
 * every other key.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { RuleBrokenError } from '../../core/errors.js';
import { REDACTED } from '../../core/personalData.js';
import type { DataKeyStore, PersonalDataVault } from '../../core/ports.js';

const SEALED = /^pii:1:([^:]+):([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)$/;
const WRAPPED = /^w1:([0-9a-f]{8}):([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
const TOMBSTONE = 'forgotten:';
/** The stored subject of the blind-index key (never a user id: those are UUIDs). */
export const BLIND_INDEX_SUBJECT = '#blind-index';

const b64 = (b: Buffer): string => b.toString('base64url');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64url');

const encrypt = (key: Buffer, plaintext: Buffer, aad: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${b64(iv)}.${b64(body)}.${b64(cipher.getAuthTag())}`;
};

const decrypt = (key: Buffer, iv: string, body: string, tag: string, aad: string): Buffer => {
  const decipher = createDecipheriv('aes-256-gcm', key, unb64(iv));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(unb64(tag));
  return Buffer.concat([decipher.update(unb64(body)), decipher.final()]);
};

const derive = (master: string, info: string): Buffer => Buffer.from(hkdfSync('sha256', Buffer.from(master, 'utf8'), Buffer.from('defense-allies/pii', 'utf8'), info, 32));

export interface VaultOptions {
  readonly keys: DataKeyStore;
  /** The master key (privacy.masterKey): any string of 32+ characters; the keys used are derived from it. */
  readonly masterKey: string;
  /** Master keys of before a rotation (privacy.previousMasterKeys): they still open keys they wrapped. */
  readonly previousMasterKeys?: readonly string[];
  readonly now?: () => Date;
}

/** The id a stored key names its KEK by: 8 hex of the KEK's SHA-256 (never the key itself). */
export const masterKeyId = (masterKey: string): string => createHash('sha256').update(derive(masterKey, 'key-encryption-key')).digest('hex').slice(0, 8);

export function createVault(options: VaultOptions): PersonalDataVault {
  const kek = derive(options.masterKey, 'key-encryption-key');
  const kekId = masterKeyId(options.masterKey);
  // Every KEK that may have wrapped a stored key, by id; the current one first.
  const keks = new Map<string, Buffer>([[kekId, kek]]);
  for (const previous of options.previousMasterKeys ?? []) if (!keks.has(masterKeyId(previous))) keks.set(masterKeyId(previous), derive(previous, 'key-encryption-key'));
  const now = options.now ?? (() => new Date());
  const aadOf = (subjectId: string) => `pii:1:${subjectId}`;
  const wrap = (subjectId: string, key: Buffer) => `w1:${kekId}:${encrypt(kek, key, `dk:${subjectId}`)}`;

  const unwrap = (subjectId: string, stored: string): Buffer => {
    const m = WRAPPED.exec(stored);
    if (!m) throw new Error(`data key of ${subjectId} is not a wrapped key`);
    const by = keks.get(m[1]!);
    if (!by) throw new Error(`data key of ${subjectId} is wrapped by another master key (${m[1]}, configured ${[...keks.keys()].join(', ')})`);
    return decrypt(by, m[2]!, m[3]!, m[4]!, `dk:${subjectId}`);
  };

  const dataKey = async (subjectId: string): Promise<Buffer | null> => {
    const stored = await options.keys.get(subjectId);
    if (stored === null || stored.startsWith(TOMBSTONE)) return null;
    return unwrap(subjectId, stored);
  };

  // Stable across rotations: stored once, then only rewrapped. Cached: it is never forgotten.
  let indexKey: Promise<Buffer> | null = null;
  const blindIndexKey = (): Promise<Buffer> =>
    (indexKey ??= (async () => {
      // Created once, from the master key earlier versions derived it from each time: the first
      // previous key when there is one (an upgrade that also rotates), else the current one.
      const from = options.previousMasterKeys?.[0] ?? options.masterKey;
      const stored = (await options.keys.get(BLIND_INDEX_SUBJECT)) ?? (await options.keys.putIfAbsent(BLIND_INDEX_SUBJECT, wrap(BLIND_INDEX_SUBJECT, derive(from, 'blind-index'))));
      return unwrap(BLIND_INDEX_SUBJECT, stored);
    })().catch((error: unknown) => {
      indexKey = null;
      throw error;
    }));

  /** One stored key rewrapped by the current KEK; compare-and-set, so a concurrent forget wins. */
  const rewrap = async (subjectId: string): Promise<'rewrapped' | 'current' | 'forgotten' | 'gone'> => {
    for (;;) {
      const stored = await options.keys.get(subjectId);
      if (stored === null) return 'gone';
      if (stored.startsWith(TOMBSTONE)) return 'forgotten';
      if (stored.startsWith(`w1:${kekId}:`)) return 'current';
      if (await options.keys.replaceIf(subjectId, stored, wrap(subjectId, unwrap(subjectId, stored)))) return 'rewrapped';
    }
  };

  return {
    async seal(subjectId, plaintext) {
      if (!/^[^:\s#]{1,128}$/.test(subjectId)) throw new Error(`not a subject id: ${subjectId}`);
      let stored = await options.keys.get(subjectId);
      if (stored === null) stored = await options.keys.putIfAbsent(subjectId, wrap(subjectId, randomBytes(32)));
      if (stored.startsWith(TOMBSTONE)) throw new RuleBrokenError('SUBJECT_FORGOTTEN', 'This person was forgotten: no personal data of theirs is stored any more');
      return `${aadOf(subjectId)}:${encrypt(unwrap(subjectId, stored), Buffer.from(plaintext, 'utf8'), aadOf(subjectId))}`;
    },

    async open(value) {
      if (value === null || value === undefined || value === REDACTED) return null; // redacted: its person was forgotten
      const m = SEALED.exec(value);
      if (!m) return value; // legacy plaintext, written before sealing
      const subjectId = m[1]!;
      const key = await dataKey(subjectId);
      if (key === null) return null;
      return decrypt(key, m[2]!, m[3]!, m[4]!, aadOf(subjectId)).toString('utf8');
    },

    forget: (subjectId) => options.keys.bury(subjectId, `${TOMBSTONE}${now().toISOString()}`),

    isSealed: (value) => value === REDACTED || (typeof value === 'string' && SEALED.test(value)),

    async blindIndex(scope, value) {
      return createHmac('sha256', await blindIndexKey()).update(`${scope}\u0000${value}`).digest('base64url');
    },

    currentMasterKeyId: kekId,

    async rewrapAll() {
      const report = { masterKeyId: kekId, scanned: 0, rewrapped: 0, alreadyCurrent: 0, forgotten: 0, failed: [] as string[] };
      for await (const subjectId of options.keys.subjects()) {
        report.scanned++;
        try {
          const outcome = await rewrap(subjectId);
          if (outcome === 'rewrapped') report.rewrapped++;
          else if (outcome === 'current') report.alreadyCurrent++;
          else if (outcome === 'forgotten') report.forgotten++;
        } catch {
          // Wrapped by a master key no longer configured (or damaged): named, never fatal for the others.
          if (report.failed.length < 100) report.failed.push(subjectId);
        }
      }
      return report;
    },
  };
}
