/**
 * The deployment topology of one build under faults (issue #12 part C, docs/deployment.md): two
 * API nodes (ROLES=api), two projection workers (ROLES=worker) and two schedulers (ROLES=scheduler:
 * one active, one standby) as separate processes on one private redis-server, started from the
 * sources (tsx) like `npm start` would run them.
 *
 * Under load (players placing towers through both API nodes) a worker is SIGKILLed while both
 * workers share the consumer groups: afterwards every read-model effect equals what was
 * acknowledged (no event applied twice, none lost) and every projection's lag is back to 0. Then
 * the active scheduler is SIGKILLed: the standby takes the lease over and matchmaking still forms
 * matches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticateUserDocument,
  ConfigurationDocument,
  CreateGameSessionDocument,
  EndGameDocument,
  GameStatisticsDocument,
  MyMatchRequestDocument,
  PlaceTowerDocument,
  PlayerStatsDocument,
  ProjectionsDocument,
  RegisterUserDocument,
  RequestMatchDocument,
  UpdateConfigurationDocument,
} from '../generated/graphql.js';
import { GraphQLClient } from '../support/graphqlClient.js';
import { eventually } from '../support/players.js';
import { startRedisServer, type RedisServer } from '../support/redisServer.js';
import { testPrefix } from '../support/testApp.js';
import { killed, metricOf, readyOf, serverProcesses, type ServerProcess as Proc } from './support/serverProcesses.js';

const ADMIN = { username: 'topology-admin', password: 'topology admin password' };
const LEASE_TTL_MS = 2_000;
const PLAYERS = 10;
const TOWERS_PER_PLAYER = 16;

let redis: RedisServer;
const prefix = testPrefix();
const processes = serverProcesses(() => ({
  REDIS_URL: redis.url,
  REDIS_KEY_PREFIX: prefix,
  DA__eventStore__partitions: '4',
  DA__eventBus__blockMs: '50',
  // A dead worker's pending entries are claimed by the other after this long.
  DA__eventBus__claimIdleMs: '1500',
  DA__scheduler__leaseTtlMs: String(LEASE_TTL_MS),
  DA__scheduler__matchmakingTickMs: '250',
}));
const startProcess = processes.start;
const procs = processes.all;

const clientOf = (proc: Proc) => new GraphQLClient(fetch, proc.url);

let seq = 0;
const signUp = async (api: Proc) => {
  const username = `t${Date.now().toString(36).slice(-5)}${(seq++).toString(36)}`;
  const anonymous = clientOf(api);
  const { registerUser } = await anonymous.data(RegisterUserDocument, { input: { username, email: `${username}@example.com`, password: 'correct horse' } });
  if (registerUser.__typename !== 'RegisterUserSuccess') throw new Error(JSON.stringify(registerUser));
  return { userId: registerUser.user.id, username, login: () => login(api, username, 'correct horse') };
};

/** Login reads the users read model, which a worker projects: retried until it is there. */
const login = (api: Proc, username: string, password: string) =>
  eventually(async () => {
    const { authenticateUser } = await clientOf(api).data(AuthenticateUserDocument, { input: { login: username, password } });
    return authenticateUser.__typename === 'AuthenticateUserSuccess' ? authenticateUser.accessToken : null;
  }, 20_000);

beforeAll(async () => {
  redis = await startRedisServer();
  // The admin is created by the first API node only (bootstrap is a check-then-register). It
  // starts alone: it fills tsx's on-disk transform cache, so the five others start on cached code.
  await startProcess('api-1', 'api', { ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
  await Promise.all([
    startProcess('api-2', 'api'),
    startProcess('worker-1', 'worker'),
    startProcess('worker-2', 'worker'),
    startProcess('scheduler-1', 'scheduler'),
    startProcess('scheduler-2', 'scheduler'),
  ]);
}, 400_000);

afterAll(async () => {
  await processes.killAll();
  await redis?.stop();
});

const proc = (name: string): Proc => processes.get(name);

describe('2 API nodes + 2 workers + 2 schedulers on one Redis', () => {
  let admin: GraphQLClient;

  it('every process answers /health and /ready for its roles; exactly one scheduler is active', async () => {
    for (const p of procs) {
      expect((await fetch(`${p.url}/health`)).status).toBe(200);
      const ready = await eventually(async () => {
        const report = await readyOf(p);
        return report.ready === true ? report : null;
      }, 20_000);
      expect(ready.roles).toEqual([p.roles]);
    }
    const schedulers = await eventually(async () => {
      const states = await Promise.all(['scheduler-1', 'scheduler-2'].map(async (n) => (await readyOf(proc(n))).scheduler));
      return states.includes('active') ? states : null;
    });
    expect(schedulers.sort()).toEqual(['active', 'standby']);
    expect(await readyOf(proc('api-1'))).toMatchObject({ projections: 'not run here', scheduler: 'not run here' });
    expect(await readyOf(proc('worker-1'))).toMatchObject({ projections: 'ok', scheduler: 'not run here' });

    admin = clientOf(proc('api-1')).withToken(await login(proc('api-1'), ADMIN.username, ADMIN.password));
    // Rich players (more towers each, more load) and a quick matchmaker (a lone request is matched after 1 s).
    for (const [key, value] of [['game.startingGold', 50 * TOWERS_PER_PLAYER], ['matchmaking.maxWaitSeconds', 1]] as const) {
      const { updateConfiguration } = await admin.data(UpdateConfigurationDocument, { input: { key, value } });
      expect(updateConfiguration.__typename).toBe('UpdateConfigurationSuccess');
    }
    await eventually(async () => {
      const { configuration } = await admin.data(ConfigurationDocument);
      return configuration.find((c) => c.key === 'game.startingGold')?.value === 50 * TOWERS_PER_PLAYER && configuration.find((c) => c.key === 'matchmaking.maxWaitSeconds')?.value === 1;
    });
  }, 60_000);

  it('a worker SIGKILLed mid-load while two workers share the consumer groups: every effect applied exactly once, lag back to 0', async () => {
    const apis = [proc('api-1'), proc('api-2')];
    const players = await Promise.all(Array.from({ length: PLAYERS }, (_, i) => signUp(apis[i % 2]!)));
    const tokens = await Promise.all(players.map((p) => p.login()));
    const clients = tokens.map((token, i) => clientOf(apis[i % 2]!).withToken(token));
    const sessions = await Promise.all(
      clients.map(async (client) => {
        const { createGameSession } = await client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } });
        if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
        return createGameSession.gameSession;
      }),
    );
    expect(sessions.map((s) => s.players[0]?.gold)).toEqual(sessions.map(() => 50 * TOWERS_PER_PLAYER));

    const placed = new Array<number>(PLAYERS).fill(0);
    let acknowledged = 0;
    // Each player places its towers one after the other, on alternate API nodes; players run in parallel.
    const load = Promise.all(
      sessions.map(async (session, i) => {
        const path = new Set(session.map.path.map((c) => `${c.x},${c.y}`));
        const cells = Array.from({ length: session.map.width * session.map.height }, (_, n) => ({ x: n % session.map.width, y: Math.floor(n / session.map.width) }))
          .filter((c) => !path.has(`${c.x},${c.y}`))
          .slice(0, TOWERS_PER_PLAYER);
        for (const [n, cell] of cells.entries()) {
          const client = clientOf(apis[(i + n) % 2]!).withToken(tokens[i]!);
          const { placeTower } = await client.data(PlaceTowerDocument, { input: { sessionId: session.id, towerType: 'ARROW', ...cell } });
          if (placeTower.__typename !== 'PlaceTowerSuccess') throw new Error(JSON.stringify(placeTower));
          placed[i]!++;
          acknowledged++;
        }
      }),
    );

    // Both workers are applying events before one dies (the partitions are shared between them).
    const processedBy = async (name: string) => (await metricOf(proc(name), /^da_projection_events\{projection="game-statistics",outcome="processed"\} (\d+)$/)).reduce((a, b) => a + b, 0);
    await eventually(async () => acknowledged >= (PLAYERS * TOWERS_PER_PLAYER) / 3 && (await processedBy('worker-1')) > 0 && (await processedBy('worker-2')) > 0, 30_000);
    const atKill = acknowledged;
    await killed(proc('worker-1').child, 'SIGKILL');
    await load;
    expect(acknowledged).toBe(PLAYERS * TOWERS_PER_PLAYER);

    for (const [i, client] of clients.entries()) {
      const { endGame } = await client.data(EndGameDocument, { input: { sessionId: sessions[i]!.id, reason: 'topology fault test' } });
      expect(endGame.__typename).toBe('EndGameSuccess');
    }

    // The surviving worker claims the dead one's partitions and pending entries, then catches up.
    const caughtUp = await eventually(async () => {
      const { projections } = await admin.data(ProjectionsDocument);
      return projections.every((p) => p.lag.events === 0 && p.state !== 'FAULTED') ? projections : null;
    }, 30_000);
    expect(caughtUp.map((p) => p.deadLetters)).toEqual(caughtUp.map(() => 0));

    // Every effect counted once: a TowerPlaced applied twice would show as one tower too many.
    const stats = await eventually(async () => {
      const { gameStatistics } = await admin.data(GameStatisticsDocument);
      return gameStatistics && gameStatistics.gamesEnded === PLAYERS ? gameStatistics : null;
    }, 20_000);
    expect(stats).toMatchObject({ gamesCreated: PLAYERS, gamesEnded: PLAYERS, gamesActive: 0 });
    expect(stats.towersByType).toEqual([{ towerType: 'ARROW', count: PLAYERS * TOWERS_PER_PLAYER }]);
    // The player-stats process manager recorded each game once, with every acknowledged tower.
    for (const [i, player] of players.entries()) {
      const recorded = await eventually(async () => {
        const { player: row } = await admin.data(PlayerStatsDocument, { userId: player.userId });
        return row?.gamesPlayed ? row : null;
      }, 20_000);
      expect(recorded).toMatchObject({ gamesPlayed: 1, towersPlaced: placed[i] });
    }
    console.info(
      `worker SIGKILL: ${PLAYERS} players, ${acknowledged} towers acknowledged (${atKill} before the kill) through 2 API nodes; ` +
        `game-statistics counted ${stats.towersByType[0]?.count}; lag back to 0 on all ${caughtUp.length} consumers`,
    );
  }, 90_000);

  it('the active scheduler paused (SIGSTOP) then SIGKILLed: the standby takes over each time, the woken one stands down, matchmaking goes on', async () => {
    const matched = async (api: Proc) => {
      const player = await signUp(api);
      const client = clientOf(api).withToken(await player.login());
      const { requestMatch } = await client.data(RequestMatchDocument, { input: { difficulty: 'NORMAL' } });
      expect(requestMatch.__typename).toBe('RequestMatchSuccess');
      // Alone in the queue: only the scheduler's matchmaking tick forms the match (after maxWaitSeconds).
      return eventually(async () => {
        const { myMatchRequest } = await client.data(MyMatchRequestDocument);
        return myMatchRequest?.status === 'MATCHED' && myMatchRequest.gameSession ? myMatchRequest : null;
      }, 20_000);
    };
    const schedulerActive = /^da_scheduler_active (\d+)$/;
    const matchIds = [(await matched(proc('api-1'))).matchId];

    const first = (await readyOf(proc('scheduler-1'))).scheduler === 'active' ? proc('scheduler-1') : proc('scheduler-2');
    const second = first === proc('scheduler-1') ? proc('scheduler-2') : proc('scheduler-1');
    expect(second.output()).not.toContain('"msg":"scheduler active"');
    expect(await metricOf(second, schedulerActive)).toEqual([0]);

    // Paused past its lease (a frozen VM, a long GC): the standby takes over...
    const pausedAt = Date.now();
    first.child.kill('SIGSTOP');
    await eventually(async () => (await readyOf(second)).scheduler === 'active', LEASE_TTL_MS * 5);
    const pauseTakeoverMs = Date.now() - pausedAt;
    expect(second.output()).toMatch(/"token":2,.*"msg":"scheduler active"/);
    matchIds.push((await matched(proc('api-2'))).matchId);
    // ...and the woken holder finds its lease gone (fenced): it stands down instead of ticking on.
    first.child.kill('SIGCONT');
    await eventually(async () => (await readyOf(first)).scheduler === 'standby', LEASE_TTL_MS * 5);
    expect(first.output()).toMatch(/"msg":"scheduler standby"/);
    expect(await metricOf(first, schedulerActive)).toEqual([0]);
    expect(await metricOf(second, schedulerActive)).toEqual([1]);

    // Killed outright: the one that was paused takes over again, with a new token.
    const killedAt = Date.now();
    await killed(second.child, 'SIGKILL');
    await eventually(async () => (await readyOf(first)).scheduler === 'active', LEASE_TTL_MS * 5);
    const killTakeoverMs = Date.now() - killedAt;
    expect(first.output()).toMatch(/"token":3,.*"msg":"scheduler active"/);
    matchIds.push((await matched(proc('api-1'))).matchId);

    expect(new Set(matchIds).size).toBe(3);
    console.info(
      `scheduler faults (lease ttl ${LEASE_TTL_MS} ms): standby active ${pauseTakeoverMs} ms after SIGSTOP of the holder, ` +
        `${killTakeoverMs} ms after SIGKILL; a lone match request was matched before, between and after`,
    );
  }, 90_000);
});
