/**
 * E2E helpers for the ops context: the codegen'd operations of test/operations/ops.graphql (loosely
 * typed: the tests check responses field by field) and logins.
 */
import { expect } from 'vitest';
import {
  AuthenticateUserDocument,
  ConfigurationDocument,
  CausationTreeDocument,
  CreateGameSessionDocument,
  DeadLetterAddedDocument,
  DeadLettersDocument,
  RetryDeadLettersDocument,
  SkipDeadLettersDocument,
  ConfigurationHistoryDocument,
  GameStatisticsDocument,
  GenerateReportDocument,
  MaintenanceRunsDocument,
  PerformMaintenanceDocument,
  PlaceTowerDocument,
  ProjectionStatusesDocument,
  ProjectionsDocument,
  RegisterUserDocument,
  ReportDocument,
  ReportsDocument,
  SettingsDocument,
  SystemMetricsDocument,
  UpdateConfigurationDocument,
} from '../generated/graphql.js';
import type { GraphQLClient, GraphQLResponse, TypedDocument } from '../support/graphqlClient.js';

// The responses are checked field by field in the tests; a loose JSON type keeps them readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A codegen'd document (test/operations/ops.graphql, the single copy of each operation), loosely typed for these tests. */
const loose = (document: { toString(): string }): TypedDocument<Json, Record<string, unknown>> => document as TypedDocument<Json, Record<string, unknown>>;

export const ADMIN = { username: 'root', password: 'root-password-1' };
export const adminOverrides = { 'auth.adminUsername': ADMIN.username, 'auth.adminPassword': ADMIN.password };

const LOGIN = loose(AuthenticateUserDocument);
const REGISTER = loose(RegisterUserDocument);

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

export const UPDATE_CONFIGURATION = loose(UpdateConfigurationDocument);

export const CONFIGURATION = loose(ConfigurationDocument);

export const CONFIGURATION_HISTORY = loose(ConfigurationHistoryDocument);

export const SETTINGS = loose(SettingsDocument);

export const GENERATE_REPORT = loose(GenerateReportDocument);

export const REPORTS = loose(ReportsDocument);
export const REPORT = loose(ReportDocument);

export const PERFORM_MAINTENANCE = loose(PerformMaintenanceDocument);

export const MAINTENANCE_RUNS = loose(MaintenanceRunsDocument);

export const SYSTEM_METRICS = loose(SystemMetricsDocument);

export const GAME_STATISTICS = loose(GameStatisticsDocument);

export const PROJECTIONS = loose(ProjectionsDocument);

export const PROJECTION_STATUSES = loose(ProjectionStatusesDocument);

export const CREATE_GAME = loose(CreateGameSessionDocument);

export const PLACE_TOWER = loose(PlaceTowerDocument);

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

export const DEAD_LETTERS = loose(DeadLettersDocument);
export const RETRY_DEAD_LETTERS = loose(RetryDeadLettersDocument);
export const SKIP_DEAD_LETTERS = loose(SkipDeadLettersDocument);
export const DEAD_LETTER_ADDED = loose(DeadLetterAddedDocument);
export const CAUSATION_TREE = loose(CausationTreeDocument);
