import { webApi } from '@slack/bolt';
import { slackRefusal } from '../domain/retention';
import { RateLimitedLater } from './slack-calls';

/**
 * What a failed Slack call means for a digest:
 * - `workspace`: the workspace's bot token is dead (revoked, rotated, the app uninstalled). Every
 *   member's send would fail the same way, so the workspace waits, and no digest is given up on.
 * - `member`: Slack cannot reach this member (left, deactivated, cannot be sent a DM). Their
 *   digests stop until they use touchbase again; everyone else's go on.
 * - `transient`: Slack or the network is having a moment (5xx, timeouts, rate limits): retry later.
 * - `refused`: Slack refused this request itself (say, blocks it will never accept): retrying the
 *   same request cannot help.
 * - `ambiguous`: `account_inactive`, which Slack answers both for a deactivated member (from
 *   conversations.open) and for a dead token; auth.test tells which.
 */
export type SlackErrorKind = 'workspace' | 'member' | 'transient' | 'refused' | 'ambiguous';

const WORKSPACE_ERRORS = new Set(['invalid_auth', 'token_revoked', 'token_expired', 'not_authed']);
const MEMBER_ERRORS = new Set(['user_not_found', 'cannot_dm_bot', 'user_disabled']);
const TRANSIENT_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export function slackErrorKind(err: unknown): SlackErrorKind {
  if (err instanceof RateLimitedLater) return 'transient';
  const e = err as { code?: string; data?: { error?: string } };
  // Timeouts, refused connections and HTTP 5xx: the request may not even have reached Slack.
  if (e.code !== webApi.ErrorCode.PlatformError) return 'transient';
  const error = e.data?.error ?? '';
  if (WORKSPACE_ERRORS.has(error)) return 'workspace';
  if (MEMBER_ERRORS.has(error)) return 'member';
  if (error === 'account_inactive') return 'ambiguous';
  if (TRANSIENT_ERRORS.has(error)) return 'transient';
  return 'refused';
}

/** The error word Slack answered (`channel_not_found`, …); undefined when Slack did not answer one. */
export function slackError(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } };
  return e.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
}

/** One line for logs and the digest's last_error: what Slack (or the network) said. */
export function describeSlackError(err: unknown): string {
  if (err instanceof RateLimitedLater) return err.message;
  const e = err as { code?: string; message?: string; data?: { error?: string }; statusCode?: number };
  if (e.code === webApi.ErrorCode.PlatformError) return slackRefusal(e.data?.error ?? 'unknown');
  if (e.code === webApi.ErrorCode.HTTPError) return `slack http ${e.statusCode ?? '?'}`;
  return String(e.message ?? err).slice(0, 500);
}
