import { describe, expect, it } from 'vitest';
import { RuleBrokenError, ValidationError } from '../../src/core/errors.js';
import {
  defaultMatchPolicy,
  matchesDue,
  matchQueueDecider,
  type CancelMatchRequest,
  type FormMatch,
  type MatchFormed,
  type MatchPolicy,
  type MatchRequestCancelled,
  type MatchRequested,
  type RequestMatch,
} from '../../src/game/domain/match.js';
import { deciderSpec } from '../support/deciderSpec.js';
import { at } from './gameFixtures.js';

const given = deciderSpec(matchQueueDecider);
const rule = (code: string) => [RuleBrokenError, { code }] as const;

const request = (userId: string, s = 0): RequestMatch => ({ type: 'RequestMatch', data: { difficulty: 'NORMAL', userId, username: userId.toUpperCase(), at: at(s) } });
const requested = (userId: string, s = 0): MatchRequested => ({ type: 'MatchRequested', data: { difficulty: 'NORMAL', userId, username: userId.toUpperCase(), at: at(s) } });
const cancel = (userId: string, s = 5): CancelMatchRequest => ({ type: 'CancelMatchRequest', data: { difficulty: 'NORMAL', userId, at: at(s) } });
const cancelled = (userId: string, s = 5): MatchRequestCancelled => ({ type: 'MatchRequestCancelled', data: { difficulty: 'NORMAL', userId, at: at(s) } });
const form = (s: number, matchId = 'm1', policy: MatchPolicy = defaultMatchPolicy): FormMatch => ({
  type: 'FormMatch',
  data: { difficulty: 'NORMAL', matchId, sessionId: `session-${matchId}`, policy, at: at(s) },
});
const player = (userId: string, s = 0) => ({ userId, username: userId.toUpperCase(), requestedAt: at(s) });
const formed = (s: number, players: ReturnType<typeof player>[], matchId = 'm1'): MatchFormed => ({
  type: 'MatchFormed',
  data: { difficulty: 'NORMAL', matchId, sessionId: `session-${matchId}`, players, at: at(s) },
});

describe('MatchQueue', () => {
  describe('New: nobody has queued yet', () => {
    it('queues a player', () => given().when(request('ann')).then(requested('ann')));

    it('refuses to cancel a request that does not exist', () => given().when(cancel('ann')).thenThrows(...rule('NOT_QUEUED')));

    it('has no match to form', () => given().when(form(60)).thenThrows(...rule('NO_MATCH_DUE')));

    it('refuses an unknown difficulty', () =>
      given()
        .when({ type: 'RequestMatch', data: { ...request('ann').data, difficulty: 'INSANE' as never } })
        .thenThrows(ValidationError, { fieldErrors: [{ field: 'difficulty' }] }));

    it('refuses a request without a user', () => given().when(request('')).thenThrows(ValidationError));
  });

  describe('Open: players waiting', () => {
    it('refuses a user who is already queued', () => given(requested('ann')).when(request('ann', 3)).thenThrows(...rule('ALREADY_QUEUED')));

    it('queues another player', () => given(requested('ann')).when(request('bob', 3)).then(requested('bob', 3)));

    it('cancels a waiting player', () => given(requested('ann'), requested('bob', 1)).when(cancel('ann')).then(cancelled('ann')));

    it('refuses to cancel for a user who is not queued', () => given(requested('ann')).when(cancel('bob')).thenThrows(...rule('NOT_QUEUED')));

    it('refuses to cancel twice', () => given(requested('ann'), cancelled('ann')).when(cancel('ann', 6)).thenThrows(...rule('NOT_QUEUED')));

    it('lets a cancelled player queue again', () => given(requested('ann'), cancelled('ann')).when(request('ann', 9)).then(requested('ann', 9)));

    it('refuses a command meant for another difficulty’s queue', () =>
      given(requested('ann'))
        .when({ type: 'RequestMatch', data: { ...request('bob').data, difficulty: 'HARD' } })
        .thenThrows(ValidationError, { fieldErrors: [{ field: 'difficulty' }] }));

    it('forms a match as soon as enough players wait, oldest first', () =>
      given(requested('ann'), requested('bob', 1), requested('cid', 2))
        .when(form(3))
        .then(formed(3, [player('ann'), player('bob', 1)])));

    it('does not form a short match before the wait limit', () => given(requested('ann')).when(form(29)).thenThrows(...rule('NO_MATCH_DUE')));

    it('forms a match with whoever waits once the oldest has waited the limit', () =>
      given(requested('ann'))
        .when(form(30))
        .then(formed(30, [player('ann')])));

    it('honours the policy it is given', () =>
      given(requested('ann'), requested('bob', 1), requested('cid', 2))
        .when(form(3, 'm1', { playersPerMatch: 3, maxWaitSeconds: 600 }))
        .then(formed(3, [player('ann'), player('bob', 1), player('cid', 2)])));

    it('refuses a policy beyond four players per match', () =>
      given(requested('ann'))
        .when(form(3, 'm1', { playersPerMatch: 5, maxWaitSeconds: 30 }))
        .thenThrows(ValidationError, { fieldErrors: [{ field: 'policy' }] }));

    it('ignores a FormMatch it has already carried out (redelivered), instead of forming a second match', () =>
      given(requested('ann'), requested('bob', 1), requested('cid', 2), formed(3, [player('ann'), player('bob', 1)]), requested('dan', 4))
        .when(form(5))
        .thenNothingHappened());

    it('removes matched players: they may queue again, the others keep their place', () => {
      const state = given(requested('ann'), requested('bob', 1), requested('cid', 2), formed(3, [player('ann'), player('bob', 1)])).state();
      expect(state).toEqual({ status: 'Open', difficulty: 'NORMAL', waiting: [player('cid', 2)], recentMatchIds: ['m1'] });
      expect(matchQueueDecider.decide(request('ann', 4), state)).toEqual([requested('ann', 4)]);
    });

    it('keeps only the last 20 match ids', () => {
      const history = Array.from({ length: 25 }, (_, i) => [requested(`u${i}`, i), formed(i, [player(`u${i}`, i)], `m${i}`)]).flat();
      const state = given(...history).state();
      expect(state.status === 'Open' && state.recentMatchIds).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 5}`));
    });
  });

  describe('matchesDue (the process manager’s trigger)', () => {
    const queue = given(requested('a', 0), requested('b', 10), requested('c', 20), requested('d', 25), requested('e', 40)).state();

    it('lists full groups in queue order', () =>
      expect(matchesDue(queue, at(41)).map((g) => g.map((p) => p.userId))).toEqual([
        ['a', 'b'],
        ['c', 'd'],
      ]));

    it('adds the leftover players once the oldest of them has waited the limit', () =>
      expect(matchesDue(queue, at(70)).map((g) => g.map((p) => p.userId))).toEqual([['a', 'b'], ['c', 'd'], ['e']]));

    it('uses the policy group size', () =>
      expect(matchesDue(queue, at(41), { playersPerMatch: 4, maxWaitSeconds: 300 }).map((g) => g.length)).toEqual([4]));

    it('has nothing for a new queue', () => expect(matchesDue(matchQueueDecider.initialState(), at(0))).toEqual([]));

    it('refuses an unreadable clock', () => expect(() => matchesDue(queue, 'soon')).toThrow(ValidationError));
  });
});
