// The web client's build: web/ → dist/web/ (served by the API at /, see src/graphql/webClient.ts).
// Everything is bundled (no CDN, no web fonts): the server's CSP allows only its own origin.
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // Preact's automatic JSX runtime (no React, no preset plugin needed).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    target: 'es2022',
    // One small bundle: no inline module-preload polyfill script (the CSP has no 'unsafe-inline').
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  // `npx vite web` during development: GraphQL (HTTP and WebSocket) goes to `npm run dev` on :4000.
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } } },
});
