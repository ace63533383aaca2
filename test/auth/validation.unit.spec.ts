import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import {
  assertValid,
  normalizeEmail,
  normalizeUsername,
  parseLogin,
  validateEmail,
  validatePassword,
  validateRegistration,
  validateUsername,
} from '../../src/auth/domain/validation.js';

describe('account validation', () => {
  it.each(['abc', 'A'.repeat(32), 'alice_bob-99', '---'])('accepts username %j', (u) => expect(validateUsername(u)).toEqual([]));
  it.each(['ab', 'A'.repeat(33), 'al ice', 'al.ice', 'al@ice', 'ålice', ''])('refuses username %j', (u) =>
    expect(validateUsername(u)).toEqual([{ field: 'username', message: expect.any(String) }]));

  it.each(['a@b.co', 'Alice.Smith+tag@Example.COM', '  bob@example.org  ', "o'hara@x-y.example.com"])('accepts email %j', (e) =>
    expect(validateEmail(e)).toEqual([]));
  it.each(['', 'plain', 'a@b', 'a@@b.com', 'a b@c.com', '@b.com', 'a@-b.com', 'a@b..com', `${'a'.repeat(65)}@b.com`, `a@${'b'.repeat(250)}.com`])(
    'refuses email %j',
    (e) => expect(validateEmail(e)).toEqual([{ field: 'email', message: expect.any(String) }]),
  );

  it('bounds passwords by NFKC code points', () => {
    expect(validatePassword('1234567')).toHaveLength(1);
    expect(validatePassword('12345678')).toEqual([]);
    expect(validatePassword('😀'.repeat(8))).toEqual([]); // 8 code points, 16 UTF-16 units
    expect(validatePassword('😀'.repeat(7))).toHaveLength(1);
    expect(validatePassword('x'.repeat(1024))).toEqual([]);
    expect(validatePassword('x'.repeat(1025))).toEqual([{ field: 'password', message: expect.stringContaining('1024') }]);
  });

  it('collects all field errors and throws them as one ValidationError', () => {
    const errors = validateRegistration({ username: 'x', email: 'y', password: 'z' });
    expect(errors.map((e) => e.field)).toEqual(['username', 'email', 'password']);
    expect(() => assertValid(errors)).toThrow(ValidationError);
    expect(() => assertValid([])).not.toThrow();
  });

  it('normalises uniqueness keys', () => {
    expect(normalizeUsername('Alice_B')).toBe('alice_b');
    expect(normalizeEmail('  Alice@Example.COM ')).toBe('alice@example.com');
    expect(parseLogin(' Alice@Example.com')).toEqual({ kind: 'email', key: 'alice@example.com' });
    expect(parseLogin('Alice_B ')).toEqual({ kind: 'username', key: 'alice_b' });
  });
});
