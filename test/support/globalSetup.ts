/**
 * vitest globalSetup for the int and e2e projects: ONE throwaway redis-server per run. Tests read
 * its URL with `inject('redisUrl')` and isolate themselves with a unique key prefix per file.
 */
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redisServer.js';

declare module 'vitest' {
  interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startRedisServer();
  project.provide('redisUrl', server.url);
  return () => server.stop();
}
