/**
 * The only place core errors become GraphQL: as union members of mutation payloads (the Pothos
 * errors plugin catches them by class), or — anywhere else — as top-level errors with a stable
 * `extensions.code`. Everything that is not an AppError is masked.
 */
import { getNamedType, GraphQLError, isInputObjectType, type GraphQLNamedType, type GraphQLSchema, type TypeNode, type VariableDefinitionNode } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import {
  type AppError,
  ConflictError,
  ForbiddenError,
  isAppError,
  NotFoundError,
  RateLimitedError,
  RuleBrokenError,
  TimeoutError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from '../core/errors.js';
import { builder } from './builder.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Every error a mutation can return implements this interface.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

const FieldErrorRef = builder.objectRef<{ field: string; message: string }>('FieldError').implement({
  description: 'A problem with one input field. `field` is the input field name (dotted for nested fields).',
  fields: (t) => ({ field: t.exposeString('field'), message: t.exposeString('message') }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was malformed; `fieldErrors` says what is wrong with which field.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ fieldErrors: t.field({ type: [FieldErrorRef], resolve: (e) => [...e.fieldErrors] }) }),
});
builder.objectType(NotFoundError, { name: 'NotFoundError', interfaces: [ErrorInterface], description: 'The target does not exist (or is not visible to you).' });
builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'Optimistic concurrency: the target changed since the version you expected. Re-read and retry.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    expectedVersion: t.int({ nullable: true, resolve: (e) => e.expectedVersion }),
    actualVersion: t.int({ nullable: true, resolve: (e) => e.actualVersion }),
  }),
});
builder.objectType(UnauthenticatedError, { name: 'UnauthenticatedError', interfaces: [ErrorInterface], description: 'No valid access token was sent.' });
builder.objectType(ForbiddenError, { name: 'ForbiddenError', interfaces: [ErrorInterface], description: 'You are authenticated but not allowed to do this.' });
builder.objectType(RuleBrokenError, {
  name: 'DomainError',
  description: 'A business rule said no. `code` is stable (e.g. CELL_OCCUPIED, INSUFFICIENT_GOLD); switch on it.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ code: t.exposeString('code') }),
});
builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  description: 'Too many attempts; retry after `retryAfterSeconds`.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds') }),
});

builder.objectType(UnavailableError, {
  name: 'UnavailableError',
  description:
    'Storage cannot serve the command now (unreachable, out of memory, failing over) or did not confirm its durability in time. ' +
    'Retry after `retryAfterMs` with the same idempotency key: a command that was applied is answered, not run twice. ' +
    '`code`: STORAGE_UNREACHABLE, STORAGE_FULL, CLUSTER_RECONFIGURING or DURABILITY_TIMEOUT.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    code: t.exposeString('reason'),
    retryAfterMs: t.int({ nullable: true, resolve: (e) => e.retryAfterMs }),
  }),
});

/** The error types any command can produce; add context-specific ones per mutation when needed. */
export const commandErrors = [ValidationError, NotFoundError, ConflictError, UnauthenticatedError, ForbiddenError, RuleBrokenError, RateLimitedError, UnavailableError];

const codes: Record<AppError['kind'], string> = {
  Validation: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  RuleBroken: 'DOMAIN_RULE',
  RateLimited: 'RATE_LIMITED',
  Timeout: 'TIMEOUT',
  Unavailable: 'UNAVAILABLE',
};

/** The GraphQL error type of each kind: what a payload union would have returned (a timeout has none). */
const typeNames: Partial<Record<AppError['kind'], string>> = {
  Validation: 'ValidationError',
  NotFound: 'NotFoundError',
  Conflict: 'ConflictError',
  Unauthenticated: 'UnauthenticatedError',
  Forbidden: 'ForbiddenError',
  RuleBroken: 'DomainError',
  RateLimited: 'RateLimitedError',
};

/**
 * Top-level error for an AppError outside a payload union (queries, subscriptions): `code` as
 * everywhere, and `type`, the error type a mutation would have returned in its union
 * (`ForbiddenError`…), so a client handles both places by one name.
 */
export const toGraphQLError = (error: AppError, path?: readonly (string | number)[]): GraphQLError => {
  const extensions: Record<string, unknown> = { code: codes[error.kind], ...(typeNames[error.kind] ? { type: typeNames[error.kind] } : {}) };
  if (error instanceof ValidationError) extensions.fieldErrors = error.fieldErrors;
  if (error instanceof RuleBrokenError) extensions.reason = error.code;
  if (error instanceof ConflictError) Object.assign(extensions, { expectedVersion: error.expectedVersion, actualVersion: error.actualVersion });
  if (error instanceof RateLimitedError) extensions.retryAfterSeconds = error.retryAfterSeconds;
  if (error instanceof TimeoutError) extensions.code = 'TIMEOUT';
  if (error instanceof UnavailableError) Object.assign(extensions, { reason: error.reason, retryAfterMs: error.retryAfterMs });
  return createGraphQLError(error.message, { extensions, ...(path ? { path } : {}) });
};

/** Field and variable names whose values never appear in a message or a log line. */
const SENSITIVE = /password|secret|token|email/i;

export interface MaskOptions {
  /** The schema, to tell which variables carry secrets (input types with a password/token field). */
  readonly schema?: GraphQLSchema;
  /** An error the client caused (bad token, invalid variables, parse/validation…): an info line, not an incident. */
  readonly onClientError?: (error: GraphQLError) => void;
  /** Anything else: logged at error level with its stack, and masked. */
  readonly onUnexpected: (error: unknown) => void;
  /** Storage failures outside commands (authentication, queries): typed UNAVAILABLE instead of masked. */
  readonly classify?: (error: unknown) => UnavailableError | null;
  /** Told once per storage failure turned into UNAVAILABLE (one warn line, no stack). */
  readonly onUnavailable?: (error: UnavailableError, raw: unknown) => void;
}

/**
 * Yoga's maskError. Typed errors keep their message and get a code; request errors (syntax,
 * validation, variable coercion, limits, CSRF…) are the client's and pass with graphql-js's own
 * message — variables carrying secrets redacted, see {@link redactVariableError}; anything else
 * becomes "Unexpected error.".
 */
export const maskError = (error: unknown, message: string, options: MaskOptions): Error => {
  const client = (e: GraphQLError): GraphQLError => (options.onClientError?.(e), e);
  const graphqlError = isGraphQLError(error) ? error : null;
  const original = graphqlError ? (graphqlError.originalError ?? graphqlError) : error;
  if (isAppError(original)) return client(toGraphQLError(original, graphqlError?.path));
  if (graphqlError && isVariableError(graphqlError)) return client(redactVariableError(graphqlError, options.schema));
  // Outside execution (no path) with a 4xx status: a request error (Yoga's parser, CSRF, persisted operations…).
  if (graphqlError && !graphqlError.path && isClientStatus(graphqlError)) return client(graphqlError);
  if (graphqlError && !graphqlError.originalError) return client(graphqlError); // parse/validation/limit errors are the client's
  if (graphqlError && isGraphQLError(graphqlError.originalError) && graphqlError.originalError.extensions?.code) return client(graphqlError.originalError);
  const unavailable = options.classify?.(original) ?? null;
  if (unavailable) {
    options.onUnavailable?.(unavailable, original);
    return toGraphQLError(unavailable, graphqlError?.path);
  }
  options.onUnexpected(original);
  return createGraphQLError(message, {
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
    ...(graphqlError?.path ? { path: graphqlError.path } : {}),
  });
};

const httpStatus = (error: GraphQLError): number | undefined => (error.extensions?.http as { status?: unknown } | undefined)?.status as number | undefined;
const isClientStatus = (error: GraphQLError): boolean => {
  const status = httpStatus(error);
  return typeof status === 'number' && status >= 400 && status < 500;
};

/** graphql-js/graphql-tools variable coercion: located at the operation's variable definition, before execution. */
const isVariableError = (error: GraphQLError): boolean => !error.path && error.nodes?.[0]?.kind === 'VariableDefinition';

/** Whether values of this input type may hold a secret (a password/token/secret/email field, at any depth). */
const holdsSecrets = (type: GraphQLNamedType | undefined | null, seen = new Set<string>()): boolean => {
  if (!type || !isInputObjectType(type) || seen.has(type.name)) return false;
  seen.add(type.name);
  return Object.values(type.getFields()).some((field) => SENSITIVE.test(field.name) || holdsSecrets(getNamedType(field.type), seen));
};

const namedTypeName = (node: TypeNode): string => (node.kind === 'NamedType' ? node.name.value : namedTypeName(node.type));

/**
 * A variable coercion error as the client should see it: graphql-js's message, code
 * BAD_USER_INPUT, HTTP 400 under application/graphql-response+json (200 under legacy
 * application/json, as the GraphQL-over-HTTP spec says). graphql-js prints the offending value
 * (`Variable "$i" got invalid value { login: "bob", password: "…" }; Field "x" is not defined…`):
 * for a variable whose type can hold a secret, the value is replaced by [redacted] unless it is a
 * non-secret leaf (`… got invalid value "NOPE" at "i.towerType"`), so neither the response nor
 * the log echoes a password or a refresh token.
 */
export const redactVariableError = (error: GraphQLError, schema?: GraphQLSchema): GraphQLError => {
  const definition = error.nodes?.[0] as VariableDefinitionNode;
  const name = definition.variable.name.value;
  const sensitive = SENSITIVE.test(name) || holdsSecrets(schema?.getType(namedTypeName(definition.type)));
  const text = sensitive ? redactedMessage(error, name) : error.message;
  return createGraphQLError(text, {
    nodes: error.nodes,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', http: { ...(error.extensions?.http as object | undefined), status: 400, spec: true } },
  });
};

const redactedMessage = (error: GraphQLError, name: string): string => {
  const prefix = `Variable "$${name}" got invalid value `;
  if (!error.message.startsWith(prefix)) return error.message; // "…was not provided", "…must not be null": no value in it
  const reason = error.originalError?.message;
  const rest = error.message.slice(prefix.length);
  if (!reason || !rest.endsWith(`; ${reason}`)) return `${prefix}[redacted]`;
  const shown = rest.slice(0, -(reason.length + 2));
  const at = / at "([^"]*)"$/.exec(shown);
  const value = at ? shown.slice(0, at.index) : shown;
  const leaf = at?.[1]?.split('.').pop() ?? '';
  // A scalar at a non-secret field ("NOPE" at "i.towerType") stays: it is what the client needs to see.
  const secretLeaf = !at || SENSITIVE.test(leaf);
  const keepValue = !secretLeaf && !/^[[{]/.test(value);
  const why = secretLeaf ? reason.replace(/: [\s\S]*$/, ': [redacted]') : reason;
  return `${prefix}${keepValue ? value : '[redacted]'}${at ? at[0] : ''}; ${why}`;
};

/**
 * By name as well as by class: plugins may carry their own copy of graphql (ESM vs CJS build),
 * whose GraphQLError is a different class — the client's mistake must not be masked as ours.
 */
export const isGraphQLError = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError || (error instanceof Error && error.name === 'GraphQLError' && 'extensions' in error);
