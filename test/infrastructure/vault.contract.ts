/**
 * The personal-data vault over a data-key store: the same behaviour on Redis and on the in-memory
 * twin (what the store keeps is opaque to it: wrapped keys and tombstones).
 */
import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { RuleBrokenError } from '../../src/core/errors.js';
import type { DataKeyStore } from '../../src/core/ports.js';
import { BLIND_INDEX_SUBJECT, createVault, masterKeyId } from '../../src/infrastructure/shared/vault.js';

const MASTER = 'a-master-key-for-tests-only-32-chars-long!';

export function vaultContract(store: () => DataKeyStore): void {
  const setup = () => {
    const keys = store();
    return { keys, vault: createVault({ keys, masterKey: MASTER }) };
  };

  it('seals with a per-subject key (random IV each time) and opens for as long as the key lives', async () => {
    const { vault } = setup();
    const [a, b] = [randomUUID(), randomUUID()];
    const one = await vault.seal(a, 'alice@example.com');
    const two = await vault.seal(a, 'alice@example.com');
    expect(one).toMatch(new RegExp(`^pii:1:${a}:`));
    expect(one).not.toBe(two);
    expect(one).not.toContain('alice');
    expect(await vault.open(one)).toBe('alice@example.com');
    expect(await vault.open(await vault.seal(b, 'bob'))).toBe('bob');
    expect(vault.isSealed(one)).toBe(true);
    expect(vault.isSealed('alice@example.com')).toBe(false);
  });

  it('forgets one subject for good; others stay readable; forgetting twice is harmless', async () => {
    const { vault, keys } = setup();
    const [a, b] = [randomUUID(), randomUUID()];
    const sealedA = await vault.seal(a, 'alice@example.com');
    const sealedB = await vault.seal(b, 'bob@example.com');
    expect(await vault.forget(a)).toBe(true);
    expect(await vault.forget(a)).toBe(false);
    expect(await vault.open(sealedA)).toBeNull();
    expect(await vault.open(sealedB)).toBe('bob@example.com');
    expect(await keys.get(a)).toMatch(/^forgotten:/);
    await expect(vault.seal(a, 'again')).rejects.toBeInstanceOf(RuleBrokenError);
  });

  it('reads legacy plaintext as it is, null as null; binds a value to its subject', async () => {
    const { vault } = setup();
    expect(await vault.open('legacy@example.com')).toBe('legacy@example.com');
    expect(await vault.open(null)).toBeNull();
    const [a, b] = [randomUUID(), randomUUID()];
    const sealed = await vault.seal(a, 'secret');
    await vault.seal(b, 'x');
    await expect(vault.open(sealed.replace(a, b))).rejects.toThrow();
  });

  it('refuses keys wrapped by another master key; blind indexes are deterministic and name no value', async () => {
    const { vault, keys } = setup();
    const a = randomUUID();
    const sealed = await vault.seal(a, 'x');
    const other = createVault({ keys, masterKey: `${MASTER}-other` });
    await expect(other.open(sealed)).rejects.toThrow(/another master key/);
    const index = await vault.blindIndex('email', 'a@b.c');
    expect(await createVault({ keys, masterKey: MASTER }).blindIndex('email', 'a@b.c')).toBe(index);
    expect(index).not.toContain('a@b.c');
    expect(await vault.blindIndex('login', 'a@b.c')).not.toBe(index);
    // The key earlier versions derived straight from the master key: reservations made by them still match.
    const derived = Buffer.from(hkdfSync('sha256', Buffer.from(MASTER, 'utf8'), Buffer.from('defense-allies/pii', 'utf8'), 'blind-index', 32));
    expect(index).toBe(createHmac('sha256', derived).update('email\u0000a@b.c').digest('base64url'));
    await expect(vault.seal(BLIND_INDEX_SUBJECT, 'x')).rejects.toThrow(/not a subject id/);
  });

  it('rotates the master key: old keys still open with the previous key configured, rewrapAll moves every key to the new one', async () => {
    const { vault: before, keys } = setup();
    const [a, b, gone] = [randomUUID(), randomUUID(), randomUUID()];
    const sealedA = await before.seal(a, 'alice@example.com');
    const sealedB = await before.seal(b, 'bob@example.com');
    await before.seal(gone, 'gone@example.com');
    await before.forget(gone);
    const index = await before.blindIndex('email', 'alice@example.com');

    const NEW = 'the-next-master-key-for-tests-only-32-chars!';
    const after = createVault({ keys, masterKey: NEW, previousMasterKeys: [MASTER] });
    expect(after.currentMasterKeyId).toBe(masterKeyId(NEW));
    expect(after.currentMasterKeyId).not.toBe(before.currentMasterKeyId);
    expect(await after.open(sealedA)).toBe('alice@example.com'); // by the previous key, before any rewrap
    const c = randomUUID();
    const sealedC = await after.seal(c, 'carol@example.com');
    expect(await keys.get(c)).toMatch(new RegExp(`^w1:${masterKeyId(NEW)}:`));

    const report = await after.rewrapAll();
    // a, b and the blind-index key rewrapped; c already current; gone stays a tombstone.
    expect(report).toEqual({ masterKeyId: masterKeyId(NEW), scanned: 5, rewrapped: 3, alreadyCurrent: 1, forgotten: 1, failed: [] });
    for (const subject of [a, b, c, BLIND_INDEX_SUBJECT]) expect(await keys.get(subject)).toMatch(new RegExp(`^w1:${masterKeyId(NEW)}:`));
    expect(await keys.get(gone)).toMatch(/^forgotten:/);
    expect((await after.rewrapAll()).rewrapped).toBe(0);

    // Once rewrapped, the previous master key can leave the configuration.
    const only = createVault({ keys, masterKey: NEW });
    expect(await only.open(sealedA)).toBe('alice@example.com');
    expect(await only.open(sealedB)).toBe('bob@example.com');
    expect(await only.open(sealedC)).toBe('carol@example.com');
    expect(await only.blindIndex('email', 'alice@example.com')).toBe(index); // reservations keep their names
    await expect(createVault({ keys, masterKey: MASTER }).open(sealedA)).rejects.toThrow(/another master key/);
  });

  it('upgrading from a version that derived the blind index each time: the first previous master key names it', async () => {
    const { keys } = setup();
    const NEW = 'the-next-master-key-for-tests-only-32-chars!';
    // No stored blind-index key yet (what earlier versions left behind); MASTER was in force then.
    const upgraded = createVault({ keys, masterKey: NEW, previousMasterKeys: [MASTER] });
    const derived = Buffer.from(hkdfSync('sha256', Buffer.from(MASTER, 'utf8'), Buffer.from('defense-allies/pii', 'utf8'), 'blind-index', 32));
    expect(await upgraded.blindIndex('email', 'a@b.c')).toBe(createHmac('sha256', derived).update('email\u0000a@b.c').digest('base64url'));
    expect(await keys.get(BLIND_INDEX_SUBJECT)).toMatch(new RegExp(`^w1:${masterKeyId(NEW)}:`));
  });

  it('a rewrap loses to a concurrent forget (compare-and-set)', async () => {
    const { vault, keys } = setup();
    const a = randomUUID();
    await vault.seal(a, 'x');
    const stored = (await keys.get(a))!;
    await vault.forget(a);
    expect(await keys.replaceIf(a, stored, 'w1:00000000:a.b.c')).toBe(false);
    expect(await keys.get(a)).toMatch(/^forgotten:/);
  });

  it('creates one key per subject under concurrent first seals', async () => {
    const { vault } = setup();
    const a = randomUUID();
    const sealed = await Promise.all(Array.from({ length: 8 }, (_, i) => vault.seal(a, `v${i}`)));
    expect(await Promise.all(sealed.map((s) => vault.open(s)))).toEqual(Array.from({ length: 8 }, (_, i) => `v${i}`));
  });
}
