/** Structured JSON logs (pino). Secrets are redacted wherever they appear. */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** JSON lines to stdout, or to `destination` (a file, a test's capture). */
export const createLogger = (level: string, base: Record<string, unknown> = {}, destination?: DestinationStream): Logger => {
  const options: LoggerOptions = {
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
  };
  return destination ? pino(options, destination) : pino(options);
};
