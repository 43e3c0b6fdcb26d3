import { LogLevel, type webApi } from '@slack/bolt';

/** A Web API client's logger that writes nothing: for a client whose caller reports what matters. */
export const silentWebApiLogger: webApi.Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};
