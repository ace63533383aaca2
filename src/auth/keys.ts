/**
 * Signing keys from configuration: JWT_SECRET (HS256, ≥ 32 chars, previous secrets for rotation)
 * or an Ed25519 private key file (EdDSA, previous public keys for rotation). Development without
 * either gets a throw-away key pair per process (tokens die with it; nodes do not share it).
 */
import { readFile } from 'node:fs/promises';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { ed25519KeysFromPem, generateEd25519Keys, hmacKeys, type SigningKeys } from './tokens.js';

export async function signingKeysFrom(config: Config, log: Logger): Promise<SigningKeys> {
  const { auth } = config;
  if (auth.jwtPrivateKeyFile) {
    const previous = await Promise.all(auth.jwtPublicKeyFiles.map((file) => readFile(file, 'utf8')));
    return ed25519KeysFromPem({ privateKeyPem: await readFile(auth.jwtPrivateKeyFile, 'utf8'), previous });
  }
  if (auth.jwtSecret) return hmacKeys(auth.jwtSecret, auth.jwtPreviousSecrets);
  if (config.server.env === 'production') throw new Error('auth.jwtSecret: production needs JWT_SECRET or JWT_PRIVATE_KEY_FILE');
  log.warn('No JWT_SECRET or JWT_PRIVATE_KEY_FILE: signing with a throw-away Ed25519 key (tokens stop working on restart and on other nodes)');
  return generateEd25519Keys();
}
