import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Secrets and what members write about their contacts must never reach a log line,
 * whatever shape the logged object has.
 */
const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'signingSecret',
  '*.signingSecret',
  'clientSecret',
  '*.clientSecret',
  'stateSecret',
  '*.stateSecret',
  'appToken',
  '*.appToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'password',
  '*.password',
  'note',
  '*.note',
  'text',
  '*.text',
  'wantsNeeds',
  '*.wantsNeeds',
  'howMet',
  '*.howMet',
];

export function createLogger(opts: {
  level: string;
  pretty: boolean;
  destination?: pino.DestinationStream;
  /** Logs to stderr, keeping stdout for a command's own output. */
  toStderr?: boolean;
}): Logger {
  const options: pino.LoggerOptions = {
    level: opts.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  if (opts.destination) return pino(options, opts.destination);
  const fd = opts.toStderr ? 2 : 1;
  if (opts.pretty) {
    options.transport = {
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss', destination: fd },
    };
    return pino(options);
  }
  return pino(options, pino.destination(fd));
}
