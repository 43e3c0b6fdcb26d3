import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger';

/**
 * Bolt's log lines go through pino. Bolt's debug lines can quote whole payloads (a member's
 * notes among them) as strings pino cannot redact, so they are dropped.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  const line = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ');
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => log.info(line(parts)),
    warn: (...parts: unknown[]) => log.warn(line(parts)),
    error: (...parts: unknown[]) => {
      const err = parts.find((p) => p instanceof Error);
      log.error(err ? { err } : {}, line(parts));
    },
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
