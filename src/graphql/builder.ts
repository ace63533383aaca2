/**
 * The Pothos builder: plugins, Context, scalars and auth scopes. No object types here — each
 * bounded context declares its own in its graphql.ts.
 */
import SchemaBuilder from '@pothos/core';
import { AuthScopeFailureType, type AuthFailure } from '@pothos/plugin-scope-auth';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { DateTimeISOResolver, JSONResolver } from 'graphql-scalars';
import { isAdminViewer, type Context } from './context.js';
import { ForbiddenError, UnauthenticatedError } from '../core/errors.js';

export interface SchemaTypes {
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: { authenticated: boolean; admin: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string | number };
  };
}

export const builder = new SchemaBuilder<SchemaTypes>({
  // scope-auth first so it wraps every resolver; errors before relay.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin, SimpleObjectsPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({ authenticated: ctx.viewer !== null, admin: isAdminViewer(ctx.viewer) }),
    // Typed errors, mapped to extensions.code by the error masker (graphql/errors.ts).
    unauthorizedError: (_parent, ctx, info, result) =>
      ctx.viewer ? new ForbiddenError(refusal(result.failure, `${info.parentType.name}.${info.fieldName}`) ?? result.message) : new UnauthenticatedError('Authentication required'),
  },
  // NEVER [Error]: that would turn internal errors into client-visible data.
  errors: { defaultTypes: [] },
  relay: { cursorType: 'String', clientMutationId: 'omit', nodeQueryOptions: false, nodesQueryOptions: false },
});

/** What a signed-in caller is told when a scope refuses them: the role they lack, not Pothos's generic text. */
const refusal = (failure: AuthFailure, field: string): string | null => {
  const scopes = (f: AuthFailure): string[] =>
    f.kind === AuthScopeFailureType.AuthScope
      ? [f.scope]
      : f.kind === AuthScopeFailureType.AnyAuthScopes || f.kind === AuthScopeFailureType.AllAuthScopes
        ? f.failures.flatMap(scopes)
        : [];
  return scopes(failure).includes('admin') ? `${field} needs the ADMIN role` : null;
};

builder.addScalarType('DateTime', DateTimeISOResolver);
builder.addScalarType('JSON', JSONResolver);
builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
