/**
 * Input rules for accounts, as pure functions returning per-field errors, so the GraphQL layer
 * can report every problem at once (before spending a slow hash) and the decider can re-check
 * what reaches it. Field names match the `registerUser` input: username, email, password.
 */
import { ValidationError, type FieldError } from '../../core/errors.js';

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 8;
/** scrypt's cost barely depends on input length, but NFKC and request size do: bound it. */
export const PASSWORD_MAX = 1024;

const USERNAME_CHARS = /^[A-Za-z0-9_-]+$/;
// Pragmatic, close to the WHATWG `input[type=email]` rule, but the domain needs a dot (no
// intranet hosts): local part of atext/dots, labels of 1–63 alphanumerics/hyphens.
const EMAIL =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Uniqueness key for usernames: the display form keeps its case, reservations use this. */
export const normalizeUsername = (username: string): string => username.toLowerCase();

/** Emails are stored and compared in this form. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const validateUsername = (username: string): FieldError[] => {
  if (username.length < USERNAME_MIN || username.length > USERNAME_MAX) {
    return [{ field: 'username', message: `Username must be ${USERNAME_MIN}–${USERNAME_MAX} characters long` }];
  }
  if (!USERNAME_CHARS.test(username)) {
    return [{ field: 'username', message: 'Username may contain only letters, digits, "_" and "-"' }];
  }
  return [];
};

export const validateEmail = (email: string): FieldError[] => {
  const normalized = normalizeEmail(email);
  if (normalized.length === 0) return [{ field: 'email', message: 'Email is required' }];
  if (normalized.length > EMAIL_MAX) return [{ field: 'email', message: `Email must be at most ${EMAIL_MAX} characters long` }];
  if (!EMAIL.test(normalized)) return [{ field: 'email', message: 'Email is not a valid address' }];
  return [];
};

/** Length counts code points of the NFKC form, i.e. what actually gets hashed. */
export const validatePassword = (password: string): FieldError[] => {
  const length = [...password.normalize('NFKC')].length;
  if (length < PASSWORD_MIN) return [{ field: 'password', message: `Password must be at least ${PASSWORD_MIN} characters long` }];
  if (length > PASSWORD_MAX) return [{ field: 'password', message: `Password must be at most ${PASSWORD_MAX} characters long` }];
  return [];
};

export const validateRegistration = (input: { username: string; email: string; password: string }): FieldError[] => [
  ...validateUsername(input.username),
  ...validateEmail(input.email),
  ...validatePassword(input.password),
];

export const assertValid = (fieldErrors: readonly FieldError[], message = 'Invalid input'): void => {
  if (fieldErrors.length > 0) throw new ValidationError(message, fieldErrors);
};

/**
 * `authenticateUser(login)` takes a username or an email: an `@` can only be in an email, since
 * usernames forbid it. The value is already in its uniqueness-key form.
 */
export const parseLogin = (login: string): { kind: 'email' | 'username'; key: string } =>
  login.includes('@') ? { kind: 'email', key: normalizeEmail(login) } : { kind: 'username', key: normalizeUsername(login.trim()) };
