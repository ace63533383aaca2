/**
 * Dead-letter identity. A letter is stored without an id of its own (lists written before ids
 * existed stay readable); its id is derived from where it sits: projection, generation,
 * partition and log position. The checkpoint moves past a dead-lettered position, so one
 * generation of a projection dead-letters a position at most once, and a letter put back after a
 * failed retry keeps its id.
 */
import type { DeadLetter } from './ports.js';

export const deadLetterId = (letter: Pick<DeadLetter, 'projection' | 'generation' | 'entry'>): string =>
  `${letter.projection}:${letter.generation}:${letter.entry.partition}:${letter.entry.position}`;

/** The projection an id names, or null when the id is not one (projection names are [A-Za-z0-9_-]). */
export const projectionOfDeadLetter = (id: string): string | null => {
  const match = /^([A-Za-z0-9_-]+):\d+:\d+:\d+-\d+$/.exec(id);
  return match ? match[1]! : null;
};
