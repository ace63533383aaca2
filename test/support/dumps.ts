/**
 * Everything a deployment keeps, as text to search for a secret: every Redis key of a prefix with
 * its value dumped by type, and every archive file (gunzipped). Privacy tests assert on them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { RedisClient } from '../../src/infrastructure/redis/connection.js';

/** Every key of the app's prefix, with its value dumped by type (strings, hashes, lists, sets, sorted sets, streams). */
export async function dumpRedis(redis: RedisClient, prefix: string): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      parts.push(`KEY ${key}`);
      const type = await redis.type(key);
      if (type === 'none') continue; // deleted since SCAN saw it (a projection at work)
      const text = (values: Array<Buffer | string>) => values.map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v)).join('\n');
      if (type === 'string') parts.push(text([(await redis.getBuffer(key)) ?? '']));
      else if (type === 'hash') parts.push(text(Object.entries(await redis.hgetallBuffer(key)).flat()));
      else if (type === 'list') parts.push(text(await redis.lrangeBuffer(key, 0, -1)));
      else if (type === 'set') parts.push(text(await redis.smembersBuffer(key)));
      else if (type === 'zset') parts.push(text(await redis.zrangeBuffer(key, 0, -1, 'WITHSCORES')));
      else if (type === 'stream') parts.push(text((await redis.xrangeBuffer(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields])));
      else throw new Error(`unexpected type ${type} of ${key}`);
    }
  } while (cursor !== '0');
  return parts.join('\n');
}

export async function dumpArchives(dir: string): Promise<{ files: number; text: string }> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const texts = await Promise.all(files.map(async (f) => {
    const raw = await readFile(join(f.parentPath, f.name));
    return f.name.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  }));
  return { files: files.length, text: texts.join('\n') };
}

