/**
 * The mail port: how the auth context reaches a person's inbox (email verification, and the
 * notice that somebody tried to register with an address that is already taken). Production
 * plugs a real transport in through `createServer({ mailer })`; development logs the message
 * (the verification link is in the log line), tests capture it in an outbox.
 */
import type { Logger } from '../logger.js';

export type MailKind = 'EMAIL_VERIFICATION' | 'REGISTRATION_ATTEMPT';

export interface MailMessage {
  readonly kind: MailKind;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The verification token, for EMAIL_VERIFICATION (what a link in the mail would carry). */
  readonly token?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Development: the message is logged instead of sent. */
export const logMailer = (log: Logger): Mailer => ({
  async send(message) {
    log.info({ mail: message }, 'mail not sent (no mailer configured): logged instead');
  },
});

/** Tests: every message kept, newest last. */
export const outboxMailer = (): Mailer & { readonly sent: MailMessage[]; lastTo(address: string): MailMessage | undefined } => {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
    lastTo: (address) => sent.filter((m) => m.to === address.trim().toLowerCase()).at(-1),
  };
};

export const verificationMail = (to: string, token: string, hours: number): MailMessage => ({
  kind: 'EMAIL_VERIFICATION',
  to,
  subject: 'Confirm your email for Defense Allies',
  text: `Confirm this address with the verifyEmail mutation and this token (valid ${hours} h):\n\n${token}\n\nIf you did not register, ignore this message.`,
  token,
});

export const registrationAttemptMail = (to: string): MailMessage => ({
  kind: 'REGISTRATION_ATTEMPT',
  to,
  subject: 'Someone tried to register with your address',
  text: 'Somebody tried to create a Defense Allies account with this address, which already belongs to an account. Nothing changed. If it was you, sign in instead.',
});
