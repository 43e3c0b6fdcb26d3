import type { LevelContact } from '../domain/budget';
import type { LocalDate } from '../domain/dates';
import type { DueContact } from '../domain/digest';
import { prepared, type Sql } from './db';
import { counted, DUE_CONTACT_COLUMNS } from './due';
import type { MemberRef } from './members';

/** A contact as leveling reads it: its schedule, and the due date stored now. */
export interface LevelRow extends LevelContact {
  nextDueOn: LocalDate | null;
}

/**
 * The member's active contacts leveling may move, locked: with `all`, every one with a check-in date
 * or a move; without, only those moved before (to put back when the budget is removed). A contact
 * another transaction holds is skipped, not waited for: that transaction may be waiting for the
 * member's row this leveling holds (a touch locks its contact, then the member). It levels again
 * itself once it has the member (or the worker's daily pass does), from a snapshot that has this
 * leveling's writes.
 */
export async function contactsToLevel(db: Sql, member: MemberRef, all: boolean): Promise<LevelRow[]> {
  const { rows } = await db.query<LevelRow>(
    `SELECT id, name, cadence, added_on::text AS "addedOn", last_touch_on::text AS "lastTouchOn",
            snoozed_until::text AS "snoozedUntil", transition_on::text AS "transitionOn",
            leveled_to::text AS "leveledTo", next_due_on::text AS "nextDueOn"
     FROM contacts
     WHERE team_id = $1::text AND user_id = $2::text AND archived_at IS NULL
       AND (leveled_to IS NOT NULL OR ($3::boolean AND next_due_on IS NOT NULL))
     ORDER BY id
     FOR NO KEY UPDATE SKIP LOCKED`,
    [member.teamId, member.userId, all],
  );
  return rows;
}

/** Writes the contacts whose move or due date changed, in one statement. */
export async function setLevels(
  db: Sql,
  member: MemberRef,
  changes: { id: number; leveledTo: LocalDate | null; nextDueOn: LocalDate | null }[],
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `UPDATE contacts c SET leveled_to = l.leveled_to, next_due_on = l.next_due_on, updated_at = $6::timestamptz
     FROM unnest($3::bigint[], $4::date[], $5::date[]) AS l (id, leveled_to, next_due_on)
     WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.id = l.id`,
    [
      member.teamId,
      member.userId,
      changes.map((c) => c.id),
      changes.map((c) => c.leveledTo),
      changes.map((c) => c.nextDueOn),
      now,
    ],
  );
}

/** Records the member's local date the schedule was leveled on; null once there is nothing to level. */
export async function markLeveled(db: Sql, member: MemberRef, on: LocalDate | null): Promise<void> {
  await db.query(`UPDATE members SET leveled_on = $3::date WHERE team_id = $1::text AND user_id = $2::text`, [
    member.teamId,
    member.userId,
    on,
  ]);
}

/**
 * Members with a budget whose schedule was last leveled before their own local date at `now` (a new
 * day may be a new week, and snoozes and edits since may have crowded one), at most `limit`.
 */
export async function membersToLevel(db: Sql, now: Date, limit: number): Promise<MemberRef[]> {
  const { rows } = await db.query<MemberRef>(
    `SELECT team_id AS "teamId", user_id AS "userId" FROM members
     WHERE weekly_budget IS NOT NULL
       AND (leveled_on IS NULL OR leveled_on < ($1::timestamptz AT TIME ZONE coalesce(tz_override, tz))::date)
     ORDER BY leveled_on NULLS FIRST, team_id, user_id
     LIMIT $2::int`,
    [now, limit],
  );
  return rows;
}

/** What leveling needs of the member, with their row locked so two levelings of one member take turns. */
export interface LevelingState {
  weeklyBudget: number | null;
  workDays: number[];
  tz: string;
  leveledOn: LocalDate | null;
}

export async function lockLevelingState(db: Sql, member: MemberRef): Promise<LevelingState | null> {
  const { rows } = await db.query<LevelingState>(
    `SELECT weekly_budget AS "weeklyBudget", work_days::int[] AS "workDays", coalesce(tz_override, tz) AS tz,
            leveled_on::text AS "leveledOn"
     FROM members WHERE team_id = $1::text AND user_id = $2::text
     FOR NO KEY UPDATE`,
    [member.teamId, member.userId],
  );
  return rows[0] ?? null;
}

/** The member's check-ins a week; null for no limit (or no such member). */
export async function weeklyBudgetOf(db: Sql, member: MemberRef): Promise<number | null> {
  const { rows } = await db.query<{ weeklyBudget: number | null }>(
    prepared(
      'weekly_budget_of',
      'SELECT weekly_budget AS "weeklyBudget" FROM members WHERE team_id = $1::text AND user_id = $2::text',
      [member.teamId, member.userId],
    ),
  );
  return rows[0]?.weeklyBudget ?? null;
}

/**
 * This week's plan: the member's active contacts whose check-in falls by `weekEnd` (the earliest first,
 * at most `limit`), how many there are, and how many contacts were touched from `weekStart` to
 * `today`. Through contacts_member_next_due: with a budget, a handful of rows.
 */
export async function weekPlanRows(
  db: Sql,
  member: MemberRef,
  opts: { weekStart: LocalDate; weekEnd: LocalDate; today: LocalDate; limit: number },
): Promise<{ rows: DueContact[]; total: number; done: number }> {
  const [planned, done] = await Promise.all([
    db.query<DueContact & { total: number }>(
      `SELECT count(*) OVER ()::int AS total, ${DUE_CONTACT_COLUMNS} FROM contacts c
       WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.archived_at IS NULL AND c.next_due_on <= $3::date
       ORDER BY c.next_due_on, c.name COLLATE contact_name_order, c.id
       LIMIT $4::int`,
      [member.teamId, member.userId, opts.weekEnd, opts.limit],
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contacts
       WHERE team_id = $1::text AND user_id = $2::text AND archived_at IS NULL
         AND last_touch_on BETWEEN $3::date AND $4::date`,
      [member.teamId, member.userId, opts.weekStart, opts.today],
    ),
  ]);
  const { rows, total } = counted(planned.rows);
  return { rows, total, done: done.rows[0]?.n ?? 0 };
}
