/** Structured JSON logs (pino). Secrets are redacted wherever they appear. */
import { pino, type Logger } from 'pino';

export type { Logger };

export const createLogger = (level: string, base: Record<string, unknown> = {}): Logger =>
  pino({
    level,
    base: { service: 'defense-allies', ...base },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        '*.password',
        '*.passwordHash',
        '*.refreshToken',
        '*.accessToken',
        'variables.input.password',
        'variables.input.refreshToken',
      ],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
