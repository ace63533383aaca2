/**
 * Spectators: one game watched by many graphql-ws subscribers (1,000 in the full run, 200 in the
 * quick one), events sent to it at a fixed rate (100/s, 50/s quick): 100,000 deliveries/s at full
 * scale. Reports delivery p99 (command sent → subscriber received), the deliveries missing, and,
 * as the baseline measured in the same run, the startWave round trip itself.
 *
 * A normal game ends after ~10 waves, far too soon for a window at 100 events/s, so this section
 * makes games long for its own sessions: as an admin it sets the runtime balance (`game.waves`
 * 1,000, `game.startingLives` 10,000, one enemy per wave) before creating them, and puts every
 * changed key back afterwards (a game copies the balance it was created with). Each run gets a
 * fresh game and fresh subscribers.
 */
import { ADMIN, type ApiUnderTest, createSessions } from './graphql.js';
import type { BenchContext } from './context.js';
import type { SpectatorResult, SpectatorSpec } from './loadgen/spectators.js';
import { startLoadgen } from './loadgen/run.js';
import { sleep } from './lifecycle.js';
import { ratio, summarize } from './stats.js';

const LONG_GAME: Record<string, number> = { 'game.waves': 1_000, 'game.startingLives': 10_000, 'game.enemies.base': 1, 'game.enemies.perWave': 0 };

const CONFIGURATION = `query { configuration { key value } }`;
const UPDATE = `mutation U($input: UpdateConfigurationInput!) { updateConfiguration(input: $input) { __typename ... on Error { message } } }`;
const TOTAL_WAVES = `query T($id: ID!) { gameSession(id: $id) { totalWaves version } }`;

const setAll = async (api: ApiUnderTest, token: string, values: Record<string, unknown>): Promise<void> => {
  for (const [key, value] of Object.entries(values)) {
    await api.client.must('updateConfiguration', UPDATE, { input: { key, value, reason: 'benchmark: spectators section' } }, token);
  }
};

/** A session created under the long-game balance (retried until the server's settings caught up). */
const longSession = async (api: ApiUnderTest): Promise<{ id: string; token: string; version: number }> => {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [session] = await createSessions(api, 1);
    const view = await api.client.request(TOTAL_WAVES, { id: session!.id }, session!.token);
    const game = view.data?.gameSession as { totalWaves?: number; version?: number } | undefined;
    if (game?.totalWaves === LONG_GAME['game.waves']) return { id: session!.id, token: session!.token, version: game?.version ?? session!.version };
    if (Date.now() > deadline) throw new Error(`spectators: sessions still have ${game?.totalWaves} waves after setting game.waves`);
    await sleep(200);
  }
};

export const measureSpectators = async (ctx: BenchContext, api: ApiUnderTest): Promise<void> => {
  const { spectatorSubscribers: subscribers, spectatorEventsPerSecond: eventsPerSecond, spectatorSeconds: seconds, spectatorRuns: runs } = ctx.profile;
  const admin = await api.client.must('authenticateUser', ADMIN.login, { input: { login: ADMIN.username, password: ADMIN.password } });
  const adminToken = admin.accessToken as string;
  const current = await api.client.request(CONFIGURATION, {}, adminToken);
  const entries = (current.data?.configuration as unknown as Array<{ key: string; value: unknown }> | undefined) ?? [];
  const previous = Object.fromEntries(entries.filter((e) => e.key in LONG_GAME).map((e) => [e.key, e.value]));
  if (Object.keys(previous).length !== Object.keys(LONG_GAME).length) throw new Error(`spectators: configuration lacks some of ${Object.keys(LONG_GAME).join(', ')}`);

  const results: SpectatorResult[] = [];
  const cpu: Array<{ serverUsPerDelivery: number | null; loadgenUsPerDelivery: number }> = [];
  await setAll(api, adminToken, LONG_GAME);
  try {
    for (let run = 0; run < runs; run++) {
      const session = await longSession(api);
      const spec: SpectatorSpec = { url: api.server.url, sessionId: session.id, token: session.token, version: session.version, subscribers, eventsPerSecond, durationSeconds: seconds };
      const loadgen = await startLoadgen<SpectatorResult>('bench/loadgen/spectators.ts', spec, (seconds + 120) * 1000);
      // The server's CPU over the same window as the deliveries (the load generator measures its own).
      const serverCpu: { start?: Promise<number | null>; end?: Promise<number | null> } = {};
      loadgen.onEvent((event) => {
        if (event.phase === 'measuring') serverCpu.start = api.server.cpuMs();
        if (event.phase === 'measured') serverCpu.end = api.server.cpuMs();
      });
      try {
        const r = await loadgen.result;
        const [cpuStart, cpuEnd] = await Promise.all([serverCpu.start, serverCpu.end]);
        const delivered = r.delivered || 1;
        cpu.push({
          serverUsPerDelivery: cpuStart != null && cpuEnd != null ? ((cpuEnd - cpuStart) * 1000) / delivered : null,
          loadgenUsPerDelivery: (r.loadgenCpuMs * 1000) / delivered,
        });
        results.push(r);
        ctx.log(
          `  spectators run ${run + 1}: ${subscribers} WS subscribers, ${Math.round(r.eventRate)} events/s → ${Math.round(r.deliveriesPerSecond)} deliveries/s; p50 ${r.delivery.p50.toFixed(1)} ms, p99 ${r.delivery.p99.toFixed(1)} ms, max ${r.delivery.max.toFixed(0)} ms; ${r.missing} missing, ${r.duplicates} duplicated; startWave p99 ${r.command.p99.toFixed(1)} ms`,
        );
      } finally {
        await loadgen.stop();
      }
    }
  } finally {
    await setAll(api, adminToken, previous);
  }

  const section = 'spectators';
  const name = `1 game × ${subscribers.toLocaleString('en-US')} WS`;
  const id = `spectators.ws${subscribers}`;
  const of = (pick: (r: SpectatorResult) => number) => summarize(results.map(pick));
  const note = `${subscribers} graphql-ws subscribers on one session, startWave paced at ${eventsPerSecond} events/s for ${seconds} s, one command in flight (the achieved rate is capped by its round trip); latency = command sent → subscriber received`;
  ctx.figures.push({ id: `${id}.eventRate`, section, label: `${name}: events/s achieved (asked ${eventsPerSecond})`, unit: 'events/s', summary: of((r) => r.eventRate) });
  ctx.figures.push({ id: `${id}.deliveriesPerSecond`, section, label: `${name}: deliveries/s`, unit: 'deliveries/s', summary: of((r) => r.deliveriesPerSecond) });
  ctx.figures.push({ id: `${id}.p50`, section, label: `${name}: command → spectator p50`, unit: 'ms', summary: of((r) => r.delivery.p50) });
  const p99 = of((r) => r.delivery.p99);
  ctx.figures.push({ id: `${id}.p99`, section, label: `${name}: command → spectator p99`, unit: 'ms', summary: p99, target: { op: '<=', value: 50, text: '≤ 50 ms' }, note });
  ctx.figures.push({ id: `${id}.max`, section, label: `${name}: command → spectator max`, unit: 'ms', summary: of((r) => r.delivery.max) });
  ctx.figures.push({
    id: `${id}.missing`,
    section,
    label: `${name}: deliveries missing (all runs)`,
    unit: '',
    summary: summarize([results.reduce((a, r) => a + r.missing, 0)]),
    target: { op: '<=', value: 0, text: '= 0' },
    note: `of ${results.reduce((a, r) => a + r.expected, 0)} expected; ${results.reduce((a, r) => a + r.duplicates, 0)} duplicated`,
  });
  const command = of((r) => r.command.p99);
  ctx.figures.push({ id: `${id}.commandP99`, section, label: `${name}: startWave round trip p99 (baseline)`, unit: 'ms', summary: command });
  ctx.figures.push({ id: `${id}.p99.ratioToCommand`, section, label: `${name}: spectator p99 ÷ startWave p99`, unit: '×', summary: ratio(p99, command) });
  // What the machine spends per delivery, to say what 100,000 deliveries/s would take in cores.
  const serverUs = cpu.map((c) => c.serverUsPerDelivery).filter((v): v is number => v !== null);
  const cpuNote = 'CPU time (user + system, /proc) over the window and its drain ÷ deliveries; 100,000 deliveries/s need this many µs × 0.1 of a core';
  if (serverUs.length) ctx.figures.push({ id: `${id}.serverCpuPerDelivery`, section, label: `${name}: server CPU per delivery`, unit: 'µs', summary: summarize(serverUs), note: cpuNote });
  ctx.figures.push({ id: `${id}.loadgenCpuPerDelivery`, section, label: `${name}: subscribers' CPU per delivery (load generator)`, unit: 'µs', summary: summarize(cpu.map((c) => c.loadgenUsPerDelivery)), note: cpuNote });
  ctx.diagnostics.spectatorRuns = results;
};
