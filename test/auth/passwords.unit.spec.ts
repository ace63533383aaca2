import { describe, expect, it } from 'vitest';
import {
  createPasswordHasher,
  defaultScryptParams,
  formatPasswordHash,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  verifyPassword,
  type ScryptParams,
} from '../../src/auth/passwords.js';

// Low cost keeps the suite fast; production uses defaultScryptParams.
const low: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

describe('passwords (scrypt)', () => {
  it('hashes into the PHC-like format and verifies', async () => {
    const stored = await hashPassword('correct horse battery', low);
    expect(stored).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
  });

  it('refuses a wrong password', async () => {
    const stored = await hashPassword('correct horse battery', low);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same password', low)).not.toBe(await hashPassword('same password', low));
  });

  it('normalises to NFKC, so composed and decomposed forms match', async () => {
    const composed = 'caf\u00e9-passw0rd'; // é as one code point
    const decomposed = 'cafe\u0301-passw0rd'; // e + combining acute
    const stored = await hashPassword(composed, low);
    expect(await verifyPassword(decomposed, stored)).toBe(true);
    // compatibility forms fold too: fullwidth Ａ and the ﬁ ligature
    expect(await verifyPassword('ABC-fi-1234', await hashPassword('\uff21BC-\ufb01-1234', low))).toBe(true);
  });

  it('verifies with the parameters stored in the hash, not the current configuration', async () => {
    const old = await hashPassword('rotating cost', { N: 2 ** 11, r: 4, p: 2 });
    expect(old).toContain('$ln=11,r=4,p=2$');
    expect(await verifyPassword('rotating cost', old)).toBe(true);
    const hasher = createPasswordHasher(low);
    expect(await hasher.verify('rotating cost', old)).toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('rotating cost'))).toBe(false);
  });

  it('needsRehash compares N, r and p and treats garbage as needing a rehash', async () => {
    const stored = await hashPassword('x'.repeat(12), low);
    expect(needsRehash(stored, low)).toBe(false);
    expect(needsRehash(stored, { ...low, N: 2 ** 11 })).toBe(true);
    expect(needsRehash(stored, { ...low, r: 16 })).toBe(true);
    expect(needsRehash(stored, { ...low, p: 2 })).toBe(true);
    expect(needsRehash(stored)).toBe(true); // against the OWASP default
    expect(needsRehash('$2b$10$bcrypt-hash', low)).toBe(true);
  });

  it('parses and re-formats a stored hash', async () => {
    const stored = await hashPassword('parse me please', low);
    const parsed = parsePasswordHash(stored);
    expect(parsed.params).toEqual(low);
    expect(parsed.salt).toHaveLength(16);
    expect(parsed.key).toHaveLength(32);
    expect(formatPasswordHash(parsed)).toBe(stored);
  });

  it.each([
    ['not a hash', 'garbage'],
    ['another algorithm', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5'],
    ['N not a power of two', '$scrypt$ln=0,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U'],
    ['memory bomb', '$scrypt$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U'],
    ['too short a salt', '$scrypt$ln=10,r=8,p=1$c2Fs$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U'],
  ])('throws on a malformed stored hash (%s) instead of answering false', async (_why, stored) => {
    expect(() => parsePasswordHash(stored)).toThrow();
    await expect(verifyPassword('whatever password', stored)).rejects.toThrow();
  });

  it('refuses invalid configured parameters', async () => {
    expect(() => createPasswordHasher({ N: 1000, r: 8, p: 1 })).toThrow(/scrypt/);
    await expect(hashPassword('password123', { N: 2 ** 10, r: 0, p: 1 })).rejects.toThrow(/scrypt/);
  });

  it('defaults to the OWASP cost, whose memory needs exceed Node’s default maxmem', async () => {
    expect(defaultScryptParams).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const stored = await hashPassword('owasp strength');
    expect(stored).toContain('$ln=17,r=8,p=1$');
    expect(await verifyPassword('owasp strength', stored)).toBe(true);
  }, 20_000);

  it('spends a verification on unknown users and answers false', async () => {
    const hasher = createPasswordHasher(low);
    expect(await hasher.verifyUnknownUser('anything at all')).toBe(false);
    expect(await hasher.verifyUnknownUser('not-a-real-password')).toBe(false);
  });
});
