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
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { RuleBrokenError } from '../../core/errors.js';
import type { DataKeyStore, PersonalDataVault } from '../../core/ports.js';

const SEALED = /^pii:1:([^:]+):([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)$/;
const WRAPPED = /^w1:([0-9a-f]{8}):([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
const TOMBSTONE = 'forgotten:';

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
  readonly now?: () => Date;
}

export function createVault(options: VaultOptions): PersonalDataVault {
  const kek = derive(options.masterKey, 'key-encryption-key');
  const indexKey = derive(options.masterKey, 'blind-index');
  const kekId = createHash('sha256').update(kek).digest('hex').slice(0, 8);
  const now = options.now ?? (() => new Date());
  const aadOf = (subjectId: string) => `pii:1:${subjectId}`;

  const unwrap = (subjectId: string, stored: string): Buffer => {
    const m = WRAPPED.exec(stored);
    if (!m) throw new Error(`data key of ${subjectId} is not a wrapped key`);
    if (m[1] !== kekId) throw new Error(`data key of ${subjectId} is wrapped by another master key (${m[1]}, configured ${kekId})`);
    return decrypt(kek, m[2]!, m[3]!, m[4]!, `dk:${subjectId}`);
  };

  const dataKey = async (subjectId: string): Promise<Buffer | null> => {
    const stored = await options.keys.get(subjectId);
    if (stored === null || stored.startsWith(TOMBSTONE)) return null;
    return unwrap(subjectId, stored);
  };

  return {
    async seal(subjectId, plaintext) {
      if (!/^[^:\s]{1,128}$/.test(subjectId)) throw new Error(`not a subject id: ${subjectId}`);
      let stored = await options.keys.get(subjectId);
      if (stored === null) stored = await options.keys.putIfAbsent(subjectId, `w1:${kekId}:${encrypt(kek, randomBytes(32), `dk:${subjectId}`)}`);
      if (stored.startsWith(TOMBSTONE)) throw new RuleBrokenError('SUBJECT_FORGOTTEN', 'This person was forgotten: no personal data of theirs is stored any more');
      return `${aadOf(subjectId)}:${encrypt(unwrap(subjectId, stored), Buffer.from(plaintext, 'utf8'), aadOf(subjectId))}`;
    },

    async open(value) {
      if (value === null || value === undefined) return null;
      const m = SEALED.exec(value);
      if (!m) return value; // legacy plaintext, written before sealing
      const subjectId = m[1]!;
      const key = await dataKey(subjectId);
      if (key === null) return null;
      return decrypt(key, m[2]!, m[3]!, m[4]!, aadOf(subjectId)).toString('utf8');
    },

    forget: (subjectId) => options.keys.bury(subjectId, `${TOMBSTONE}${now().toISOString()}`),

    isSealed: (value) => typeof value === 'string' && SEALED.test(value),

    blindIndex: (scope, value) => createHmac('sha256', indexKey).update(`${scope}\u0000${value}`).digest('base64url'),
  };
}
