import type { Sql } from './db';
import { EVERY_DIGEST_DAY } from './digest-days';
import type { MemberRef } from './members';

/**
 * Whether the workspace named by `teamColumn` (an SQL expression) has uninstalled touchbase or
 * revoked its bot token and not come back: an OAuth installation saved after the uninstall is a
 * reinstall, so the state ends there even before the worker's tick forgets the row.
 */
export function workspaceUninstalled(teamColumn: string): string {
  return `EXISTS (
    SELECT 1 FROM workspace_uninstalls u
    WHERE u.team_id = ${teamColumn} AND NOT ${REINSTALLED})`;
}

const REINSTALLED = `EXISTS (
      SELECT 1 FROM slack_installations i
      WHERE i.install_key = 'T:' || u.team_id AND i.updated_at > u.uninstalled_at)`;

/**
 * Records the workspace as uninstalled at `now`. Slack sends tokens_revoked and app_uninstalled
 * together when a workspace removes the app: the first one starts the retention clock, and a later
 * one moves it only when the workspace had reinstalled in between.
 */
export async function markWorkspaceUninstalled(
  db: Sql,
  teamId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO workspace_uninstalls AS u (team_id, reason, uninstalled_at)
     VALUES ($1::text, $2::text, $3::timestamptz)
     ON CONFLICT (team_id) DO UPDATE SET reason = EXCLUDED.reason, uninstalled_at = EXCLUDED.uninstalled_at
     WHERE ${REINSTALLED}`,
    [teamId, reason, now],
  );
}

/**
 * Cancels the workspace's digests waiting to be sent (marked failed, with why). One being sent
 * right now is left to its sender, which records what Slack answers.
 */
export async function cancelPendingDigests(db: Sql, teamId: string, reason: string): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE digests SET state = 'failed', last_error = $2::text, lease_until = NULL
     WHERE team_id = $1::text AND state = 'pending'`,
    [teamId, reason],
  );
  return rowCount ?? 0;
}

/**
 * Cancels the waiting digests of every uninstalled workspace: one a sender held when the uninstall
 * came goes back to pending when Slack refuses the dead token. Read through the small index of
 * digests to send.
 */
export async function cancelDigestsOfUninstalled(db: Sql, reason: string): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE digests SET state = 'failed', last_error = $1::text, lease_until = NULL
     WHERE state = 'pending' AND ${workspaceUninstalled('digests.team_id')}`,
    [reason],
  );
  return rowCount ?? 0;
}

/** When the workspace uninstalled touchbase; null when it has not, or has come back since. */
export async function workspaceUninstalledAt(db: Sql, teamId: string): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date }>(
    `SELECT uninstalled_at AS at FROM workspace_uninstalls u WHERE team_id = $1::text AND NOT ${REINSTALLED}`,
    [teamId],
  );
  return rows[0]?.at ?? null;
}

/** The workspace is back (a member's request came from it): it is no longer uninstalled. */
export async function clearWorkspaceUninstalled(db: Sql, teamId: string): Promise<void> {
  await db.query('DELETE FROM workspace_uninstalls WHERE team_id = $1::text', [teamId]);
}

/** Forgets the uninstalls that a later OAuth installation ended (a reinstall). */
export async function forgetReinstalledWorkspaces(db: Sql): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM workspace_uninstalls u WHERE ${REINSTALLED}`);
  return rowCount ?? 0;
}

/** The uninstalled workspace longest past its retention (uninstalled at or before `cutoff`), if any. */
export async function workspacePastRetention(db: Sql, cutoff: Date): Promise<string | null> {
  const { rows } = await db.query<{ teamId: string }>(
    `SELECT team_id AS "teamId" FROM workspace_uninstalls
     WHERE uninstalled_at <= $1::timestamptz
     ORDER BY uninstalled_at
     LIMIT 1`,
    [cutoff],
  );
  return rows[0]?.teamId ?? null;
}

/** Members whose digests stopped for one of `reasons` at or before `cutoff`, and who have not come back. */
export async function membersStoppedBefore(
  db: Sql,
  cutoff: Date,
  reasons: readonly string[],
  limit: number,
): Promise<MemberRef[]> {
  const { rows } = await db.query<MemberRef>(
    `SELECT team_id AS "teamId", user_id AS "userId" FROM members
     WHERE digests_stopped_at <= $1::timestamptz AND digests_stopped_reason = ANY ($2::text[])
     ORDER BY digests_stopped_at
     LIMIT $3::integer`,
    [cutoff, [...reasons], limit],
  );
  return rows;
}

/**
 * Every table that holds member data, children before the tables they reference, so a batch never
 * cascades into a large delete of its own. Each has an index leading with (team_id, user_id)
 * (migration 019; touch_days's and member_networks's primary keys). test/app/uninstall.test.ts checks, over information_schema, that no table with a
 * team_id column keeps a purged workspace's rows, so a new table must be added here.
 */
export const MEMBER_TABLES = [
  'digest_carried',
  'contact_fatigue',
  'asks',
  'transitions',
  'contact_dates',
  'trip_contacts',
  'scheduled_calls',
  'introductions',
  'touches',
  'touch_days',
  'trips',
  'reminders',
  'contacts',
  // After contacts: deleting them adjusts their member's count (migration 032).
  'member_networks',
  'imports',
  'import_column_maps',
  'digests',
  'idempotency_keys',
  'members',
] as const;

export type MemberTable = (typeof MEMBER_TABLES)[number];

/**
 * Deletes up to `limit` rows of one table for a workspace (`userId` null) or one member: one
 * short statement, through the table's member index. Returns how many it deleted.
 */
export async function deleteMemberRows(
  db: Sql,
  table: MemberTable,
  scope: { teamId: string; userId: string | null },
  limit: number,
): Promise<number> {
  const member = scope.userId === null ? 'team_id = $1::text' : 'team_id = $1::text AND user_id = $3::text';
  // Digests have no index leading with the member: found through the primary key, date by date.
  const where = table === 'digests' ? `local_date = ANY (${EVERY_DIGEST_DAY}) AND ${member}` : member;
  const params = scope.userId === null ? [scope.teamId, limit] : [scope.teamId, limit, scope.userId];
  const { rowCount } = await db.query(
    `DELETE FROM ${table} WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${table} WHERE ${where} LIMIT $2::integer))`,
    params,
  );
  return rowCount ?? 0;
}

/** The workspace's own rows, once its members' data is gone: its uninstall mark and any send pause. */
export async function forgetWorkspace(db: Sql, teamId: string): Promise<void> {
  await db.query('DELETE FROM workspace_uninstalls WHERE team_id = $1::text', [teamId]);
  await db.query('DELETE FROM workspace_send_pauses WHERE team_id = $1::text', [teamId]);
}
