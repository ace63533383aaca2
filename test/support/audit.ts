/**
 * The secrets audit (issue #13): every server a test starts logs at debug level into the run's
 * audit folder, and every password, access token and refresh token a test client sends or
 * receives is written down there too. test/audit/secretsInLogs.audit.spec.ts runs after every
 * other project and fails if any log line contains any of them.
 *
 * The folder comes from vitest.config.ts (DEFENSE_ALLIES_AUDIT_DIR, one per run).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { pino } from 'pino';
import { createLogger, type Logger } from '../../src/logger.js';

export const AUDIT_DIR_ENV = 'DEFENSE_ALLIES_AUDIT_DIR';

const auditDir = (): string | null => {
  const dir = process.env[AUDIT_DIR_ENV];
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Field names whose string values are secrets: passwords and tokens, in requests and answers. */
const SECRET_FIELD = /password|token$/i;
/** Too short to be a secret worth searching for (and would match by accident). */
const MIN_SECRET_LENGTH = 8;

const collect = (value: unknown, found: Set<string>, depth = 0): void => {
  if (depth > 12 || value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (typeof inner === 'string' && SECRET_FIELD.test(key) && inner.length >= MIN_SECRET_LENGTH) found.add(inner);
    else collect(inner, found, depth + 1);
  }
};

/** Writes down the secrets in a request body or an answer (no-op outside an audited run). */
export function recordSecrets(value: unknown): void {
  const dir = auditDir();
  if (!dir) return;
  const found = new Set<string>();
  collect(value, found);
  if (found.size === 0) return;
  appendFileSync(join(dir, `secrets-${process.pid}-${threadId}.txt`), [...found].map((s) => `${s}\n`).join(''));
}

let logFiles = 0;
/**
 * The logger a test server gets by default: debug level into the audit folder (or silent when
 * the run is not audited). TEST_LOG_LEVEL overrides the level.
 */
export function auditedLogger(level = process.env.TEST_LOG_LEVEL ?? 'debug'): Logger {
  const dir = auditDir();
  if (!dir) return createLogger('silent');
  const file = join(dir, `log-${process.pid}-${threadId}-${logFiles++}.ndjson`);
  return createLogger(level, {}, pino.destination({ dest: file, sync: true, mkdir: true }));
}
