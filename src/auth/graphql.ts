/**
 * Auth over GraphQL: User and Session types, me / user(id), and the four auth mutations.
 * Resolvers are thin: build the command, send it (graphql/commands.ts `mutate`), read the answer.
 */
import { NotFoundError } from '../core/errors.js';
import { builder } from '../graphql/builder.js';
import { mutate } from '../graphql/commands.js';
import { isAdminViewer, type Context } from '../graphql/context.js';
import { commandErrors } from '../graphql/errors.js';
import { authCommands } from './commands.js';
import { SESSIONS, USERS, type SessionView, type UserView } from './projections.js';
import type { PersonalDataVault } from '../core/ports.js';

declare module '../graphql/context.js' {
  interface AppServices {
    /** Opens sealed personal data (emails) for the callers allowed to see it. */
    readonly vault: PersonalDataVault;
  }
}

const RoleEnum = builder.enumType('Role', { values: ['PLAYER', 'ADMIN'] as const });
const UserStatusEnum = builder.enumType('UserStatus', { values: ['ACTIVE', 'LOCKED', 'FORGOTTEN'] as const });
const SessionStatusEnum = builder.enumType('SessionStatus', { values: ['ACTIVE', 'LOGGED_OUT', 'REVOKED', 'EXPIRED'] as const });

/**
 * A user as shown to a caller. `own` marks the account the caller just registered or signed in as
 * (no viewer yet in that request): the private fields are theirs to see.
 */
type ShownUser = UserView & { readonly own?: true };
const isSelfOrAdmin = (ctx: Context, user: ShownUser) => user.own === true || ctx.viewer?.userId === user.id || isAdminViewer(ctx.viewer);

export const UserRef = builder.objectRef<ShownUser>('User').implement({
  description: 'A player or operator account.',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    email: t.string({
      nullable: true,
      description: 'Visible to the user and to admins only (null for everyone else, and once the user is forgotten).',
      // Stored sealed: opened here, for those who may see it (null when the user\'s key is destroyed).
      resolve: (u, _args, ctx) => (isSelfOrAdmin(ctx, u) ? ctx.services.vault.open(u.email) : null),
    }),
    emailVerified: t.boolean({
      nullable: true,
      description: 'Whether the email is proven (verifyEmail); until then it cannot be used to sign in. The user and admins only.',
      resolve: (u, _args, ctx) => (isSelfOrAdmin(ctx, u) ? u.emailVerified !== false : null),
    }),
    roles: t.field({
      type: [RoleEnum],
      nullable: true,
      description: 'Visible to the user and to admins only (null for everyone else: who is an admin is not public).',
      resolve: (u, _args, ctx) => (isSelfOrAdmin(ctx, u) ? [...u.roles] : null),
    }),
    status: t.field({
      type: UserStatusEnum,
      nullable: true,
      description: 'Visible to the user and to admins only (null for everyone else).',
      resolve: (u, _args, ctx) => (isSelfOrAdmin(ctx, u) ? u.status : null),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (u) => u.createdAt }),
    lastLoginAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Visible to the user and to admins only (null for everyone else).',
      resolve: (u, _args, ctx) => (isSelfOrAdmin(ctx, u) ? u.lastLoginAt : null),
    }),
  }),
});

export const SessionRef = builder.objectRef<SessionView>('Session').implement({
  description: 'A login session: its refresh token rotates; logout or token theft ends it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    userId: t.exposeID('userId'),
    status: t.field({ type: SessionStatusEnum, resolve: (s) => s.status }),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
    expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.expiresAt }),
  }),
});

const loadSession = async (ctx: Context, id: string): Promise<SessionView> => {
  const session = await ctx.services.readStore.get<SessionView>(SESSIONS, id);
  if (!session) throw new NotFoundError(`Session ${id} not found`);
  return session;
};

/** The caller's own account, just registered or signed in as. */
const loadOwnUser = async (ctx: Context, id: string): Promise<ShownUser> => {
  const user = await ctx.services.readStore.get<UserView>(USERS, id);
  if (!user) throw new NotFoundError(`User ${id} not found`);
  return { ...user, own: true };
};

builder.queryFields((t) => ({
  me: t.field({
    type: UserRef,
    nullable: true,
    description: 'The authenticated user, or null without a valid access token.',
    resolve: (_root, _args, ctx) => (ctx.viewer ? ctx.services.readStore.get<UserView>(USERS, ctx.viewer.userId) : null),
  }),
  user: t.field({
    type: UserRef,
    nullable: true,
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.services.readStore.get<UserView>(USERS, String(id)),
  }),
}));

// ── registerUser ──────────────────────────────────────────────────────────────────────────────
const RegisterUserInput = builder.inputType('RegisterUserInput', {
  fields: (t) => ({
    username: t.string({ required: true, description: '3–32 characters of A–Z, a–z, 0–9, _ and -; unique ignoring case.' }),
    email: t.string({ required: true }),
    password: t.string({ required: true, description: 'At least 8 characters.' }),
    idempotencyKey: t.string({ required: false, description: 'Retrying with the same key returns the first result.' }),
  }),
});
const RegisterUserSuccess = builder.simpleObject('RegisterUserSuccess', { fields: (t) => ({ user: t.field({ type: UserRef }) }) });

// ── verifyEmail ───────────────────────────────────────────────────────────────────────────────
const VerifyEmailInput = builder.inputType('VerifyEmailInput', {
  fields: (t) => ({ token: t.string({ required: true, description: 'The token from the verification mail.' }) }),
});
const VerifyEmailSuccess = builder.simpleObject('VerifyEmailSuccess', { fields: (t) => ({ user: t.field({ type: UserRef }) }) });

// ── authenticateUser / refreshToken ───────────────────────────────────────────────────────────
const AuthenticateUserInput = builder.inputType('AuthenticateUserInput', {
  fields: (t) => ({ login: t.string({ required: true, description: 'Username or email.' }), password: t.string({ required: true }) }),
});
const AuthenticateUserSuccess = builder.simpleObject('AuthenticateUserSuccess', {
  fields: (t) => ({
    accessToken: t.string({ description: 'Short-lived JWT: send it as `Authorization: Bearer <token>`.' }),
    refreshToken: t.string({ description: 'Single use: refreshToken returns a new one; reusing an old one revokes the session.' }),
    expiresAt: t.field({ type: 'DateTime', description: 'When the access token expires.' }),
    user: t.field({ type: UserRef }),
    session: t.field({ type: SessionRef }),
  }),
});
const RefreshTokenInput = builder.inputType('RefreshTokenInput', { fields: (t) => ({ refreshToken: t.string({ required: true }) }) });
const RefreshTokenSuccess = builder.simpleObject('RefreshTokenSuccess', {
  fields: (t) => ({ accessToken: t.string(), refreshToken: t.string(), expiresAt: t.field({ type: 'DateTime' }) }),
});

// ── logoutUser ────────────────────────────────────────────────────────────────────────────────
const LogoutUserInput = builder.inputType('LogoutUserInput', {
  fields: (t) => ({ sessionId: t.id({ required: false, description: 'Defaults to the current session.' }) }),
});
const LogoutUserSuccess = builder.simpleObject('LogoutUserSuccess', { fields: (t) => ({ sessionId: t.id() }) });

// ── forgetUser ────────────────────────────────────────────────────────────────────────────────
const ForgetUserInput = builder.inputType('ForgetUserInput', {
  fields: (t) => ({
    userId: t.id({ required: true }),
    password: t.string({ required: false, description: 'Your current password when you forget your own account (re-authentication); admins need none.' }),
    idempotencyKey: t.string({ required: false }),
  }),
});
const ForgetUserSuccess = builder.simpleObject('ForgetUserSuccess', {
  description: "The user's data key is destroyed: their personal data in events, snapshots, read models and archives is unreadable for good.",
  fields: (t) => ({
    userId: t.id(),
    forgottenAt: t.field({ type: 'DateTime' }),
    alreadyForgotten: t.boolean({ description: 'An earlier call forgot the user; this one changed nothing that was left.' }),
    user: t.field({ type: UserRef, nullable: true, description: 'The account as it stays: username, roles, status FORGOTTEN, no email.' }),
  }),
});

builder.mutationFields((t) => ({
  registerUser: t.field({
    type: RegisterUserSuccess,
    errors: { types: commandErrors, directResult: true, union: { name: 'RegisterUserPayload' } },
    args: { input: t.arg({ type: RegisterUserInput, required: true }) },
    resolve: async (_root, { input: { idempotencyKey, ...input } }, ctx) => {
      const committed = await mutate(ctx, authCommands.registerUser, { ...input, clientAddress: ctx.clientAddress }, { idempotencyKey, input });
      return { user: await loadOwnUser(ctx, committed.aggregateId) };
    },
  }),
  verifyEmail: t.field({
    type: VerifyEmailSuccess,
    description: 'Proves the email of an account with the token mailed to it at registration; then it can be used to sign in. Verifying twice succeeds.',
    errors: { types: commandErrors, directResult: true, union: { name: 'VerifyEmailPayload' } },
    args: { input: t.arg({ type: VerifyEmailInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const committed = await mutate(ctx, authCommands.verifyEmail, input);
      return { user: await loadOwnUser(ctx, committed.aggregateId) };
    },
  }),
  authenticateUser: t.field({
    type: AuthenticateUserSuccess,
    errors: { types: commandErrors, directResult: true, union: { name: 'AuthenticateUserPayload' } },
    args: { input: t.arg({ type: AuthenticateUserInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { output: issued } = await mutate(ctx, authCommands.authenticateUser, { ...input, clientAddress: ctx.clientAddress });
      return { ...issued, user: await loadOwnUser(ctx, issued.userId), session: await loadSession(ctx, issued.sessionId) };
    },
  }),
  refreshToken: t.field({
    type: RefreshTokenSuccess,
    errors: { types: commandErrors, directResult: true, union: { name: 'RefreshTokenPayload' } },
    args: { input: t.arg({ type: RefreshTokenInput, required: true }) },
    // No read model shows anything a refresh changes, so nothing to wait for.
    resolve: async (_root, { input }, ctx) => (await mutate(ctx, authCommands.refreshToken, input, { settle: false })).output,
  }),
  forgetUser: t.field({
    type: ForgetUserSuccess,
    errors: { types: commandErrors, directResult: true, union: { name: 'ForgetUserPayload' } },
    args: { input: t.arg({ type: ForgetUserInput, required: true }) },
    resolve: async (_root, { input: { idempotencyKey, ...input } }, ctx) => {
      const { output } = await mutate(ctx, authCommands.forgetUser, { userId: String(input.userId), password: input.password ?? null }, { idempotencyKey, input: { userId: input.userId } });
      return { ...output, user: await ctx.services.readStore.get<UserView>(USERS, output.userId) };
    },
  }),
  logoutUser: t.field({
    type: LogoutUserSuccess,
    errors: { types: commandErrors, directResult: true, union: { name: 'LogoutUserPayload' } },
    args: { input: t.arg({ type: LogoutUserInput, required: false }) },
    resolve: async (_root, { input }, ctx) => ({
      sessionId: (await mutate(ctx, authCommands.logoutUser, { sessionId: input?.sessionId ? String(input.sessionId) : null })).aggregateId,
    }),
  }),
}));
