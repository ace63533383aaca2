/**
 * Dead letters for operators: one list across projections (newest first, cursor-paginated), and
 * retries or skips by id or by projection. Everything goes through the projection control (the
 * projection manager over the runtime's dead-letter lists): nothing here knows Redis.
 *
 * A letter's id (core/projections/deadLetters.ts) names its projection, so ids from several
 * projections can be retried or skipped in one request.
 */
import { NotFoundError, ValidationError } from '../core/errors.js';
import { deadLetterId, projectionOfDeadLetter } from '../core/projections/deadLetters.js';
import type { DeadLetter, ProjectionControl } from '../core/projections/ports.js';

export interface DeadLetterView extends DeadLetter {
  readonly id: string;
}

export interface DeadLetterPage {
  readonly items: readonly DeadLetterView[];
  readonly cursors: readonly string[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

/** Letters read per projection for a listing: the lists are capped by retention.deadLettersMax. */
const SCAN_LIMIT = 100_000;

const view = (letter: DeadLetter): DeadLetterView => ({ ...letter, id: deadLetterId(letter) });

// Newest first; the id breaks ties between letters of the same millisecond.
const sortKey = (l: DeadLetterView): string => `${l.at}|${l.id}`;
const cursorOf = (l: DeadLetterView): string => Buffer.from(sortKey(l), 'utf8').toString('base64url');
const keyOfCursor = (cursor: string): string => {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key.includes('|')) throw ValidationError.field('after', 'after is not a cursor of this list');
  return key;
};

const knownProjection = (projections: ProjectionControl, name: string): string => {
  if (!projections.names().includes(name)) throw new NotFoundError(`Unknown projection ${name}; one of ${projections.names().join(', ')}`);
  return name;
};

/** Every current letter (of one projection, or of all), newest first. */
export async function allDeadLetters(projections: ProjectionControl, projection: string | null): Promise<DeadLetterView[]> {
  const names = projection === null ? projections.names() : [knownProjection(projections, projection)];
  const lists = await Promise.all(names.map((name) => projections.deadLetters(name, SCAN_LIMIT)));
  return lists
    .flat()
    .map(view)
    .sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : sortKey(a) > sortKey(b) ? -1 : 0));
}

/** One page after `after` (a cursor from an earlier page: stable while letters come and go). */
export async function deadLetterPage(projections: ProjectionControl, options: { projection: string | null; first: number; after: string | null }): Promise<DeadLetterPage> {
  const all = await allDeadLetters(projections, options.projection);
  const after = options.after ? keyOfCursor(options.after) : null;
  const rest = after === null ? all : all.filter((l) => sortKey(l) < after);
  const items = rest.slice(0, options.first);
  const cursors = items.map(cursorOf);
  return { items, cursors, endCursor: cursors.at(-1) ?? null, hasNextPage: rest.length > items.length, totalCount: all.length };
}

export interface DeadLetterSelection {
  /** Letter ids; null = every letter of `projection` (or of every projection when that is null too). */
  readonly ids: readonly string[] | null;
  readonly projection: string | null;
}

/** The letters a selection names, grouped by projection; unknown ids are a NotFoundError naming them. */
export async function selectDeadLetters(projections: ProjectionControl, selection: DeadLetterSelection): Promise<Map<string, string[] | undefined>> {
  const projection = selection.projection === null ? null : knownProjection(projections, selection.projection);
  if (selection.ids === null) return new Map((projection === null ? projections.names() : [projection]).map((name) => [name, undefined]));
  if (selection.ids.length === 0) throw ValidationError.field('ids', 'Give at least one dead-letter id');
  const ids = [...new Set(selection.ids)];
  const byProjection = new Map<string, string[]>();
  for (const id of ids) {
    const owner = projectionOfDeadLetter(id);
    if (owner === null) throw ValidationError.field('ids', `${id} is not a dead-letter id`);
    if (projection !== null && owner !== projection) throw ValidationError.field('ids', `${id} is not a dead letter of ${projection}`);
    byProjection.set(owner, [...(byProjection.get(owner) ?? []), id]);
  }
  const present = new Set((await Promise.all([...byProjection.keys()].map((name) => allDeadLetters(projections, name)))).flat().map((l) => l.id));
  const missing = ids.filter((id) => !present.has(id));
  if (missing.length > 0) throw new NotFoundError(`No such dead letter: ${missing.join(', ')}`);
  return byProjection;
}

export interface DeadLetterOutcome {
  readonly projection: string;
  /** Retried successfully, or skipped. */
  readonly done: number;
  /** Retries that failed again (back in the list with one more attempt). */
  readonly stillFailing: number;
}

export async function retryDeadLetters(projections: ProjectionControl, selection: DeadLetterSelection): Promise<DeadLetterOutcome[]> {
  const outcomes: DeadLetterOutcome[] = [];
  for (const [projection, ids] of await selectDeadLetters(projections, selection)) {
    const before = ids?.length ?? (await projections.deadLetters(projection, SCAN_LIMIT)).length;
    if (before === 0) continue;
    const done = await projections.retryDeadLetters(projection, ids);
    outcomes.push({ projection, done, stillFailing: Math.max(0, before - done) });
  }
  return outcomes;
}

export async function skipDeadLetters(projections: ProjectionControl, selection: DeadLetterSelection): Promise<DeadLetterOutcome[]> {
  const outcomes: DeadLetterOutcome[] = [];
  for (const [projection, ids] of await selectDeadLetters(projections, selection)) {
    const done = await projections.skipDeadLetters(projection, ids);
    if (done > 0) outcomes.push({ projection, done, stillFailing: 0 });
  }
  return outcomes;
}
