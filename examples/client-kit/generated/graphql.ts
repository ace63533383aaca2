/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export type KitRegisterMutationVariables = Exact<{
  input: RegisterUserInput;
}>;


export type KitRegisterMutation = { __typename?: 'Mutation', registerUser:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'RegisterUserSuccess', user: { __typename?: 'User', id: string, username: string } }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type KitLoginMutationVariables = Exact<{
  input: AuthenticateUserInput;
}>;


export type KitLoginMutation = { __typename?: 'Mutation', authenticateUser:
    | { __typename: 'AuthenticateUserSuccess', accessToken: string, refreshToken: string, expiresAt: string, user: { __typename?: 'User', id: string, username: string } }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string, retryAfterSeconds: number }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type KitRefreshMutationVariables = Exact<{
  input: RefreshTokenInput;
}>;


export type KitRefreshMutation = { __typename?: 'Mutation', refreshToken:
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

export type KitMeQueryVariables = Exact<{ [key: string]: never; }>;


export type KitMeQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: string, username: string } | null };

export type KitGameFragment = { __typename?: 'GameSession', id: string, status: GameStatus, version: number, currentWave: number, totalWaves: number, lives: number, score: number, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> } };

export type KitCreateGameMutationVariables = Exact<{
  input: CreateGameSessionInput;
}>;


export type KitCreateGameMutation = { __typename?: 'Mutation', createGameSession:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'CreateGameSessionSuccess', gameSession: { __typename?: 'GameSession', id: string, status: GameStatus, version: number, currentWave: number, totalWaves: number, lives: number, score: number, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> } } }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type KitJoinGameMutationVariables = Exact<{
  input: JoinGameSessionInput;
}>;


export type KitJoinGameMutation = { __typename?: 'Mutation', joinGameSession:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', code: string, message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'JoinGameSessionSuccess', gameSession: { __typename?: 'GameSession', id: string, status: GameStatus, version: number, currentWave: number, totalWaves: number, lives: number, score: number, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> } } }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type KitPlaceTowerMutationVariables = Exact<{
  input: PlaceTowerInput;
}>;


export type KitPlaceTowerMutation = { __typename?: 'Mutation', placeTower:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', code: string, message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'PlaceTowerSuccess', tower: { __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number }, gameSession: { __typename?: 'GameSession', id: string, status: GameStatus, version: number, currentWave: number, totalWaves: number, lives: number, score: number, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> } } }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type KitStartWaveMutationVariables = Exact<{
  input: StartWaveInput;
}>;


export type KitStartWaveMutation = { __typename?: 'Mutation', startWave:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', code: string, message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'StartWaveSuccess', gameSession: { __typename?: 'GameSession', id: string, status: GameStatus, version: number, currentWave: number, totalWaves: number, lives: number, score: number, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> } } }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type KitGameSessionQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type KitGameSessionQuery = { __typename?: 'Query', gameSession?: { __typename?: 'GameSession', id: string, status: GameStatus, version: number, currentWave: number, totalWaves: number, lives: number, score: number, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> } } | null };

export type KitGameEventsSubscriptionVariables = Exact<{
  sessionId: Scalars['ID']['input'];
  afterVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type KitGameEventsSubscription = { __typename?: 'Subscription', gameSessionEvents: { __typename?: 'GameEvent', eventId: string, eventType: string, version: number, occurredAt: string, data: unknown } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const KitGameFragmentDoc = new TypedDocumentString(`
    fragment KitGame on GameSession {
  id
  status
  version
  currentWave
  totalWaves
  lives
  score
  result
  players {
    userId
    username
    gold
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  map {
    width
    height
    path {
      x
      y
    }
  }
}
    `, {"fragmentName":"KitGame"}) as unknown as TypedDocumentString<KitGameFragment, unknown>;
export const KitRegisterDocument = new TypedDocumentString(`
    mutation KitRegister($input: RegisterUserInput!) {
  registerUser(input: $input) {
    __typename
    ... on RegisterUserSuccess {
      user {
        id
        username
      }
    }
    ... on ValidationError {
      message
      fieldErrors {
        field
        message
      }
    }
    ... on Error {
      message
    }
  }
}
    `, {"hash":"fa8b58ca79c77fc58619eab6213241f11666b783435ba229ef6382b6dba31d8e"}) as unknown as TypedDocumentString<KitRegisterMutation, KitRegisterMutationVariables>;
export const KitLoginDocument = new TypedDocumentString(`
    mutation KitLogin($input: AuthenticateUserInput!) {
  authenticateUser(input: $input) {
    __typename
    ... on AuthenticateUserSuccess {
      accessToken
      refreshToken
      expiresAt
      user {
        id
        username
      }
    }
    ... on RateLimitedError {
      message
      retryAfterSeconds
    }
    ... on Error {
      message
    }
  }
}
    `, {"hash":"35a0b224a98c93227707c963a7aa27ed62859dd12b2ee45982ec183343641bc8"}) as unknown as TypedDocumentString<KitLoginMutation, KitLoginMutationVariables>;
export const KitRefreshDocument = new TypedDocumentString(`
    mutation KitRefresh($input: RefreshTokenInput!) {
  refreshToken(input: $input) {
    __typename
    ... on RefreshTokenSuccess {
      accessToken
      refreshToken
      expiresAt
    }
    ... on Error {
      message
    }
  }
}
    `, {"hash":"ebf8d658e842f0c179cb195cef1b110f3642c3e6c5cadd15aa69dfb7f7d9f527"}) as unknown as TypedDocumentString<KitRefreshMutation, KitRefreshMutationVariables>;
export const KitMeDocument = new TypedDocumentString(`
    query KitMe {
  me {
    id
    username
  }
}
    `, {"hash":"ee650edf79a9984e83bc1a80117e142164ef33d5491c0ac3e1cc5a346e745678"}) as unknown as TypedDocumentString<KitMeQuery, KitMeQueryVariables>;
export const KitCreateGameDocument = new TypedDocumentString(`
    mutation KitCreateGame($input: CreateGameSessionInput!) {
  createGameSession(input: $input) {
    __typename
    ... on CreateGameSessionSuccess {
      gameSession {
        ...KitGame
      }
    }
    ... on Error {
      message
    }
  }
}
    fragment KitGame on GameSession {
  id
  status
  version
  currentWave
  totalWaves
  lives
  score
  result
  players {
    userId
    username
    gold
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  map {
    width
    height
    path {
      x
      y
    }
  }
}`, {"hash":"a39ecb8c6e2c889157a44b70e6195f06be1bcf887bcee39c544d0212719ee9ed"}) as unknown as TypedDocumentString<KitCreateGameMutation, KitCreateGameMutationVariables>;
export const KitJoinGameDocument = new TypedDocumentString(`
    mutation KitJoinGame($input: JoinGameSessionInput!) {
  joinGameSession(input: $input) {
    __typename
    ... on JoinGameSessionSuccess {
      gameSession {
        ...KitGame
      }
    }
    ... on DomainError {
      code
      message
    }
    ... on Error {
      message
    }
  }
}
    fragment KitGame on GameSession {
  id
  status
  version
  currentWave
  totalWaves
  lives
  score
  result
  players {
    userId
    username
    gold
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  map {
    width
    height
    path {
      x
      y
    }
  }
}`, {"hash":"372e6ddee875a4061520c0d679f75ef08b8fda9fa7ba266970b5a47ddccf9556"}) as unknown as TypedDocumentString<KitJoinGameMutation, KitJoinGameMutationVariables>;
export const KitPlaceTowerDocument = new TypedDocumentString(`
    mutation KitPlaceTower($input: PlaceTowerInput!) {
  placeTower(input: $input) {
    __typename
    ... on PlaceTowerSuccess {
      tower {
        id
        towerType
        x
        y
      }
      gameSession {
        ...KitGame
      }
    }
    ... on DomainError {
      code
      message
    }
    ... on Error {
      message
    }
  }
}
    fragment KitGame on GameSession {
  id
  status
  version
  currentWave
  totalWaves
  lives
  score
  result
  players {
    userId
    username
    gold
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  map {
    width
    height
    path {
      x
      y
    }
  }
}`, {"hash":"8e1fe24693679ce30e34a27972d88ccde5d3bae75a9d57735b08b4f92682c1b2"}) as unknown as TypedDocumentString<KitPlaceTowerMutation, KitPlaceTowerMutationVariables>;
export const KitStartWaveDocument = new TypedDocumentString(`
    mutation KitStartWave($input: StartWaveInput!) {
  startWave(input: $input) {
    __typename
    ... on StartWaveSuccess {
      gameSession {
        ...KitGame
      }
    }
    ... on DomainError {
      code
      message
    }
    ... on Error {
      message
    }
  }
}
    fragment KitGame on GameSession {
  id
  status
  version
  currentWave
  totalWaves
  lives
  score
  result
  players {
    userId
    username
    gold
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  map {
    width
    height
    path {
      x
      y
    }
  }
}`, {"hash":"b03d93927a48b63d0da3b6f03dd00a8d1c1b42bdfc8c92acc004296dea324947"}) as unknown as TypedDocumentString<KitStartWaveMutation, KitStartWaveMutationVariables>;
export const KitGameSessionDocument = new TypedDocumentString(`
    query KitGameSession($id: ID!) {
  gameSession(id: $id) {
    ...KitGame
  }
}
    fragment KitGame on GameSession {
  id
  status
  version
  currentWave
  totalWaves
  lives
  score
  result
  players {
    userId
    username
    gold
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  map {
    width
    height
    path {
      x
      y
    }
  }
}`, {"hash":"8a0acdf8e26755d645a492a63557112d7a2ee97ce01482192431a241fff8c11f"}) as unknown as TypedDocumentString<KitGameSessionQuery, KitGameSessionQueryVariables>;
export const KitGameEventsDocument = new TypedDocumentString(`
    subscription KitGameEvents($sessionId: ID!, $afterVersion: Int) {
  gameSessionEvents(sessionId: $sessionId, afterVersion: $afterVersion) {
    eventId
    eventType
    version
    occurredAt
    data
  }
}
    `, {"hash":"5bf04454ba2ec66d98f408c101c9d97b65a482802c3b5a9c84d387cd24ce3123"}) as unknown as TypedDocumentString<KitGameEventsSubscription, KitGameEventsSubscriptionVariables>;