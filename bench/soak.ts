/**
 * Soak: a fresh server under test plays games continuously (bench/loadgen/soak.ts: 8 game loops,
 * 2 WebSocket + 2 SSE subscriptions opened and closed per game) and its RSS, read after a forced
 * full GC through the inspector, is compared between the end of the first part and the end of the
 * whole run: RSS at the end ÷ RSS after the first part (target ≤ 1.1). Heap (used + external) is
 * reported alike, and the RSS every 10 s goes to the JSON diagnostics.
 *
 * The full run does a short soak (90 s vs the first 30 s); `npm run bench -- --soak` runs only a
 * long one (10 minutes vs the first 2 by default, `--soak-minutes N` for N minutes vs N/5).
 */
import type { BenchContext } from './context.js';
import { type ApiUnderTest, startApi } from './graphql.js';
import { connectInspector, inspectorUrl } from './inspector.js';
import { sleep } from './lifecycle.js';
import type { SoakResult, SoakSpec } from './loadgen/soak.js';
import { startLoadgen } from './loadgen/run.js';
import { summarize } from './stats.js';

const GAMES = 8;
const WS_PER_GAME = 2;
const SSE_PER_GAME = 2;
const SAMPLE_EVERY_MS = 10_000;

export const measureSoak = async (ctx: BenchContext, nodeFlags: readonly string[] = []): Promise<void> => {
  const total = ctx.profile.soakSeconds;
  const first = ctx.profile.soakFirstSeconds;
  await ctx.redis.admin.flushall();
  const api: ApiUnderTest = await startApi(ctx.redis.url, [...nodeFlags, '--inspect=127.0.0.1:0']);
  try {
    const url = inspectorUrl(api.server.output());
    if (!url) throw new Error('the server under test printed no inspector URL');
    const inspector = await connectInspector(url);
    const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
    const samples: Array<{ s: number; rssMiB: number; heapAndExternalMiB: number }> = [];
    const spec: SoakSpec = { url: api.server.url, tokens: api.users.map((u) => u.token), games: GAMES, ws: WS_PER_GAME, sse: SSE_PER_GAME };
    const loadgen = await startLoadgen<SoakResult>('bench/loadgen/soak.ts', spec, (total + 120) * 1000);
    try {
      await new Promise<void>((resolve, reject) => {
        loadgen.onEvent((event) => event.phase === 'started' && resolve());
        loadgen.result.then(() => reject(new Error('soak load generator exited early')), reject);
      });
      const started = Date.now();
      const read = async () => {
        const m = await inspector.memoryAfterGc();
        samples.push({ s: Math.round((Date.now() - started) / 1000), rssMiB: mib(m.rss), heapAndExternalMiB: mib(m.heapUsed + m.external) });
        return m;
      };
      const until = async (seconds: number) => {
        for (;;) {
          const left = started + seconds * 1000 - Date.now();
          if (left <= 0) return;
          await sleep(Math.min(left, SAMPLE_EVERY_MS));
          if (started + seconds * 1000 - Date.now() > 1_000) await read();
        }
      };
      await until(first);
      const atFirst = await read();
      ctx.log(`  soak: after ${first} s RSS ${mib(atFirst.rss)} MiB, heap+external ${mib(atFirst.heapUsed + atFirst.external)} MiB`);
      await until(total);
      const atEnd = await read();
      loadgen.send({ stop: true });
      const result = await loadgen.result;
      ctx.log(`  soak: after ${total} s RSS ${mib(atEnd.rss)} MiB, heap+external ${mib(atEnd.heapUsed + atEnd.external)} MiB; ${result.games} games, ${result.subscriptionsOpened} subscriptions opened and closed`);
      ctx.diagnostics.soak = { seconds: total, firstSeconds: first, ...result, samples };
      const section = 'soak';
      const note = `${GAMES} game loops, ${WS_PER_GAME} WS + ${SSE_PER_GAME} SSE subscriptions opened and closed per game; ${result.games} games, ${result.subscriptionsOpened} subscriptions, ${result.mutations} mutations (${result.mutationErrors} refused or failed); RSS after a forced full GC`;
      const label = `${total} s ÷ first ${first} s`;
      ctx.figures.push({ id: 'soak.rss.ratio', section, label: `server RSS after ${label}`, unit: '×', summary: summarize([atEnd.rss / atFirst.rss]), target: { op: '<=', value: 1.1, text: '≤ 1.1' }, note });
      ctx.figures.push({ id: 'soak.heap.ratio', section, label: `server heap+external after ${label}`, unit: '×', summary: summarize([(atEnd.heapUsed + atEnd.external) / (atFirst.heapUsed + atFirst.external)]) });
      ctx.figures.push({ id: 'soak.rss.end', section, label: `server RSS after ${total} s`, unit: 'MiB', summary: summarize([mib(atEnd.rss)]) });
      ctx.figures.push({ id: 'soak.games', section, label: `games played in ${total} s (subscriptions opened and closed: ${result.subscriptionsOpened})`, unit: 'games', summary: summarize([result.games]) });
    } finally {
      inspector.close();
      await loadgen.stop();
    }
  } finally {
    await api.server.stop();
    await ctx.redis.admin.flushall();
  }
};
