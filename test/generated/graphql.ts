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

export type RegisterUserMutationVariables = Exact<{
  input: RegisterUserInput;
}>;


export type RegisterUserMutation = { __typename?: 'Mutation', registerUser:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string, code: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string, retryAfterSeconds: number }
    | { __typename: 'RegisterUserSuccess', user: { __typename?: 'User', id: string, username: string, email?: string | null, emailVerified?: boolean | null, roles?: Array<Role> | null, status?: UserStatus | null, createdAt: string, lastLoginAt?: string | null } }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type AuthenticateUserMutationVariables = Exact<{
  input: AuthenticateUserInput;
}>;


export type AuthenticateUserMutation = { __typename?: 'Mutation', authenticateUser:
    | { __typename: 'AuthenticateUserSuccess', accessToken: string, refreshToken: string, expiresAt: string, user: { __typename?: 'User', id: string, username: string, roles?: Array<Role> | null, lastLoginAt?: string | null }, session: { __typename?: 'Session', id: string, userId: string, status: SessionStatus, createdAt: string, expiresAt: string } }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string, retryAfterSeconds: number }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type RefreshTokenMutationVariables = Exact<{
  input: RefreshTokenInput;
}>;


export type RefreshTokenMutation = { __typename?: 'Mutation', refreshToken:
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

export type LogoutUserMutationVariables = Exact<{
  input?: InputMaybe<LogoutUserInput>;
}>;


export type LogoutUserMutation = { __typename?: 'Mutation', logoutUser:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'LogoutUserSuccess', sessionId: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: string, username: string, email?: string | null, roles?: Array<Role> | null, status?: UserStatus | null } | null };

export type UserQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type UserQuery = { __typename?: 'Query', user?: { __typename?: 'User', id: string, username: string, email?: string | null, roles?: Array<Role> | null, status?: UserStatus | null, lastLoginAt?: string | null } | null };

export type EventsSubscriptionVariables = Exact<{
  filter?: InputMaybe<EventFilter>;
}>;


export type EventsSubscription = { __typename?: 'Subscription', events: { __typename?: 'DomainEvent', eventId: string, eventType: string, aggregateType: string, aggregateId: string, version: number, correlationId: string, causationId: string, userId?: string | null, data: unknown } };

export type MyEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type MyEventsSubscription = { __typename?: 'Subscription', myEvents: { __typename?: 'DomainEvent', eventType: string, aggregateType: string, aggregateId: string, version: number, userId?: string | null } };

export type VerifyEmailMutationVariables = Exact<{
  input: VerifyEmailInput;
}>;


export type VerifyEmailMutation = { __typename?: 'Mutation', verifyEmail:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string, code: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
    | { __typename: 'VerifyEmailSuccess', user: { __typename?: 'User', id: string, username: string, emailVerified?: boolean | null } }
   };

export type ForgetUserMutationVariables = Exact<{
  input: ForgetUserInput;
}>;


export type ForgetUserMutation = { __typename?: 'Mutation', forgetUser:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'ForgetUserSuccess', userId: string, forgottenAt: string, alreadyForgotten: boolean, user?: { __typename?: 'User', id: string, username: string, email?: string | null, status?: UserStatus | null, roles?: Array<Role> | null } | null }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type UserStatusQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type UserStatusQuery = { __typename?: 'Query', user?: { __typename?: 'User', id: string, username: string, email?: string | null, status?: UserStatus | null } | null };

export type GameSessionFieldsFragment = { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, hostId: string, currentWave: number, totalWaves: number, lives: number, score: number, version: number, createdAt: string, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number, towersPlaced: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', id: string, width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> }, lastWave?: { __typename?: 'WaveReport', wave: number, enemies: number, kills: number, leaked: number, goldEarned: number, scoreGained: number } | null };

export type GameEventFieldsFragment = { __typename?: 'GameEvent', eventId: string, eventType: string, version: number, occurredAt: string, data: unknown };

export type CreateGameSessionMutationVariables = Exact<{
  input: CreateGameSessionInput;
}>;


export type CreateGameSessionMutation = { __typename?: 'Mutation', createGameSession:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'CreateGameSessionSuccess', gameSession: { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, hostId: string, currentWave: number, totalWaves: number, lives: number, score: number, version: number, createdAt: string, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number, towersPlaced: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', id: string, width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> }, lastWave?: { __typename?: 'WaveReport', wave: number, enemies: number, kills: number, leaked: number, goldEarned: number, scoreGained: number } | null }, dryRunEvents?: Array<{ __typename?: 'GameEvent', eventId: string, eventType: string, version: number, occurredAt: string, data: unknown }> | null }
    | { __typename: 'DomainError', message: string, code: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type JoinGameSessionMutationVariables = Exact<{
  input: JoinGameSessionInput;
}>;


export type JoinGameSessionMutation = { __typename?: 'Mutation', joinGameSession:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string, code: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'JoinGameSessionSuccess', gameSession: { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, hostId: string, currentWave: number, totalWaves: number, lives: number, score: number, version: number, createdAt: string, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number, towersPlaced: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', id: string, width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> }, lastWave?: { __typename?: 'WaveReport', wave: number, enemies: number, kills: number, leaked: number, goldEarned: number, scoreGained: number } | null }, dryRunEvents?: Array<{ __typename?: 'GameEvent', eventId: string, eventType: string, version: number, occurredAt: string, data: unknown }> | null }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type PlaceTowerMutationVariables = Exact<{
  input: PlaceTowerInput;
}>;


export type PlaceTowerMutation = { __typename?: 'Mutation', placeTower:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string, code: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'PlaceTowerSuccess', gameSession: { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, hostId: string, currentWave: number, totalWaves: number, lives: number, score: number, version: number, createdAt: string, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number, towersPlaced: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', id: string, width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> }, lastWave?: { __typename?: 'WaveReport', wave: number, enemies: number, kills: number, leaked: number, goldEarned: number, scoreGained: number } | null }, tower: { __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }, dryRunEvents?: Array<{ __typename?: 'GameEvent', eventId: string, eventType: string, version: number, occurredAt: string, data: unknown }> | null }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type StartWaveMutationVariables = Exact<{
  input: StartWaveInput;
}>;


export type StartWaveMutation = { __typename?: 'Mutation', startWave:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string, code: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'StartWaveSuccess', gameSession: { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, hostId: string, currentWave: number, totalWaves: number, lives: number, score: number, version: number, createdAt: string, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number, towersPlaced: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', id: string, width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> }, lastWave?: { __typename?: 'WaveReport', wave: number, enemies: number, kills: number, leaked: number, goldEarned: number, scoreGained: number } | null }, dryRunEvents?: Array<{ __typename?: 'GameEvent', eventId: string, eventType: string, version: number, occurredAt: string, data: unknown }> | null }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type EndGameMutationVariables = Exact<{
  input: EndGameInput;
}>;


export type EndGameMutation = { __typename?: 'Mutation', endGame:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string, code: string }
    | { __typename: 'EndGameSuccess', gameSession: { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, hostId: string, currentWave: number, totalWaves: number, lives: number, score: number, version: number, createdAt: string, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number, towersPlaced: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', id: string, width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> }, lastWave?: { __typename?: 'WaveReport', wave: number, enemies: number, kills: number, leaked: number, goldEarned: number, scoreGained: number } | null }, dryRunEvents?: Array<{ __typename?: 'GameEvent', eventId: string, eventType: string, version: number, occurredAt: string, data: unknown }> | null }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type RequestMatchMutationVariables = Exact<{
  input: RequestMatchInput;
}>;


export type RequestMatchMutation = { __typename?: 'Mutation', requestMatch:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string, code: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'RequestMatchSuccess', matchRequest: { __typename?: 'MatchRequest', difficulty: Difficulty, status: MatchRequestStatus, matchId?: string | null, gameSession?: { __typename?: 'GameSession', id: string } | null } }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type CancelMatchRequestMutationVariables = Exact<{
  input?: InputMaybe<CancelMatchRequestInput>;
}>;


export type CancelMatchRequestMutation = { __typename?: 'Mutation', cancelMatchRequest:
    | { __typename: 'CancelMatchRequestSuccess', matchRequest: { __typename?: 'MatchRequest', difficulty: Difficulty, status: MatchRequestStatus } }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string, code: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type GameSessionQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type GameSessionQuery = { __typename?: 'Query', gameSession?: { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, hostId: string, currentWave: number, totalWaves: number, lives: number, score: number, version: number, createdAt: string, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number, towersPlaced: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', id: string, width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> }, lastWave?: { __typename?: 'WaveReport', wave: number, enemies: number, kills: number, leaked: number, goldEarned: number, scoreGained: number } | null } | null };

export type ActiveGameSessionsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ActiveGameSessionsQuery = { __typename?: 'Query', activeGameSessions: { __typename?: 'GameSessionConnection', edges: Array<{ __typename?: 'GameSessionEdge', cursor: string, node: { __typename?: 'GameSession', id: string, status: GameStatus, createdAt: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type PlayerStatsQueryVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type PlayerStatsQuery = { __typename?: 'Query', player?: { __typename?: 'PlayerStats', userId: string, username: string, gamesPlayed: number, wins: number, losses: number, highestWave: number, towersPlaced: number, totalScore: number, experience: number, level: number } | null };

export type LeaderboardQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type LeaderboardQuery = { __typename?: 'Query', leaderboard: Array<{ __typename?: 'PlayerStats', userId: string, username: string, totalScore: number, level: number }> };

export type MyMatchRequestQueryVariables = Exact<{ [key: string]: never; }>;


export type MyMatchRequestQuery = { __typename?: 'Query', myMatchRequest?: { __typename?: 'MatchRequest', difficulty: Difficulty, status: MatchRequestStatus, matchId?: string | null, gameSession?: { __typename?: 'GameSession', id: string, status: GameStatus, players: Array<{ __typename?: 'GamePlayer', userId: string }> } | null } | null };

export type GameSessionEventsSubscriptionVariables = Exact<{
  sessionId: Scalars['ID']['input'];
  afterVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type GameSessionEventsSubscription = { __typename?: 'Subscription', gameSessionEvents: { __typename?: 'GameEvent', eventId: string, eventType: string, version: number, occurredAt: string, data: unknown } };

export type ActiveGameSessionsChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ActiveGameSessionsChangedSubscription = { __typename?: 'Subscription', activeGameSessionsChanged: { __typename?: 'GameSession', id: string, status: GameStatus, version: number } };

export type GameSessionAtQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  atVersion?: InputMaybe<Scalars['Int']['input']>;
  at?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type GameSessionAtQuery = { __typename?: 'Query', gameSession?: { __typename?: 'GameSession', id: string, status: GameStatus, difficulty: Difficulty, maxPlayers: number, hostId: string, currentWave: number, totalWaves: number, lives: number, score: number, version: number, createdAt: string, result?: GameResult | null, players: Array<{ __typename?: 'GamePlayer', userId: string, username: string, gold: number, towersPlaced: number }>, towers: Array<{ __typename?: 'Tower', id: string, towerType: TowerType, x: number, y: number, ownerId: string }>, map: { __typename?: 'GameMap', id: string, width: number, height: number, path: Array<{ __typename?: 'Cell', x: number, y: number }> }, lastWave?: { __typename?: 'WaveReport', wave: number, enemies: number, kills: number, leaked: number, goldEarned: number, scoreGained: number } | null } | null };

export type AggregateHistoryQueryVariables = Exact<{
  aggregateType: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AggregateHistoryQuery = { __typename?: 'Query', aggregateHistory: { __typename?: 'AggregateHistoryConnection', latestVersion: number, edges: Array<{ __typename?: 'AggregateHistoryEdge', cursor: string, node: { __typename?: 'AggregateHistoryEntry', version: number, changedFields: Array<string>, state: unknown, event: { __typename?: 'DomainEvent', eventType: string, version: number, schemaVersion: number, occurredAt: string, data: unknown } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type ReplayGameSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
  speed?: InputMaybe<Scalars['Float']['input']>;
}>;


export type ReplayGameSubscription = { __typename?: 'Subscription', replayGame: { __typename?: 'GameEvent', eventId: string, eventType: string, version: number, occurredAt: string, data: unknown } };

export type UpdateConfigurationMutationVariables = Exact<{
  input: UpdateConfigurationInput;
}>;


export type UpdateConfigurationMutation = { __typename?: 'Mutation', updateConfiguration:
    | { __typename: 'ConflictError', message: string, expectedVersion?: number | null, actualVersion?: number | null }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'UpdateConfigurationSuccess', configuration: { __typename?: 'ConfigurationEntry', key: string, value: unknown, version: number, isDefault: boolean, updatedBy?: string | null } }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type ConfigurationQueryVariables = Exact<{ [key: string]: never; }>;


export type ConfigurationQuery = { __typename?: 'Query', configuration: Array<{ __typename?: 'ConfigurationEntry', key: string, value: unknown, version: number, isDefault: boolean, defaultValue?: unknown | null, category?: string | null, description?: string | null }> };

export type ConfigurationHistoryQueryVariables = Exact<{
  key: Scalars['String']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConfigurationHistoryQuery = { __typename?: 'Query', configurationHistory: { __typename?: 'QueryConfigurationHistoryConnection', edges: Array<{ __typename?: 'QueryConfigurationHistoryConnectionEdge', cursor: string, node: { __typename?: 'ConfigurationChange', key: string, version: number, value: unknown, previousValue?: unknown | null, updatedBy: string, reason?: string | null, at: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type SettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type SettingsQuery = { __typename?: 'Query', settings: Array<{ __typename?: 'Setting', key: string, category: string, description: string, defaultValue: unknown, schema: unknown }> };

export type GenerateReportMutationVariables = Exact<{
  input: GenerateReportInput;
}>;


export type GenerateReportMutation = { __typename?: 'Mutation', generateReport:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string, code: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'GenerateReportSuccess', report: { __typename?: 'Report', id: string, kind: ReportKind, from: string, to: string, createdAt: string, content: unknown } }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type ReportsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<ReportKind>;
}>;


export type ReportsQuery = { __typename?: 'Query', reports: { __typename?: 'QueryReportsConnection', edges: Array<{ __typename?: 'QueryReportsConnectionEdge', node: { __typename?: 'Report', id: string, kind: ReportKind, content: unknown } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean } } };

export type ReportQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ReportQuery = { __typename?: 'Query', report?: { __typename?: 'Report', id: string, kind: ReportKind, from: string, to: string, createdAt: string, content: unknown } | null };

export type PerformMaintenanceMutationVariables = Exact<{
  input: PerformMaintenanceInput;
}>;


export type PerformMaintenanceMutation = { __typename?: 'Mutation', performMaintenance:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string, code: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'PerformMaintenanceSuccess', result: unknown, runId: string, task: MaintenanceTask, target?: string | null }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type MaintenanceRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type MaintenanceRunsQuery = { __typename?: 'Query', maintenanceRuns: { __typename?: 'QueryMaintenanceRunsConnection', edges: Array<{ __typename?: 'QueryMaintenanceRunsConnectionEdge', node: { __typename?: 'MaintenanceRun', id: string, task: MaintenanceTask, target?: string | null, result: unknown, performedBy: string } }> } };

export type SystemMetricsQueryVariables = Exact<{
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  nodeId?: InputMaybe<Scalars['String']['input']>;
}>;


export type SystemMetricsQuery = { __typename?: 'Query', systemMetrics?: { __typename?: 'SystemMetrics', from: string, to: string, samples: number, commandsPerSecond: number, failureRate: number, commands: Array<{ __typename?: 'CommandMetrics', commandType: string, count: number, failures: number, p50: number, p95: number, p99: number }>, eventBus: { __typename?: 'EventBusMetrics', published: number, processed: number, failed: number }, projections: Array<{ __typename?: 'ProjectionLagSummary', projection: string, lastLag: number, maxLag: number }>, nodes: Array<{ __typename?: 'NodeMetrics', nodeId: string, summary: { __typename?: 'MetricsSummary', samples: number } }>, series: Array<{ __typename?: 'MetricsSample', id: string, nodeId: string, at: string, windowSeconds: number, commands: Array<{ __typename?: 'CommandSample', commandType: string, count: number }> }> } | null };

export type GameStatisticsQueryVariables = Exact<{ [key: string]: never; }>;


export type GameStatisticsQuery = { __typename?: 'Query', gameStatistics?: { __typename?: 'GameStatistics', gamesCreated: number, gamesActive: number, gamesEnded: number, averageWaveReached: number, winRateByDifficulty: Array<{ __typename?: 'DifficultyWinRate', difficulty: string, winRate: number }>, towersByType: Array<{ __typename?: 'TowerTypeCount', towerType: string, count: number }> } | null };

export type ProjectionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ProjectionsQuery = { __typename?: 'Query', projections: Array<{ __typename?: 'ProjectionStatus', name: string, kind: HandlerKind, state: ProjectionState, checkpoint: string, checkpoints: Array<string>, processedEvents: number, failedEvents: number, deadLetters: number, generation: number, lag: { __typename?: 'ProjectionLag', events: number, ms: number } }> };

export type ProjectionStatusesSubscriptionVariables = Exact<{
  intervalMs?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ProjectionStatusesSubscription = { __typename?: 'Subscription', projectionStatuses: Array<{ __typename?: 'ProjectionStatus', name: string, state: ProjectionState, lag: { __typename?: 'ProjectionLag', events: number } }> };

export type DeadLettersQueryVariables = Exact<{
  projection?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type DeadLettersQuery = { __typename?: 'Query', deadLetters: { __typename?: 'DeadLetterConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'DeadLetterConnectionEdge', cursor: string, node: { __typename?: 'DeadLetter', id: string, projection: string, generation: number, partition: number, position: string, failure: string, attempts: number, at: string, undecodable: boolean, event: { __typename?: 'DomainEvent', eventId: string, eventType: string, aggregateType: string, aggregateId: string, version: number, data: unknown } } }> } };

export type RetryDeadLettersMutationVariables = Exact<{
  input: RetryDeadLettersInput;
}>;


export type RetryDeadLettersMutation = { __typename?: 'Mutation', retryDeadLetters:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'RetryDeadLettersSuccess', runId: string, total: number, outcomes: Array<{ __typename?: 'DeadLetterOutcome', projection: string, done: number, stillFailing: number }> }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type SkipDeadLettersMutationVariables = Exact<{
  input: SkipDeadLettersInput;
}>;


export type SkipDeadLettersMutation = { __typename?: 'Mutation', skipDeadLetters:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'DomainError', message: string }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'SkipDeadLettersSuccess', runId: string, total: number, outcomes: Array<{ __typename?: 'DeadLetterOutcome', projection: string, done: number, stillFailing: number }> }
    | { __typename: 'UnauthenticatedError', message: string }
    | { __typename: 'UnavailableError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, message: string }> }
   };

export type DeadLetterAddedSubscriptionVariables = Exact<{
  intervalMs?: InputMaybe<Scalars['Int']['input']>;
}>;


export type DeadLetterAddedSubscription = { __typename?: 'Subscription', deadLetterAdded: { __typename?: 'DeadLetter', id: string, projection: string, failure: string, attempts: number, event: { __typename?: 'DomainEvent', eventType: string, aggregateId: string } } };

export type CausationTreeQueryVariables = Exact<{
  correlationId: Scalars['ID']['input'];
}>;


export type CausationTreeQuery = { __typename?: 'Query', causationTree?: { __typename?: 'CausationNode', kind: CausationKind, id: string, type: string, at: string, children: Array<{ __typename?: 'CausationNode', kind: CausationKind, type: string }>, nodes: Array<{ __typename?: 'CausationNode', kind: CausationKind, id: string, type: string, at: string, userId?: string | null, aggregateType?: string | null, aggregateId?: string | null, version?: number | null, parentId?: string | null, depth: number, event?: { __typename?: 'DomainEvent', eventId: string, eventType: string, correlationId: string, causationId: string } | null }> } | null };

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
export const GameSessionFieldsFragmentDoc = new TypedDocumentString(`
    fragment GameSessionFields on GameSession {
  id
  status
  difficulty
  maxPlayers
  hostId
  players {
    userId
    username
    gold
    towersPlaced
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  currentWave
  totalWaves
  lives
  score
  version
  createdAt
  map {
    id
    width
    height
    path {
      x
      y
    }
  }
  result
  lastWave {
    wave
    enemies
    kills
    leaked
    goldEarned
    scoreGained
  }
}
    `, {"fragmentName":"GameSessionFields"}) as unknown as TypedDocumentString<GameSessionFieldsFragment, unknown>;
export const GameEventFieldsFragmentDoc = new TypedDocumentString(`
    fragment GameEventFields on GameEvent {
  eventId
  eventType
  version
  occurredAt
  data
}
    `, {"fragmentName":"GameEventFields"}) as unknown as TypedDocumentString<GameEventFieldsFragment, unknown>;
export const RegisterUserDocument = new TypedDocumentString(`
    mutation RegisterUser($input: RegisterUserInput!) {
  registerUser(input: $input) {
    __typename
    ... on RegisterUserSuccess {
      user {
        id
        username
        email
        emailVerified
        roles
        status
        createdAt
        lastLoginAt
      }
    }
    ... on ValidationError {
      message
      fieldErrors {
        field
        message
      }
    }
    ... on DomainError {
      message
      code
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
    `, {"hash":"077fdc15769f7f7808decdaeb16c53494661e99038912e94baeba841e6ccc812"}) as unknown as TypedDocumentString<RegisterUserMutation, RegisterUserMutationVariables>;
export const AuthenticateUserDocument = new TypedDocumentString(`
    mutation AuthenticateUser($input: AuthenticateUserInput!) {
  authenticateUser(input: $input) {
    __typename
    ... on AuthenticateUserSuccess {
      accessToken
      refreshToken
      expiresAt
      user {
        id
        username
        roles
        lastLoginAt
      }
      session {
        id
        userId
        status
        createdAt
        expiresAt
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
    `, {"hash":"8cfd47aff4e4d91375f9febf1eb4b10ad84511fd18269a9f90f8cb23194ba946"}) as unknown as TypedDocumentString<AuthenticateUserMutation, AuthenticateUserMutationVariables>;
export const RefreshTokenDocument = new TypedDocumentString(`
    mutation RefreshToken($input: RefreshTokenInput!) {
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
    `, {"hash":"5c0dd59d5c573ad75b17d63e6ba4c7bad9df9635375350cd36517b471dc79a01"}) as unknown as TypedDocumentString<RefreshTokenMutation, RefreshTokenMutationVariables>;
export const LogoutUserDocument = new TypedDocumentString(`
    mutation LogoutUser($input: LogoutUserInput) {
  logoutUser(input: $input) {
    __typename
    ... on LogoutUserSuccess {
      sessionId
    }
    ... on Error {
      message
    }
  }
}
    `, {"hash":"b2da1fdbe3159e8fe64ba367c815816aab2db243d1bb304987bf0bd1a1cf3dbe"}) as unknown as TypedDocumentString<LogoutUserMutation, LogoutUserMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    username
    email
    roles
    status
  }
}
    `, {"hash":"3d0606e1b40388454c8d5f6301d96656da7cf960e02f148d9c05f8a900f1fd45"}) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const UserDocument = new TypedDocumentString(`
    query User($id: ID!) {
  user(id: $id) {
    id
    username
    email
    roles
    status
    lastLoginAt
  }
}
    `, {"hash":"e3d83304d16d72d5049cd13df9da3bb11650019919f7202b256a4f4581001df3"}) as unknown as TypedDocumentString<UserQuery, UserQueryVariables>;
export const EventsDocument = new TypedDocumentString(`
    subscription Events($filter: EventFilter) {
  events(filter: $filter) {
    eventId
    eventType
    aggregateType
    aggregateId
    version
    correlationId
    causationId
    userId
    data
  }
}
    `, {"hash":"3d3d5829eb9bd227d06fd0ab15d481e9c1837454686c38e4dfaa1ef89eed21a4"}) as unknown as TypedDocumentString<EventsSubscription, EventsSubscriptionVariables>;
export const MyEventsDocument = new TypedDocumentString(`
    subscription MyEvents {
  myEvents {
    eventType
    aggregateType
    aggregateId
    version
    userId
  }
}
    `, {"hash":"441a21d81f5df4d4f7d5377b156b137932b13ea919e18e1898ded5e9fd1a17df"}) as unknown as TypedDocumentString<MyEventsSubscription, MyEventsSubscriptionVariables>;
export const VerifyEmailDocument = new TypedDocumentString(`
    mutation VerifyEmail($input: VerifyEmailInput!) {
  verifyEmail(input: $input) {
    __typename
    ... on VerifyEmailSuccess {
      user {
        id
        username
        emailVerified
      }
    }
    ... on Error {
      message
    }
    ... on DomainError {
      code
    }
  }
}
    `, {"hash":"74fa412d76e7d14ba557db11e44c4c86583308e19989ee8ee13f18268e3b0701"}) as unknown as TypedDocumentString<VerifyEmailMutation, VerifyEmailMutationVariables>;
export const ForgetUserDocument = new TypedDocumentString(`
    mutation ForgetUser($input: ForgetUserInput!) {
  forgetUser(input: $input) {
    __typename
    ... on ForgetUserSuccess {
      userId
      forgottenAt
      alreadyForgotten
      user {
        id
        username
        email
        status
        roles
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
    `, {"hash":"cbd66bd4f22566e35c5aafb4d0f081b6aadf57df42a1c30bc81a4ec2ef7f323f"}) as unknown as TypedDocumentString<ForgetUserMutation, ForgetUserMutationVariables>;
export const UserStatusDocument = new TypedDocumentString(`
    query UserStatus($id: ID!) {
  user(id: $id) {
    id
    username
    email
    status
  }
}
    `, {"hash":"d2903dcfaeb4f8f3f6a33f1e4443d67ea5dd286a8d7cbbd8f371df17cf921715"}) as unknown as TypedDocumentString<UserStatusQuery, UserStatusQueryVariables>;
export const CreateGameSessionDocument = new TypedDocumentString(`
    mutation CreateGameSession($input: CreateGameSessionInput!) {
  createGameSession(input: $input) {
    __typename
    ... on CreateGameSessionSuccess {
      gameSession {
        ...GameSessionFields
      }
      dryRunEvents {
        ...GameEventFields
      }
    }
    ... on ValidationError {
      message
      fieldErrors {
        field
        message
      }
    }
    ... on DomainError {
      message
      code
    }
    ... on Error {
      message
    }
  }
}
    fragment GameSessionFields on GameSession {
  id
  status
  difficulty
  maxPlayers
  hostId
  players {
    userId
    username
    gold
    towersPlaced
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  currentWave
  totalWaves
  lives
  score
  version
  createdAt
  map {
    id
    width
    height
    path {
      x
      y
    }
  }
  result
  lastWave {
    wave
    enemies
    kills
    leaked
    goldEarned
    scoreGained
  }
}
fragment GameEventFields on GameEvent {
  eventId
  eventType
  version
  occurredAt
  data
}`, {"hash":"a855d65763f46bb32abab3f4f88df65512df8524f2ba6dc0f65ca797778441be"}) as unknown as TypedDocumentString<CreateGameSessionMutation, CreateGameSessionMutationVariables>;
export const JoinGameSessionDocument = new TypedDocumentString(`
    mutation JoinGameSession($input: JoinGameSessionInput!) {
  joinGameSession(input: $input) {
    __typename
    ... on JoinGameSessionSuccess {
      gameSession {
        ...GameSessionFields
      }
      dryRunEvents {
        ...GameEventFields
      }
    }
    ... on DomainError {
      message
      code
    }
    ... on Error {
      message
    }
  }
}
    fragment GameSessionFields on GameSession {
  id
  status
  difficulty
  maxPlayers
  hostId
  players {
    userId
    username
    gold
    towersPlaced
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  currentWave
  totalWaves
  lives
  score
  version
  createdAt
  map {
    id
    width
    height
    path {
      x
      y
    }
  }
  result
  lastWave {
    wave
    enemies
    kills
    leaked
    goldEarned
    scoreGained
  }
}
fragment GameEventFields on GameEvent {
  eventId
  eventType
  version
  occurredAt
  data
}`, {"hash":"d5dce47ef790abefe86f3fecde3ffd3e8780d96fc4b1db8611a86ffe1064c6ab"}) as unknown as TypedDocumentString<JoinGameSessionMutation, JoinGameSessionMutationVariables>;
export const PlaceTowerDocument = new TypedDocumentString(`
    mutation PlaceTower($input: PlaceTowerInput!) {
  placeTower(input: $input) {
    __typename
    ... on PlaceTowerSuccess {
      gameSession {
        ...GameSessionFields
      }
      tower {
        id
        towerType
        x
        y
        ownerId
      }
      dryRunEvents {
        ...GameEventFields
      }
    }
    ... on DomainError {
      message
      code
    }
    ... on Error {
      message
    }
  }
}
    fragment GameSessionFields on GameSession {
  id
  status
  difficulty
  maxPlayers
  hostId
  players {
    userId
    username
    gold
    towersPlaced
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  currentWave
  totalWaves
  lives
  score
  version
  createdAt
  map {
    id
    width
    height
    path {
      x
      y
    }
  }
  result
  lastWave {
    wave
    enemies
    kills
    leaked
    goldEarned
    scoreGained
  }
}
fragment GameEventFields on GameEvent {
  eventId
  eventType
  version
  occurredAt
  data
}`, {"hash":"07d046442ec7625506efbb299acd6367f57d3f2c780c57fe22b5d18f0428543a"}) as unknown as TypedDocumentString<PlaceTowerMutation, PlaceTowerMutationVariables>;
export const StartWaveDocument = new TypedDocumentString(`
    mutation StartWave($input: StartWaveInput!) {
  startWave(input: $input) {
    __typename
    ... on StartWaveSuccess {
      gameSession {
        ...GameSessionFields
      }
      dryRunEvents {
        ...GameEventFields
      }
    }
    ... on DomainError {
      message
      code
    }
    ... on Error {
      message
    }
  }
}
    fragment GameSessionFields on GameSession {
  id
  status
  difficulty
  maxPlayers
  hostId
  players {
    userId
    username
    gold
    towersPlaced
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  currentWave
  totalWaves
  lives
  score
  version
  createdAt
  map {
    id
    width
    height
    path {
      x
      y
    }
  }
  result
  lastWave {
    wave
    enemies
    kills
    leaked
    goldEarned
    scoreGained
  }
}
fragment GameEventFields on GameEvent {
  eventId
  eventType
  version
  occurredAt
  data
}`, {"hash":"50840b00a16bdebb466c149ad4d9c87d1befdca3954ec7c39731f5caaca77ce4"}) as unknown as TypedDocumentString<StartWaveMutation, StartWaveMutationVariables>;
export const EndGameDocument = new TypedDocumentString(`
    mutation EndGame($input: EndGameInput!) {
  endGame(input: $input) {
    __typename
    ... on EndGameSuccess {
      gameSession {
        ...GameSessionFields
      }
      dryRunEvents {
        ...GameEventFields
      }
    }
    ... on DomainError {
      message
      code
    }
    ... on Error {
      message
    }
  }
}
    fragment GameSessionFields on GameSession {
  id
  status
  difficulty
  maxPlayers
  hostId
  players {
    userId
    username
    gold
    towersPlaced
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  currentWave
  totalWaves
  lives
  score
  version
  createdAt
  map {
    id
    width
    height
    path {
      x
      y
    }
  }
  result
  lastWave {
    wave
    enemies
    kills
    leaked
    goldEarned
    scoreGained
  }
}
fragment GameEventFields on GameEvent {
  eventId
  eventType
  version
  occurredAt
  data
}`, {"hash":"43fd517a436c6ac14107403f2f4909557bd76dfab47ec32ecf8672c2793a2ef2"}) as unknown as TypedDocumentString<EndGameMutation, EndGameMutationVariables>;
export const RequestMatchDocument = new TypedDocumentString(`
    mutation RequestMatch($input: RequestMatchInput!) {
  requestMatch(input: $input) {
    __typename
    ... on RequestMatchSuccess {
      matchRequest {
        difficulty
        status
        matchId
        gameSession {
          id
        }
      }
    }
    ... on DomainError {
      message
      code
    }
    ... on Error {
      message
    }
  }
}
    `, {"hash":"ddbba08ef7de6842578af259c1ee40637072f5bc6c0d9276e3c9c17c37e790bf"}) as unknown as TypedDocumentString<RequestMatchMutation, RequestMatchMutationVariables>;
export const CancelMatchRequestDocument = new TypedDocumentString(`
    mutation CancelMatchRequest($input: CancelMatchRequestInput) {
  cancelMatchRequest(input: $input) {
    __typename
    ... on CancelMatchRequestSuccess {
      matchRequest {
        difficulty
        status
      }
    }
    ... on DomainError {
      message
      code
    }
    ... on Error {
      message
    }
  }
}
    `, {"hash":"22e055515938bf610ecabf3a4a15c23c358df8bb211267f08dda7b91a750ebfe"}) as unknown as TypedDocumentString<CancelMatchRequestMutation, CancelMatchRequestMutationVariables>;
export const GameSessionDocument = new TypedDocumentString(`
    query GameSession($id: ID!) {
  gameSession(id: $id) {
    ...GameSessionFields
  }
}
    fragment GameSessionFields on GameSession {
  id
  status
  difficulty
  maxPlayers
  hostId
  players {
    userId
    username
    gold
    towersPlaced
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  currentWave
  totalWaves
  lives
  score
  version
  createdAt
  map {
    id
    width
    height
    path {
      x
      y
    }
  }
  result
  lastWave {
    wave
    enemies
    kills
    leaked
    goldEarned
    scoreGained
  }
}`, {"hash":"90b83337b61f3caf65d0656260cba1720776a34d3c7a21ec22d743ff5b1bc6c9"}) as unknown as TypedDocumentString<GameSessionQuery, GameSessionQueryVariables>;
export const ActiveGameSessionsDocument = new TypedDocumentString(`
    query ActiveGameSessions($first: Int, $after: String, $last: Int) {
  activeGameSessions(first: $first, after: $after, last: $last) {
    edges {
      cursor
      node {
        id
        status
        createdAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `, {"hash":"9570989b6d84322fb38fd4a1976f200f81611fe31e71b4f1ff64ac8fc67264e6"}) as unknown as TypedDocumentString<ActiveGameSessionsQuery, ActiveGameSessionsQueryVariables>;
export const PlayerStatsDocument = new TypedDocumentString(`
    query PlayerStats($userId: ID!) {
  player(userId: $userId) {
    userId
    username
    gamesPlayed
    wins
    losses
    highestWave
    towersPlaced
    totalScore
    experience
    level
  }
}
    `, {"hash":"f8e0098c2859703f83657813131875757786b4313ae95834e6523b5625b3c985"}) as unknown as TypedDocumentString<PlayerStatsQuery, PlayerStatsQueryVariables>;
export const LeaderboardDocument = new TypedDocumentString(`
    query Leaderboard($first: Int) {
  leaderboard(first: $first) {
    userId
    username
    totalScore
    level
  }
}
    `, {"hash":"3e8f4e46334f14c4d2ec07c4de41be55e81bf9c76975c1fc7a7f6118596bdc13"}) as unknown as TypedDocumentString<LeaderboardQuery, LeaderboardQueryVariables>;
export const MyMatchRequestDocument = new TypedDocumentString(`
    query MyMatchRequest {
  myMatchRequest {
    difficulty
    status
    matchId
    gameSession {
      id
      status
      players {
        userId
      }
    }
  }
}
    `, {"hash":"fbc0be19bd1f126fa75898743c9c0587c33e4ff87ad083b33ba1838a662d0075"}) as unknown as TypedDocumentString<MyMatchRequestQuery, MyMatchRequestQueryVariables>;
export const GameSessionEventsDocument = new TypedDocumentString(`
    subscription GameSessionEvents($sessionId: ID!, $afterVersion: Int) {
  gameSessionEvents(sessionId: $sessionId, afterVersion: $afterVersion) {
    eventId
    eventType
    version
    occurredAt
    data
  }
}
    `, {"hash":"2bcac5645deebbbb147b0471c4d1d34b0b357159dbe729895f869193baeb9487"}) as unknown as TypedDocumentString<GameSessionEventsSubscription, GameSessionEventsSubscriptionVariables>;
export const ActiveGameSessionsChangedDocument = new TypedDocumentString(`
    subscription ActiveGameSessionsChanged {
  activeGameSessionsChanged {
    id
    status
    version
  }
}
    `, {"hash":"c5e7e28b85b9f95d2996b0c417fcf9d1b17e57d0ea437b8ec1f76c69a402e9ff"}) as unknown as TypedDocumentString<ActiveGameSessionsChangedSubscription, ActiveGameSessionsChangedSubscriptionVariables>;
export const GameSessionAtDocument = new TypedDocumentString(`
    query GameSessionAt($id: ID!, $atVersion: Int, $at: DateTime) {
  gameSession(id: $id, atVersion: $atVersion, at: $at) {
    ...GameSessionFields
  }
}
    fragment GameSessionFields on GameSession {
  id
  status
  difficulty
  maxPlayers
  hostId
  players {
    userId
    username
    gold
    towersPlaced
  }
  towers {
    id
    towerType
    x
    y
    ownerId
  }
  currentWave
  totalWaves
  lives
  score
  version
  createdAt
  map {
    id
    width
    height
    path {
      x
      y
    }
  }
  result
  lastWave {
    wave
    enemies
    kills
    leaked
    goldEarned
    scoreGained
  }
}`, {"hash":"e2c9cd22f6259340deee629d72d2c17cc07c37a8c971cd31df2ab36a18e1c799"}) as unknown as TypedDocumentString<GameSessionAtQuery, GameSessionAtQueryVariables>;
export const AggregateHistoryDocument = new TypedDocumentString(`
    query AggregateHistory($aggregateType: String!, $id: ID!, $first: Int, $after: String) {
  aggregateHistory(
    aggregateType: $aggregateType
    id: $id
    first: $first
    after: $after
  ) {
    latestVersion
    edges {
      cursor
      node {
        version
        changedFields
        state
        event {
          eventType
          version
          schemaVersion
          occurredAt
          data
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `, {"hash":"6f993faede5e27ffb957e75b8fd28856eb2bce61b148bd77ef6bbb89fd15fae6"}) as unknown as TypedDocumentString<AggregateHistoryQuery, AggregateHistoryQueryVariables>;
export const ReplayGameDocument = new TypedDocumentString(`
    subscription ReplayGame($id: ID!, $speed: Float) {
  replayGame(id: $id, speed: $speed) {
    ...GameEventFields
  }
}
    fragment GameEventFields on GameEvent {
  eventId
  eventType
  version
  occurredAt
  data
}`, {"hash":"bbb9ee94bb6a5a760d1974fc915f6f73404f63a5314716b50b4b66ec89dac470"}) as unknown as TypedDocumentString<ReplayGameSubscription, ReplayGameSubscriptionVariables>;
export const UpdateConfigurationDocument = new TypedDocumentString(`
    mutation UpdateConfiguration($input: UpdateConfigurationInput!) {
  updateConfiguration(input: $input) {
    __typename
    ... on UpdateConfigurationSuccess {
      configuration {
        key
        value
        version
        isDefault
        updatedBy
      }
    }
    ... on ValidationError {
      message
      fieldErrors {
        field
        message
      }
    }
    ... on ConflictError {
      message
      expectedVersion
      actualVersion
    }
    ... on Error {
      message
    }
  }
}
    `, {"hash":"c5b00ddcfad1a192070386f34a71fe290153af062f5b13f1301e225cf415594e"}) as unknown as TypedDocumentString<UpdateConfigurationMutation, UpdateConfigurationMutationVariables>;
export const ConfigurationDocument = new TypedDocumentString(`
    query Configuration {
  configuration {
    key
    value
    version
    isDefault
    defaultValue
    category
    description
  }
}
    `, {"hash":"3f069ad4adc230aca1f5c96315d9a09af44e0fffebcf08d6761ae4ed87ea38b8"}) as unknown as TypedDocumentString<ConfigurationQuery, ConfigurationQueryVariables>;
export const ConfigurationHistoryDocument = new TypedDocumentString(`
    query ConfigurationHistory($key: String!, $first: Int, $after: String) {
  configurationHistory(key: $key, first: $first, after: $after) {
    edges {
      cursor
      node {
        key
        version
        value
        previousValue
        updatedBy
        reason
        at
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `, {"hash":"726c0a4e97c13931a632a54c1ac54fb5996f32f4ad5b09849082bdd22c815a17"}) as unknown as TypedDocumentString<ConfigurationHistoryQuery, ConfigurationHistoryQueryVariables>;
export const SettingsDocument = new TypedDocumentString(`
    query Settings {
  settings {
    key
    category
    description
    defaultValue
    schema
  }
}
    `, {"hash":"cd1a09e07dea5a1a1e2bd889404f2c3cf58cddafc8e769fe42664e72688d637a"}) as unknown as TypedDocumentString<SettingsQuery, SettingsQueryVariables>;
export const GenerateReportDocument = new TypedDocumentString(`
    mutation GenerateReport($input: GenerateReportInput!) {
  generateReport(input: $input) {
    __typename
    ... on GenerateReportSuccess {
      report {
        id
        kind
        from
        to
        createdAt
        content
      }
    }
    ... on DomainError {
      message
      code
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
    `, {"hash":"248dbdf6c729c2645f73b3b0bea15fd18501575b9e503b19677bc77f5e142935"}) as unknown as TypedDocumentString<GenerateReportMutation, GenerateReportMutationVariables>;
export const ReportsDocument = new TypedDocumentString(`
    query Reports($first: Int, $kind: ReportKind) {
  reports(first: $first, kind: $kind) {
    edges {
      node {
        id
        kind
        content
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `, {"hash":"e7fbc9e7fd5cac6fdf01b8c9b389c77570aaa8e312e9079a0eeef77a7f4fa6a4"}) as unknown as TypedDocumentString<ReportsQuery, ReportsQueryVariables>;
export const ReportDocument = new TypedDocumentString(`
    query Report($id: ID!) {
  report(id: $id) {
    id
    kind
    from
    to
    createdAt
    content
  }
}
    `, {"hash":"23014c64138fd14a0a0cdb42c43573d74e053e4962ab97ded20d1ecfa532f4c7"}) as unknown as TypedDocumentString<ReportQuery, ReportQueryVariables>;
export const PerformMaintenanceDocument = new TypedDocumentString(`
    mutation PerformMaintenance($input: PerformMaintenanceInput!) {
  performMaintenance(input: $input) {
    __typename
    ... on PerformMaintenanceSuccess {
      result
      runId
      task
      target
    }
    ... on DomainError {
      message
      code
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
    `, {"hash":"a2a4b3a1bee0eef718e254f60e2beaacd8cc8f798d827e5c3156d68a8c9146ad"}) as unknown as TypedDocumentString<PerformMaintenanceMutation, PerformMaintenanceMutationVariables>;
export const MaintenanceRunsDocument = new TypedDocumentString(`
    query MaintenanceRuns {
  maintenanceRuns(first: 10) {
    edges {
      node {
        id
        task
        target
        result
        performedBy
      }
    }
  }
}
    `, {"hash":"bf92e0982c8b9fcd6fabcefbdc6d58c1b87b0cae18e726fb9497ad64968c2e95"}) as unknown as TypedDocumentString<MaintenanceRunsQuery, MaintenanceRunsQueryVariables>;
export const SystemMetricsDocument = new TypedDocumentString(`
    query SystemMetrics($from: DateTime, $to: DateTime, $nodeId: String) {
  systemMetrics(from: $from, to: $to, nodeId: $nodeId) {
    from
    to
    samples
    commandsPerSecond
    failureRate
    commands {
      commandType
      count
      failures
      p50
      p95
      p99
    }
    eventBus {
      published
      processed
      failed
    }
    projections {
      projection
      lastLag
      maxLag
    }
    nodes {
      nodeId
      summary {
        samples
      }
    }
    series {
      id
      nodeId
      at
      windowSeconds
      commands {
        commandType
        count
      }
    }
  }
}
    `, {"hash":"2881b09bcc83eff4f60bda03de724bdd5ab7cb8caae79a112fb74d527d6eed5d"}) as unknown as TypedDocumentString<SystemMetricsQuery, SystemMetricsQueryVariables>;
export const GameStatisticsDocument = new TypedDocumentString(`
    query GameStatistics {
  gameStatistics {
    gamesCreated
    gamesActive
    gamesEnded
    averageWaveReached
    winRateByDifficulty {
      difficulty
      winRate
    }
    towersByType {
      towerType
      count
    }
  }
}
    `, {"hash":"1d9a9fb704649115b1ace271068de1da6aa1540d2c165e979afdf12f0d7d5371"}) as unknown as TypedDocumentString<GameStatisticsQuery, GameStatisticsQueryVariables>;
export const ProjectionsDocument = new TypedDocumentString(`
    query Projections {
  projections {
    name
    kind
    state
    checkpoint
    checkpoints
    lag {
      events
      ms
    }
    processedEvents
    failedEvents
    deadLetters
    generation
  }
}
    `, {"hash":"a3675debe72c4e6f7909a72bd5d75491ee8ed6fc72dd603c4091c9fb74883a01"}) as unknown as TypedDocumentString<ProjectionsQuery, ProjectionsQueryVariables>;
export const ProjectionStatusesDocument = new TypedDocumentString(`
    subscription ProjectionStatuses($intervalMs: Int) {
  projectionStatuses(intervalMs: $intervalMs) {
    name
    state
    lag {
      events
    }
  }
}
    `, {"hash":"0a4aaf1d84434d1b4772be1103ca6d7df13268214c5e2a3c0626750ef2486f5c"}) as unknown as TypedDocumentString<ProjectionStatusesSubscription, ProjectionStatusesSubscriptionVariables>;
export const DeadLettersDocument = new TypedDocumentString(`
    query DeadLetters($projection: String, $first: Int, $after: String) {
  deadLetters(projection: $projection, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        projection
        generation
        partition
        position
        failure
        attempts
        at
        undecodable
        event {
          eventId
          eventType
          aggregateType
          aggregateId
          version
          data
        }
      }
    }
  }
}
    `, {"hash":"f2eb66aef0548550de6618d0c3c73a23ac5f171aeb783f0a4a9169934717bafd"}) as unknown as TypedDocumentString<DeadLettersQuery, DeadLettersQueryVariables>;
export const RetryDeadLettersDocument = new TypedDocumentString(`
    mutation RetryDeadLetters($input: RetryDeadLettersInput!) {
  retryDeadLetters(input: $input) {
    __typename
    ... on RetryDeadLettersSuccess {
      runId
      total
      outcomes {
        projection
        done
        stillFailing
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
    `, {"hash":"5ab17dfbc79b7762f6a75e0628a4d260037f204205e39c0e4ef3791157a9aa30"}) as unknown as TypedDocumentString<RetryDeadLettersMutation, RetryDeadLettersMutationVariables>;
export const SkipDeadLettersDocument = new TypedDocumentString(`
    mutation SkipDeadLetters($input: SkipDeadLettersInput!) {
  skipDeadLetters(input: $input) {
    __typename
    ... on SkipDeadLettersSuccess {
      runId
      total
      outcomes {
        projection
        done
        stillFailing
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
    `, {"hash":"356e4a9e5209be9a1de697c938e8bb8a0ef3ca9a50315459f310c40d7b8630a9"}) as unknown as TypedDocumentString<SkipDeadLettersMutation, SkipDeadLettersMutationVariables>;
export const DeadLetterAddedDocument = new TypedDocumentString(`
    subscription DeadLetterAdded($intervalMs: Int) {
  deadLetterAdded(intervalMs: $intervalMs) {
    id
    projection
    failure
    attempts
    event {
      eventType
      aggregateId
    }
  }
}
    `, {"hash":"5112bc7fd96b6bea27b85d026ce9290444477519094554a95e0e99034252193b"}) as unknown as TypedDocumentString<DeadLetterAddedSubscription, DeadLetterAddedSubscriptionVariables>;
export const CausationTreeDocument = new TypedDocumentString(`
    query CausationTree($correlationId: ID!) {
  causationTree(correlationId: $correlationId) {
    kind
    id
    type
    at
    children {
      kind
      type
    }
    nodes {
      kind
      id
      type
      at
      userId
      aggregateType
      aggregateId
      version
      parentId
      depth
      event {
        eventId
        eventType
        correlationId
        causationId
      }
    }
  }
}
    `, {"hash":"685ef28356466880a3ec9a2fe2eb0a0db7dc3a9a86e55665a6cdff44228fdb10"}) as unknown as TypedDocumentString<CausationTreeQuery, CausationTreeQueryVariables>;