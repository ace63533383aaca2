/**
 * Password hashing with scrypt (node:crypto, no native build).
 *
 * Stored form, PHC-like: `$scrypt$ln=17,r=8,p=1$<salt b64url>$<key b64url>`. The cost travels
 * with each hash, so the configured cost can rise later: `verify` reads it from the string and
 * `needsRehash` tells the login handler to re-hash on the next successful login.
 *
 * The default cost is OWASP's scrypt minimum (N=2^17, r=8, p=1): about 128 MiB and well over
 * 100 ms per hash on the libuv pool, so register/login must be rate-limited. Tests pass a low N.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const defaultScryptParams: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds for hashes read back from storage: a corrupted or hostile string must not make us
// allocate gigabytes or spin for minutes.
const MAX_MEMORY_BYTES = 1024 ** 3;
const MAX_P = 16;

export interface ParsedPasswordHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9_-]{11,86})\$([A-Za-z0-9_-]{22,171})$/;

const assertParams = ({ N, r, p }: ScryptParams): void => {
  const valid =
    Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0 && Number.isInteger(r) && r >= 1 && Number.isInteger(p) && p >= 1 && p <= MAX_P && 128 * N * r <= MAX_MEMORY_BYTES;
  if (!valid) throw new Error(`Invalid scrypt parameters N=${N} r=${r} p=${p}`);
};

/** Node's default maxmem (32 MiB) is below OWASP cost: scrypt needs ~128·N·r bytes (plus 128·r·p). */
const maxmemFor = ({ N, r, p }: ScryptParams): number => 2 * 128 * N * r + 128 * r * p;

const derive = (password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> => {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: maxmemFor(params) };
  // NFKC so that the same password typed on different keyboards/IMEs hashes the same.
  const input = Buffer.from(password.normalize('NFKC'), 'utf8');
  return new Promise((resolve, reject) => {
    scrypt(input, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
};

/** Throws on anything that is not a well-formed scrypt hash within the bounds above. */
export const parsePasswordHash = (stored: string): ParsedPasswordHash => {
  const match = PHC.exec(stored);
  if (!match) throw new Error('Malformed password hash');
  const [, ln, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
  const params = { N: 2 ** Number(ln), r: Number(r), p: Number(p) };
  assertParams(params);
  return { params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
};

export const formatPasswordHash = ({ params, salt, key }: ParsedPasswordHash): string =>
  `$scrypt$ln=${Math.log2(params.N)},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;

export const hashPassword = async (password: string, params: ScryptParams = defaultScryptParams): Promise<string> => {
  assertParams(params);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, params);
  return formatPasswordHash({ params, salt, key });
};

/** Constant-time in the key comparison; false for a wrong password, throws for a malformed hash. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const { params, salt, key } = parsePasswordHash(stored);
  const candidate = await derive(password, salt, key.length, params);
  return timingSafeEqual(candidate, key);
};

/** True when the hash was made with other parameters than `params` (re-hash after a good login). */
export const needsRehash = (stored: string, params: ScryptParams = defaultScryptParams): boolean => {
  try {
    const parsed = parsePasswordHash(stored).params;
    return parsed.N !== params.N || parsed.r !== params.r || parsed.p !== params.p;
  } catch {
    return true;
  }
};

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  needsRehash(stored: string): boolean;
  /**
   * Spends the same time as a real verification and returns false. Use it when the login names
   * no user, so response time does not reveal which usernames exist.
   */
  verifyUnknownUser(password: string): Promise<false>;
}

/** The hasher the composition root builds from configuration and hands to the auth handlers. */
export const createPasswordHasher = (params: ScryptParams = defaultScryptParams): PasswordHasher => {
  assertParams(params);
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hashPassword(password, params),
    verify: verifyPassword,
    needsRehash: (stored) => needsRehash(stored, params),
    verifyUnknownUser: async (password) => {
      dummy ??= hashPassword('not-a-real-password', params);
      await verifyPassword(password, await dummy);
      return false;
    },
  };
};
