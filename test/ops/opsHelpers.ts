/**
 * E2E helpers for the ops context: inline documents (the codegen'd ones in test/operations/ops.graphql
 * mirror them) and logins.
 */
import { expect } from 'vitest';
import type { GraphQLClient, GraphQLResponse, TypedDocument } from '../support/graphqlClient.js';

// The responses are checked field by field in the tests; a loose JSON type keeps them readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const doc = (query: string): TypedDocument<Json, Record<string, unknown>> => ({ toString: () => query });

export const ADMIN = { username: 'root', password: 'root-password-1' };
export const adminOverrides = { 'auth.adminUsername': ADMIN.username, 'auth.adminPassword': ADMIN.password };

const LOGIN = doc(`mutation Login($input: AuthenticateUserInput!) {
  authenticateUser(input: $input) { __typename ... on AuthenticateUserSuccess { accessToken user { id } } ... on Error { message } }
}`);
const REGISTER = doc(`mutation Register($input: RegisterUserInput!) {
  registerUser(input: $input) { __typename ... on Error { message } }
}`);

export async function login(client: GraphQLClient, username: string, password: string): Promise<{ client: GraphQLClient; userId: string }> {
  const result = await client.data(LOGIN, { input: { login: username, password } });
  expect(result.authenticateUser.__typename).toBe('AuthenticateUserSuccess');
  return { client: client.withToken(result.authenticateUser.accessToken as string), userId: result.authenticateUser.user.id as string };
}

export async function registerAndLogin(client: GraphQLClient, username: string): Promise<{ client: GraphQLClient; userId: string }> {
  const result = await client.data(REGISTER, { input: { username, email: `${username}@example.com`, password: 'player-password-1' } });
  expect(result.registerUser.__typename).toBe('RegisterUserSuccess');
  return login(client, username, 'player-password-1');
}

export const errorCode = (response: GraphQLResponse<Json>): unknown => response.errors?.[0]?.extensions?.code;

export const UPDATE_CONFIGURATION = doc(`mutation UpdateConfiguration($input: UpdateConfigurationInput!) {
  updateConfiguration(input: $input) {
    __typename
    ... on UpdateConfigurationSuccess { configuration { key value version isDefault updatedBy } }
    ... on ValidationError { message fieldErrors { field message } }
    ... on ConflictError { message expectedVersion actualVersion }
    ... on Error { message }
  }
}`);

export const CONFIGURATION = doc(`query Configuration { configuration { key value version isDefault defaultValue category description } }`);

export const CONFIGURATION_HISTORY = doc(`query ConfigurationHistory($key: String!, $first: Int, $after: String) {
  configurationHistory(key: $key, first: $first, after: $after) {
    edges { cursor node { key version value previousValue updatedBy reason at } }
    pageInfo { hasNextPage endCursor }
  }
}`);

export const SETTINGS = doc(`query Settings { settings { key category description defaultValue schema } }`);

export const GENERATE_REPORT = doc(`mutation GenerateReport($input: GenerateReportInput!) {
  generateReport(input: $input) {
    __typename
    ... on GenerateReportSuccess { report { id kind from to createdAt content } }
    ... on DomainError { message code }
    ... on ValidationError { message fieldErrors { field message } }
    ... on Error { message }
  }
}`);

export const REPORTS = doc(`query Reports($first: Int, $kind: ReportKind) {
  reports(first: $first, kind: $kind) { edges { node { id kind content } } pageInfo { hasNextPage } }
}`);
export const REPORT = doc(`query Report($id: ID!) { report(id: $id) { id kind from to createdAt content } }`);

export const PERFORM_MAINTENANCE = doc(`mutation PerformMaintenance($input: PerformMaintenanceInput!) {
  performMaintenance(input: $input) {
    __typename
    ... on PerformMaintenanceSuccess { result runId task target }
    ... on DomainError { message code }
    ... on ValidationError { message fieldErrors { field message } }
    ... on Error { message }
  }
}`);

export const MAINTENANCE_RUNS = doc(`query MaintenanceRuns { maintenanceRuns(first: 10) { edges { node { id task target result performedBy } } } }`);

export const SYSTEM_METRICS = doc(`query SystemMetrics($from: DateTime, $to: DateTime, $nodeId: String) {
  systemMetrics(from: $from, to: $to, nodeId: $nodeId) {
    from to samples commandsPerSecond failureRate
    commands { commandType count failures p50 p95 p99 }
    eventBus { published processed failed }
    projections { projection lastLag maxLag }
    nodes { nodeId summary { samples } }
    series { id nodeId at windowSeconds commands { commandType count } }
  }
}`);

export const GAME_STATISTICS = doc(`query GameStatistics {
  gameStatistics { gamesCreated gamesActive gamesEnded averageWaveReached winRateByDifficulty { difficulty winRate } towersByType { towerType count } }
}`);

export const PROJECTIONS = doc(`query Projections {
  projections { name kind state checkpoint checkpoints lag { events ms } processedEvents failedEvents deadLetters generation }
}`);

export const PROJECTION_STATUSES = doc(`subscription ProjectionStatuses($intervalMs: Int) {
  projectionStatuses(intervalMs: $intervalMs) { name state lag { events } }
}`);

export const CREATE_GAME = doc(`mutation CreateGame($input: CreateGameSessionInput!) {
  createGameSession(input: $input) { __typename ... on CreateGameSessionSuccess { gameSession { id players { userId gold } } } ... on Error { message } }
}`);

export const PLACE_TOWER = doc(`mutation PlaceTower($input: PlaceTowerInput!) {
  placeTower(input: $input) { __typename ... on Error { message } }
}`);

/** Retries `probe` until it stops throwing (eventual consistency across nodes), then returns its value. */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
