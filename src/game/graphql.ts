/**
 * The Game over GraphQL: sessions, towers, waves, matchmaking, stats, and live subscriptions.
 * Mutations dispatch, wait for the read model (read-your-writes) and return it.
 */
import { ForbiddenError, NotFoundError, RuleBrokenError, UnauthenticatedError, ValidationError } from '../core/errors.js';
import type { TravelPoint } from '../core/commands/history.js';
import type { EventEnvelope } from '../core/messages.js';
import { builder } from '../graphql/builder.js';
import type { Committed } from '../core/commands/dispatcher.js';
import { mutate } from '../graphql/commands.js';
import { pageSize, toConnection } from '../graphql/connections.js';
import { isAdminViewer, type Context } from '../graphql/context.js';
import { commandErrors } from '../graphql/errors.js';
import { checkSpeed } from '../graphql/replays.js';
import { liveEvents } from '../graphql/subscriptions.js';
import { DIFFICULTIES, TOWER_TYPES, type Balance, type TowerSpec, type TowerType } from './domain/balance.js';
import { gameCommands } from './commands.js';
import { GAME_SESSIONS, MATCH_REQUESTS, PLAYER_STATS, type GamePlayerView, type GameSessionView, type MatchRequestView, type PlayerStatsView, type TowerView } from './projections.js';

declare module '../graphql/context.js' {
  interface AppServices {
    /** A game's current view, from its committed state (see game/commands.ts gameSessionReader). */
    readonly gameSessions: (id: string) => Promise<GameSessionView | null>;
    /** A game as it was at a version or instant, rebuilt from its events (see game/commands.ts gameSessionTimeTravel). */
    readonly gameSessionAt: (id: string, point: TravelPoint) => Promise<GameSessionView | null>;
    /** The balance new games are created with (configs/balance.yaml overlaid with runtime configuration). */
    readonly balance: () => Promise<Balance>;
  }
}

const DifficultyEnum = builder.enumType('Difficulty', { values: DIFFICULTIES });
const TowerTypeEnum = builder.enumType('TowerType', { values: TOWER_TYPES });
const GameStatusEnum = builder.enumType('GameStatus', { values: ['LOBBY', 'ACTIVE', 'ENDED'] as const });
const GameResultEnum = builder.enumType('GameResult', { values: ['VICTORY', 'DEFEAT', 'ABANDONED', 'FORFEIT'] as const });
const MatchStatusEnum = builder.enumType('MatchRequestStatus', { values: ['WAITING', 'MATCHED', 'CANCELLED'] as const });

const CellRef = builder.simpleObject('Cell', { fields: (t) => ({ x: t.int(), y: t.int() }) });
const GameMapRef = builder.simpleObject('GameMap', {
  fields: (t) => ({ id: t.id(), name: t.string(), width: t.int(), height: t.int(), path: t.field({ type: [CellRef], description: 'The cells enemies walk, in order.' }) }),
});
const GamePlayerRef = builder.objectRef<GamePlayerView>('GamePlayer').implement({
  fields: (t) => ({ userId: t.exposeID('userId'), username: t.exposeString('username'), gold: t.exposeInt('gold'), towersPlaced: t.exposeInt('towersPlaced') }),
});
const TowerRef = builder.objectRef<TowerView>('Tower').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    towerType: t.field({ type: TowerTypeEnum, resolve: (tw) => tw.towerType }),
    x: t.exposeInt('x'),
    y: t.exposeInt('y'),
    ownerId: t.exposeID('ownerId'),
  }),
});
const WaveReportRef = builder.simpleObject('WaveReport', {
  fields: (t) => ({ wave: t.int(), enemies: t.int(), kills: t.int(), leaked: t.int(), goldEarned: t.int(), scoreGained: t.int() }),
});

export const GameSessionRef = builder.objectRef<GameSessionView>('GameSession').implement({
  description: 'A cooperative game: lobby → active (after the first wave) → ended.',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.field({ type: GameStatusEnum, resolve: (g) => g.status }),
    difficulty: t.field({ type: DifficultyEnum, resolve: (g) => g.difficulty }),
    maxPlayers: t.exposeInt('maxPlayers'),
    hostId: t.exposeID('hostId'),
    players: t.field({ type: [GamePlayerRef], resolve: (g) => [...g.players] }),
    towers: t.field({ type: [TowerRef], resolve: (g) => [...g.towers] }),
    currentWave: t.exposeInt('currentWave', { description: 'Waves played so far (0 in the lobby).' }),
    totalWaves: t.exposeInt('totalWaves', { description: 'Surviving this wave wins the game.' }),
    lives: t.exposeInt('lives'),
    score: t.exposeInt('score'),
    version: t.exposeInt('version', { description: 'The event version this view reflects (resume subscriptions after it).' }),
    createdAt: t.field({ type: 'DateTime', resolve: (g) => g.createdAt }),
    endedAt: t.field({ type: 'DateTime', nullable: true, resolve: (g) => g.endedAt }),
    map: t.field({ type: GameMapRef, resolve: (g) => ({ ...g.map, path: [...g.map.path] }) }),
    result: t.field({ type: GameResultEnum, nullable: true, resolve: (g) => g.result }),
    lastWave: t.field({ type: WaveReportRef, nullable: true, resolve: (g) => g.lastWave }),
  }),
});

const TowerSpecialEnum = builder.enumType('TowerSpecialKind', { values: ['NONE', 'SPLASH', 'SLOW'] as const });
const TowerTypeSpecRef = builder.objectRef<{ readonly towerType: TowerType } & TowerSpec>('TowerTypeSpec').implement({
  description: 'What a tower type costs and does, as new games get it.',
  fields: (t) => ({
    towerType: t.field({ type: TowerTypeEnum, resolve: (s) => s.towerType }),
    cost: t.exposeInt('cost'),
    range: t.exposeInt('range', { description: 'Euclidean radius in cells.' }),
    damage: t.exposeInt('damage'),
    fireRate: t.exposeInt('fireRate', { description: 'Shots per 10 ticks.' }),
    special: t.field({ type: TowerSpecialEnum, resolve: (s) => (s.special.kind === 'none' ? 'NONE' : s.special.kind === 'splash' ? 'SPLASH' : 'SLOW') }),
  }),
});
const GameCatalogRef = builder.objectRef<Balance>('GameCatalog').implement({
  description: 'What a new game can be created with: its maps and tower types, startingGold and waves (the balance in force now; a running game keeps the one it was created with).',
  fields: (t) => ({
    maps: t.field({
      type: [GameMapRef],
      description: 'The default map first.',
      resolve: (b) =>
        Object.entries(b.maps)
          .sort(([, a], [, c]) => Number(c.default === true) - Number(a.default === true))
          .map(([id, m]) => ({ id, name: m.name, width: m.width, height: m.height, path: [...m.path] })),
    }),
    towerTypes: t.field({
      type: [TowerTypeSpecRef],
      resolve: (b) => TOWER_TYPES.flatMap((towerType) => {
        const spec = b.towers[towerType];
        return spec ? [{ towerType, ...spec }] : [];
      }),
    }),
    startingGold: t.int({ resolve: (b) => b.game.startingGold }),
    startingLives: t.int({ resolve: (b) => b.game.startingLives }),
    waves: t.int({ resolve: (b) => b.game.waves }),
  }),
});

const PlayerStatsRef = builder.objectRef<PlayerStatsView>('PlayerStats').implement({
  fields: (t) => ({
    userId: t.exposeID('userId'),
    username: t.exposeString('username'),
    gamesPlayed: t.exposeInt('gamesPlayed'),
    wins: t.exposeInt('wins'),
    losses: t.exposeInt('losses'),
    highestWave: t.exposeInt('highestWave'),
    towersPlaced: t.exposeInt('towersPlaced'),
    totalScore: t.exposeInt('totalScore'),
    experience: t.exposeInt('experience'),
    level: t.exposeInt('level'),
  }),
});

const MatchRequestRef = builder.objectRef<MatchRequestView>('MatchRequest').implement({
  fields: (t) => ({
    difficulty: t.field({ type: DifficultyEnum, resolve: (m) => m.difficulty }),
    status: t.field({ type: MatchStatusEnum, resolve: (m) => m.status }),
    requestedAt: t.field({ type: 'DateTime', resolve: (m) => m.requestedAt }),
    matchId: t.id({ nullable: true, resolve: (m) => m.matchId }),
    gameSession: t.field({
      type: GameSessionRef,
      nullable: true,
      resolve: (m, _a, ctx) => (m.sessionId ? ctx.services.gameSessions(m.sessionId) : null),
    }),
  }),
});

const GameEventRef = builder.objectRef<EventEnvelope>('GameEvent').implement({
  description: 'One event of a game session, in version order.',
  fields: (t) => ({
    eventId: t.exposeID('eventId'),
    eventType: t.exposeString('eventType'),
    version: t.int({ resolve: (e) => e.aggregateVersion }),
    occurredAt: t.field({ type: 'DateTime', resolve: (e) => e.createdAt }),
    data: t.field({
      type: 'JSON',
      description: 'The event\'s fields. GameEnded.reason, when its ender wrote it, is opened here: null once they were forgotten (docs/privacy.md).',
      // Depends on the event only (never the viewer): shared executions of one game stay valid.
      resolve: async (e, _args, ctx) => {
        const data = e.data as Record<string, unknown>;
        if (e.eventType !== 'GameEnded' || !ctx.services.vault.isSealed(data.reason)) return e.data;
        return { ...data, reason: await ctx.services.vault.open(data.reason as string) };
      },
    }),
  }),
});

const loadSession = async (ctx: Context, id: string): Promise<GameSessionView> => {
  const session = await ctx.services.gameSessions(id);
  if (!session) throw new NotFoundError(`Game session ${id} not found`);
  return session;
};

builder.queryFields((t) => ({
  gameSession: t.field({
    type: GameSessionRef,
    nullable: true,
    args: {
      id: t.arg.id({ required: true }),
      atVersion: t.arg.int({ required: false, description: 'Time travel: the game right after this version (members and admins only).' }),
      at: t.arg({ type: 'DateTime', required: false, description: 'Time travel: the game as it was at this instant (members and admins only; null before it was created).' }),
    },
    description:
      'The game as its last committed command left it (the inline projection: current right after a mutation). With atVersion or at, the game as it was then, rebuilt from its events (never from read models).',
    resolve: async (_r, { id, atVersion, at }, ctx) => {
      const sessionId = String(id);
      if ((atVersion === null || atVersion === undefined) && (at === null || at === undefined)) return ctx.services.gameSessions(sessionId);
      if (!ctx.viewer) throw new UnauthenticatedError();
      // Players never leave a game, so today's members are everyone who was ever in it.
      const now = await loadSession(ctx, sessionId);
      if (!now.players.some((p) => p.userId === ctx.viewer?.userId) && !isAdminViewer(ctx.viewer)) throw new ForbiddenError('Only players of this session (and admins) can see its past');
      return ctx.services.gameSessionAt(sessionId, { version: atVersion ?? null, at: at ? new Date(at).toISOString() : null });
    },
  }),
  activeGameSessions: t.connection(
    {
      type: GameSessionRef,
      description: 'Sessions in the lobby or active, newest first (forward pagination: first/after).',
      resolve: async (_r, args, ctx) => {
        if (args.last !== null && args.last !== undefined) throw ValidationError.field('last', 'Only forward pagination (first/after) is supported');
        if (args.before) throw ValidationError.field('before', 'Only forward pagination (first/after) is supported');
        return toConnection(
          await ctx.services.readStore.query<GameSessionView>(GAME_SESSIONS, {
            where: { active: 'yes' },
            orderBy: 'createdAt',
            direction: 'DESC',
            first: pageSize(args.first),
            after: args.after ?? null,
          }),
        );
      },
    },
    { name: 'GameSessionConnection' },
    { name: 'GameSessionEdge' },
  ),
  player: t.field({
    type: PlayerStatsRef,
    nullable: true,
    args: { userId: t.arg.id({ required: true }) },
    resolve: (_r, { userId }, ctx) => ctx.services.readStore.get<PlayerStatsView>(PLAYER_STATS, String(userId)),
  }),
  leaderboard: t.field({
    type: [PlayerStatsRef],
    description: 'Players by total score, best first.',
    args: { first: t.arg.int({ required: false }) },
    resolve: async (_r, { first }, ctx) =>
      [...(await ctx.services.readStore.query<PlayerStatsView>(PLAYER_STATS, { orderBy: 'totalScore', direction: 'DESC', first: pageSize(first ?? 10) })).items],
  }),
  gameCatalog: t.field({
    type: GameCatalogRef,
    description: 'Maps and tower types for new games (public: a client draws its create form and tower palette from it).',
    resolve: (_r, _a, ctx) => ctx.services.balance(),
  }),
  myMatchRequest: t.field({
    type: MatchRequestRef,
    nullable: true,
    authScopes: { authenticated: true },
    resolve: (_r, _a, ctx) => ctx.services.readStore.get<MatchRequestView>(MATCH_REQUESTS, ctx.viewer?.userId ?? ''),
  }),
}));

// ── mutations ─────────────────────────────────────────────────────────────────────────────────
const IDEMPOTENCY = 'Retrying with the same key returns the first result instead of running the command again.';
const DRY_RUN =
  'Decide against the current state and answer with the events the command would append (dryRunEvents) and the resulting game, appending, publishing and remembering nothing. Refused exactly as the real command would be.';
const sessionInput = (name: string) =>
  builder.inputType(name, {
    fields: (t) => ({
      sessionId: t.id({ required: true }),
      idempotencyKey: t.string({ required: false, description: IDEMPOTENCY }),
      dryRun: t.boolean({ required: false, description: DRY_RUN }),
    }),
  });
const DRY_RUN_EVENTS = 'With dryRun: the events the command would have appended, in order (nothing was stored). Null for a real run.';
const GameSessionSuccess = (name: string) =>
  builder.simpleObject(name, {
    fields: (t) => ({ gameSession: t.field({ type: GameSessionRef }), dryRunEvents: t.field({ type: [GameEventRef], nullable: true, description: DRY_RUN_EVENTS }) }),
  });
/** The success payload: the committed (or, dry, the would-be) answer, plus the events of a dry run. */
const answered = <O extends object>(committed: Committed<O>) => ({ ...committed.output, dryRunEvents: committed.dryRun ? [...committed.events] : null });
const payload = (name: string) => ({ types: commandErrors, directResult: true as const, union: { name: `${name}Payload` } });

const CreateGameSessionInput = builder.inputType('CreateGameSessionInput', {
  fields: (t) => ({
    difficulty: t.field({ type: DifficultyEnum, required: true }),
    maxPlayers: t.int({ required: true, description: '1–4.' }),
    map: t.id({ required: false, description: 'A map id from the balance configuration; default map when omitted.' }),
    idempotencyKey: t.string({ required: false, description: IDEMPOTENCY }),
    dryRun: t.boolean({ required: false, description: DRY_RUN }),
  }),
});
const PlaceTowerInput = builder.inputType('PlaceTowerInput', {
  fields: (t) => ({
    sessionId: t.id({ required: true }),
    towerType: t.field({ type: TowerTypeEnum, required: true }),
    x: t.int({ required: true }),
    y: t.int({ required: true }),
    idempotencyKey: t.string({ required: false }),
    dryRun: t.boolean({ required: false, description: DRY_RUN }),
  }),
});
const EndGameInput = builder.inputType('EndGameInput', {
  fields: (t) => ({
    sessionId: t.id({ required: true }),
    reason: t.string({ required: false, description: 'Free text, kept in the GameEnded event.' }),
    idempotencyKey: t.string({ required: false, description: IDEMPOTENCY }),
    dryRun: t.boolean({ required: false, description: DRY_RUN }),
  }),
});
const RequestMatchInput = builder.inputType('RequestMatchInput', {
  fields: (t) => ({ difficulty: t.field({ type: DifficultyEnum, required: true }), idempotencyKey: t.string({ required: false, description: IDEMPOTENCY }) }),
});
const CancelMatchRequestInput = builder.inputType('CancelMatchRequestInput', {
  fields: (t) => ({
    difficulty: t.field({ type: DifficultyEnum, required: false, description: 'Defaults to the queue you wait in.' }),
    idempotencyKey: t.string({ required: false, description: IDEMPOTENCY }),
  }),
});

const PlaceTowerSuccess = builder.simpleObject('PlaceTowerSuccess', {
  fields: (t) => ({
    gameSession: t.field({ type: GameSessionRef }),
    tower: t.field({ type: TowerRef }),
    dryRunEvents: t.field({ type: [GameEventRef], nullable: true, description: DRY_RUN_EVENTS }),
  }),
});
const MatchRequestSuccess = (name: string) => builder.simpleObject(name, { fields: (t) => ({ matchRequest: t.field({ type: MatchRequestRef }) }) });

const loadMatchRequest = async (ctx: Context): Promise<MatchRequestView> => {
  const request = await ctx.services.readStore.get<MatchRequestView>(MATCH_REQUESTS, ctx.viewer?.userId ?? '');
  if (!request) throw new NotFoundError('No match request');
  return request;
};

const inputData = <I extends { idempotencyKey?: string | null; dryRun?: boolean | null }>({ idempotencyKey: _key, dryRun: _dry, ...data }: I) => data;

// Game-session commands answer from their commit (the inline projection): no wait, no read back.
builder.mutationFields((t) => ({
  createGameSession: t.field({
    type: GameSessionSuccess('CreateGameSessionSuccess'),
    errors: payload('CreateGameSession'),
    args: { input: t.arg({ type: CreateGameSessionInput, required: true }) },
    resolve: async (_r, { input: { map, ...input } }, ctx) =>
      answered(await mutate(ctx, gameCommands.createGameSession, { ...inputData(input), mapId: map === null || map === undefined ? null : String(map) }, input)),
  }),
  joinGameSession: t.field({
    type: GameSessionSuccess('JoinGameSessionSuccess'),
    errors: payload('JoinGameSession'),
    args: { input: t.arg({ type: sessionInput('JoinGameSessionInput'), required: true }) },
    resolve: async (_r, { input }, ctx) => answered(await mutate(ctx, gameCommands.joinGameSession, { sessionId: String(input.sessionId) }, input)),
  }),
  placeTower: t.field({
    type: PlaceTowerSuccess,
    errors: payload('PlaceTower'),
    args: { input: t.arg({ type: PlaceTowerInput, required: true }) },
    resolve: async (_r, { input }, ctx) => answered(await mutate(ctx, gameCommands.placeTower, { ...inputData(input), sessionId: String(input.sessionId) }, input)),
  }),
  startWave: t.field({
    type: GameSessionSuccess('StartWaveSuccess'),
    errors: payload('StartWave'),
    args: { input: t.arg({ type: sessionInput('StartWaveInput'), required: true }) },
    resolve: async (_r, { input }, ctx) => answered(await mutate(ctx, gameCommands.startWave, { sessionId: String(input.sessionId) }, input)),
  }),
  endGame: t.field({
    type: GameSessionSuccess('EndGameSuccess'),
    errors: payload('EndGame'),
    args: { input: t.arg({ type: EndGameInput, required: true }) },
    resolve: async (_r, { input }, ctx) => answered(await mutate(ctx, gameCommands.endGame, { sessionId: String(input.sessionId), reason: input.reason ?? null }, input)),
  }),
  requestMatch: t.field({
    type: MatchRequestSuccess('RequestMatchSuccess'),
    errors: payload('RequestMatch'),
    args: { input: t.arg({ type: RequestMatchInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      await mutate(ctx, gameCommands.requestMatch, { difficulty: input.difficulty }, input);
      return { matchRequest: await loadMatchRequest(ctx) };
    },
  }),
  cancelMatchRequest: t.field({
    type: MatchRequestSuccess('CancelMatchRequestSuccess'),
    errors: payload('CancelMatchRequest'),
    args: { input: t.arg({ type: CancelMatchRequestInput, required: false }) },
    resolve: async (_r, { input }, ctx) => {
      await mutate(ctx, gameCommands.cancelMatchRequest, { difficulty: input?.difficulty ?? null }, { idempotencyKey: input?.idempotencyKey });
      return { matchRequest: await loadMatchRequest(ctx) };
    },
  }),
}));

// ── subscriptions ─────────────────────────────────────────────────────────────────────────────
builder.subscriptionFields((t) => ({
  gameSessionEvents: t.field({
    type: GameEventRef,
    description:
      'Every event of a session, in order. Pass the last version you saw to first receive what you missed. Any signed-in user may follow a game (players and spectators); anonymous clients see the lobby and game views but cannot open event streams.',
    args: { sessionId: t.arg.id({ required: true }), afterVersion: t.arg.int({ required: false }) },
    // A GameEvent's fields read only the event: subscribers of one game share each execution.
    extensions: { sharedExecution: true },
    // Checks first, then hand over the stream itself: no generator stays in between, so closing is immediate.
    subscribe: async (_r, { sessionId, afterVersion }, ctx) => {
      // Games are public to watch (docs/security.md, "Spectating"): signed in is enough; a stream
      // costs the server, so it needs an accountable caller. Unknown ids are NOT_FOUND.
      if (!ctx.viewer) throw new UnauthenticatedError();
      await loadSession(ctx, String(sessionId));
      return ctx.services.liveStreams.follow({ aggregateType: 'game_session', aggregateId: String(sessionId) }, afterVersion ?? null);
    },
    resolve: (event) => event,
  }),
  replayGame: t.field({
    type: GameEventRef,
    description:
      'A finished game, event by event, at its original pace divided by `speed` (0.1–100, default 1; pauses capped by replay.maxGapMs). Ends after the last event. Members and admins only; a few replays at a time per user, counted across every API node (replay.maxConcurrentPerUser).',
    args: { id: t.arg.id({ required: true }), speed: t.arg.float({ required: false, description: '0.1–100; 2 = twice as fast.' }) },
    subscribe: async (_r, { id, speed }, ctx) => {
      if (!ctx.viewer) throw new UnauthenticatedError();
      const pace = checkSpeed(speed ?? 1);
      const session = await loadSession(ctx, String(id));
      const member = session.players.some((p) => p.userId === ctx.viewer?.userId);
      if (!member && !isAdminViewer(ctx.viewer)) throw new ForbiddenError('Only players of this session (and admins) can replay it');
      if (session.status !== 'ENDED') throw new RuleBrokenError('GAME_NOT_FINISHED', 'Only a finished game can be replayed; follow a running one with gameSessionEvents');
      return ctx.services.replays.start(ctx.viewer.userId, ctx.services.eventStore, { aggregateType: 'game_session', aggregateId: session.id }, session.version, pace);
    },
    resolve: (event) => event,
  }),
  activeGameSessionsChanged: t.field({
    type: GameSessionRef,
    description: 'A session was created or changed (including when it ends and leaves the active list).',
    subscribe: (_r, _a, ctx) => liveEvents(ctx.services.live, { aggregateType: 'game_session' }, (event) => ctx.services.gameSessions(event.aggregateId)),
    resolve: (view) => view,
  }),
}));
