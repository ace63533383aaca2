// prestart / preworker / prearchive:restore: build dist/ when it is missing or older than its
// inputs (src/, web/, the tsconfigs, package.json), so `npm ci && npm start` works on a fresh clone and
// after a `git pull`. A fresh dist/ costs a directory walk (a few ms), not a compile.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { build, STAMP } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The newest input file and its mtime. */
const newestInput = () => {
  let newest = { file: '', mtimeMs: 0 };
  const consider = (file) => {
    const { mtimeMs } = statSync(join(root, file));
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  };
  for (const dir of ['src', 'web']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) consider(relative(root, join(entry.parentPath, entry.name)));
    }
  }
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) consider(file);
  return newest;
};

/** Why dist/ must be rebuilt, or null when it is up to date. */
export const staleReason = () => {
  if (!existsSync(join(root, STAMP))) return 'dist/ has not been built';
  const built = statSync(join(root, STAMP)).mtimeMs;
  const newest = newestInput();
  return newest.mtimeMs > built ? `${newest.file} changed since the last build` : null;
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const reason = staleReason();
  if (reason) {
    process.stderr.write(`${reason}: building dist/ (npm run build)…\n`);
    try {
      await build();
    } catch (error) {
      process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  }
}
