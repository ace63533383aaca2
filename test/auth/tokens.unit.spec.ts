import { createHash, generateKeyPairSync } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, jwtVerify, createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '../../src/core/errors.js';
import {
  createTokenService,
  ed25519KeysFromPem,
  generateEd25519Keys,
  hashRefreshToken,
  hmacKeys,
  newRefreshToken,
  type SigningKeys,
  type TokenServiceOptions,
} from '../../src/auth/tokens.js';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const otherSecret = 'another-test-secret-that-is-long-enough-xyz';
const claims = { userId: 'user-1', sessionId: 'sess-1', roles: ['PLAYER'] as const };
const t0 = Date.parse('2026-01-01T10:00:00.000Z');
const fixed = (ms: number) => () => ms;
const service = (keys: SigningKeys, over: Partial<TokenServiceOptions> = {}) =>
  createTokenService({ keys, now: fixed(t0), newTokenId: () => 'jti-1', ...over });

const pemPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const rejects = async (promise: Promise<unknown>, message = 'Invalid access token') => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  expect((error as Error).message).toBe(message);
};

const keyModes: [string, () => Promise<SigningKeys>][] = [
  ['HS256 (JWT_SECRET)', async () => hmacKeys(secret)],
  ['EdDSA (generated)', () => generateEd25519Keys()],
  ['EdDSA (PEM)', () => ed25519KeysFromPem({ privateKeyPem: pemPair().privateKeyPem })],
];

describe.each(keyModes)('access tokens, %s', (_mode, makeKeys) => {
  it('round-trips the claims', async () => {
    const keys = await makeKeys();
    const tokens = service(keys);
    const { token, expiresAt } = await tokens.signAccessToken(claims);
    expect(expiresAt).toBe('2026-01-01T10:15:00.000Z');
    expect(await tokens.verifyAccessToken(token)).toEqual({ ...claims, roles: ['PLAYER'], tokenId: 'jti-1', expiresAt });
    expect(decodeProtectedHeader(token)).toEqual({ alg: keys.algorithm, kid: keys.current.kid, typ: 'at+jwt' });
  });

  it('carries the registered claims and sid', async () => {
    const tokens = service(await makeKeys(), { issuer: 'iss-x', audience: 'aud-x', accessTokenTtlSeconds: 60 });
    const { token } = await tokens.signAccessToken(claims);
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toEqual({ iss: 'iss-x', aud: 'aud-x', sub: 'user-1', sid: 'sess-1', roles: ['PLAYER'], jti: 'jti-1', iat: t0 / 1000, exp: t0 / 1000 + 60 });
  });

  it('refuses an expired token (clock), within tolerance only', async () => {
    const keys = await makeKeys();
    const { token } = await service(keys).signAccessToken(claims);
    const at = (seconds: number) => service(keys, { now: fixed(t0 + seconds * 1000) }).verifyAccessToken(token);
    await expect(at(900 + 4)).resolves.toMatchObject({ userId: 'user-1' });
    await rejects(at(900 + 6), 'Access token expired');
  });

  it('refuses a tampered signature, payload or header', async () => {
    const tokens = service(await makeKeys());
    const { token } = await tokens.signAccessToken(claims);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    await rejects(tokens.verifyAccessToken(`${header}.${payload}.${flipped}`));
    const admin = b64url({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['ADMIN'] });
    await rejects(tokens.verifyAccessToken(`${header}.${admin}.${signature}`));
    await rejects(tokens.verifyAccessToken(`${b64url({ ...decodeProtectedHeader(token), typ: 'JWT' })}.${payload}.${signature}`));
  });

  it('refuses alg "none" (crafted by hand)', async () => {
    const keys = await makeKeys();
    const tokens = service(keys);
    const { token } = await tokens.signAccessToken(claims);
    const payload = token.split('.')[1]!;
    await rejects(tokens.verifyAccessToken(`${b64url({ alg: 'none', typ: 'at+jwt', kid: keys.current.kid })}.${payload}.`));
    await rejects(tokens.verifyAccessToken(`${b64url({ alg: 'none', typ: 'at+jwt' })}.${payload}.`));
  });

  it('refuses a wrong audience or issuer', async () => {
    const keys = await makeKeys();
    const tokens = service(keys);
    const foreignAudience = await service(keys, { audience: 'someone-else' }).signAccessToken(claims);
    const foreignIssuer = await service(keys, { issuer: 'evil' }).signAccessToken(claims);
    await rejects(tokens.verifyAccessToken(foreignAudience.token));
    await rejects(tokens.verifyAccessToken(foreignIssuer.token));
  });

  it('refuses malformed input', async () => {
    const tokens = service(await makeKeys());
    for (const junk of ['', 'abc', 'a.b.c', 'a.b', `${b64url({ alg: 'HS256' })}.not-json.sig`]) await rejects(tokens.verifyAccessToken(junk));
  });

  it('refuses a token from an unrelated key that claims the same kid', async () => {
    const keys = await makeKeys();
    const impostor = keys.algorithm === 'HS256' ? hmacKeys({ kid: keys.current.kid, secret: otherSecret }) : await generateEd25519Keys(keys.current.kid);
    const { token } = await service(impostor).signAccessToken(claims);
    await rejects(service(keys).verifyAccessToken(token));
  });

  it('refuses unknown roles and tokens missing sid', async () => {
    const keys = await makeKeys();
    const signingKey = keys.algorithm === 'HS256' ? new TextEncoder().encode(keys.current.secret) : keys.current.privateKey;
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: keys.algorithm, kid: keys.current.kid, typ: 'at+jwt' })
        .setIssuer('defense-allies')
        .setAudience('defense-allies-api')
        .setSubject('user-1')
        .setIssuedAt(t0 / 1000)
        .setExpirationTime(t0 / 1000 + 60)
        .setJti('j')
        .sign(signingKey);
    const tokens = service(keys);
    await expect(tokens.verifyAccessToken(await sign({ sid: 's', roles: ['PLAYER'] }))).resolves.toMatchObject({ sessionId: 's' });
    await rejects(tokens.verifyAccessToken(await sign({ sid: 's', roles: ['ROOT'] })));
    await rejects(tokens.verifyAccessToken(await sign({ sid: 's', roles: 'ADMIN' })));
    await rejects(tokens.verifyAccessToken(await sign({ roles: ['PLAYER'] })));
  });
});

describe('key rotation by kid', () => {
  it('HS256: a token signed with the previous secret still verifies; a dropped one fails', async () => {
    const { token } = await service(hmacKeys(otherSecret)).signAccessToken(claims);
    await expect(service(hmacKeys(secret, [otherSecret])).verifyAccessToken(token)).resolves.toMatchObject({ userId: 'user-1' });
    await rejects(service(hmacKeys(secret)).verifyAccessToken(token));
  });

  it('EdDSA: a token signed by the previous kid still verifies; an unknown kid fails', async () => {
    const old = pemPair();
    const current = pemPair();
    const oldKeys = await ed25519KeysFromPem({ privateKeyPem: old.privateKeyPem });
    const { token } = await service(oldKeys).signAccessToken(claims);
    const rotated = await ed25519KeysFromPem({ privateKeyPem: current.privateKeyPem, previous: [old.publicKeyPem] });
    expect(rotated.previous[0]?.kid).toBe(oldKeys.current.kid); // thumbprint kids agree
    await expect(service(rotated).verifyAccessToken(token)).resolves.toMatchObject({ userId: 'user-1' });
    const fresh = await service(rotated).signAccessToken(claims);
    expect(decodeProtectedHeader(fresh.token).kid).toBe(rotated.current.kid);
    await rejects(service(await ed25519KeysFromPem({ privateKeyPem: current.privateKeyPem })).verifyAccessToken(token));
  });

  it('accepts explicit kids and refuses duplicates', async () => {
    const keys = await ed25519KeysFromPem({ privateKeyPem: pemPair().privateKeyPem, kid: 'k2', previous: [{ kid: 'k1', publicKeyPem: pemPair().publicKeyPem }] });
    expect([keys.current.kid, keys.previous[0]?.kid]).toEqual(['k2', 'k1']);
    expect(() => service(hmacKeys({ kid: 'k', secret }, [{ kid: 'k', secret: otherSecret }]))).toThrow(/unique/);
  });

  it('publishes the public JWKS for EdDSA and nothing for HS256', async () => {
    const old = pemPair();
    const keys = await ed25519KeysFromPem({ privateKeyPem: pemPair().privateKeyPem, previous: [old.publicKeyPem] });
    const tokens = service(keys);
    const jwks = await tokens.publicJwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual([keys.current.kid, keys.previous[0]?.kid]);
    expect(jwks.keys.every((k) => k.d === undefined && k.alg === 'EdDSA' && k.crv === 'Ed25519')).toBe(true);
    const { token } = await tokens.signAccessToken(claims);
    await expect(jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ['EdDSA'], currentDate: new Date(t0) })).resolves.toBeDefined();
    expect(await service(hmacKeys(secret)).publicJwks()).toEqual({ keys: [] });
  });
});

describe('algorithm pinning across modes', () => {
  it('an HS256 token is refused by an EdDSA service, even with its kid', async () => {
    const ed = await generateEd25519Keys('shared-kid');
    const { token } = await service(hmacKeys({ kid: 'shared-kid', secret })).signAccessToken(claims);
    await rejects(service(ed).verifyAccessToken(token));
  });

  it('the classic confusion: HS256 signed with the EdDSA public key is refused', async () => {
    const pair = pemPair();
    const ed = await ed25519KeysFromPem({ privateKeyPem: pair.privateKeyPem });
    const forged = await new SignJWT({ sid: 'sess-1', roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256', kid: ed.current.kid, typ: 'at+jwt' })
      .setIssuer('defense-allies')
      .setAudience('defense-allies-api')
      .setSubject('user-1')
      .setIssuedAt(t0 / 1000)
      .setExpirationTime(t0 / 1000 + 60)
      .setJti('j')
      .sign(new TextEncoder().encode(pair.publicKeyPem));
    await rejects(service(ed).verifyAccessToken(forged));
  });

  it('an EdDSA token is refused by an HS256 service', async () => {
    const ed = await generateEd25519Keys('shared-kid');
    const { token } = await service(ed).signAccessToken(claims);
    await rejects(service(hmacKeys({ kid: 'shared-kid', secret })).verifyAccessToken(token));
  });
});

describe('key configuration', () => {
  it('refuses a JWT secret shorter than 32 characters', () => {
    expect(() => hmacKeys('short')).toThrow(/at least 32/);
    expect(() => hmacKeys(secret, ['x'.repeat(31)])).toThrow(/at least 32/);
    expect(() => hmacKeys('x'.repeat(32))).not.toThrow();
  });

  it('refuses PEM keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    return expect(ed25519KeysFromPem({ privateKeyPem: rsa })).rejects.toThrow(/Ed25519/);
  });
});

describe('refresh tokens', () => {
  it('are 32 random bytes in base64url', () => {
    const a = newRefreshToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(new Set(Array.from({ length: 100 }, newRefreshToken)).size).toBe(100);
  });

  it('are stored as hex SHA-256', () => {
    expect(hashRefreshToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = newRefreshToken();
    expect(hashRefreshToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });
});
