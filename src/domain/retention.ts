/**
 * How long touchbase keeps a workspace's data after it uninstalled the app (or revoked its bot
 * token), and a member's after Slack reported their account gone: long enough that a reinstall,
 * or a member coming back, finds their network as they left it.
 */
export const DEFAULT_RETENTION_DAYS = 30;

/** Slack's error words for an account that is gone (deleted or deactivated), not merely unreachable. */
export const GONE_ACCOUNT_ERRORS = ['user_not_found', 'account_inactive', 'user_disabled'] as const;

/** How a Slack refusal is recorded (a digest's last_error, a member's digests_stopped_reason). */
export function slackRefusal(error: string): string {
  return `slack refused: ${error}`;
}

/** The stop reasons that mean the member's account is gone, so their data follows the retention. */
export const GONE_ACCOUNT_REASONS: readonly string[] = GONE_ACCOUNT_ERRORS.map(slackRefusal);

/** Data whose clock started at or before this instant is past the retention period at `now`. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 86_400_000);
}
