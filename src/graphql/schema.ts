/**
 * The code-first schema: every context registers its types on the shared builder when imported.
 */
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './errors.js';
import '../auth/graphql.js';
import '../game/graphql.js';
import '../ops/graphql.js';
import './system.js';

let built: GraphQLSchema | null = null;

export const buildSchema = (): GraphQLSchema => (built ??= builder.toSchema({ sortSchema: false }));

/** The committed SDL: sorted, so diffs show real changes only. */
export const printSchemaSDL = (): string => `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
