import { defineConfig } from 'vitest/config';

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
        // Fault scenarios (test/faults): each file starts and kills its own redis-server processes
        // (loopback, no globalSetup); files run one at a time, so a scenario's load and timings are its own.
        test: { name: 'faults', include: ['test/faults/**/*.faults.spec.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
      },
      {
        resolve: { alias },
        // One headless Chromium (Debian's /usr/bin/chromium) per file; generous for a loaded 2-core machine.
        test: { name: 'browser', include: ['test/**/*.browser.spec.ts'], globalSetup: ['test/support/globalSetup.ts'], testTimeout: 90_000, hookTimeout: 120_000 },
      },
    ],
  },
});
