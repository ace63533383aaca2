/**
 * Issue #13: nothing a client sends in a sensitive field, and no token the server hands out, may
 * ever reach a log line. This file runs after every other project of the suite (vitest
 * `sequence.groupOrder`): it reads everything the suite's servers logged (at debug level, see
 * test/support/audit.ts) and every password, access token and refresh token the suite's clients
 * sent or received, and fails on any of them found in any log line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_DIR_ENV } from '../support/audit.js';

const dir = process.env[AUDIT_DIR_ENV] ?? '';
const files = dir ? readdirSync(dir) : [];
const logFiles = files.filter((f) => f.startsWith('log-'));
const secretFiles = files.filter((f) => f.startsWith('secrets-'));
// Run alone (`--project audit`) there is nothing to audit: the other projects write it.
const audited = logFiles.length > 0 && secretFiles.length > 0;

describe.runIf(audited)('the secrets audit of the whole suite', () => {
  const secrets = new Set(secretFiles.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n')).filter((s) => s.length > 0));

  it('had real material to search: logs at debug level and the secrets the clients used', () => {
    const lines = logFiles.reduce((n, f) => n + readFileSync(join(dir, f), 'utf8').split('\n').length, 0);
    expect(lines).toBeGreaterThan(100);
    expect(secrets.size).toBeGreaterThan(20);
    expect([...secrets].some((s) => s.split('.').length === 3)).toBe(true); // JWT access tokens among them
  });

  it('finds no password, access token or refresh token in any log line', () => {
    const leaks: string[] = [];
    for (const file of logFiles) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const secret of secrets) {
        const at = text.indexOf(secret);
        if (at < 0) continue;
        const lineStart = text.lastIndexOf('\n', at) + 1;
        const lineEnd = text.indexOf('\n', at);
        leaks.push(`${file}: …${text.slice(lineStart, Math.min(lineEnd < 0 ? text.length : lineEnd, lineStart + 400))}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
