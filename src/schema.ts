/**
 * The code-first schema, assembled: every context registers its types on the shared builder when
 * imported here (the shared graphql/ layer itself imports no context).
 */
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './graphql/builder.js';
import './graphql/errors.js';
import './auth/graphql.js';
import './game/graphql.js';
import './ops/graphql.js';
import './ops/graphqlDeadLetters.js';
import './ops/graphqlCausation.js';
import './graphql/system.js';
import './graphql/history.js';

let built: GraphQLSchema | null = null;

export const buildSchema = (): GraphQLSchema => (built ??= builder.toSchema({ sortSchema: false }));

/** The committed SDL: sorted, so diffs show real changes only. */
export const printSchemaSDL = (): string => `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
