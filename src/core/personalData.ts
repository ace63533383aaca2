/**
 * The one fact about sealed personal data that pure code may know: its prefix. Deciders receive
 * free text already sealed by their registration's `prepare` (PersonalDataVault.seal) and must
 * store it as it is, not validate or trim ciphertext; the format itself belongs to the vault
 * (infrastructure/shared/vault.ts).
 */
export const SEALED_PREFIX = 'pii:1:';

/** True for a value sealed by the vault (its subject's key may be destroyed since). */
export const looksSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(SEALED_PREFIX);

/**
 * What a legacy plaintext personal field becomes when its person is forgotten (forgetUser's
 * rewrite of events written before sealing). Readers treat it like a sealed value whose key is
 * gone: PersonalDataVault.open answers null.
 */
export const REDACTED = 'pii:redacted';

/** True for a personal field that holds no plaintext: sealed, or redacted. */
export const holdsNoPlaintext = (value: unknown): boolean => looksSealed(value) || value === REDACTED;

/**
 * One context's legacy plaintext personal fields (docs/privacy.md "Data written before sealing"):
 * where they may be, and the event data without them. Pure: the maintenance task REDACT_PERSONAL_DATA
 * does the I/O (ops/redaction.ts).
 */
export interface LegacyRedactionRule {
  readonly aggregateType: string;
  /** Which aggregates of that type to look at: the subject's own (`self`) or every one (`all`). */
  readonly scope: 'self' | 'all';
  /** Only the last entry of each stream can hold the field (e.g. GameEnded ends a game): the rest is not read. */
  readonly lastEventOnly?: boolean;
  /**
   * The event's data (as stored, not upcast) with the subject's plaintext fields replaced by
   * REDACTED, and the plaintexts removed (to scrub them from states and snapshots too); null when
   * the event holds none.
   */
  redact(event: { readonly eventType: string; readonly data: object }, subjectId: string): { readonly data: object; readonly plaintexts: readonly string[] } | null;
}
