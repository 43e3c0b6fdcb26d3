import { webApi } from '@slack/bolt';
import type { Logger } from '../logger';
import { isDatabaseUnavailable } from '../usecases/deps';

export const SORRY = 'Something went wrong on my side and nothing was changed. Please try again in a moment.';
export const DATABASE_SILENT =
  "I couldn't reach my database just now, so nothing was changed. Please try again in a moment.";
export const FORM_TOO_LATE = 'Slack did not let me open the form in time — please try again.';
export const BROKEN_CONNECTION =
  "touchbase's connection to this workspace is broken; ask an admin to reinstall it.";

/** Slack's answers meaning the bot token no longer works: only a reinstall mends them. */
const BROKEN_AUTH = new Set([
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_authed',
]);
/** The trigger_id was refused: too old (3 s), already used, or not one Slack knows. */
const TRIGGER_REFUSED = new Set(['expired_trigger_id', 'exchanged_trigger_id', 'invalid_trigger_id']);

export function busyWords(retryAfterS: number): string {
  return `Slack is busy right now; try again in ${retryAfterS} second${retryAfterS === 1 ? '' : 's'}.`;
}

/**
 * What to tell a member when a Slack call made for them failed, in plain words by kind, logged at the
 * level the kind deserves (a broken connection is an error an operator must act on; a busy Slack is
 * not). `opening` says the call was opening a form, whose lateness has its own words. Anything that is
 * not a Slack answer is the listener's own failure: the generic apology.
 */
export function failureWords(err: unknown, logger: Logger, what: string, opening = false): string {
  const code = (err as { code?: string } | undefined)?.code;
  if (code === webApi.ErrorCode.RateLimitedError) {
    const retryAfterS = (err as webApi.WebAPIRateLimitedError).retryAfter;
    logger.warn({ retryAfterS }, `${what}: Slack is rate-limiting this workspace`);
    return busyWords(retryAfterS);
  }
  if (code === webApi.ErrorCode.RequestError && isTimeout((err as webApi.WebAPIRequestError).original)) {
    logger.warn({ err }, `${what}: Slack did not answer in time`);
    return opening ? FORM_TOO_LATE : 'Slack did not answer in time — please try again.';
  }
  if (code === webApi.ErrorCode.PlatformError) {
    const error = (err as webApi.WebAPIPlatformError).data.error;
    if (BROKEN_AUTH.has(error)) {
      logger.error(
        { slackError: error },
        `${what}: the bot token is refused; the workspace must reinstall touchbase`,
      );
      return BROKEN_CONNECTION;
    }
    logger.warn({ slackError: error }, `${what}: Slack refused`);
    if (TRIGGER_REFUSED.has(error)) return FORM_TOO_LATE;
    if (error === 'user_not_found')
      return 'Slack could not find that person; they may have left the workspace.';
    if (error === 'cannot_dm_bot') return 'Slack does not let me send a direct message to a bot.';
    if (error === 'channel_not_found') {
      return 'Slack did not let me post in that conversation; try again in your DM with touchbase.';
    }
    return SORRY;
  }
  if (isDatabaseUnavailable(err)) {
    logger.error({ err }, `${what} failed: the database did not answer`);
    return DATABASE_SILENT;
  }
  logger.error({ err }, `${what} failed`);
  return SORRY;
}

function isTimeout(original: Error | undefined): boolean {
  return original?.name === 'TimeoutError' || original?.name === 'AbortError';
}
