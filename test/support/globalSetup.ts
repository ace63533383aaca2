/**
 * vitest globalSetup for the int and e2e projects: ONE throwaway redis-server per run. Tests read
 * its URL with `inject('redisUrl')` and isolate themselves with a unique key prefix per file.
 *
 * REDIS_TEST_TOPOLOGY=cluster also starts a 3-master Redis Cluster for the run: `startTestApp`
 * then serves every app from it (`inject('redisClusterNodes')`), so the end-to-end files run on
 * the Cluster unchanged; tests that talk to Redis directly keep the single node.
 */
import type { TestProject } from 'vitest/node';
import { startRedisCluster, startRedisServer } from './redisServer.js';

declare module 'vitest' {
  interface ProvidedContext {
    redisUrl: string;
    /** `host:port` of each master when REDIS_TEST_TOPOLOGY=cluster; empty otherwise. */
    redisClusterNodes: readonly string[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const topology = process.env.REDIS_TEST_TOPOLOGY ?? 'single';
  if (topology !== 'single' && topology !== 'cluster') throw new Error(`REDIS_TEST_TOPOLOGY must be single or cluster, got ${topology}`);
  const [server, cluster] = await Promise.all([startRedisServer(), topology === 'cluster' ? startRedisCluster(3) : Promise.resolve(null)]);
  project.provide('redisUrl', server.url);
  project.provide('redisClusterNodes', cluster?.nodes ?? []);
  return async () => {
    await cluster?.stop();
    await server.stop();
  };
}
