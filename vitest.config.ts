import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The secrets audit (test/support/audit.ts): one folder per run for the servers' logs and the
// secrets the clients used; the `audit` project reads it after every other project has run.
process.env.DEFENSE_ALLIES_AUDIT_DIR ??= mkdtempSync(join(tmpdir(), 'defense-allies-audit-'));

// graphql 16 ships index.mjs and index.js without an exports map: Vite would load the .mjs copy for
// our sources while Pothos/Yoga load the .js one, and GraphQLErrors would stop being recognised
// ("another module or realm"). Pin everything to the CommonJS build.
const alias = { graphql: 'graphql/index.js' };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['test/**/*.unit.spec.ts'] } },
      {
        resolve: { alias },
        test: { name: 'int', include: ['test/**/*.int.spec.ts'], globalSetup: ['test/support/globalSetup.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        resolve: { alias },
        test: { name: 'e2e', include: ['test/**/*.e2e.spec.ts'], globalSetup: ['test/support/globalSetup.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        resolve: { alias },
        // Whole deployments under faults (issue #12): each file starts and kills its own redis-server(s)
        // and server processes (loopback) and bounds every wait; files run one at a time, so a
        // scenario's load and timings are its own, and after the other projects (groupOrder 1), not
        // against them for the 2 cores. Part of `npm test`; `npm run test:faults` alone.
        test: {
          name: 'faults',
          include: ['test/faults/**/*.faults.spec.ts'],
          globalSetup: ['test/support/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 400_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        // One headless Chromium (Debian's /usr/bin/chromium) per file; generous for a loaded 2-core machine.
        // webBuild: dist/web (the web client) built once when stale, before any browser test.
        test: { name: 'browser', include: ['test/**/*.browser.spec.ts'], globalSetup: ['test/support/globalSetup.ts', 'test/support/webBuild.ts'], testTimeout: 90_000, hookTimeout: 300_000 },
      },
      // Last, after every other project: scans everything the suite logged for the secrets it used.
      { resolve: { alias }, test: { name: 'audit', include: ['test/**/*.audit.spec.ts'], sequence: { groupOrder: 2 } } },
    ],
  },
});
