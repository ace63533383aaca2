/** The legacy-plaintext rules (docs/privacy.md): exactly the subject's clear personal fields, nothing generated or sealed. */
import { describe, expect, it } from 'vitest';
import { userLegacyRedaction } from '../../src/auth/legacyRedaction.js';
import { REDACTED } from '../../src/core/personalData.js';
import { gameLegacyRedaction } from '../../src/game/legacyRedaction.js';
import { scrubStrings } from '../../src/ops/redaction.js';

const ended = (data: object) => ({ eventType: 'GameEnded', data: { sessionId: 's1', result: 'FORFEIT', reason: 'gone fishing', finalWave: 3, endedBy: 'u1', ...data } });

describe('GameEnded reasons', () => {
  it('redacts the clear text its ender wrote, and names it', () => {
    expect(gameLegacyRedaction.redact(ended({}), 'u1')).toEqual({ data: expect.objectContaining({ reason: REDACTED, endedBy: 'u1', finalWave: 3 }), plaintexts: ['gone fishing'] });
  });
  it('leaves other enders, sealed or redacted texts, generated reasons and other events alone', () => {
    expect(gameLegacyRedaction.redact(ended({}), 'u2')).toBeNull();
    expect(gameLegacyRedaction.redact(ended({ reason: 'pii:1:u1:aaa.bbb.ccc' }), 'u1')).toBeNull();
    expect(gameLegacyRedaction.redact(ended({ reason: REDACTED }), 'u1')).toBeNull();
    expect(gameLegacyRedaction.redact(ended({ reason: 'Forfeited during wave 3' }), 'u1')).toBeNull();
    expect(gameLegacyRedaction.redact(ended({ result: 'ABANDONED', reason: 'Abandoned in the lobby', finalWave: 0 }), 'u1')).toBeNull();
    expect(gameLegacyRedaction.redact(ended({ result: 'VICTORY', reason: 'All 10 waves survived', endedBy: null }), 'u1')).toBeNull();
    expect(gameLegacyRedaction.redact({ eventType: 'PlayerJoined', data: { playerId: 'u1', reason: 'x' } }, 'u1')).toBeNull();
  });
});

describe('UserRegistered emails', () => {
  it('redacts a clear email and nothing else; sealed ones need nothing', () => {
    const data = { userId: 'u1', username: 'Ann', email: 'ann@example.org', roles: ['PLAYER'] };
    expect(userLegacyRedaction.redact({ eventType: 'UserRegistered', data }, 'u1')).toEqual({ data: { ...data, email: REDACTED }, plaintexts: ['ann@example.org'] });
    expect(userLegacyRedaction.redact({ eventType: 'UserRegistered', data: { ...data, email: 'pii:1:u1:a.b.c' } }, 'u1')).toBeNull();
    expect(userLegacyRedaction.redact({ eventType: 'UserAuthenticated', data: { userId: 'u1' } }, 'u1')).toBeNull();
  });
});

describe('scrubStrings (states and snapshots)', () => {
  it('replaces the exact strings at any depth and keeps everything else', () => {
    const state = { status: 'Ended', reason: 'gone fishing', players: [{ name: 'gone fishing!', tags: ['gone fishing'] }], score: 3, at: null };
    expect(scrubStrings(state, new Set(['gone fishing']))).toEqual({ status: 'Ended', reason: REDACTED, players: [{ name: 'gone fishing!', tags: [REDACTED] }], score: 3, at: null });
  });
});
