import { GONE_ACCOUNT_REASONS, retentionCutoff } from '../domain/retention';
import { inTransaction } from '../store/db';
import { deleteInstallationOf, type InstallationRef, revokeUserTokens } from '../store/installations';
import {
  cancelDigestsOfUninstalled,
  cancelPendingDigests,
  deleteMemberRows,
  forgetReinstalledWorkspaces,
  forgetWorkspace,
  MEMBER_TABLES,
  markWorkspaceUninstalled,
  membersStoppedBefore,
  workspacePastRetention,
} from '../store/workspaces';
import type { UseCaseDeps } from './deps';

export type { InstallationRef };

export type UninstallReason = 'app_uninstalled' | 'tokens_revoked';

const CANCELLED = 'cancelled: touchbase was uninstalled from this workspace, or its bot token revoked';

/**
 * The workspace removed touchbase (or revoked its bot token, which leaves nothing to send with): its
 * installation and tokens are deleted at once, the workspace is recorded as uninstalled so the worker
 * neither plans nor sends for it, and its waiting digests are cancelled. One transaction. Its members'
 * data stays until the retention period ends, so a reinstall finds the network as it was.
 */
export async function workspaceUninstalled(
  deps: UseCaseDeps,
  ref: InstallationRef,
  reason: UninstallReason,
): Promise<{ installationDeleted: boolean; digestsCancelled: number }> {
  return inTransaction(deps.db, async (tx) => {
    const installationDeleted = await deleteInstallationOf(tx, ref);
    if (!ref.teamId) return { installationDeleted, digestsCancelled: 0 };
    await markWorkspaceUninstalled(tx, ref.teamId, reason, deps.clock.now());
    return { installationDeleted, digestsCancelled: await cancelPendingDigests(tx, ref.teamId, CANCELLED) };
  });
}

/**
 * Slack revoked tokens: a revoked bot token is an uninstall for sending (nothing can reach Slack
 * for that workspace any more); revoked user tokens are forgotten, and the bot goes on working.
 * Slack lists only this app's tokens, so any bot listed is touchbase's own in that workspace.
 */
export async function tokensRevoked(
  deps: UseCaseDeps,
  ref: InstallationRef,
  revoked: { users: readonly string[]; bots: readonly string[] },
): Promise<{ uninstalled: boolean; userTokensRemoved: boolean }> {
  if (revoked.bots.length > 0) {
    await workspaceUninstalled(deps, ref, 'tokens_revoked');
    return { uninstalled: true, userTokensRemoved: false };
  }
  // Only OAuth installations keep user tokens; with a single bot token there are none to forget.
  if (revoked.users.length === 0 || !deps.installationKeys)
    return { uninstalled: false, userTokensRemoved: false };
  return {
    uninstalled: false,
    userTokensRemoved: await revokeUserTokens(deps.db, deps.clock, deps.installationKeys, ref, revoked.users),
  };
}

/** Rows deleted per statement: each is a short statement through the table's member index. */
const PURGE_BATCH = 2000;
/** Gone members looked up at a time. */
const GONE_MEMBERS_PAGE = 50;

export interface PurgeReport {
  /** Digests of uninstalled workspaces found waiting (a send under way at the uninstall) and cancelled. */
  digestsCancelled: number;
  workspaces: number;
  members: number;
  rows: number;
  /** False when the time ran out first: the next tick goes on where this one stopped. */
  finished: boolean;
}

/**
 * The worker's purge. First, a digest of an uninstalled workspace still waiting (a sender held it
 * when the uninstall came, then Slack refused the token) is cancelled, so a reinstall never sends
 * an old day's digest. Then every member's data of a workspace uninstalled more than `retentionDays` ago
 * (and not reinstalled since), then that of each member whose account Slack reported gone that long
 * ago (and who has not come back). Table by table, children first, in batches of short statements,
 * while `timeLeft()`; what is left, the next tick deletes.
 */
export async function purgeExpired(
  deps: UseCaseDeps,
  retentionDays: number,
  timeLeft: () => boolean,
): Promise<PurgeReport> {
  const report: PurgeReport = { digestsCancelled: 0, workspaces: 0, members: 0, rows: 0, finished: false };
  await forgetReinstalledWorkspaces(deps.db);
  report.digestsCancelled = await cancelDigestsOfUninstalled(deps.db, CANCELLED);
  const cutoff = retentionCutoff(deps.clock.now(), retentionDays);
  for (;;) {
    const teamId = await workspacePastRetention(deps.db, cutoff);
    if (!teamId) break;
    if (!(await purgeRows(deps, { teamId, userId: null }, report, timeLeft))) return report;
    await forgetWorkspace(deps.db, teamId);
    report.workspaces++;
  }
  for (;;) {
    const gone = await membersStoppedBefore(deps.db, cutoff, GONE_ACCOUNT_REASONS, GONE_MEMBERS_PAGE);
    if (gone.length === 0) break;
    for (const member of gone) {
      if (!(await purgeRows(deps, member, report, timeLeft))) return report;
      report.members++;
    }
  }
  report.finished = true;
  return report;
}

/** Deletes every row of the workspace or member, table by table; false when time ran out first. */
async function purgeRows(
  deps: UseCaseDeps,
  scope: { teamId: string; userId: string | null },
  report: PurgeReport,
  timeLeft: () => boolean,
): Promise<boolean> {
  for (const table of MEMBER_TABLES) {
    for (;;) {
      if (!timeLeft()) return false;
      const deleted = await deleteMemberRows(deps.db, table, scope, PURGE_BATCH);
      report.rows += deleted;
      // Until a statement finds nothing left: another worker purging the same rows at once can make
      // a batch come back short while rows remain.
      if (deleted === 0) break;
    }
  }
  return true;
}
