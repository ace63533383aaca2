/** Prints the code-first schema as sorted SDL into schema/schema.graphql (`npm run schema:print`). */
import { writeFileSync } from 'node:fs';
import { printSchemaSDL } from './schema.js';

writeFileSync(new URL('../schema/schema.graphql', import.meta.url), printSchemaSDL());
console.log('schema/schema.graphql written');
