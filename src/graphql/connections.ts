/** Read-store pages → Relay connections (opaque String cursors; default page 20, max 100). */
import type { Page } from '../core/ports.js';
import { ValidationError } from '../core/errors.js';

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export const pageSize = (first: number | null | undefined): number => {
  if (first === null || first === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw ValidationError.field('first', `first must be between 0 and ${MAX_PAGE}`);
  return first;
};

export const toConnection = <T>(page: Page<T>) => ({
  edges: page.items.map((node, i) => ({ node, cursor: page.cursors?.[i] ?? (i === page.items.length - 1 ? (page.endCursor ?? '') : '') })),
  pageInfo: {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: false,
    startCursor: page.cursors?.[0] ?? null,
    endCursor: page.endCursor,
  },
  totalCount: page.totalCount,
});
