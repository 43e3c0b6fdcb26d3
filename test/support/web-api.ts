import { type Logger, LogLevel } from '@slack/web-api';

/** For a test's own WebClient: Slack's answers are what the test asserts, not what the client logs. */
export const silentWebApiLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};
