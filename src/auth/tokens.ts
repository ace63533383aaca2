/**
 * Access tokens (JWT via jose) and opaque refresh tokens.
 *
 * - The algorithm is pinned per service (HS256 *or* EdDSA, never "whatever the header says"),
 *   which is what defeats `alg: none` and HS256-with-the-public-key confusion attacks.
 * - Keys rotate by `kid`: one current signing key plus previous keys kept for verification until
 *   the longest access-token lifetime has passed. A token whose `kid` is unknown is refused.
 * - Every failure surfaces as UnauthenticatedError with a safe message; the jose error (which may
 *   describe claims) is never shown to the client.
 * - Refresh tokens are 256 random bits shown once; only their SHA-256 is stored.
 *
 * No module state: keys, clock and id source are parameters, wired in the composition root.
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, errors, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { uuidv7 } from '../core/ids.js';
import { UnauthenticatedError } from '../core/errors.js';
import { isRole, type Role } from './domain/user.js';

type AsymmetricKey = CryptoKey | KeyObject;
export interface HmacKey {
  readonly kid: string;
  readonly secret: string;
}
export interface Ed25519PublicKey {
  readonly kid: string;
  readonly publicKey: AsymmetricKey;
}
export type SigningKeys =
  | { readonly algorithm: 'HS256'; readonly current: HmacKey; readonly previous: readonly HmacKey[] }
  | {
      readonly algorithm: 'EdDSA';
      readonly current: Ed25519PublicKey & { readonly privateKey: AsymmetricKey };
      readonly previous: readonly Ed25519PublicKey[];
    };

export const MIN_SECRET_LENGTH = 32;

// ── key material ────────────────────────────────────────────────────────────
/**
 * A key id derived from the secret, so that moving JWT_SECRET into a "previous secrets" list
 * keeps old tokens verifiable without naming kids. It reveals nothing a signed token doesn't
 * (both are offline oracles for guessing the secret; the length rule makes that hopeless).
 */
const hmacKid = (secret: string): string => `hs-${createHash('sha256').update(`kid:${secret}`).digest('base64url').slice(0, 16)}`;

const hmacKey = (key: string | HmacKey): HmacKey => {
  const { secret, kid } = typeof key === 'string' ? { secret: key, kid: hmacKid(key) } : key;
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`JWT secret must be at least ${MIN_SECRET_LENGTH} characters long`);
  return { kid, secret };
};

/** HS256 keys from `JWT_SECRET` (and retired secrets still accepted for verification). */
export const hmacKeys = (current: string | HmacKey, previous: readonly (string | HmacKey)[] = []): SigningKeys => ({
  algorithm: 'HS256',
  current: hmacKey(current),
  previous: previous.map(hmacKey),
});

const kidOf = async (publicKey: AsymmetricKey): Promise<string> => calculateJwkThumbprint(await exportJWK(publicKey));

const ed25519 = (key: KeyObject, what: string): KeyObject => {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${what} must be an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`);
  return key;
};

/**
 * EdDSA keys from PEM text (PKCS#8 private key; SPKI public keys of retired signing keys). Kids
 * default to the RFC 7638 JWK thumbprint, which every holder of the public key can recompute.
 */
export const ed25519KeysFromPem = async (options: {
  privateKeyPem: string;
  kid?: string;
  previous?: readonly (string | { kid: string; publicKeyPem: string })[];
}): Promise<SigningKeys> => {
  const privateKey = ed25519(createPrivateKey(options.privateKeyPem), 'JWT private key');
  const publicKey = createPublicKey(privateKey);
  const previous = await Promise.all(
    (options.previous ?? []).map(async (entry) => {
      const { pem, kid } = typeof entry === 'string' ? { pem: entry, kid: undefined } : { pem: entry.publicKeyPem, kid: entry.kid };
      const key = ed25519(createPublicKey(pem), 'JWT previous public key');
      return { kid: kid ?? (await kidOf(key)), publicKey: key };
    }),
  );
  return { algorithm: 'EdDSA', current: { kid: options.kid ?? (await kidOf(publicKey)), privateKey, publicKey }, previous };
};

/** A throw-away key pair for development: tokens die with the process. */
export const generateEd25519Keys = async (kid?: string): Promise<SigningKeys> => {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  return { algorithm: 'EdDSA', current: { kid: kid ?? (await kidOf(publicKey)), privateKey, publicKey }, previous: [] };
};

// ── access tokens ───────────────────────────────────────────────────────────
export interface TokenServiceOptions {
  readonly keys: SigningKeys;
  readonly issuer?: string;
  readonly audience?: string;
  /** Default 900 (15 minutes). */
  readonly accessTokenTtlSeconds?: number;
  /** Skew allowed on `exp`/`nbf` between nodes; default 5. */
  readonly clockToleranceSeconds?: number;
  /** Epoch milliseconds; inject a fake in tests. */
  readonly now?: () => number;
  /** `jti` source; default UUIDv7. */
  readonly newTokenId?: () => string;
}

export interface AccessTokenClaims {
  readonly userId: string;
  readonly sessionId: string;
  readonly roles: readonly Role[];
}
export interface VerifiedAccessToken extends AccessTokenClaims {
  readonly tokenId: string;
  /** ISO-8601. */
  readonly expiresAt: string;
}

export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const DEFAULT_ISSUER = 'defense-allies';
export const DEFAULT_AUDIENCE = 'defense-allies-api';

const invalid = (): UnauthenticatedError => new UnauthenticatedError('Invalid access token');

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

export const createTokenService = (options: TokenServiceOptions) => {
  const { keys } = options;
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const ttl = options.accessTokenTtlSeconds ?? 900;
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  const now = options.now ?? Date.now;
  const newTokenId = options.newTokenId ?? uuidv7;
  const encoder = new TextEncoder();

  const signingKey: AsymmetricKey | Uint8Array = keys.algorithm === 'HS256' ? encoder.encode(keys.current.secret) : keys.current.privateKey;
  const verificationKeys = new Map<string, AsymmetricKey | Uint8Array>(
    keys.algorithm === 'HS256'
      ? [keys.current, ...keys.previous].map((k) => [k.kid, encoder.encode(k.secret)] as const)
      : [keys.current, ...keys.previous].map((k) => [k.kid, k.publicKey] as const),
  );
  if (verificationKeys.size !== 1 + keys.previous.length) throw new Error('JWT key ids must be unique');

  const signAccessToken = async ({ userId, sessionId, roles }: AccessTokenClaims): Promise<{ token: string; expiresAt: string }> => {
    const issuedAt = Math.floor(now() / 1000);
    const expiresAt = issuedAt + ttl;
    const token = await new SignJWT({ sid: sessionId, roles: [...roles] })
      .setProtectedHeader({ alg: keys.algorithm, kid: keys.current.kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(userId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(newTokenId())
      .sign(signingKey);
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
  };

  const verifyAccessToken = async (token: string): Promise<VerifiedAccessToken> => {
    let payload;
    try {
      ({ payload } = await jwtVerify(
        token,
        (header) => {
          const key = header.kid === undefined ? undefined : verificationKeys.get(header.kid);
          if (key === undefined) throw invalid();
          return key;
        },
        {
          algorithms: [keys.algorithm],
          issuer,
          audience,
          typ: ACCESS_TOKEN_TYPE,
          requiredClaims: ['sub', 'sid', 'jti', 'iat', 'exp'],
          currentDate: new Date(now()),
          clockTolerance,
        },
      ));
    } catch (error) {
      // Expiry is the one failure worth telling apart: it tells the client to refresh.
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('Access token expired');
      throw invalid();
    }
    const { sub, sid, jti, exp, roles } = payload;
    if (typeof sub !== 'string' || typeof sid !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') throw invalid();
    if (!isStringArray(roles) || !roles.every(isRole)) throw invalid();
    return { userId: sub, sessionId: sid, roles, tokenId: jti, expiresAt: new Date(exp * 1000).toISOString() };
  };

  /** The JWKS to publish so other services can verify (EdDSA only: an HMAC secret is never published). */
  const publicJwks = async (): Promise<{ keys: JWK[] }> => {
    if (keys.algorithm !== 'EdDSA') return { keys: [] };
    return {
      keys: await Promise.all(
        [keys.current, ...keys.previous].map(async (k) => ({ ...(await exportJWK(k.publicKey)), kid: k.kid, alg: 'EdDSA', use: 'sig' })),
      ),
    };
  };

  return { algorithm: keys.algorithm, accessTokenTtlSeconds: ttl, signAccessToken, verifyAccessToken, publicJwks };
};

export type TokenService = ReturnType<typeof createTokenService>;

// ── refresh tokens ──────────────────────────────────────────────────────────
/** 256 bits from the CSPRNG, base64url: unguessable, so a fast hash suffices for storage. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

/** What sessions store and look tokens up by (hex SHA-256). */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
