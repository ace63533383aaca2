/**
 * Storage failures under load (6 players playing games over HTTP, every mutation with an
 * idempotency key, UnavailableError retried with the same key):
 *  - Redis unreachable for a while (SIGSTOP: the port accepts nothing, answers nothing — a link
 *    that drops): commands answer a typed UNAVAILABLE within the command timeout, never a hang,
 *    a 5xx or a masked error; /ready answers 503; the server recovers without a restart.
 *  - Redis out of memory (maxmemory + noeviction reached under load): commands answer
 *    STORAGE_FULL and nothing is half-written — every event has its partition-log entry and its
 *    hybrid state, every entry its event; after memory is raised, commands succeed again.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, expect, it } from 'vitest';
import { signUp } from '../support/players.js';
import { auditGames } from './support/audit.js';
import { startFaultApp, type FaultApp } from './support/faultApp.js';
import { startGameLoad } from './support/gameLoad.js';
import { sleep, startRedis, waitFor, type RedisProcess } from './support/redisProcesses.js';

const PLAYERS = 6;
const COMMAND_TIMEOUT_MS = 2_000;
let redis: RedisProcess | null = null;
let app: FaultApp | null = null;

afterEach(async () => {
  redis?.signal('SIGCONT');
  await app?.close();
  await redis?.stop();
  app = null;
  redis = null;
});
afterAll(async () => {
  await app?.close();
  await redis?.stop();
});

const readyStatus = async (url: string): Promise<number> => (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(5_000) })).status;
const fiveHundreds = (statuses: Record<string, number>) => Object.entries(statuses).filter(([status]) => status.startsWith('5'));

it('Redis unreachable under load: typed UNAVAILABLE within the command timeout, /ready 503, recovery without a restart', async () => {
  redis = await startRedis(['--appendonly', 'no']);
  app = await startFaultApp({ url: redis.url }, { 'redis.commandTimeoutMs': COMMAND_TIMEOUT_MS });
  const players = await Promise.all(Array.from({ length: PLAYERS }, () => signUp(app!)));
  const load = startGameLoad(app.url, players, { requestTimeoutMs: 20_000 });
  await waitFor('load running', async () => load.acknowledged() >= 20, 60_000);

  const outageMs = 4_000;
  redis.signal('SIGSTOP');
  const stoppedAt = Date.now();
  let notReady: boolean;
  try {
    notReady = await waitFor('/ready 503', async () => (await readyStatus(app!.url)) === 503, outageMs);
    await waitFor('typed UNAVAILABLE answers', async () => load.unavailable() > 0, 15_000).catch((error: Error) => {
      throw new Error(`${error.message}; clients saw ${load.summary()}`);
    });
    await sleep(Math.max(0, outageMs - (Date.now() - stoppedAt)));
  } finally {
    redis.signal('SIGCONT');
  }
  const resumedAt = Date.now();
  await waitFor('/ready 200 again', async () => (await readyStatus(app!.url)) === 200, 15_000);
  const readyAfterMs = Date.now() - resumedAt;
  const ackedAtResume = load.acknowledged();
  await waitFor('commands succeed again', async () => load.acknowledged() >= ackedAtResume + 10, 30_000);
  const report = await load.stop();

  const admin = new Redis(redis.url);
  const audit = await auditGames(admin, app.prefix, app.config.eventStore.partitions, report).finally(() => admin.quit());
  console.log(
    `[faults] unreachable ${outageMs} ms under ${PLAYERS} players: acknowledged ${report.acknowledged} mutations / ${audit.acknowledgedEvents} events,` +
      ` unavailable ${JSON.stringify(report.unavailable)}, refused ${JSON.stringify(report.refused)}, lost ${audit.lostEvents},` +
      ` games with an extra wave ${audit.duplicatedWaves}, slowest answer ${Math.round(report.slowestMs)} ms, /ready back ${readyAfterMs} ms after Redis`,
  );
  expect(notReady).toBe(true);
  expect(report.unavailable.STORAGE_UNREACHABLE).toBeGreaterThan(0);
  expect(fiveHundreds(report.httpStatuses)).toEqual([]);
  // Typed only: UNAVAILABLE when storage failed while authenticating the caller, before the command ran.
  expect(Object.keys(report.topLevelErrors).filter((code) => code !== 'UNAVAILABLE')).toEqual([]);
  expect(report.transportFailures).toBe(0);
  // Within the command timeout: one storage round trip times out, the answer follows (generous for a loaded machine).
  expect(report.slowestMs).toBeLessThan(COMMAND_TIMEOUT_MS * 4);
  expect(audit.lostEvents).toBe(0);
  expect(audit.versionGaps).toBe(0);
  expect(audit.halfWritten).toEqual({ eventsWithoutLogEntry: 0, logEntriesWithoutEvent: 0, statesBehind: 0 });
  const metrics = await (await fetch(`${app.url}/metrics`)).text();
  expect(metrics).toMatch(/da_storage_failures_total\{reason="STORAGE_UNREACHABLE"[^}]*\} [1-9]/);
});

it('Redis out of memory under load: STORAGE_FULL, nothing half-written, commands succeed once memory is raised', async () => {
  redis = await startRedis(['--appendonly', 'no', '--maxmemory-policy', 'noeviction']);
  app = await startFaultApp({ url: redis.url });
  const players = await Promise.all(Array.from({ length: PLAYERS }, () => signUp(app!)));
  const load = startGameLoad(app.url, players, { maxRetryPauseMs: 100 });
  await waitFor('load running', async () => load.acknowledged() >= 20, 60_000);
  const used = Number(/used_memory:(\d+)/.exec(String(await redis.command('INFO', 'memory')))?.[1]);
  // A little room left: the load fills it within seconds.
  await redis.command('CONFIG', 'SET', 'maxmemory', String(used + 300_000));
  await waitFor('STORAGE_FULL answers', async () => load.unavailable() >= 10, 90_000);
  const fullAt = load.acknowledged();
  await sleep(1_000);
  const ackedWhileFull = load.acknowledged() - fullAt;

  await redis.command('CONFIG', 'SET', 'maxmemory', '0');
  const raisedAt = load.acknowledged();
  await waitFor('commands succeed again', async () => load.acknowledged() >= raisedAt + 10, 30_000);
  const report = await load.stop();

  const admin = new Redis(redis.url);
  const audit = await auditGames(admin, app.prefix, app.config.eventStore.partitions, report).finally(() => admin.quit());
  console.log(
    `[faults] out of memory under ${PLAYERS} players: acknowledged ${report.acknowledged} mutations / ${audit.acknowledgedEvents} events` +
      ` (${ackedWhileFull} in the second after memory ran out), unavailable ${JSON.stringify(report.unavailable)},` +
      ` stored ${audit.storedEvents} events in ${audit.games} games, half-written ${JSON.stringify(audit.halfWritten)}`,
  );
  expect(report.unavailable.STORAGE_FULL).toBeGreaterThan(0);
  expect(fiveHundreds(report.httpStatuses)).toEqual([]);
  expect(Object.keys(report.topLevelErrors).filter((code) => code !== 'UNAVAILABLE')).toEqual([]);
  expect(audit.halfWritten).toEqual({ eventsWithoutLogEntry: 0, logEntriesWithoutEvent: 0, statesBehind: 0 });
  expect(audit.versionGaps).toBe(0);
  expect(audit.lostEvents).toBe(0);
  expect(audit.duplicatedWaves).toBe(0);
  const metrics = await (await fetch(`${app.url}/metrics`)).text();
  expect(metrics).toMatch(/da_storage_failures_total\{reason="STORAGE_FULL"[^}]*\} [1-9]/);
});
