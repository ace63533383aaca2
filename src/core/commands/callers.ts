/**
 * Who sent a command, as every context's registrations check it: authenticated callers, admins,
 * and the server itself (process managers, the metrics sampler, the admin bootstrap).
 */
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Command, CommandMetadata } from '../messages.js';

/** The user id the server's own commands carry; no account can have it (user ids are UUIDs). */
export const SYSTEM_USER = 'system';
export const ADMIN_ROLE = 'ADMIN';

/** The caller's user id; throws UnauthenticatedError for anonymous commands. */
export const callerOf = (metadata: Pick<CommandMetadata, 'userId'>): string => {
  if (!metadata.userId) throw new UnauthenticatedError();
  return metadata.userId;
};

export const isAdmin = (metadata: Pick<CommandMetadata, 'roles'>): boolean => metadata.roles?.includes(ADMIN_ROLE) ?? false;
export const isSystem = (metadata: Pick<CommandMetadata, 'userId'>): boolean => metadata.userId === SYSTEM_USER;

/** `authorize` hooks for registrations. */
export const authenticatedOnly = (_command: Command, metadata: CommandMetadata): void => void callerOf(metadata);

export const adminOnly = (_command: Command, metadata: CommandMetadata): void => {
  callerOf(metadata);
  if (!isAdmin(metadata)) throw new ForbiddenError('Operators only: this needs the ADMIN role');
};

export const systemOnly = (_command: Command, metadata: CommandMetadata): void => {
  if (!isSystem(metadata)) throw new ForbiddenError('Internal command');
};
