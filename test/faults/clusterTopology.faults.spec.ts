/**
 * The deployment topology on a 3 + 3 Redis Cluster (issue #12): 2 API nodes + 2 projection
 * workers + 1 scheduler as separate processes (ROLES, started from the sources like `npm start`),
 * `eventStore.durability: replicated`. Players play through both API nodes; every game is followed
 * live over graphql-ws on both API nodes. Then a primary is SIGKILLed under that load:
 *   - the victim is the master every process publishes live events through (the lowest address),
 *     so every publish fails until the Cluster routes around it (the publishes are retried);
 *   - API node 1's Pub/Sub connection is steered onto the victim (its subscriber connection dies
 *     with it: ioredis re-subscribes on another node and the node refills every open subscription
 *     from the store), API node 2's onto a survivor (it only misses publishes).
 * Its replica is promoted, the operator restarts the killed node (it rejoins as a replica, which
 * `replicated` needs to acknowledge those slots' writes again), writes resume. Then: 0
 * acknowledged events lost (what Redis holds against what clients were acknowledged), nothing
 * half-written, and every subscriber saw every version of its game exactly once after the load
 * stopped (a quiet period: no later event reveals a hole). The figures are printed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRedis } from '../../src/infrastructure/redis/connection.js';
import { createKeys } from '../../src/infrastructure/redis/keys.js';
import { AuthenticateUserDocument, GameSessionEventsDocument, GameStatisticsDocument, ProjectionsDocument, RegisterUserDocument } from '../generated/graphql.js';
import { GraphQLClient } from '../support/graphqlClient.js';
import { eventually, type Player } from '../support/players.js';
import { testPrefix } from '../support/testApp.js';
import { range, rawWebSocket, versionsOf, type Recorded } from './liveClients.js';
import { auditGames } from './support/audit.js';
import { startGameLoad } from './support/gameLoad.js';
import { sleep, startCluster, waitFor, type RedisClusterProcesses, type RedisProcess } from './support/redisProcesses.js';
import { killed, metricOf, readyOf, serverProcesses, type ServerProcess } from './support/serverProcesses.js';

const run = promisify(execFile);
const PLAYERS = 6;
const PARTITIONS = 8;
const ADMIN = { username: 'cluster-admin', password: 'cluster admin password' };
/** Players of the first scenario, playing again in the second. */
let players: Player[] = [];

let cluster: RedisClusterProcesses | null = null;
const prefix = testPrefix();
const processes = serverProcesses(() => ({
  REDIS_CLUSTER_NODES: cluster!.seeds.join(','),
  REDIS_KEY_PREFIX: prefix,
  DA__eventStore__partitions: String(PARTITIONS),
  DA__eventStore__durability: 'replicated',
  DA__eventStore__replicas: '1',
  DA__eventStore__replicationTimeoutMs: '300',
  DA__redis__commandTimeoutMs: '2000',
  DA__redis__connectTimeoutMs: '1000',
  DA__eventBus__blockMs: '50',
  DA__eventBus__claimIdleMs: '1500',
  DA__scheduler__leaseTtlMs: '2000',
  DA__performance__readYourWritesTimeoutMs: '20000',
}));

beforeAll(async () => {
  cluster = await startCluster(3, 1_000);
  // The first starts alone: it fills tsx's transform cache, so the others start on cached code.
  await processes.start('api-1', 'api', { ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
  await Promise.all([processes.start('api-2', 'api'), processes.start('worker-1', 'worker'), processes.start('worker-2', 'worker'), processes.start('scheduler', 'scheduler')]);
}, 400_000);

afterAll(async () => {
  await processes.killAll();
  await cluster?.stop();
});

let seq = 0;
/** Login reads the users read model, which a worker projects: retried until it is there. */
const login = (api: ServerProcess, username: string, password: string) =>
  eventually(async () => {
    const { authenticateUser } = await new GraphQLClient(fetch, api.url).data(AuthenticateUserDocument, { input: { login: username, password } });
    return authenticateUser.__typename === 'AuthenticateUserSuccess' ? authenticateUser.accessToken : null;
  }, 30_000);

const signUp = async (api: ServerProcess): Promise<Player> => {
  const username = `c${Date.now().toString(36).slice(-5)}${(seq++).toString(36)}`;
  const anonymous = new GraphQLClient(fetch, api.url);
  const { registerUser } = await anonymous.data(RegisterUserDocument, { input: { username, email: `${username}@example.com`, password: 'correct horse' } });
  if (registerUser.__typename !== 'RegisterUserSuccess') throw new Error(JSON.stringify(registerUser));
  const token = await login(api, username, 'correct horse');
  return { userId: registerUser.user.id, username, token, client: anonymous.withToken(token) };
};

/** The Redis node holding `proc`'s Pub/Sub connection (with subscriptions: channels or patterns), and that connection's id. */
const pubsubOf = async (proc: ServerProcess): Promise<{ node: RedisProcess; id: string } | null> => {
  const { stdout } = await run('ss', ['-tnpH']);
  const pid = proc.child.pid;
  for (const node of cluster!.nodes.filter((n) => n.alive)) {
    // A node that does not answer this once (busy, or just restarted) is asked again on the next poll.
    const list = await node.command('CLIENT', 'LIST', 'TYPE', 'pubsub').then(String, () => '');
    for (const line of list.trim().split('\n')) {
      const port = /addr=[\d.]+:(\d+)/.exec(line)?.[1];
      const id = /\bid=(\d+)/.exec(line)?.[1];
      if (!port || !id || !/\b(sub|psub)=[1-9]/.test(line)) continue; // channels or patterns
      // The client's end of that TCP connection (local = its port, peer = the node) names the process.
      const owner = stdout.split('\n').find((l) => {
        const [, , , local, peer] = l.trim().split(/\s+/);
        return local === `127.0.0.1:${port}` && peer === `127.0.0.1:${node.port}`;
      });
      if (owner?.includes(`pid=${pid},`)) return { node, id };
    }
  }
  return null;
};

/** Cuts `proc`'s Pub/Sub connection until ioredis re-creates it on a node that `wanted` accepts. */
const steerPubsub = async (proc: ServerProcess, wanted: (node: RedisProcess) => boolean): Promise<number> => {
  for (let cuts = 0; cuts < 60; cuts++) {
    const holder = await waitFor(`${proc.name} Pub/Sub connection`, () => pubsubOf(proc), 20_000);
    if (wanted(holder.node)) return cuts;
    await holder.node.command('CLIENT', 'KILL', 'ID', holder.id);
    // Client ids are per node: the replacement may get the same number on another node.
    await waitFor(`${proc.name} Pub/Sub moved`, async () => {
      const now = await pubsubOf(proc);
      return now?.id !== holder.id || now.node !== holder.node;
    }, 20_000);
  }
  throw new Error(`${proc.name}: Pub/Sub connection not steered in 60 cuts`);
};

interface Follower {
  readonly gameId: string;
  readonly node: string;
  /** One recording per subscription: a typed UNAVAILABLE ends one, and the client resumes after it. */
  readonly segments: Recorded[];
  /** Subscriptions refused as UNAVAILABLE (or cut) and resumed with `afterVersion`. */
  resumed: number;
  failed?: string;
}

/** Every version a follower saw, over all its subscriptions, in arrival order. */
const seenBy = (f: Follower): number[] => f.segments.flatMap(versionsOf);
const unavailable = (r: Recorded): number | null => {
  const error = r.payloads.flatMap((p) => p.errors ?? []).find((e) => e.extensions?.code === 'UNAVAILABLE');
  return error ? Number(error.extensions?.retryAfterMs ?? 500) : null;
};

it('2 API + 2 workers + 1 scheduler on a 3+3 Cluster, durability replicated: a primary SIGKILLed under load loses no acknowledged event; every live subscriber sees every version exactly once', async () => {
  const apis = [processes.get('api-1'), processes.get('api-2')] as const;
  for (const p of processes.all) await eventually(async () => (await readyOf(p)).ready === true, 60_000, 200);
  players = await Promise.all(Array.from({ length: PLAYERS }, (_, i) => signUp(apis[i % 2]!)));

  const followers: Follower[] = [];
  const opening: Array<Promise<void>> = [];
  let following = true;
  const query = GameSessionEventsDocument.toString();
  const onGame = (gameId: string, player: Player) => {
    for (const api of apis) {
      const follower: Follower = { gameId, node: api.name, segments: [], resumed: 0 };
      followers.push(follower);
      // Like a client (examples/client-kit): a connection refused or closed before it was
      // acknowledged (the node cannot check the token while Redis fails over) is opened again, and
      // a subscription that ends with a typed UNAVAILABLE (its first read hit the dead primary) or
      // a cut socket is resumed after `retryAfterMs` from the last version seen — a bounded number
      // of times. Whatever is resumed must still add up to every version exactly once.
      let opened!: () => void;
      opening.push(new Promise<void>((r) => (opened = r)));
      void (async () => {
        for (let attempt = 1; following; ) {
          let recorded: Recorded;
          try {
            const afterVersion = Math.max(0, ...seenBy(follower));
            recorded = await rawWebSocket(`${api.url.replace('http', 'ws')}/graphql`, player.token, query, { sessionId: gameId, afterVersion });
          } catch (error) {
            if (++attempt > 40) return void ((follower.failed = (error as Error).message), opened());
            await sleep(500);
            continue;
          }
          follower.segments.push(recorded);
          opened();
          let retryAfter: number | null = null;
          while (following && recorded.ended === null && (retryAfter = unavailable(recorded)) === null) await sleep(100);
          if (!following) return;
          if (++follower.resumed > 40) return void (follower.failed = `gave up after ${follower.resumed - 1} resumptions`);
          recorded.close();
          await sleep(retryAfter ?? 500);
        }
      })();
    }
  };
  const loadStarted = Date.now();
  const stage = (what: string) => console.log(`[faults] cluster topology: ${what} at ${Date.now() - loadStarted} ms`);
  const load = startGameLoad(
    apis.map((a) => a.url),
    players,
    { retries: 200, onGame },
  );
  await waitFor('load running', async () => load.acknowledged() >= 30, 60_000);

  // The victim: the master every process publishes through (publisherNode(): the lowest address).
  const masters: RedisProcess[] = [];
  for (const node of cluster!.nodes) if (/role:master/.test(String(await node.command('INFO', 'replication')))) masters.push(node);
  const victim = masters.sort((a, b) => a.address.localeCompare(b.address))[0]!;
  const keys = createKeys(prefix, PARTITIONS);
  const victimPartitions: number[] = [];
  for (let p = 0; p < PARTITIONS; p++) {
    const slot = Number(await victim.command('CLUSTER', 'KEYSLOT', `{p${p}}`));
    if ((await cluster!.ownerOf(slot)).primary === victim) victimPartitions.push(p);
  }
  const victimReplica = await (async () => {
    for (const node of cluster!.nodes) {
      const info = String(await node.command('INFO', 'replication'));
      if (/role:slave/.test(info) && new RegExp(`master_port:${victim.port}\\b`).test(info)) return node;
    }
    throw new Error('the victim has no replica');
  })();
  const steering = [await steerPubsub(apis[0], (n) => n === victim), await steerPubsub(apis[1], (n) => n !== victim)];

  stage('steered, killing');
  const ackedAtKill = load.ackedNow();
  const acknowledgedAtKill = load.acknowledged();
  const loadMs = Date.now() - loadStarted;
  await victim.kill('SIGKILL');
  const killedAt = Date.now();
  await waitFor('replica promoted', async () => /role:master/.test(String(await victimReplica.command('INFO', 'replication'))), 30_000);
  const promotedAfterMs = Date.now() - killedAt;
  await waitFor('cluster ok', async () => String(await victimReplica.command('CLUSTER', 'INFO')).includes('cluster_state:ok'), 30_000);
  // The operator brings the node back: it rejoins as the new primary's replica.
  await victim.restart();
  await waitFor('killed node back as a replica', async () => /master_link_status:up/.test(String(await victim.command('INFO', 'replication'))), 30_000);
  const rejoinedAfterMs = Date.now() - killedAt;
  stage('rejoined');
  const onVictimSlots = (id: string) => victimPartitions.includes(keys.partitionOf('game_session', id));
  await waitFor(
    'writes resume on the victim\'s slots',
    async () => [...load.ackedNow()].some(([id, version]) => onVictimSlots(id) && version > (ackedAtKill.get(id) ?? 0)),
    60_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; clients saw ${load.summary()}`);
  });
  const resumedAfterMs = Date.now() - killedAt;
  stage('writes resumed');
  // A little more play after recovery, then the load stops: a quiet period follows.
  const resumedAt = load.acknowledged();
  await waitFor('more play after recovery', async () => load.acknowledged() >= resumedAt + 20, 60_000);
  const report = await load.stop();
  const stoppedAt = Date.now();
  stage('load stopped');
  await Promise.all(opening);

  const admin = createRedis(cluster!.nodes.map((n) => n.address), { cluster: true, connectionName: 'da:audit' }) as Cluster;
  try {
    const audit = await auditGames(admin, prefix, PARTITIONS, report);
    const finals = new Map<string, number>();
    for (const id of new Set(followers.map((f) => f.gameId))) {
      const [last] = (await admin.xrevrange(keys.stream({ aggregateType: 'game_session', aggregateId: id }), '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
      finals.set(id, last ? Number(last[0].slice(2)) : 0);
    }
    // The quiet period: no event comes any more; every subscriber must get to its game's last version.
    const complete = (f: Follower) => new Set(seenBy(f)).size >= finals.get(f.gameId)!;
    await eventually(async () => followers.every(complete), 30_000, 100).catch(() => null);
    const caughtUpAfterMs = Date.now() - stoppedAt;
    const tally = followers.map((f) => {
      const seen = seenBy(f);
      const unique = new Set(seen);
      return { f, gaps: range(1, finals.get(f.gameId)!).filter((v) => !unique.has(v)).length, duplicates: seen.length - unique.size, ordered: seen.every((v, i) => i === 0 || v > seen[i - 1]!) };
    });
    const gaps = tally.reduce((n, t) => n + t.gaps, 0);
    const duplicates = tally.reduce((n, t) => n + t.duplicates, 0);
    const fiveHundreds = Object.keys(report.httpStatuses).filter((status) => status.startsWith('5'));
    console.log(
      `[faults] topology on Cluster 3+3 (2 api + 2 workers + 1 scheduler, durability replicated): ${PLAYERS} players, ${finals.size} games, ${followers.length} graphql-ws subscribers (2 per game, one per API node);` +
        ` load ${acknowledgedAtKill} mutations in ${loadMs} ms before the kill (${Math.round((acknowledgedAtKill * 1000) / loadMs)}/s);` +
        ` victim ${victim.address} (the publish node, ${victimPartitions.length}/${PARTITIONS} partitions; api-1 Pub/Sub steered onto it in ${steering[0]} cuts, api-2 away in ${steering[1]});` +
        ` replica promoted ${promotedAfterMs} ms after the SIGKILL, killed node back as a replica ${rejoinedAfterMs} ms, writes on its slots resumed ${resumedAfterMs} ms (outage);` +
        ` acknowledged ${report.acknowledged} mutations / ${audit.acknowledgedEvents} events, stored ${audit.storedEvents}; LOST ${audit.lostEvents}; half-written ${JSON.stringify(audit.halfWritten)};` +
        ` subscribers: gaps ${gaps}, duplicates ${duplicates}, resumed after UNAVAILABLE or a cut ${followers.reduce((n, f) => n + f.resumed, 0)} times, all caught up ${caughtUpAfterMs} ms after the load stopped;` +
        ` unavailable ${JSON.stringify(report.unavailable)}, HTTP ${JSON.stringify(report.httpStatuses)}, gave up ${report.gaveUp}`,
    );
    expect(audit.lostEvents).toBe(0);
    expect(audit.versionGaps).toBe(0);
    expect(audit.duplicatedWaves).toBe(0);
    expect(audit.halfWritten).toEqual({ eventsWithoutLogEntry: 0, logEntriesWithoutEvent: 0, statesBehind: 0 });
    expect(fiveHundreds).toEqual([]);
    const short = tally.filter((t) => t.gaps || t.duplicates || !t.ordered);
    if (short.length > 0) {
      for (const api of apis) {
        const lines = api.output().split('\n');
        console.log(`${api.name} (exit ${api.child.exitCode ?? api.child.signalCode}) warnings:\n${lines.filter((l) => /"level":(40|50|60)/.test(l)).slice(-15).join('\n')}\nlast lines:\n${lines.slice(-15).join('\n')}`);
      }
    }
    expect(followers.filter((f) => f.failed || f.segments.at(-1)?.ended !== null).map((f) => `${f.node} ${f.failed ?? f.segments.at(-1)?.ended}`)).toEqual([]);
    expect(
      short.map((t) => ({
        game: t.f.gameId,
        node: t.f.node,
        onVictimSlots: onVictimSlots(t.f.gameId),
        final: finals.get(t.f.gameId),
        seen: seenBy(t.f).join(','),
        errors: t.f.segments.flatMap((r) => r.payloads.filter((p) => p.errors?.length).map((p) => JSON.stringify(p.errors))),
      })),
    ).toEqual([]);
    expect(gaps + duplicates).toBe(0);
    expect(report.gaveUp).toBe(0);
  } finally {
    await admin.quit().catch(() => admin.disconnect());
    following = false;
    for (const f of followers) f.segments.at(-1)?.close();
    await sleep(100);
  }
}, 300_000);

it('a worker SIGKILLed mid-load on the Cluster while two share the consumer groups: every game and tower counted once, lag back to 0', async () => {
  const apis = [processes.get('api-1'), processes.get('api-2')];
  if (players.length === 0) players = await Promise.all(Array.from({ length: PLAYERS }, (_, i) => signUp(apis[i % 2]!)));
  const admin = new GraphQLClient(fetch, apis[0]!.url).withToken(await login(apis[0]!, ADMIN.username, ADMIN.password));
  const processedBy = async (name: string) =>
    (await metricOf(processes.get(name), /^da_projection_events\{projection="game-statistics",outcome="processed"\} (\d+)$/)).reduce((a, b) => a + b, 0);
  const before = [await processedBy('worker-1'), await processedBy('worker-2')] as const;
  const load = startGameLoad(
    apis.map((a) => a.url),
    players,
    { retries: 200 },
  );
  // Both workers are applying this load's events before one dies.
  await waitFor('both workers busy', async () => load.acknowledged() >= 30 && (await processedBy('worker-1')) > before[0] && (await processedBy('worker-2')) > before[1], 60_000);
  const atKill = load.acknowledged();
  await killed(processes.get('worker-1').child, 'SIGKILL');
  const killedAt = Date.now();
  await waitFor('more play after the kill', async () => load.acknowledged() >= atKill + 30, 60_000);
  const report = await load.stop();

  // The survivor claims the dead one's partitions and pending entries, then catches up.
  const caughtUp = await eventually(async () => {
    const { projections } = await admin.data(ProjectionsDocument);
    return projections.every((p) => p.lag.events === 0 && p.state !== 'FAULTED') ? projections : null;
  }, 60_000, 250);
  const lagZeroAfterMs = Date.now() - killedAt;
  // What the store holds, from the partition logs: every game created and every tower placed.
  const redis = createRedis(cluster!.nodes.filter((n) => n.alive).map((n) => n.address), { cluster: true, connectionName: 'da:audit' }) as Cluster;
  let games = 0;
  let towers = 0;
  try {
    for (const key of createKeys(prefix, PARTITIONS).partitionLogs()) {
      for (const [, fields] of (await redis.xrange(key, '-', '+')) as Array<[string, string[]]>) {
        const type = fields[fields.indexOf('t') + 1];
        if (type === 'GameSessionCreated') games++;
        if (type === 'TowerPlaced') towers++;
      }
    }
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
  const stats = await eventually(async () => {
    const { gameStatistics } = await admin.data(GameStatisticsDocument);
    return gameStatistics && gameStatistics.gamesCreated === games ? gameStatistics : null;
  }, 30_000).catch(async () => (await admin.data(GameStatisticsDocument)).gameStatistics);
  console.log(
    `[faults] worker SIGKILL on Cluster 3+3: ${report.acknowledged} mutations acknowledged through 2 API nodes (${atKill} before the kill); ` +
      `lag back to 0 on all ${caughtUp.length} consumers ${lagZeroAfterMs} ms after the kill, 0 dead letters: ${caughtUp.every((p) => p.deadLetters === 0)}; ` +
      `store holds ${games} games / ${towers} towers, game-statistics counted ${stats?.gamesCreated} / ${stats?.towersByType.find((t) => t.towerType === 'ARROW')?.count ?? 0}`,
  );
  expect(caughtUp.map((p) => p.deadLetters)).toEqual(caughtUp.map(() => 0));
  expect(stats?.gamesCreated).toBe(games);
  expect(stats?.towersByType).toEqual([{ towerType: 'ARROW', count: towers }]);
  expect(Object.keys(report.httpStatuses).filter((status) => status.startsWith('5'))).toEqual([]);
}, 240_000);
