/**
 * Real load for fault scenarios: each player plays game after game over HTTP (create, 4 towers,
 * waves until the game ends), every mutation with an idempotency key. An UnavailableError is
 * retried with the same input and key after its retryAfterMs (capped), a bounded number of
 * times — what a well-behaved client does. The report says what clients saw: acknowledged
 * versions per game, typed errors by code, HTTP statuses, transport failures and the slowest
 * answer (a hang shows as a transport failure after the request timeout).
 */
import { randomUUID } from 'node:crypto';
import type { Player } from '../../support/players.js';
import { sleep } from './redisProcesses.js';

const CREATE = `mutation F($input: CreateGameSessionInput!) { r: createGameSession(input: $input) { __typename
  ... on CreateGameSessionSuccess { gameSession { id version status } }
  ... on UnavailableError { code retryAfterMs message } ... on DomainError { code message } ... on Error { message } } }`;
const PLACE = `mutation F($input: PlaceTowerInput!) { r: placeTower(input: $input) { __typename
  ... on PlaceTowerSuccess { gameSession { id version status } }
  ... on UnavailableError { code retryAfterMs message } ... on DomainError { code message } ... on Error { message } } }`;
const WAVE = `mutation F($input: StartWaveInput!) { r: startWave(input: $input) { __typename
  ... on StartWaveSuccess { gameSession { id version status } }
  ... on UnavailableError { code retryAfterMs message } ... on DomainError { code message } ... on Error { message } } }`;

const CELLS = [
  [0, 0],
  [1, 0],
  [2, 0],
  [3, 0],
] as const;

interface Answer {
  readonly __typename: string;
  readonly gameSession?: { id: string; version: number; status: string };
  readonly code?: string;
  readonly retryAfterMs?: number | null;
  readonly message?: string;
}

export interface LoadReport {
  /** Mutations answered with a success (first answer or replay). */
  readonly acknowledged: number;
  /** Highest acknowledged version per game id. */
  readonly ackedVersions: ReadonlyMap<string, number>;
  /** startWave idempotency keys sent per game (each may apply at most once). */
  readonly waveKeys: ReadonlyMap<string, number>;
  /** UnavailableError answers by code. */
  readonly unavailable: Readonly<Record<string, number>>;
  /** Other typed errors by __typename/code. */
  readonly refused: Readonly<Record<string, number>>;
  /** HTTP statuses other than 200, by status. */
  readonly httpStatuses: Readonly<Record<string, number>>;
  /** Top-level GraphQL errors (masked or not), by extensions.code. */
  readonly topLevelErrors: Readonly<Record<string, number>>;
  /** Requests that threw (connection refused, timeout). */
  readonly transportFailures: number;
  readonly slowestMs: number;
  /** Commands given up after the retry budget. */
  readonly gaveUp: number;
}

export interface GameLoad {
  /** Acknowledged mutations so far. */
  acknowledged(): number;
  /** Unavailable answers so far. */
  unavailable(): number;
  /** Highest acknowledged version per game, now. */
  ackedNow(): Map<string, number>;
  /** Every answer so far, as a one-line summary (for a failing scenario's message). */
  summary(): string;
  stop(): Promise<LoadReport>;
}

const bump = (record: Record<string, number>, key: string) => (record[key] = (record[key] ?? 0) + 1);

export interface GameLoadOptions {
  readonly requestTimeoutMs?: number;
  readonly retries?: number;
  readonly maxRetryPauseMs?: number;
  /** Called once per game created (to follow it live). */
  readonly onGame?: (gameId: string, player: Player) => void;
}

/** `url`: one API node, or several used in turn (each attempt of each command goes to the next). */
export function startGameLoad(url: string | readonly string[], players: readonly Player[], options: GameLoadOptions = {}): GameLoad {
  const urls = typeof url === 'string' ? [url] : url;
  let turn = 0;
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  const retries = options.retries ?? 40;
  const maxPause = options.maxRetryPauseMs ?? 250;
  let stopping = false;
  const counts = { acknowledged: 0, transportFailures: 0, slowestMs: 0, gaveUp: 0 };
  const ackedVersions = new Map<string, number>();
  const waveKeys = new Map<string, number>();
  const unavailable: Record<string, number> = {};
  const refused: Record<string, number> = {};
  const httpStatuses: Record<string, number> = {};
  const topLevelErrors: Record<string, number> = {};

  const post = async (token: string, query: string, input: Record<string, unknown>): Promise<Answer | null> => {
    const started = performance.now();
    try {
      const response = await fetch(`${urls[turn++ % urls.length]!}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { input } }),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      if (response.status !== 200) bump(httpStatuses, String(response.status));
      const body = (await response.json()) as { data?: { r?: Answer } | null; errors?: Array<{ message: string; extensions?: { code?: string; reason?: string; retryAfterMs?: number } }> };
      for (const error of body.errors ?? []) bump(topLevelErrors, error.extensions?.code ?? 'NONE');
      // Storage failing before the command ran (authenticating the caller): a top-level UNAVAILABLE.
      const unavailable = body.errors?.find((e) => e.extensions?.code === 'UNAVAILABLE');
      if (unavailable) return { __typename: 'UnavailableError', code: unavailable.extensions?.reason ?? 'NONE', retryAfterMs: unavailable.extensions?.retryAfterMs ?? null, message: unavailable.message };
      return body.data?.r ?? null;
    } catch {
      counts.transportFailures++;
      return null;
    } finally {
      counts.slowestMs = Math.max(counts.slowestMs, performance.now() - started);
    }
  };

  /** One command, retried with the same key while storage says it is unavailable. */
  const command = async (token: string, query: string, input: Record<string, unknown>): Promise<Answer | null> => {
    const keyed = { ...input, idempotencyKey: randomUUID() };
    for (let attempt = 0; attempt <= retries; attempt++) {
      const answer = await post(token, query, keyed);
      if (answer?.__typename.endsWith('Success')) {
        counts.acknowledged++;
        const session = answer.gameSession!;
        ackedVersions.set(session.id, Math.max(ackedVersions.get(session.id) ?? 0, session.version));
        return answer;
      }
      if (answer?.__typename === 'UnavailableError') bump(unavailable, answer.code ?? 'NONE');
      else if (answer) {
        bump(refused, `${answer.__typename}:${answer.code ?? ''}`);
        return answer;
      }
      if (stopping && attempt >= 3) break;
      await sleep(Math.min(answer?.retryAfterMs ?? 100, maxPause));
    }
    counts.gaveUp++;
    return null;
  };

  const play = async (player: Player): Promise<void> => {
    while (!stopping) {
      const created = await command(player.token, CREATE, { difficulty: 'EASY', maxPlayers: 1 });
      const id = created?.gameSession?.id;
      if (!id) continue;
      options.onGame?.(id, player);
      for (const [x, y] of CELLS) {
        if (stopping) return;
        await command(player.token, PLACE, { sessionId: id, towerType: 'ARROW', x, y });
      }
      let status = created.gameSession!.status;
      for (let wave = 0; wave < 12 && status !== 'ENDED' && !stopping; wave++) {
        waveKeys.set(id, (waveKeys.get(id) ?? 0) + 1);
        const answer = await command(player.token, WAVE, { sessionId: id });
        if (!answer?.gameSession) break;
        status = answer.gameSession.status;
      }
    }
  };

  const running = Promise.all(players.map(play));
  return {
    acknowledged: () => counts.acknowledged,
    unavailable: () => Object.values(unavailable).reduce((a, b) => a + b, 0),
    ackedNow: () => new Map(ackedVersions),
    summary: () => JSON.stringify({ ...counts, unavailable, refused, httpStatuses, topLevelErrors }),
    async stop() {
      stopping = true;
      await running;
      return { ...counts, ackedVersions, waveKeys, unavailable, refused, httpStatuses, topLevelErrors };
    },
  };
}
