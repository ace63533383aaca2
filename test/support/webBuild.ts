/**
 * vitest globalSetup for the browser project: the web client is served from dist/web, so build
 * dist/ when it is missing or older than src/ or web/ (scripts/ensure-build.mjs; a no-op after
 * `npm run build`, which .ci/run does before `npm test`). Once per run, before any browser test.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const result = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building dist/ (with the web client) failed:\n${result.stdout}${result.stderr}`);
}
