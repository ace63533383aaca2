/**
 * Small builders projections use to declare their collections and the writes they return, so a
 * `project` function reads as what it writes rather than as write-record literals.
 */
import type { IndexDefinition, ReadDocument, ReadWrite } from '../ports.js';

/** An index on `field`, named `name` (which queries refer to); most indexes are named for their field. */
export const index = (kind: IndexDefinition['kind'], name: string, field: string = name): IndexDefinition => ({ name, kind, field });

// Views are plain data but often declared as interfaces, which TypeScript does not let stand for
// ReadDocument's index signature; hence `object` and the cast.
export const put = (collection: string, id: string, doc: object): ReadWrite => ({ op: 'put', collection, id, doc: doc as ReadDocument });

/** Merges `fields` into the document (creating it when missing). */
export const patch = (collection: string, id: string, fields: object): ReadWrite => ({ op: 'patch', collection, id, fields: fields as ReadDocument });
