/**
 * The GraphQL documents the benchmark sends, and a small client for setup (users, tokens,
 * sessions, towers): setup is not measured, it only has to be quick and to fail loudly.
 */

export const OPS = {
  register: `mutation R($input: RegisterUserInput!) { registerUser(input: $input) { __typename ... on RegisterUserSuccess { user { id } } ... on Error { message } } }`,
  login: `mutation L($input: AuthenticateUserInput!) { authenticateUser(input: $input) { __typename ... on AuthenticateUserSuccess { accessToken } ... on Error { message } } }`,
  createSession: `mutation C($input: CreateGameSessionInput!) { createGameSession(input: $input) { __typename ... on CreateGameSessionSuccess { gameSession { id version } } ... on Error { message } } }`,
  placeTower: `mutation P($input: PlaceTowerInput!) { placeTower(input: $input) { __typename ... on PlaceTowerSuccess { tower { id } gameSession { version } } ... on Error { message } } }`,
  startWave: `mutation W($input: StartWaveInput!) { startWave(input: $input) { __typename ... on StartWaveSuccess { gameSession { version status } } ... on Error { message } } }`,
  gameSession: `query G($id: ID!) { gameSession(id: $id) { id status difficulty maxPlayers hostId players { userId username gold towersPlaced } towers { id towerType x y ownerId } currentWave totalWaves lives score version createdAt } }`,
  gameSessionEvents: `subscription E($sessionId: ID!) { gameSessionEvents(sessionId: $sessionId) { eventId version eventType } }`,
  hello: `{ hello }`,
} as const;

/** Free cells of the default map (meadow, 12×8), best first: the ones next to the most path cells. */
export const MEADOW_TOWER_CELLS: ReadonlyArray<readonly [number, number]> = (() => {
  const path = [
    [0, 1], [1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1], [7, 1], [8, 1], [9, 1], [9, 2], [9, 3],
    [9, 4], [9, 5], [8, 5], [7, 5], [6, 5], [5, 5], [4, 5], [3, 5], [2, 5], [2, 6], [2, 7],
  ];
  const onPath = new Set(path.map(([x, y]) => `${x},${y}`));
  const cells: Array<{ cell: readonly [number, number]; near: number }> = [];
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 12; x++) {
      if (onPath.has(`${x},${y}`)) continue;
      const near = path.filter(([px, py]) => (px! - x) ** 2 + (py! - y) ** 2 <= 4).length;
      cells.push({ cell: [x, y], near });
    }
  }
  return cells.sort((a, b) => b.near - a.near).map((c) => c.cell);
})();

export interface GraphQLResult {
  readonly data?: Record<string, { __typename?: string; message?: string } & Record<string, unknown>> | null;
  readonly errors?: ReadonlyArray<{ message: string }>;
}

export class BenchApi {
  /** `metricsUrls`: every process whose /metrics count (default: the one at `url`). */
  constructor(
    readonly url: string,
    private readonly metricsUrls: readonly string[] = [url],
  ) {}

  async request(query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResult> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    return (await response.json()) as GraphQLResult;
  }

  /** The payload of a mutation that must succeed (its __typename must end in Success). */
  async must(field: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, unknown>> {
    const result = await this.request(query, variables, token);
    const payload = result.data?.[field];
    if (!payload || result.errors?.length || !payload.__typename?.endsWith('Success')) {
      throw new Error(`${field} failed: ${JSON.stringify(result.errors ?? payload ?? result)}`);
    }
    return payload;
  }

  /** Registers and logs in a user; returns its id and access token. */
  async user(name: string): Promise<{ id: string; token: string }> {
    const password = 'bench-password-1234!';
    const registered = await this.must('registerUser', OPS.register, { input: { username: name, email: `${name}@bench.invalid`, password } });
    const login = await this.must('authenticateUser', OPS.login, { input: { login: name, password } });
    return { id: (registered.user as { id: string }).id, token: login.accessToken as string };
  }

  async createSession(token: string, difficulty = 'NORMAL', maxPlayers = 4): Promise<{ id: string; version: number }> {
    const payload = await this.must('createGameSession', OPS.createSession, { input: { difficulty, maxPlayers } }, token);
    return payload.gameSession as { id: string; version: number };
  }

  /** Returns the session's version after the tower. */
  async placeTower(token: string, sessionId: string, x: number, y: number, towerType = 'ARROW'): Promise<number> {
    const payload = await this.must('placeTower', OPS.placeTower, { input: { sessionId, towerType, x, y } }, token);
    return (payload.gameSession as { version: number }).version;
  }

  /** Returns the session's version and status after the wave, or null when the command was refused. */
  async startWave(token: string, sessionId: string): Promise<{ version: number; status: string } | null> {
    const result = await this.request(OPS.startWave, { input: { sessionId } }, token);
    const payload = result.data?.startWave;
    return payload?.__typename === 'StartWaveSuccess' ? (payload.gameSession as { version: number; status: string }) : null;
  }

  /** Prometheus text → the largest value of one metric over its label sets (0 when absent). */
  /** The largest value of a metric (any label set) over every process of the server. */
  async metricMax(name: string): Promise<number> {
    let max = 0;
    for (const url of this.metricsUrls) {
      const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
      for (const line of text.split('\n')) {
        if (!line.startsWith(name)) continue;
        const rest = line.slice(name.length);
        if (rest[0] !== '{' && rest[0] !== ' ') continue;
        const value = Number(line.slice(line.lastIndexOf(' ') + 1));
        if (Number.isFinite(value)) max = Math.max(max, value);
      }
    }
    return max;
  }
}

export const mapLimit = async <T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i]!, i);
    }),
  );
  return results;
};
