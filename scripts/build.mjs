// `npm run build`: compile src/ into a clean dist/ with tsc (tsconfig.build.json), bundle the web
// client (web/, Vite) into dist/web/, then stamp it.
// The stamp's time is when the build STARTED, so a source edited during the build still counts
// as newer and scripts/ensure-build.mjs rebuilds next time.
import { spawnSync } from 'node:child_process';
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const STAMP = 'dist/.build-stamp';

/** The web client: web/ → dist/web/ (Vite, config in web/vite.config.mjs). */
export const buildWeb = async () => {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    throw new Error('Vite is not installed (devDependencies omitted?): run `npm ci` then `npm run build`, or ship a built dist/.');
  }
  await vite.build({ configFile: join(root, 'web/vite.config.mjs'), logLevel: 'warn' });
};

export const build = async () => {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('TypeScript is not installed (devDependencies omitted?): run `npm ci` then `npm run build`, or ship a built dist/.');
  }
  const started = new Date();
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const { status, error } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (error) throw error;
  if (status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${status}); dist/ was not written`);
  await buildWeb();
  writeFileSync(join(root, STAMP), `${JSON.stringify({ startedAt: started.toISOString(), node: process.version })}\n`);
  utimesSync(join(root, STAMP), started, started);
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await build();
  } catch (error) {
    process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
