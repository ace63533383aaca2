/**
 * Documents of a collection in a time range, read through a sorted index. The read store orders
 * by a sorted index but has no range filter, so a range is read newest first and the scan stops
 * at the first document older than the range: reports and dashboards look at recent periods,
 * which keeps the scan short. It is capped; `truncated` says when it was cut.
 */
import type { Page, ReadDocument, ReadStore } from '../ports.js';

export const MAX_SCAN = 50_000;
const PAGE = 1000;

export interface RangeScan<T> {
  readonly items: T[];
  /** True when the cap stopped the scan before the start of the range. */
  readonly truncated: boolean;
}

/** Documents with `fromMs <= doc[field] < toMs`, newest first. `orderBy` is the sorted index on `field`. */
export async function scanByTime<T extends ReadDocument>(
  store: ReadStore,
  collection: string,
  orderBy: string,
  field: keyof T & string,
  fromMs: number,
  toMs: number,
  options: { where?: Readonly<Record<string, string>>; includeEnd?: boolean; cap?: number } = {},
): Promise<RangeScan<T>> {
  const cap = options.cap ?? MAX_SCAN;
  const items: T[] = [];
  let after: string | null = null;
  let seen = 0;
  for (;;) {
    const page: Page<T> = await store.query<T>(collection, { orderBy, direction: 'DESC', first: PAGE, after, ...(options.where ? { where: options.where } : {}) });
    for (const doc of page.items) {
      const at = Number(doc[field]);
      if (at < fromMs) return { items, truncated: false };
      if (at < toMs || (options.includeEnd && at === toMs)) items.push(doc);
    }
    seen += page.items.length;
    if (!page.hasNextPage || !page.endCursor) return { items, truncated: false };
    if (seen >= cap) return { items, truncated: true };
    after = page.endCursor;
  }
}

