/**
 * The personal-data vault over a data-key store: the same behaviour on Redis and on the in-memory
 * twin (what the store keeps is opaque to it: wrapped keys and tombstones).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { RuleBrokenError } from '../../src/core/errors.js';
import type { DataKeyStore } from '../../src/core/ports.js';
import { createVault } from '../../src/infrastructure/shared/vault.js';

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

  it('refuses keys wrapped by another master key, and blind-indexes deterministically per master key', async () => {
    const { vault, keys } = setup();
    const a = randomUUID();
    const sealed = await vault.seal(a, 'x');
    const other = createVault({ keys, masterKey: `${MASTER}-other` });
    await expect(other.open(sealed)).rejects.toThrow(/another master key/);
    expect(vault.blindIndex('email', 'a@b.c')).toBe(createVault({ keys, masterKey: MASTER }).blindIndex('email', 'a@b.c'));
    expect(vault.blindIndex('email', 'a@b.c')).not.toBe(other.blindIndex('email', 'a@b.c'));
    expect(vault.blindIndex('email', 'a@b.c')).not.toContain('a@b.c');
  });

  it('creates one key per subject under concurrent first seals', async () => {
    const { vault } = setup();
    const a = randomUUID();
    const sealed = await Promise.all(Array.from({ length: 8 }, (_, i) => vault.seal(a, `v${i}`)));
    expect(await Promise.all(sealed.map((s) => vault.open(s)))).toEqual(Array.from({ length: 8 }, (_, i) => `v${i}`));
  });
}
