/**
 * Content-addressed values in plain strings `content:<kind>:<id>` (canonical JSON). Every
 * operation touches one key, so no hash tag is needed and the values spread over the cluster's
 * slots. SET NX: the first writer stores the value, a later put of the same value finds it there
 * (same id, same bytes) and changes nothing, so a stored value is immutable.
 */
import type { ContentStore } from '../../core/ports.js';
import { checkKind, decodeContent, encodeContent, isContentId } from '../shared/contents.js';
import { RedisAdapter, type RedisAccess } from './adapter.js';

export class RedisContentStore extends RedisAdapter implements ContentStore {
  constructor(options: RedisAccess) {
    super(options);
  }

  async put(kind: string, value: unknown): Promise<string> {
    const { id, json } = encodeContent(value);
    await this.redis.set(this.keys.content(checkKind(kind), id), json, 'NX');
    return id;
  }

  async get(kind: string, id: string): Promise<unknown> {
    if (!isContentId(id)) return null;
    const json = await this.redis.get(this.keys.content(checkKind(kind), id));
    return json === null ? null : decodeContent(kind, id, json);
  }
}
