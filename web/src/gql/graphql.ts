/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
};

export type AggregateHistoryConnection = {
  __typename?: 'AggregateHistoryConnection';
  edges: Array<AggregateHistoryEdge>;
  /** The stream's newest version. */
  latestVersion: Scalars['Int']['output'];
  pageInfo: PageInfo;
};

export type AggregateHistoryEdge = {
  __typename?: 'AggregateHistoryEdge';
  cursor: Scalars['String']['output'];
  node: AggregateHistoryEntry;
};

/** One event of an aggregate and the state it left the aggregate in. */
export type AggregateHistoryEntry = {
  __typename?: 'AggregateHistoryEntry';
  /** Top-level state fields the event changed (the diff). */
  changedFields: Array<Scalars['String']['output']>;
  event: DomainEvent;
  /** The aggregate's state right after the event, as its decider folds it (secrets removed). */
  state: Scalars['JSON']['output'];
  version: Scalars['Int']['output'];
};

export type AuthenticateUserInput = {
  /** Username or email. */
  login: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

export type AuthenticateUserPayload = AuthenticateUserSuccess | ConflictError | DomainError | ForbiddenError | NotFoundError | RateLimitedError | UnauthenticatedError | UnavailableError | ValidationError;

export type AuthenticateUserSuccess = {
  __typename?: 'AuthenticateUserSuccess';
  /** Short-lived JWT: send it as `Authorization: Bearer <token>`. */
  accessToken: Scalars['String']['output'];
  /** When the access token expires. */
  expiresAt: Scalars['DateTime']['output'];
  /** Single use: refreshToken returns a new one; reusing an old one revokes the session. */
  refreshToken: Scalars['String']['output'];
  session: Session;
  user: User;
};

export type CancelMatchRequestInput = {
  /** Defaults to the queue you wait in. */
  difficulty?: InputMaybe<Difficulty>;
  /** Retrying with the same key returns the first result instead of running the command again. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type CancelMatchRequestPayload = CancelMatchRequestSuccess | ConflictError | DomainError | ForbiddenError | NotFoundError | RateLimitedError | UnauthenticatedError | UnavailableError | ValidationError;

export type CancelMatchRequestSuccess = {
  __typename?: 'CancelMatchRequestSuccess';
  matchRequest: MatchRequest;
};

export type CausationKind =
  /** A command that appended events (derived from their metadata). */
  | 'COMMAND'
  /** The root: everything that shares the correlation id. */
  | 'CORRELATION'
  /** A stored event. */
  | 'EVENT';

/** A node of a causation tree: correlation → commands → their events → commands those events caused (process managers) → … */
export type CausationNode = {
  __typename?: 'CausationNode';
  aggregateId?: Maybe<Scalars['ID']['output']>;
  aggregateType?: Maybe<Scalars['String']['output']>;
  /** Events: when appended; commands: when their first event was; the root: the first event. */
  at: Scalars['DateTime']['output'];
  children: Array<CausationNode>;
  /** 0 for the root. */
  depth: Scalars['Int']['output'];
  /** Events of event-sourced and hybrid aggregates: the stored event (secrets removed). Null for commands, for state-based aggregates and for compacted events. */
  event?: Maybe<DomainEvent>;
  /** The correlation, command or event id. */
  id: Scalars['ID']['output'];
  kind: CausationKind;
  /** This node and everything under it, depth first, in causal and time order: the tree without recursive selections (use depth and parentId). */
  nodes: Array<CausationNode>;
  parentId?: Maybe<Scalars['ID']['output']>;
  /** The command or event type (the correlation id for the root). */
  type: Scalars['String']['output'];
  /** Who sent the command ("system" for process managers). */
  userId?: Maybe<Scalars['ID']['output']>;
  /** Events: the aggregate version. */
  version?: Maybe<Scalars['Int']['output']>;
};

export type Cell = {
  __typename?: 'Cell';
  x: Scalars['Int']['output'];
  y: Scalars['Int']['output'];
};

export type CommandMetrics = {
  __typename?: 'CommandMetrics';
  commandType: Scalars['String']['output'];
  commandsPerSecond: Scalars['Float']['output'];
  count: Scalars['Int']['output'];
  failureRate: Scalars['Float']['output'];
  failures: Scalars['Int']['output'];
  /** The worst p99 of any single sample, ms. */
  maxP99: Scalars['Float']['output'];
  /** ms */
  p50: Scalars['Float']['output'];
  /** ms */
  p95: Scalars['Float']['output'];
  /** ms */
  p99: Scalars['Float']['output'];
};

export type CommandSample = {
  __typename?: 'CommandSample';
  commandType: Scalars['String']['output'];
  count: Scalars['Int']['output'];
  failures: Scalars['Int']['output'];
  p50: Scalars['Float']['output'];
  p95: Scalars['Float']['output'];
  p99: Scalars['Float']['output'];
};

/** One accepted update of a setting (the audit trail). */
export type ConfigurationChange = {
  __typename?: 'ConfigurationChange';
  at: Scalars['DateTime']['output'];
  key: Scalars['String']['output'];
  /** null when the default was in force. */
  previousValue?: Maybe<Scalars['JSON']['output']>;
  reason?: Maybe<Scalars['String']['output']>;
  updatedBy: Scalars['ID']['output'];
  value: Scalars['JSON']['output'];
  version: Scalars['Int']['output'];
};

/** The value of one runtime setting in force on every node. */
export type ConfigurationEntry = {
  __typename?: 'ConfigurationEntry';
  category?: Maybe<Scalars['String']['output']>;
  defaultValue?: Maybe<Scalars['JSON']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  isDefault: Scalars['Boolean']['output'];
  key: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  updatedBy?: Maybe<Scalars['ID']['output']>;
  value: Scalars['JSON']['output'];
  /** Pass it as expectedVersion to update safely (0 = never changed). */
  version: Scalars['Int']['output'];
};

/** Optimistic concurrency: the target changed since the version you expected. Re-read and retry. */
export type ConflictError = Error & {
  __typename?: 'ConflictError';
  actualVersion?: Maybe<Scalars['Int']['output']>;
  expectedVersion?: Maybe<Scalars['Int']['output']>;
  message: Scalars['String']['output'];
};

export type CreateGameSessionInput = {
  difficulty: Difficulty;
  /** Decide against the current state and answer with the events the command would append (dryRunEvents) and the resulting game, appending, publishing and remembering nothing. Refused exactly as the real command would be. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** Retrying with the same key returns the first result instead of running the command again. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** A map id from the balance configuration; default map when omitted. */
  map?: InputMaybe<Scalars['ID']['input']>;
  /** 1–4. */
  maxPlayers: Scalars['Int']['input'];
};

export type CreateGameSessionPayload = ConflictError | CreateGameSessionSuccess | DomainError | ForbiddenError | NotFoundError | RateLimitedError | UnauthenticatedError | UnavailableError | ValidationError;

export type CreateGameSessionSuccess = {
  __typename?: 'CreateGameSessionSuccess';
  /** With dryRun: the events the command would have appended, in order (nothing was stored). Null for a real run. */
  dryRunEvents?: Maybe<Array<GameEvent>>;
  gameSession: GameSession;
};

/** An event a projection (or process manager) gave up on after its retries: it no longer blocks the partition. */
export type DeadLetter = {
  __typename?: 'DeadLetter';
  /** When it was (last) dead-lettered. */
  at: Scalars['DateTime']['output'];
  /** Attempts made (0: the stored event could not even be decoded). */
  attempts: Scalars['Int']['output'];
  event: DomainEvent;
  /** The last error. */
  failure: Scalars['String']['output'];
  /** The read-model generation that was being written. */
  generation: Scalars['Int']['output'];
  /** Stable while the letter exists: "<projection>:<generation>:<partition>:<position>". */
  id: Scalars['ID']['output'];
  partition: Scalars['Int']['output'];
  /** Where the entry sits in its partition log. */
  position: Scalars['String']['output'];
  projection: Scalars['String']['output'];
  /** The stored event could not be read: `event` holds only what the log entry says. */
  undecodable: Scalars['Boolean']['output'];
};

export type DeadLetterConnection = {
  __typename?: 'DeadLetterConnection';
  edges: Array<DeadLetterConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DeadLetterConnectionEdge = {
  __typename?: 'DeadLetterConnectionEdge';
  cursor: Scalars['String']['output'];
  node: DeadLetter;
};

export type DeadLetterOutcome = {
  __typename?: 'DeadLetterOutcome';
  /** Retried successfully, or skipped. */
  done: Scalars['Int']['output'];
  projection: Scalars['String']['output'];
  /** Retries that failed again (kept, one more attempt counted). */
  stillFailing: Scalars['Int']['output'];
};

export type Difficulty =
  | 'EASY'
  | 'HARD'
  | 'NORMAL';

export type DifficultyWinRate = {
  __typename?: 'DifficultyWinRate';
  difficulty: Scalars['String']['output'];
  /** 0..1 over ended games. */
  winRate: Scalars['Float']['output'];
};

/** A business rule said no. `code` is stable (e.g. CELL_OCCUPIED, INSUFFICIENT_GOLD); switch on it. */
export type DomainError = Error & {
  __typename?: 'DomainError';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** A stored event as the admin feed shows it (secrets removed). */
export type DomainEvent = {
  __typename?: 'DomainEvent';
  aggregateId: Scalars['ID']['output'];
  aggregateType: Scalars['String']['output'];
  causationId: Scalars['ID']['output'];
  correlationId: Scalars['ID']['output'];
  data: Scalars['JSON']['output'];
  eventId: Scalars['ID']['output'];
  eventType: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  schemaVersion: Scalars['Int']['output'];
  userId?: Maybe<Scalars['ID']['output']>;
  version: Scalars['Int']['output'];
};

export type EndGameInput = {
  /** Decide against the current state and answer with the events the command would append (dryRunEvents) and the resulting game, appending, publishing and remembering nothing. Refused exactly as the real command would be. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** Retrying with the same key returns the first result instead of running the command again. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Free text, kept in the GameEnded event. */
  reason?: InputMaybe<Scalars['String']['input']>;
  sessionId: Scalars['ID']['input'];
};

export type EndGamePayload = ConflictError | DomainError | EndGameSuccess | ForbiddenError | NotFoundError | RateLimitedError | UnauthenticatedError | UnavailableError | ValidationError;

export type EndGameSuccess = {
  __typename?: 'EndGameSuccess';
  /** With dryRun: the events the command would have appended, in order (nothing was stored). Null for a real run. */
  dryRunEvents?: Maybe<Array<GameEvent>>;
  gameSession: GameSession;
};

/** Every error a mutation can return implements this interface. */
export type Error = {
  message: Scalars['String']['output'];
};

export type EventBusMetrics = {
  __typename?: 'EventBusMetrics';
  failed: Scalars['Int']['output'];
  failureRate?: Maybe<Scalars['Float']['output']>;
  processed: Scalars['Int']['output'];
  published: Scalars['Int']['output'];
};

export type EventFilter = {
  aggregateId?: InputMaybe<Scalars['ID']['input']>;
  aggregateType?: InputMaybe<Scalars['String']['input']>;
  /** Only these event types. */
  eventTypes?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A problem with one input field. `field` is the input field name (dotted for nested fields). */
export type FieldError = {
  __typename?: 'FieldError';
  field: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** You are authenticated but not allowed to do this. */
export type ForbiddenError = Error & {
  __typename?: 'ForbiddenError';
  message: Scalars['String']['output'];
};

export type ForgetUserInput = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Your current password when you forget your own account (re-authentication); admins need none. */
  password?: InputMaybe<Scalars['String']['input']>;
  userId: Scalars['ID']['input'];
};

export type ForgetUserPayload = ConflictError | DomainError | ForbiddenError | ForgetUserSuccess | NotFoundError | RateLimitedError | UnauthenticatedError | UnavailableError | ValidationError;

/** The user's data key is destroyed: their personal data in events, snapshots, read models and archives is unreadable for good. */
export type ForgetUserSuccess = {
  __typename?: 'ForgetUserSuccess';
  /** An earlier call forgot the user; this one changed nothing that was left. */
  alreadyForgotten: Scalars['Boolean']['output'];
  forgottenAt: Scalars['DateTime']['output'];
  /** The account as it stays: username, roles, status FORGOTTEN, no email. */
  user?: Maybe<User>;
  userId: Scalars['ID']['output'];
};

/** What a new game can be created with: its maps and tower types, startingGold and waves (the balance in force now; a running game keeps the one it was created with). */
export type GameCatalog = {
  __typename?: 'GameCatalog';
  /** The default map first. */
  maps: Array<GameMap>;
  startingGold: Scalars['Int']['output'];
  startingLives: Scalars['Int']['output'];
  towerTypes: Array<TowerTypeSpec>;
  waves: Scalars['Int']['output'];
};

/** One event of a game session, in version order. */
export type GameEvent = {
  __typename?: 'GameEvent';
  /** The event's fields. GameEnded.reason, when its ender wrote it, is opened here: null once they were forgotten (docs/privacy.md). */
  data: Scalars['JSON']['output'];
  eventId: Scalars['ID']['output'];
  eventType: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  version: Scalars['Int']['output'];
};

export type GameMap = {
  __typename?: 'GameMap';
  height: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The cells enemies walk, in order. */
  path: Array<Cell>;
  width: Scalars['Int']['output'];
};

export type GamePlayer = {
  __typename?: 'GamePlayer';
  gold: Scalars['Int']['output'];
  towersPlaced: Scalars['Int']['output'];
  userId: Scalars['ID']['output'];
  username: Scalars['String']['output'];
};

export type GameResult =
  | 'ABANDONED'
  | 'DEFEAT'
  | 'FORFEIT'
  | 'VICTORY';

/** A cooperative game: lobby → active (after the first wave) → ended. */
export type GameSession = {
  __typename?: 'GameSession';
  createdAt: Scalars['DateTime']['output'];
  /** Waves played so far (0 in the lobby). */
  currentWave: Scalars['Int']['output'];
  difficulty: Difficulty;
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  hostId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  lastWave?: Maybe<WaveReport>;
  lives: Scalars['Int']['output'];
  map: GameMap;
  maxPlayers: Scalars['Int']['output'];
  players: Array<GamePlayer>;
  result?: Maybe<GameResult>;
  score: Scalars['Int']['output'];
  status: GameStatus;
  /** Surviving this wave wins the game. */
  totalWaves: Scalars['Int']['output'];
  towers: Array<Tower>;
  /** The event version this view reflects (resume subscriptions after it). */
  version: Scalars['Int']['output'];
};

export type GameSessionConnection = {
  __typename?: 'GameSessionConnection';
  edges: Array<GameSessionEdge>;
  pageInfo: PageInfo;
};

export type GameSessionEdge = {
  __typename?: 'GameSessionEdge';
  cursor: Scalars['String']['output'];
  node: GameSession;
};

export type GameStatistics = {
  __typename?: 'GameStatistics';
  /** Mean over ended games of the highest wave completed. */
  averageWaveReached: Scalars['Float']['output'];
  /** In the lobby or running. */
  gamesActive: Scalars['Int']['output'];
  gamesCreated: Scalars['Int']['output'];
  gamesEnded: Scalars['Int']['output'];
  towersByType: Array<TowerTypeCount>;
  winRateByDifficulty: Array<DifficultyWinRate>;
};

export type GameStatus =
  | 'ACTIVE'
  | 'ENDED'
  | 'LOBBY';

export type GenerateReportInput = {
  /** Inclusive. */
  from: Scalars['DateTime']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  kind: ReportKind;
  /** Exclusive; at most 366 days after `from`. */
  to: Scalars['DateTime']['input'];
};

export type GenerateReportPayload = ConflictError | DomainError | ForbiddenError | GenerateReportSuccess | NotFoundError | RateLimitedError | UnauthenticatedError | UnavailableError | ValidationError;

export type GenerateReportSuccess = {
  __typename?: 'GenerateReportSuccess';
  report: Report;
};

export type HandlerKind =
  | 'NOTIFICATION'
  | 'PROCESS_MANAGER'
  | 'PROJECTION'
  | 'SAGA';

export type JoinGameSessionInput = {
  /** Decide against the current state and answer with the events the command would append (dryRunEvents) and the resulting game, appending, publishing and remembering nothing. Refused exactly as the real command would be. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** Retrying with the same key returns the first result instead of running the command again. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  sessionId: Scalars['ID']['input'];
};

export type JoinGameSessionPayload = ConflictError | DomainError | ForbiddenError | JoinGameSessionSuccess | NotFoundError | RateLimitedError | UnauthenticatedError | UnavailableError | ValidationError;

export type JoinGameSessionSuccess = {
  __typename?: 'JoinGameSessionSuccess';
  /** With dryRun: the events the command would have appended, in order (nothing was stored). Null for a real run. */
  dryRunEvents?: Maybe<Array<GameEvent>>;
  gameSession: GameSession;
};

export type LogoutUserInput = {
  /** Defaults to the current session. */
  sessionId?: InputMaybe<Scalars['ID']['input']>;
};

export type LogoutUserPayload = ConflictError | DomainError | ForbiddenError | LogoutUserSuccess | NotFoundError | RateLimitedError | UnauthenticatedError | UnavailableError | ValidationError;

export type LogoutUserSuccess = {
  __typename?: 'LogoutUserSuccess';
  sessionId: Scalars['ID']['output'];
};

export type MaintenanceRun = {
  __typename?: 'MaintenanceRun';
  at: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  performedBy: Scalars['ID']['output'];
  result: Scalars['JSON']['output'];
  target?: Maybe<Scalars['String']['output']>;
  task: MaintenanceTask;
};

export type MaintenanceTask =
  | 'APPLY_RETENTION'
  | 'COMPACT_EVENTS'
  | 'REBUILD_PROJECTION'
  | 'REDACT_PERSONAL_DATA'
  | 'RESET_PROJECTION'
  | 'RETRY_DEAD_LETTERS'
  | 'ROTATE_DATA_KEYS'
  | 'SKIP_DEAD_LETTERS'
  | 'SNAPSHOT_AGGREGATES'
  | 'TRIM_PARTITION_LOGS';

export type MatchRequest = {
  __typename?: 'MatchRequest';
  difficulty: Difficulty;
  gameSession?: Maybe<GameSession>;
  matchId?: Maybe<Scalars['ID']['output']>;
  requestedAt: Scalars['DateTime']['output'];
  status: MatchRequestStatus;
};

export type MatchRequestStatus =
  | 'CANCELLED'
  | 'MATCHED'
  | 'WAITING';

/** One node’s counters over `windowSeconds` ending at `at`. */
export type MetricsSample = {
  __typename?: 'MetricsSample';
  at: Scalars['DateTime']['output'];
  commands: Array<CommandSample>;
  eventBus: EventBusMetrics;
  id: Scalars['ID']['output'];
  nodeId: Scalars['String']['output'];
  projections: Array<ProjectionLagPoint>;
  windowSeconds: Scalars['Float']['output'];
};

export type MetricsSummary = {
  __typename?: 'MetricsSummary';
  commands: Array<CommandMetrics>;
  commandsPerSecond: Scalars['Float']['output'];
  coveredSeconds: Scalars['Float']['output'];
  eventBus: EventBusMetrics;
  failureRate: Scalars['Float']['output'];
  projections: Array<ProjectionLagSummary>;
  samples: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  authenticateUser: AuthenticateUserPayload;
  cancelMatchRequest: CancelMatchRequestPayload;
  createGameSession: CreateGameSessionPayload;
  endGame: EndGamePayload;
  forgetUser: ForgetUserPayload;
  generateReport: GenerateReportPayload;
  joinGameSession: JoinGameSessionPayload;
  logoutUser: LogoutUserPayload;
  performMaintenance: PerformMaintenancePayload;
  placeTower: PlaceTowerPayload;
  refreshToken: RefreshTokenPayload;
  registerUser: RegisterUserPayload;
  requestMatch: RequestMatchPayload;
  retryDeadLetters: RetryDeadLettersPayload;
  skipDeadLetters: SkipDeadLettersPayload;
  startWave: StartWavePayload;
  updateConfiguration: UpdateConfigurationPayload;
  /** Proves the email of an account with the token mailed to it at registration; then it can be used to sign in. Verifying twice succeeds. */
  verifyEmail: VerifyEmailPayload;
};


export type MutationAuthenticateUserArgs = {
  input: AuthenticateUserInput;
};


export type MutationCancelMatchRequestArgs = {
  input?: InputMaybe<CancelMatchRequestInput>;
};


export type MutationCreateGameSessionArgs = {
  input: CreateGameSessionInput;
};


export type MutationEndGameArgs = {
  input: EndGameInput;
};


export type MutationForgetUserArgs = {
  input: ForgetUserInput;
};


export type MutationGenerateReportArgs = {
  input: GenerateReportInput;
};


export type MutationJoinGameSessionArgs = {
  input: JoinGameSessionInput;
};


export type MutationLogoutUserArgs = {
  input?: InputMaybe<LogoutUserInput>;
};


export type MutationPerformMaintenanceArgs = {
  input: PerformMaintenanceInput;
};


export type MutationPlaceTowerArgs = {
  input: PlaceTowerInput;
};


export type MutationRefreshTokenArgs = {
  input: RefreshTokenInput;
};


export type MutationRegisterUserArgs = {
  input: RegisterUserInput;
};


export type MutationRequestMatchArgs = {
  input: RequestMatchInput;
};


export type MutationRetryDeadLettersArgs = {
  input: RetryDeadLettersInput;
};


export type MutationSkipDeadLettersArgs = {
  input: SkipDeadLettersInput;
};


export type MutationStartWaveArgs = {
  input: StartWaveInput;
};


export type MutationUpdateConfigurationArgs = {
  input: UpdateConfigurationInput;
};


export type MutationVerifyEmailArgs = {
  input: VerifyEmailInput;
};

export type NodeMetrics = {
  __typename?: 'NodeMetrics';
  nodeId: Scalars['String']['output'];
  summary: MetricsSummary;
};

/** The target does not exist (or is not visible to you). */
export type NotFoundError = Error & {
  __typename?: 'NotFoundError';
  message: Scalars['String']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type PerformMaintenanceInput = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** A projection name or an aggregate type, depending on the task. */
  target?: InputMaybe<Scalars['String']['input']>;
  task: MaintenanceTask;
};

export type PerformMaintenancePayload = ConflictError | DomainError | ForbiddenError | NotFoundError | PerformMaintenanceSuccess | RateLimitedError | UnauthenticatedError | UnavailableError | ValidationError;

export type PerformMaintenanceSuccess = {
  __typename?: 'PerformMaintenanceSuccess';
  /** What the task did (counts, archive paths, states). */
  result: Scalars['JSON']['output'];
  runId: Scalars['ID']['output'];
  target?: Maybe<Scalars['String']['output']>;
  task: MaintenanceTask;
};

export type PlaceTowerInput = {
  /** Decide against the current state and answer with the events the command would append (dryRunEvents) and the resulting game, appending, publishing and remembering nothing. Refused exactly as the real command would be. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  sessionId: Scalars['ID']['input'];
  towerType: TowerType;
  x: Scalars['Int']['input'];
  y: Scalars['Int']['input'];
};

export type PlaceTowerPayload = ConflictError | DomainError | ForbiddenError | NotFoundError | PlaceTowerSuccess | RateLimitedError | UnauthenticatedError | UnavailableError | ValidationError;

export type PlaceTowerSuccess = {
  __typename?: 'PlaceTowerSuccess';
  /** With dryRun: the events the command would have appended, in order (nothing was stored). Null for a real run. */
  dryRunEvents?: Maybe<Array<GameEvent>>;
  gameSession: GameSession;
  tower: Tower;
};

export type PlayerStats = {
  __typename?: 'PlayerStats';
  experience: Scalars['Int']['output'];
  gamesPlayed: Scalars['Int']['output'];
  highestWave: Scalars['Int']['output'];
  level: Scalars['Int']['output'];
  losses: Scalars['Int']['output'];
  totalScore: Scalars['Int']['output'];
  towersPlaced: Scalars['Int']['output'];
  userId: Scalars['ID']['output'];
  username: Scalars['String']['output'];
  wins: Scalars['Int']['output'];
};

export type ProjectionLag = {
  __typename?: 'ProjectionLag';
  /** Events in the logs not yet applied. */
  events: Scalars['Int']['output'];
  /** Age of the oldest unapplied event (0 when caught up). */
  ms: Scalars['Float']['output'];
};

export type ProjectionLagPoint = {
  __typename?: 'ProjectionLagPoint';
  lag: Scalars['Int']['output'];
  projection: Scalars['String']['output'];
};

export type ProjectionLagSummary = {
  __typename?: 'ProjectionLagSummary';
  /** Events behind, in the newest sample. */
  lastLag: Scalars['Int']['output'];
  /** Worst over the window. */
  maxLag: Scalars['Int']['output'];
  projection: Scalars['String']['output'];
};

export type ProjectionRebuild = {
  __typename?: 'ProjectionRebuild';
  generation: Scalars['Int']['output'];
  lag: ProjectionLag;
  version: Scalars['Int']['output'];
};

export type ProjectionState =
  | 'CATCHING_UP'
  | 'FAULTED'
  | 'REBUILDING'
  | 'RUNNING'
  | 'STOPPED';

export type ProjectionStatus = {
  __typename?: 'ProjectionStatus';
  /** Last applied position per partition, as "<partition>:<stream id>" joined by commas. */
  checkpoint: Scalars['String']['output'];
  /** Last applied position of each partition, in partition order ("0" = none). */
  checkpoints: Array<Scalars['String']['output']>;
  deadLetters: Scalars['Int']['output'];
  /** Failed attempts on this node since it started. */
  failedEvents: Scalars['Int']['output'];
  /** The read-model generation queries read. */
  generation: Scalars['Int']['output'];
  kind: HandlerKind;
  lag: ProjectionLag;
  lastError?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** Applied by this node since it started. */
  processedEvents: Scalars['Int']['output'];
  rebuild?: Maybe<ProjectionRebuild>;
  state: ProjectionState;
  version: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Sessions in the lobby or active, newest first (forward pagination: first/after). */
  activeGameSessions: GameSessionConnection;
  /** Admins: the events of one aggregate in version order, each with the state after it, rebuilt from its stream (snapshots where they help). Forward pagination (first/after). State-based aggregates keep no stream. */
  aggregateHistory: AggregateHistoryConnection;
  /** The commands and events of one correlation (e.g. a request and what process managers did about it), as a tree. Unknown id → NOT_FOUND. */
  causationTree?: Maybe<CausationNode>;
  /** Every runtime setting with its current value (the default until an operator changes it). */
  configuration: Array<ConfigurationEntry>;
  /** Accepted updates of one setting, newest first. */
  configurationHistory: QueryConfigurationHistoryConnection;
  /** Dead letters of every projection (or of one), newest first. */
  deadLetters: DeadLetterConnection;
  /** Maps and tower types for new games (public: a client draws its create form and tower palette from it). */
  gameCatalog: GameCatalog;
  /** The game as its last committed command left it (the inline projection: current right after a mutation). With atVersion or at, the game as it was then, rebuilt from its events (never from read models). */
  gameSession?: Maybe<GameSession>;
  gameStatistics?: Maybe<GameStatistics>;
  /** Players by total score, best first. */
  leaderboard: Array<PlayerStats>;
  /** Maintenance tasks performed, newest first. */
  maintenanceRuns: QueryMaintenanceRunsConnection;
  /** The authenticated user, or null without a valid access token. */
  me?: Maybe<User>;
  myMatchRequest?: Maybe<MatchRequest>;
  player?: Maybe<PlayerStats>;
  /** Every projection and durable event handler, with checkpoint, lag and counters. */
  projections: Array<ProjectionStatus>;
  report?: Maybe<Report>;
  /** Stored reports, newest first. */
  reports: QueryReportsConnection;
  /** The catalogue of runtime settings: descriptions, defaults and schemas. */
  settings: Array<Setting>;
  /** The SystemMetrics time series over a window (default: the last hour), per node and for the cluster. */
  systemMetrics?: Maybe<SystemMetrics>;
  user?: Maybe<User>;
};


export type QueryActiveGameSessionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAggregateHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  aggregateType: Scalars['String']['input'];
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCausationTreeArgs = {
  correlationId: Scalars['ID']['input'];
};


export type QueryConfigurationHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  key: Scalars['String']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDeadLettersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  projection?: InputMaybe<Scalars['String']['input']>;
};


export type QueryGameSessionArgs = {
  at?: InputMaybe<Scalars['DateTime']['input']>;
  atVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


export type QueryLeaderboardArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMaintenanceRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPlayerArgs = {
  userId: Scalars['ID']['input'];
};


export type QueryReportArgs = {
  id: Scalars['ID']['input'];
};


export type QueryReportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<ReportKind>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySystemMetricsArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  nodeId?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};

export type QueryConfigurationHistoryConnection = {
  __typename?: 'QueryConfigurationHistoryConnection';
  edges: Array<QueryConfigurationHistoryConnectionEdge>;
  pageInfo: PageInfo;
};

export type QueryConfigurationHistoryConnectionEdge = {
  __typename?: 'QueryConfigurationHistoryConnectionEdge';
  cursor: Scalars['String']['output'];
  node: ConfigurationChange;
};

export type QueryMaintenanceRunsConnection = {
  __typename?: 'QueryMaintenanceRunsConnection';
  edges: Array<QueryMaintenanceRunsConnectionEdge>;
  pageInfo: PageInfo;
};

export type QueryMaintenanceRunsConnectionEdge = {
  __typename?: 'QueryMaintenanceRunsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: MaintenanceRun;
};

export type QueryReportsConnection = {
  __typename?: 'QueryReportsConnection';
  edges: Array<QueryReportsConnectionEdge>;
  pageInfo: PageInfo;
};

export type QueryReportsConnectionEdge = {
  __typename?: 'QueryReportsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Report;
};

/** Too many attempts; retry after `retryAfterSeconds`. */
export type RateLimitedError = Error & {
  __typename?: 'RateLimitedError';
  message: Scalars['String']['output'];
  retryAfterSeconds: Scalars['Int']['output'];
};

export type RefreshTokenInput = {
  refreshToken: Scalars['String']['input'];
};

export type RefreshTokenPayload = ConflictError | DomainError | ForbiddenError | NotFoundError | RateLimitedError | RefreshTokenSuccess | UnauthenticatedError | UnavailableError | ValidationError;

export type RefreshTokenSuccess = {
  __typename?: 'RefreshTokenSuccess';
  accessToken: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
  refreshToken: Scalars['String']['output'];
};

export type RegisterUserInput = {
  email: Scalars['String']['input'];
  /** Retrying with the same key returns the first result. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** At least 8 characters. */
  password: Scalars['String']['input'];
  /** 3–32 characters of A–Z, a–z, 0–9, _ and -; unique ignoring case. */
  username: Scalars['String']['input'];
};

export type RegisterUserPayload = ConflictError | DomainError | ForbiddenError | NotFoundError | RateLimitedError | RegisterUserSuccess | UnauthenticatedError | UnavailableError | ValidationError;

export type RegisterUserSuccess = {
  __typename?: 'RegisterUserSuccess';
  user: User;
};

/** A stored report: what the numbers were when it was generated. */
export type Report = {
  __typename?: 'Report';
  content: Scalars['JSON']['output'];
  createdAt: Scalars['DateTime']['output'];
  from: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: ReportKind;
  requestedBy: Scalars['ID']['output'];
  /** Exclusive. */
  to: Scalars['DateTime']['output'];
};

export type ReportKind =
  | 'ACTIVE_USERS'
  | 'COMMAND_LATENCY'
  | 'GAMES'
  | 'TOWERS'
  | 'WIN_RATES';

export type RequestMatchInput = {
  difficulty: Difficulty;
  /** Retrying with the same key returns the first result instead of running the command again. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type RequestMatchPayload = ConflictError | DomainError | ForbiddenError | NotFoundError | RateLimitedError | RequestMatchSuccess | UnauthenticatedError | UnavailableError | ValidationError;

export type RequestMatchSuccess = {
  __typename?: 'RequestMatchSuccess';
  matchRequest: MatchRequest;
};

export type RetryDeadLettersInput = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** These letters; without ids, every letter of `projection` (of every projection when it is absent too). */
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  projection?: InputMaybe<Scalars['String']['input']>;
};

export type RetryDeadLettersPayload = ConflictError | DomainError | ForbiddenError | NotFoundError | RateLimitedError | RetryDeadLettersSuccess | UnauthenticatedError | UnavailableError | ValidationError;

/** Letters projected again onto the active read models, out of partition order. */
export type RetryDeadLettersSuccess = {
  __typename?: 'RetryDeadLettersSuccess';
  outcomes: Array<DeadLetterOutcome>;
  /** The maintenance run that records it (maintenanceRuns). */
  runId: Scalars['ID']['output'];
  /** Retried successfully, or skipped, over all projections. */
  total: Scalars['Int']['output'];
};

export type Role =
  | 'ADMIN'
  | 'PLAYER';

/** A login session: its refresh token rotates; logout or token theft ends it. */
export type Session = {
  __typename?: 'Session';
  createdAt: Scalars['DateTime']['output'];
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  status: SessionStatus;
  userId: Scalars['ID']['output'];
};

export type SessionStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'LOGGED_OUT'
  | 'REVOKED';

/** A runtime setting operators may change with updateConfiguration. */
export type Setting = {
  __typename?: 'Setting';
  category: Scalars['String']['output'];
  /** From configs/ (or the built-in fallback). */
  defaultValue: Scalars['JSON']['output'];
  description: Scalars['String']['output'];
  key: Scalars['String']['output'];
  /** JSON Schema of the value. */
  schema: Scalars['JSON']['output'];
};

export type SkipDeadLettersInput = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  ids: Array<Scalars['ID']['input']>;
};

export type SkipDeadLettersPayload = ConflictError | DomainError | ForbiddenError | NotFoundError | RateLimitedError | SkipDeadLettersSuccess | UnauthenticatedError | UnavailableError | ValidationError;

/** Letters dropped for good. */
export type SkipDeadLettersSuccess = {
  __typename?: 'SkipDeadLettersSuccess';
  outcomes: Array<DeadLetterOutcome>;
  /** The maintenance run that records it (maintenanceRuns). */
  runId: Scalars['ID']['output'];
  /** Retried successfully, or skipped, over all projections. */
  total: Scalars['Int']['output'];
};

export type StartWaveInput = {
  /** Decide against the current state and answer with the events the command would append (dryRunEvents) and the resulting game, appending, publishing and remembering nothing. Refused exactly as the real command would be. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** Retrying with the same key returns the first result instead of running the command again. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  sessionId: Scalars['ID']['input'];
};

export type StartWavePayload = ConflictError | DomainError | ForbiddenError | NotFoundError | RateLimitedError | StartWaveSuccess | UnauthenticatedError | UnavailableError | ValidationError;

export type StartWaveSuccess = {
  __typename?: 'StartWaveSuccess';
  /** With dryRun: the events the command would have appended, in order (nothing was stored). Null for a real run. */
  dryRunEvents?: Maybe<Array<GameEvent>>;
  gameSession: GameSession;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** A session was created or changed (including when it ends and leaves the active list). */
  activeGameSessionsChanged: GameSession;
  /** Each dead letter written after the subscription started (again after a retry that failed), oldest first. */
  deadLetterAdded: DeadLetter;
  /** Every event committed on any node, live (admins only). */
  events: DomainEvent;
  /** Every event of a session, in order. Pass the last version you saw to first receive what you missed. Any signed-in user may follow a game (players and spectators); anonymous clients see the lobby and game views but cannot open event streams. */
  gameSessionEvents: GameEvent;
  /** Events caused by the caller's own commands, live. */
  myEvents: DomainEvent;
  /** The projection statuses, sent at once and again whenever a state, checkpoint or counter changes. */
  projectionStatuses: Array<ProjectionStatus>;
  /** A finished game, event by event, at its original pace divided by `speed` (0.1–100, default 1; pauses capped by replay.maxGapMs). Ends after the last event. Members and admins only; a few replays at a time per user, counted across every API node (replay.maxConcurrentPerUser). */
  replayGame: GameEvent;
};


export type SubscriptionDeadLetterAddedArgs = {
  intervalMs?: InputMaybe<Scalars['Int']['input']>;
};


export type SubscriptionEventsArgs = {
  filter?: InputMaybe<EventFilter>;
};


export type SubscriptionGameSessionEventsArgs = {
  afterVersion?: InputMaybe<Scalars['Int']['input']>;
  sessionId: Scalars['ID']['input'];
};


export type SubscriptionProjectionStatusesArgs = {
  intervalMs?: InputMaybe<Scalars['Int']['input']>;
};


export type SubscriptionReplayGameArgs = {
  id: Scalars['ID']['input'];
  speed?: InputMaybe<Scalars['Float']['input']>;
};

/** The cluster over a window: rates add up across nodes, percentiles are count-weighted. */
export type SystemMetrics = {
  __typename?: 'SystemMetrics';
  commands: Array<CommandMetrics>;
  commandsPerSecond: Scalars['Float']['output'];
  coveredSeconds: Scalars['Float']['output'];
  eventBus: EventBusMetrics;
  failureRate: Scalars['Float']['output'];
  from: Scalars['DateTime']['output'];
  nodes: Array<NodeMetrics>;
  projections: Array<ProjectionLagSummary>;
  samples: Scalars['Int']['output'];
  /** The samples, oldest first. */
  series: Array<MetricsSample>;
  to: Scalars['DateTime']['output'];
  /** True when the window held more samples than one query reads. */
  truncated: Scalars['Boolean']['output'];
};

export type Tower = {
  __typename?: 'Tower';
  id: Scalars['ID']['output'];
  ownerId: Scalars['ID']['output'];
  towerType: TowerType;
  x: Scalars['Int']['output'];
  y: Scalars['Int']['output'];
};

export type TowerSpecialKind =
  | 'NONE'
  | 'SLOW'
  | 'SPLASH';

export type TowerType =
  | 'ARROW'
  | 'CANNON'
  | 'FROST'
  | 'SNIPER';

export type TowerTypeCount = {
  __typename?: 'TowerTypeCount';
  count: Scalars['Int']['output'];
  towerType: Scalars['String']['output'];
};

/** What a tower type costs and does, as new games get it. */
export type TowerTypeSpec = {
  __typename?: 'TowerTypeSpec';
  cost: Scalars['Int']['output'];
  damage: Scalars['Int']['output'];
  /** Shots per 10 ticks. */
  fireRate: Scalars['Int']['output'];
  /** Euclidean radius in cells. */
  range: Scalars['Int']['output'];
  special: TowerSpecialKind;
  towerType: TowerType;
};

/** No valid access token was sent. */
export type UnauthenticatedError = Error & {
  __typename?: 'UnauthenticatedError';
  message: Scalars['String']['output'];
};

/** Storage cannot serve the command now (unreachable, out of memory, failing over) or did not confirm its durability in time. Retry after `retryAfterMs` with the same idempotency key: a command that was applied is answered, not run twice. `code`: STORAGE_UNREACHABLE, STORAGE_FULL, CLUSTER_RECONFIGURING or DURABILITY_TIMEOUT. */
export type UnavailableError = Error & {
  __typename?: 'UnavailableError';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  retryAfterMs?: Maybe<Scalars['Int']['output']>;
};

export type UpdateConfigurationInput = {
  /** The version you saw (0 = never changed); a stale one is a ConflictError. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** A setting key from `settings`, e.g. game.startingGold. */
  key: Scalars['String']['input'];
  /** Kept in the audit trail. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Must satisfy the setting's schema. */
  value: Scalars['JSON']['input'];
};

export type UpdateConfigurationPayload = ConflictError | DomainError | ForbiddenError | NotFoundError | RateLimitedError | UnauthenticatedError | UnavailableError | UpdateConfigurationSuccess | ValidationError;

export type UpdateConfigurationSuccess = {
  __typename?: 'UpdateConfigurationSuccess';
  configuration: ConfigurationEntry;
};

/** A player or operator account. */
export type User = {
  __typename?: 'User';
  createdAt: Scalars['DateTime']['output'];
  /** Visible to the user and to admins only (null for everyone else, and once the user is forgotten). */
  email?: Maybe<Scalars['String']['output']>;
  /** Whether the email is proven (verifyEmail); until then it cannot be used to sign in. The user and admins only. */
  emailVerified?: Maybe<Scalars['Boolean']['output']>;
  id: Scalars['ID']['output'];
  /** Visible to the user and to admins only (null for everyone else). */
  lastLoginAt?: Maybe<Scalars['DateTime']['output']>;
  /** Visible to the user and to admins only (null for everyone else: who is an admin is not public). */
  roles?: Maybe<Array<Role>>;
  /** Visible to the user and to admins only (null for everyone else). */
  status?: Maybe<UserStatus>;
  username: Scalars['String']['output'];
};

export type UserStatus =
  | 'ACTIVE'
  | 'FORGOTTEN'
  | 'LOCKED';

/** The input was malformed; `fieldErrors` says what is wrong with which field. */
export type ValidationError = Error & {
  __typename?: 'ValidationError';
  fieldErrors: Array<FieldError>;
  message: Scalars['String']['output'];
};

export type VerifyEmailInput = {
  /** The token from the verification mail. */
  token: Scalars['String']['input'];
};

export type VerifyEmailPayload = ConflictError | DomainError | ForbiddenError | NotFoundError | RateLimitedError | UnauthenticatedError | UnavailableError | ValidationError | VerifyEmailSuccess;

export type VerifyEmailSuccess = {
  __typename?: 'VerifyEmailSuccess';
  user: User;
};

export type WaveReport = {
  __typename?: 'WaveReport';
  enemies: Scalars['Int']['output'];
  goldEarned: Scalars['Int']['output'];
  kills: Scalars['Int']['output'];
  leaked: Scalars['Int']['output'];
  scoreGained: Scalars['Int']['output'];
  wave: Scalars['Int']['output'];
};

export type ViewerFragment = { __typename?: 'User', id: string, username: string, email?: string | null, roles?: Array<Role> | null };

export type WebRegisterMutationVariables = Exact<{
  input: RegisterUserInput;
}>;


export type WebRegisterMutation = { __typename?: 'Mutation', registerUser:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string, retryAfterSeconds: number }
    | { __typename: 'RegisterUserSuccess', user: { __typename?: 'User', id: string, username: string } }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type WebLoginMutationVariables = Exact<{
  input: AuthenticateUserInput;
}>;


export type WebLoginMutation = { __typename?: 'Mutation', authenticateUser:
    | { __typename: 'AuthenticateUserSuccess', accessToken: string, refreshToken: string, expiresAt: string, session: { __typename?: 'Session', id: string }, user: { __typename?: 'User', id: string, username: string, email?: string | null, roles?: Array<Role> | null } }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string, retryAfterSeconds: number }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type WebRefreshMutationVariables = Exact<{
  input: RefreshTokenInput;
}>;


export type WebRefreshMutation = { __typename?: 'Mutation', refreshToken:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'RefreshTokenSuccess', accessToken: string, refreshToken: string, expiresAt: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type WebLogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type WebLogoutMutation = { __typename?: 'Mutation', logoutUser:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'LogoutUserSuccess' }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type WebMeQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMeQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: string, username: string, email?: string | null, roles?: Array<Role> | null } | null };

export type BoardFragment = { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, hostId: string, currentWave: number, totalWaves: number, lives: number, score: number, version: number, result?: GameResult | null, map: { __typename?: 'GameMap', id: string, name: string, width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> }, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number, towersPlaced: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, lastWave?: { __typename?: 'WaveReport', wave: number, enemies: number, kills: number, leaked: number, goldEarned: number, scoreGained: number } | null };

export type WebGameQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WebGameQuery = { __typename?: 'Query', gameSession?: { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, hostId: string, currentWave: number, totalWaves: number, lives: number, score: number, version: number, result?: GameResult | null, map: { __typename?: 'GameMap', id: string, name: string, width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> }, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number, towersPlaced: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, lastWave?: { __typename?: 'WaveReport', wave: number, enemies: number, kills: number, leaked: number, goldEarned: number, scoreGained: number } | null } | null, gameCatalog: { __typename?: 'GameCatalog', towerTypes: Array<{ __typename?: 'TowerTypeSpec', towerType: TowerType, cost: number, range: number, damage: number, fireRate: number, special: TowerSpecialKind }> } };

export type WebGameEventsSubscriptionVariables = Exact<{
  sessionId: Scalars['ID']['input'];
  afterVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type WebGameEventsSubscription = { __typename?: 'Subscription', gameSessionEvents: { __typename?: 'GameEvent', eventId: string, eventType: string, version: number, occurredAt: string, data: unknown } };

export type WebPlaceTowerMutationVariables = Exact<{
  input: PlaceTowerInput;
}>;


export type WebPlaceTowerMutation = { __typename?: 'Mutation', placeTower:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', code: string, message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'PlaceTowerSuccess', tower: { __typename?: 'Tower', id: string }, gameSession: { __typename?: 'GameSession', version: number } }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type WebStartWaveMutationVariables = Exact<{
  input: StartWaveInput;
}>;


export type WebStartWaveMutation = { __typename?: 'Mutation', startWave:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', code: string, message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'StartWaveSuccess', gameSession: { __typename?: 'GameSession', version: number } }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type WebEndGameMutationVariables = Exact<{
  input: EndGameInput;
}>;


export type WebEndGameMutation = { __typename?: 'Mutation', endGame:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', code: string, message: string }
    | { __typename: 'EndGameSuccess', gameSession: { __typename?: 'GameSession', version: number } }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type GameSummaryFragment = { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, currentWave: number, totalWaves: number, createdAt: string, map: { __typename?: 'GameMap', name: string }, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string }> };

export type WebLobbyQueryVariables = Exact<{ [key: string]: never; }>;


export type WebLobbyQuery = { __typename?: 'Query', activeGameSessions: { __typename?: 'GameSessionConnection', edges: Array<{ __typename?: 'GameSessionEdge', node: { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, currentWave: number, totalWaves: number, createdAt: string, map: { __typename?: 'GameMap', name: string }, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string }> } }> } };

export type WebCatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type WebCatalogQuery = { __typename?: 'Query', gameCatalog: { __typename?: 'GameCatalog', startingGold: number, waves: number, maps: Array<{ __typename?: 'GameMap', id: string, name: string, width: number, height: number }> } };

export type WebActiveGamesChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WebActiveGamesChangedSubscription = { __typename?: 'Subscription', activeGameSessionsChanged: { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, currentWave: number, totalWaves: number, createdAt: string, map: { __typename?: 'GameMap', name: string }, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string }> } };

export type WebMyMatchRequestQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMyMatchRequestQuery = { __typename?: 'Query', myMatchRequest?: { __typename?: 'MatchRequest', status: MatchRequestStatus, difficulty: Difficulty, matchId?: string | null, gameSession?: { __typename?: 'GameSession', id: string } | null } | null };

export type WebCreateGameMutationVariables = Exact<{
  input: CreateGameSessionInput;
}>;


export type WebCreateGameMutation = { __typename?: 'Mutation', createGameSession:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'CreateGameSessionSuccess', gameSession: { __typename?: 'GameSession', id: string } }
    | { __typename: 'DomainError', code: string, message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type WebJoinGameMutationVariables = Exact<{
  input: JoinGameSessionInput;
}>;


export type WebJoinGameMutation = { __typename?: 'Mutation', joinGameSession:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', code: string, message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'JoinGameSessionSuccess', gameSession: { __typename?: 'GameSession', id: string } }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type WebRequestMatchMutationVariables = Exact<{
  input: RequestMatchInput;
}>;


export type WebRequestMatchMutation = { __typename?: 'Mutation', requestMatch:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', code: string, message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'RequestMatchSuccess', matchRequest: { __typename?: 'MatchRequest', status: MatchRequestStatus, difficulty: Difficulty, matchId?: string | null, gameSession?: { __typename?: 'GameSession', id: string } | null } }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type WebCancelMatchMutationVariables = Exact<{ [key: string]: never; }>;


export type WebCancelMatchMutation = { __typename?: 'Mutation', cancelMatchRequest:
    | { __typename: 'CancelMatchRequestSuccess', matchRequest: { __typename?: 'MatchRequest', status: MatchRequestStatus, difficulty: Difficulty, matchId?: string | null, gameSession?: { __typename?: 'GameSession', id: string } | null } }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', code: string, message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type WebProjectionStatusesSubscriptionVariables = Exact<{
  intervalMs?: InputMaybe<Scalars['Int']['input']>;
}>;


export type WebProjectionStatusesSubscription = { __typename?: 'Subscription', projectionStatuses: Array<{ __typename?: 'ProjectionStatus', name: string, kind: HandlerKind, state: ProjectionState, processedEvents: number, failedEvents: number, deadLetters: number, lastError?: string | null, lag: { __typename?: 'ProjectionLag', events: number, ms: number } }> };

export type WebSystemMetricsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebSystemMetricsQuery = { __typename?: 'Query', systemMetrics?: { __typename?: 'SystemMetrics', commandsPerSecond: number, failureRate: number, samples: number, commands: Array<{ __typename?: 'CommandMetrics', commandType: string, count: number, commandsPerSecond: number, p50: number, p95: number, p99: number, failures: number }>, series: Array<{ __typename?: 'MetricsSample', at: string, windowSeconds: number, commands: Array<{ __typename?: 'CommandSample', commandType: string, count: number, p50: number, p95: number, p99: number, failures: number }> }> } | null };

export type WebConfigurationQueryVariables = Exact<{ [key: string]: never; }>;


export type WebConfigurationQuery = { __typename?: 'Query', configuration: Array<{ __typename?: 'ConfigurationEntry', key: string, value: unknown, version: number, category?: string | null, description?: string | null, isDefault: boolean, defaultValue?: unknown | null, updatedAt?: string | null, reason?: string | null }> };

export type WebConfigurationHistoryQueryVariables = Exact<{
  key: Scalars['String']['input'];
}>;


export type WebConfigurationHistoryQuery = { __typename?: 'Query', configurationHistory: { __typename?: 'QueryConfigurationHistoryConnection', edges: Array<{ __typename?: 'QueryConfigurationHistoryConnectionEdge', node: { __typename?: 'ConfigurationChange', version: number, value: unknown, previousValue?: unknown | null, at: string, updatedBy: string, reason?: string | null } }> } };

export type WebUpdateConfigurationMutationVariables = Exact<{
  input: UpdateConfigurationInput;
}>;


export type WebUpdateConfigurationMutation = { __typename?: 'Mutation', updateConfiguration:
    | { __typename: 'ConflictError', message: string, expectedVersion?: number | null, actualVersion?: number | null }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'UpdateConfigurationSuccess', configuration: { __typename?: 'ConfigurationEntry', key: string, value: unknown, version: number } }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type WebReportsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebReportsQuery = { __typename?: 'Query', reports: { __typename?: 'QueryReportsConnection', edges: Array<{ __typename?: 'QueryReportsConnectionEdge', node: { __typename?: 'Report', id: string, kind: ReportKind, createdAt: string, from: string, to: string, content: unknown } }> } };

export type WebGenerateReportMutationVariables = Exact<{
  input: GenerateReportInput;
}>;


export type WebGenerateReportMutation = { __typename?: 'Mutation', generateReport:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'GenerateReportSuccess', report: { __typename?: 'Report', id: string, kind: ReportKind, createdAt: string, from: string, to: string, content: unknown } }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type WebMaintenanceRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMaintenanceRunsQuery = { __typename?: 'Query', maintenanceRuns: { __typename?: 'QueryMaintenanceRunsConnection', edges: Array<{ __typename?: 'QueryMaintenanceRunsConnectionEdge', node: { __typename?: 'MaintenanceRun', id: string, task: MaintenanceTask, target?: string | null, at: string, result: unknown } }> } };

export type WebPerformMaintenanceMutationVariables = Exact<{
  input: PerformMaintenanceInput;
}>;


export type WebPerformMaintenanceMutation = { __typename?: 'Mutation', performMaintenance:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', code: string, message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'PerformMaintenanceSuccess', runId: string, task: MaintenanceTask, target?: string | null, result: unknown }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type StatsFragment = { __typename?: 'PlayerStats', userId: string, username: string, level: number, experience: number, gamesPlayed: number, wins: number, losses: number, highestWave: number, towersPlaced: number, totalScore: number };

export type WebStatsQueryVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type WebStatsQuery = { __typename?: 'Query', player?: { __typename?: 'PlayerStats', userId: string, username: string, level: number, experience: number, gamesPlayed: number, wins: number, losses: number, highestWave: number, towersPlaced: number, totalScore: number } | null, leaderboard: Array<{ __typename?: 'PlayerStats', userId: string, username: string, level: number, experience: number, gamesPlayed: number, wins: number, losses: number, highestWave: number, towersPlaced: number, totalScore: number }> };

export const ViewerFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Viewer"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]} as unknown as DocumentNode<ViewerFragment, unknown>;
export const BoardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Board"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GameSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"difficulty"}},{"kind":"Field","name":{"kind":"Name","value":"maxPlayers"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"currentWave"}},{"kind":"Field","name":{"kind":"Name","value":"totalWaves"}},{"kind":"Field","name":{"kind":"Name","value":"lives"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"map"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"path"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"players"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"gold"}},{"kind":"Field","name":{"kind":"Name","value":"towersPlaced"}}]}},{"kind":"Field","name":{"kind":"Name","value":"towers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"towerType"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"ownerId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastWave"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wave"}},{"kind":"Field","name":{"kind":"Name","value":"enemies"}},{"kind":"Field","name":{"kind":"Name","value":"kills"}},{"kind":"Field","name":{"kind":"Name","value":"leaked"}},{"kind":"Field","name":{"kind":"Name","value":"goldEarned"}},{"kind":"Field","name":{"kind":"Name","value":"scoreGained"}}]}}]}}]} as unknown as DocumentNode<BoardFragment, unknown>;
export const GameSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GameSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GameSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"difficulty"}},{"kind":"Field","name":{"kind":"Name","value":"maxPlayers"}},{"kind":"Field","name":{"kind":"Name","value":"currentWave"}},{"kind":"Field","name":{"kind":"Name","value":"totalWaves"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"map"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"players"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]} as unknown as DocumentNode<GameSummaryFragment, unknown>;
export const StatsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Stats"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PlayerStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"experience"}},{"kind":"Field","name":{"kind":"Name","value":"gamesPlayed"}},{"kind":"Field","name":{"kind":"Name","value":"wins"}},{"kind":"Field","name":{"kind":"Name","value":"losses"}},{"kind":"Field","name":{"kind":"Name","value":"highestWave"}},{"kind":"Field","name":{"kind":"Name","value":"towersPlaced"}},{"kind":"Field","name":{"kind":"Name","value":"totalScore"}}]}}]} as unknown as DocumentNode<StatsFragment, unknown>;
export const WebRegisterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebRegister"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterUserSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebRegisterMutation, WebRegisterMutationVariables>;
export const WebLoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AuthenticateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authenticateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthenticateUserSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Viewer"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Viewer"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]} as unknown as DocumentNode<WebLoginMutation, WebLoginMutationVariables>;
export const WebRefreshDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebRefresh"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RefreshTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RefreshTokenSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebRefreshMutation, WebRefreshMutationVariables>;
export const WebLogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebLogout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logoutUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebLogoutMutation, WebLogoutMutationVariables>;
export const WebMeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Viewer"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Viewer"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]} as unknown as DocumentNode<WebMeQuery, WebMeQueryVariables>;
export const WebGameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebGame"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gameSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Board"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gameCatalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"towerTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"towerType"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"range"}},{"kind":"Field","name":{"kind":"Name","value":"damage"}},{"kind":"Field","name":{"kind":"Name","value":"fireRate"}},{"kind":"Field","name":{"kind":"Name","value":"special"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Board"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GameSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"difficulty"}},{"kind":"Field","name":{"kind":"Name","value":"maxPlayers"}},{"kind":"Field","name":{"kind":"Name","value":"hostId"}},{"kind":"Field","name":{"kind":"Name","value":"currentWave"}},{"kind":"Field","name":{"kind":"Name","value":"totalWaves"}},{"kind":"Field","name":{"kind":"Name","value":"lives"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"map"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"path"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"players"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"gold"}},{"kind":"Field","name":{"kind":"Name","value":"towersPlaced"}}]}},{"kind":"Field","name":{"kind":"Name","value":"towers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"towerType"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"ownerId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastWave"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wave"}},{"kind":"Field","name":{"kind":"Name","value":"enemies"}},{"kind":"Field","name":{"kind":"Name","value":"kills"}},{"kind":"Field","name":{"kind":"Name","value":"leaked"}},{"kind":"Field","name":{"kind":"Name","value":"goldEarned"}},{"kind":"Field","name":{"kind":"Name","value":"scoreGained"}}]}}]}}]} as unknown as DocumentNode<WebGameQuery, WebGameQueryVariables>;
export const WebGameEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebGameEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gameSessionEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]} as unknown as DocumentNode<WebGameEventsSubscription, WebGameEventsSubscriptionVariables>;
export const WebPlaceTowerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebPlaceTower"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlaceTowerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placeTower"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PlaceTowerSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tower"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gameSession"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DomainError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebPlaceTowerMutation, WebPlaceTowerMutationVariables>;
export const WebStartWaveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebStartWave"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartWaveInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startWave"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StartWaveSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gameSession"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DomainError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebStartWaveMutation, WebStartWaveMutationVariables>;
export const WebEndGameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebEndGame"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndGameInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endGame"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EndGameSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gameSession"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DomainError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebEndGameMutation, WebEndGameMutationVariables>;
export const WebLobbyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebLobby"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activeGameSessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GameSummary"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GameSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GameSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"difficulty"}},{"kind":"Field","name":{"kind":"Name","value":"maxPlayers"}},{"kind":"Field","name":{"kind":"Name","value":"currentWave"}},{"kind":"Field","name":{"kind":"Name","value":"totalWaves"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"map"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"players"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]} as unknown as DocumentNode<WebLobbyQuery, WebLobbyQueryVariables>;
export const WebCatalogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebCatalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gameCatalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startingGold"}},{"kind":"Field","name":{"kind":"Name","value":"waves"}},{"kind":"Field","name":{"kind":"Name","value":"maps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}}]}}]}}]} as unknown as DocumentNode<WebCatalogQuery, WebCatalogQueryVariables>;
export const WebActiveGamesChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebActiveGamesChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activeGameSessionsChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GameSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GameSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GameSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"difficulty"}},{"kind":"Field","name":{"kind":"Name","value":"maxPlayers"}},{"kind":"Field","name":{"kind":"Name","value":"currentWave"}},{"kind":"Field","name":{"kind":"Name","value":"totalWaves"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"map"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"players"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]} as unknown as DocumentNode<WebActiveGamesChangedSubscription, WebActiveGamesChangedSubscriptionVariables>;
export const WebMyMatchRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMyMatchRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myMatchRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"difficulty"}},{"kind":"Field","name":{"kind":"Name","value":"matchId"}},{"kind":"Field","name":{"kind":"Name","value":"gameSession"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<WebMyMatchRequestQuery, WebMyMatchRequestQueryVariables>;
export const WebCreateGameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebCreateGame"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateGameSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createGameSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateGameSessionSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gameSession"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DomainError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebCreateGameMutation, WebCreateGameMutationVariables>;
export const WebJoinGameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebJoinGame"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JoinGameSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"joinGameSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"JoinGameSessionSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gameSession"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DomainError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebJoinGameMutation, WebJoinGameMutationVariables>;
export const WebRequestMatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebRequestMatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestMatchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestMatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestMatchSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"difficulty"}},{"kind":"Field","name":{"kind":"Name","value":"matchId"}},{"kind":"Field","name":{"kind":"Name","value":"gameSession"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DomainError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebRequestMatchMutation, WebRequestMatchMutationVariables>;
export const WebCancelMatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebCancelMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelMatchRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CancelMatchRequestSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"difficulty"}},{"kind":"Field","name":{"kind":"Name","value":"matchId"}},{"kind":"Field","name":{"kind":"Name","value":"gameSession"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DomainError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebCancelMatchMutation, WebCancelMatchMutationVariables>;
export const WebProjectionStatusesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebProjectionStatuses"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"intervalMs"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projectionStatuses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"intervalMs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"intervalMs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lag"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"ms"}}]}},{"kind":"Field","name":{"kind":"Name","value":"processedEvents"}},{"kind":"Field","name":{"kind":"Name","value":"failedEvents"}},{"kind":"Field","name":{"kind":"Name","value":"deadLetters"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]}}]} as unknown as DocumentNode<WebProjectionStatusesSubscription, WebProjectionStatusesSubscriptionVariables>;
export const WebSystemMetricsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSystemMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"systemMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"failureRate"}},{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"commands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"commandsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"p50"}},{"kind":"Field","name":{"kind":"Name","value":"p95"}},{"kind":"Field","name":{"kind":"Name","value":"p99"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}}]}},{"kind":"Field","name":{"kind":"Name","value":"series"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"windowSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"commands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"p50"}},{"kind":"Field","name":{"kind":"Name","value":"p95"}},{"kind":"Field","name":{"kind":"Name","value":"p99"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebSystemMetricsQuery, WebSystemMetricsQueryVariables>;
export const WebConfigurationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebConfiguration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configuration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"defaultValue"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<WebConfigurationQuery, WebConfigurationQueryVariables>;
export const WebConfigurationHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebConfigurationHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configurationHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"previousValue"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"updatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebConfigurationHistoryQuery, WebConfigurationHistoryQueryVariables>;
export const WebUpdateConfigurationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebUpdateConfiguration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateConfigurationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateConfiguration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateConfigurationSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configuration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expectedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"actualVersion"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebUpdateConfigurationMutation, WebUpdateConfigurationMutationVariables>;
export const WebReportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebReports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebReportsQuery, WebReportsQueryVariables>;
export const WebGenerateReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebGenerateReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GenerateReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generateReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GenerateReportSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebGenerateReportMutation, WebGenerateReportMutationVariables>;
export const WebMaintenanceRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMaintenanceRuns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maintenanceRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebMaintenanceRunsQuery, WebMaintenanceRunsQueryVariables>;
export const WebPerformMaintenanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebPerformMaintenance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PerformMaintenanceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"performMaintenance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PerformMaintenanceSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"result"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DomainError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebPerformMaintenanceMutation, WebPerformMaintenanceMutationVariables>;
export const WebStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"player"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Stats"}}]}},{"kind":"Field","name":{"kind":"Name","value":"leaderboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Stats"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Stats"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PlayerStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"experience"}},{"kind":"Field","name":{"kind":"Name","value":"gamesPlayed"}},{"kind":"Field","name":{"kind":"Name","value":"wins"}},{"kind":"Field","name":{"kind":"Name","value":"losses"}},{"kind":"Field","name":{"kind":"Name","value":"highestWave"}},{"kind":"Field","name":{"kind":"Name","value":"towersPlaced"}},{"kind":"Field","name":{"kind":"Name","value":"totalScore"}}]}}]} as unknown as DocumentNode<WebStatsQuery, WebStatsQueryVariables>;