/**
 * The only place core errors become GraphQL: as union members of mutation payloads (the Pothos
 * errors plugin catches them by class), or — anywhere else — as top-level errors with a stable
 * `extensions.code`. Everything that is not an AppError is masked.
 */
import { GraphQLError } from 'graphql';
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

/** The error types any command can produce; add context-specific ones per mutation when needed. */
export const commandErrors = [ValidationError, NotFoundError, ConflictError, UnauthenticatedError, ForbiddenError, RuleBrokenError, RateLimitedError];

const codes: Record<AppError['kind'], string> = {
  Validation: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  RuleBroken: 'DOMAIN_RULE',
  RateLimited: 'RATE_LIMITED',
  Timeout: 'TIMEOUT',
};

/** Top-level error for an AppError outside a payload union (queries, subscriptions). */
export const toGraphQLError = (error: AppError, path?: readonly (string | number)[]): GraphQLError => {
  const extensions: Record<string, unknown> = { code: codes[error.kind] };
  if (error instanceof ValidationError) extensions.fieldErrors = error.fieldErrors;
  if (error instanceof RuleBrokenError) extensions.reason = error.code;
  if (error instanceof ConflictError) Object.assign(extensions, { expectedVersion: error.expectedVersion, actualVersion: error.actualVersion });
  if (error instanceof RateLimitedError) extensions.retryAfterSeconds = error.retryAfterSeconds;
  if (error instanceof TimeoutError) extensions.code = 'TIMEOUT';
  return createGraphQLError(error.message, { extensions, ...(path ? { path } : {}) });
};

/**
 * Yoga's maskError: typed errors keep their message and get a code; GraphQL validation/syntax
 * errors pass; anything else becomes "Unexpected error." (logged with the request id by the caller).
 */
export const maskError = (error: unknown, message: string, onUnexpected: (error: unknown) => void): Error => {
  const graphqlError = isGraphQLError(error) ? error : null;
  const original = graphqlError ? (graphqlError.originalError ?? graphqlError) : error;
  if (isAppError(original)) return toGraphQLError(original, graphqlError?.path);
  if (graphqlError && !graphqlError.originalError) return graphqlError; // parse/validation/limit errors are the client's
  if (graphqlError && isGraphQLError(graphqlError.originalError) && graphqlError.originalError.extensions?.code) return graphqlError.originalError;
  onUnexpected(original);
  return createGraphQLError(message, {
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
    ...(graphqlError?.path ? { path: graphqlError.path } : {}),
  });
};

/**
 * By name as well as by class: plugins may carry their own copy of graphql (ESM vs CJS build),
 * whose GraphQLError is a different class — the client's mistake must not be masked as ours.
 */
const isGraphQLError = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError || (error instanceof Error && error.name === 'GraphQLError' && 'extensions' in error);
