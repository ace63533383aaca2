/**
 * The game's legacy plaintext personal field (docs/privacy.md): the free text its ender wrote in a
 * GameEnded stored before sealing existed. Generated reasons (waves, or no text given) are not
 * personal and stay; sealed ones need nothing: forgetting destroyed their key.
 */
import { holdsNoPlaintext, REDACTED, type LegacyRedactionRule } from '../core/personalData.js';
import { gameSessionAggregate } from './commands.js';
import { defaultEndReason } from './domain/gameSessionRules.js';

export const gameLegacyRedaction: LegacyRedactionRule = {
  aggregateType: gameSessionAggregate.type,
  // Any game: an admin may end one they did not play. GameEnded is a game's last event, so only
  // the last entry of each stream is read.
  scope: 'all',
  lastEventOnly: true,
  redact(event, subjectId) {
    const data = event.data as { reason?: unknown; endedBy?: unknown; result?: unknown; finalWave?: unknown };
    if (event.eventType !== 'GameEnded' || data.endedBy !== subjectId || typeof data.reason !== 'string' || holdsNoPlaintext(data.reason)) return null;
    if ((data.result === 'ABANDONED' || data.result === 'FORFEIT') && data.reason === defaultEndReason(data.result, Number(data.finalWave))) return null;
    return { data: { ...data, reason: REDACTED }, plaintexts: [data.reason] };
  },
};
