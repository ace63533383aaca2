/** In-memory content store: canonical JSON by kind and id, checked on every read as on Redis. */
import type { ContentStore } from '../../core/ports.js';
import { checkKind, decodeContent, encodeContent, isContentId } from '../shared/contents.js';
import type { MemoryDatabase } from './database.js';

export class MemoryContentStore implements ContentStore {
  private readonly db: MemoryDatabase;

  constructor(options: { readonly database: MemoryDatabase }) {
    this.db = options.database;
  }

  async put(kind: string, value: unknown): Promise<string> {
    const { id, json } = encodeContent(value);
    const byId = this.db.contents.get(checkKind(kind)) ?? new Map<string, string>();
    // First writer wins, as SET NX: an id names one value forever.
    if (!byId.has(id)) byId.set(id, json);
    this.db.contents.set(kind, byId);
    return id;
  }

  async get(kind: string, id: string): Promise<unknown> {
    const json = isContentId(id) ? this.db.contents.get(checkKind(kind))?.get(id) : undefined;
    return json === undefined ? null : decodeContent(kind, id, json);
  }
}
