/**
 * Auth's legacy plaintext personal field (docs/privacy.md): the email of a UserRegistered written
 * before sealing existed. Sealed ones need nothing: forgetting destroyed their key.
 */
import { holdsNoPlaintext, REDACTED, type LegacyRedactionRule } from '../core/personalData.js';
import { userAggregate } from './commands.js';

export const userLegacyRedaction: LegacyRedactionRule = {
  aggregateType: userAggregate.type,
  scope: 'self',
  redact(event) {
    const data = event.data as { email?: unknown };
    if (event.eventType !== 'UserRegistered' || typeof data.email !== 'string' || holdsNoPlaintext(data.email)) return null;
    return { data: { ...data, email: REDACTED }, plaintexts: [data.email] };
  },
};
