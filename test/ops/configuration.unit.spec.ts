import { describe, expect, it } from 'vitest';
import { ConflictError, RuleBrokenError, ValidationError } from '../../src/core/errors.js';
import type { ConfigurationUpdated, UpdateConfiguration } from '../../src/ops/domain/configuration.js';
import { configurationDecider } from '../../src/ops/domain/configuration.js';
import type { JsonValue } from '../../src/ops/domain/json.js';
import { deciderSpec } from '../support/deciderSpec.js';

const given = deciderSpec(configurationDecider);
const key = 'game.startingGold';
const at = '2026-11-24T10:00:00Z';

const update = (value: JsonValue, extra: Partial<UpdateConfiguration['data']> = {}): UpdateConfiguration => ({
  type: 'UpdateConfiguration',
  data: { key, value, updatedBy: 'admin-1', at, ...extra },
});
const updated = (value: JsonValue, previousValue: JsonValue | null, version: number, extra: Partial<ConfigurationUpdated['data']> = {}): ConfigurationUpdated => ({
  type: 'ConfigurationUpdated',
  data: { key, value, previousValue, version, updatedBy: 'admin-1', reason: null, at, ...extra },
});

describe('a setting never updated (catalogue default in effect)', () => {
  it('records the first update as version 1 with no previous value', () => given().when(update(250)).then(updated(250, null, 1)));

  it('keeps a trimmed reason for the audit trail', () =>
    given().when(update(250, { reason: '  weekend event  ' })).then(updated(250, null, 1, { reason: 'weekend event' })));

  it('treats a blank reason as none', () => given().when(update(250, { reason: '   ' })).then(updated(250, null, 1)));

  it('accepts expectedVersion 0', () => given().when(update(250, { expectedVersion: 0 })).then(updated(250, null, 1)));

  it('refuses a stale expectedVersion with the actual version', () =>
    given().when(update(250, { expectedVersion: 3 })).thenThrows(ConflictError, { expectedVersion: 3, actualVersion: 0 }));

  it('refuses an overlong reason', () =>
    given().when(update(250, { reason: 'x'.repeat(501) })).thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field: 'reason' })] }));
});

describe('a setting already updated', () => {
  const history = [updated(250, null, 1), updated(300, 250, 2)];

  it('records the change with the previous value and the next version', () =>
    given(...history).when(update(275, { expectedVersion: 2, updatedBy: 'admin-2' })).then(updated(275, 300, 3, { updatedBy: 'admin-2' })));

  it('lets the last writer win without expectedVersion', () => given(...history).when(update(275)).then(updated(275, 300, 3)));

  it('refuses a stale expectedVersion, naming both versions', () =>
    given(...history).when(update(275, { expectedVersion: 1 })).thenThrows(ConflictError, { expectedVersion: 1, actualVersion: 2 }));

  it('refuses an unchanged value (CONFIGURATION_UNCHANGED)', () =>
    given(...history).when(update(300)).thenThrows(RuleBrokenError, { code: 'CONFIGURATION_UNCHANGED' }));

  it('compares structured values by content, not key order', () =>
    given(updated({ a: 1, b: 2 }, null, 1)).when(update({ b: 2, a: 1 })).thenThrows(RuleBrokenError, { code: 'CONFIGURATION_UNCHANGED' }));

  it('checks the version before the value', () =>
    given(...history).when(update(300, { expectedVersion: 1 })).thenThrows(ConflictError));

  it('refuses a command for another key (the stream id is the key)', () =>
    given(...history).when(update(1, { key: 'game.waves' })).thenThrows(ValidationError, { fieldErrors: [expect.objectContaining({ field: 'key' })] }));
});

describe('evolve', () => {
  it('starts at Default, version 0', () => expect(given().state()).toEqual({ status: 'Default', version: 0 }));

  it('holds the latest value, version and author', () =>
    expect(given(updated(250, null, 1), updated(300, 250, 2, { updatedBy: 'admin-2', at: '2026-11-25T08:00:00Z' })).state()).toEqual({
      status: 'Set',
      key,
      value: 300,
      version: 2,
      updatedBy: 'admin-2',
      updatedAt: '2026-11-25T08:00:00Z',
    }));
});
