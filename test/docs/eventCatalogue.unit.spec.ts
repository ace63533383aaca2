/**
 * docs/events.md is generated from the code (scripts/eventCatalogue.ts): it fails here when an
 * event, a field, a version or an aggregate changed without `npm run docs:events`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, generateEventCatalogue } from '../../scripts/eventCatalogue.js';

describe('the event catalogue', () => {
  it('is what the code generates (run `npm run docs:events` after changing an event)', async () => {
    const generated = await generateEventCatalogue();
    expect(readFileSync(CATALOGUE, 'utf8')).toBe(generated);
    // The generator reads the real definitions: spot-check what it found.
    expect(generated).toContain('### TowerPlaced\n\nVersion **2** (also reads v1, upcast) · emitted by `game_session`');
    expect(generated).toMatch(/\| `cell` \| `Cell` \|/);
    expect(generated).toContain('| `user` | auth | event_sourced |');
  }, 180_000);
});
