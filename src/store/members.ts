import { type Db, prepared, type Sql } from './db';
import { insertDelivery } from './deliveries';

/** A Slack user in a workspace: the owner of a network. Every member-data query is scoped by it. */
export interface MemberRef {
  teamId: string;
  userId: string;
}

/** How and when a member wants reminders. */
export interface MemberSettings {
  /** Local hour (0–23) the daily digest arrives at. */
  digestHour: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that get a digest. */
  workDays: number[];
  /** A zone chosen in settings; null follows Slack's. */
  tzOverride: string | null;
  /** No reminders up to and including this local date. */
  pausedUntil: string | null;
  /** Days after an ask before a follow-up is suggested (at least 3). */
  patienceDays: number;
  /** Check-ins a week the member can make (1–100); null for no limit. */
  weeklyBudget: number | null;
}

export interface Member extends MemberRef, MemberSettings {
  /** The zone in force: the member's choice, else Slack's. */
  tz: string;
  /** The zone Slack reports for the member. */
  slackTz: string;
  tzFromSlack: boolean;
  /** They have opened their Home tab (so their changes re-publish it). */
  homeOpened: boolean;
}

const MEMBER_COLUMNS = `team_id AS "teamId", user_id AS "userId", coalesce(tz_override, tz) AS tz, tz AS "slackTz",
  tz_from_slack AS "tzFromSlack", digest_hour AS "digestHour", work_days::int[] AS "workDays",
  tz_override AS "tzOverride", paused_until::text AS "pausedUntil", patience_days AS "patienceDays",
  weekly_budget AS "weeklyBudget", home_opened_at IS NOT NULL AS "homeOpened"`;

/**
 * Returns the member, creating them (with UTC until Slack tells their zone) the first time they are
 * seen. A member seen again is reachable again: digests stopped because Slack could not reach them
 * resume.
 */
export async function upsertMember(db: Sql, member: MemberRef, now: Date): Promise<Member> {
  const { rows } = await db.query<Member>(
    `INSERT INTO members (team_id, user_id, created_at)
     VALUES ($1::text, $2::text, $3::timestamptz)
     ON CONFLICT (team_id, user_id) DO UPDATE SET digests_stopped_at = NULL, digests_stopped_reason = NULL
     RETURNING ${MEMBER_COLUMNS}`,
    [member.teamId, member.userId, now],
  );
  return rows[0] as Member;
}

/** A member as a request finds them, with what their arrival has to undo. */
export interface Arrival {
  member: Member;
  /** Slack could not reach them and their digests stopped; seen again, they resume. */
  digestsStopped: boolean;
  /** Their workspace is recorded as uninstalled; a request from it means it is back. */
  workspaceUninstalled: boolean;
}

/**
 * The member a request comes from, read without writing: nearly every request is from a member
 * already recorded, whose row has nothing to change (an upsert would write a new version of it at
 * every click). Null when they are new.
 */
export async function memberOnArrival(db: Sql, member: MemberRef): Promise<Arrival | null> {
  const { rows } = await db.query<ArrivalRow>(
    prepared(
      'member_on_arrival',
      `SELECT ${ARRIVAL_COLUMNS} FROM members WHERE team_id = $1::text AND user_id = $2::text`,
      [member.teamId, member.userId],
    ),
  );
  return arrivalOf(rows[0]);
}

/**
 * memberOnArrival for a request Slack may deliver again (a slash command, known by its trigger_id),
 * in the same statement that records the delivery: one round trip for both. `firstDelivery` is
 * false for a replay, which must not run again.
 */
export async function memberOnDelivery(
  db: Db,
  member: MemberRef,
  deliveryId: string,
  now: Date,
): Promise<{ firstDelivery: boolean; arrival: Arrival | null }> {
  const { rows } = await db.query<{ firstDelivery: boolean } & Partial<ArrivalRow>>(
    prepared(
      'member_on_delivery',
      `WITH delivery AS (
         ${insertDelivery('$3', '$4')}
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM delivery) AS "firstDelivery", m.*
       FROM (VALUES (1)) AS one (x)
       LEFT JOIN LATERAL (
         SELECT ${ARRIVAL_COLUMNS} FROM members WHERE team_id = $1::text AND user_id = $2::text
       ) m ON true`,
      [member.teamId, member.userId, deliveryId, now],
    ),
  );
  const { firstDelivery, ...row } = rows[0] ?? { firstDelivery: false };
  return { firstDelivery, arrival: row.teamId ? arrivalOf(row as ArrivalRow) : null };
}

type ArrivalRow = Member & { digestsStopped: boolean; workspaceUninstalled: boolean };

const ARRIVAL_COLUMNS = `${MEMBER_COLUMNS},
  (digests_stopped_at IS NOT NULL OR digests_stopped_reason IS NOT NULL) AS "digestsStopped",
  EXISTS (SELECT 1 FROM workspace_uninstalls u WHERE u.team_id = $1::text) AS "workspaceUninstalled"`;

function arrivalOf(row: ArrivalRow | undefined): Arrival | null {
  if (!row) return null;
  const { digestsStopped, workspaceUninstalled, ...found } = row;
  return { member: found, digestsStopped, workspaceUninstalled };
}

export async function getMember(db: Sql, member: MemberRef): Promise<Member | null> {
  const { rows } = await db.query<Member>(
    prepared(
      'get_member',
      `SELECT ${MEMBER_COLUMNS} FROM members WHERE team_id = $1::text AND user_id = $2::text`,
      [member.teamId, member.userId],
    ),
  );
  return rows[0] ?? null;
}

/**
 * Records the zone Slack reports. A zone PostgreSQL does not know (its zone database can lag
 * behind the platform's) is not stored, since the reminder planner computes local times in SQL.
 */
export async function setMemberTimeZone(db: Sql, member: MemberRef, tz: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE members SET tz = $3::text, tz_from_slack = true
     WHERE team_id = $1::text AND user_id = $2::text
       AND EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $3::text)`,
    [member.teamId, member.userId, tz],
  );
  return rowCount === 1;
}

/** Whether PostgreSQL knows this zone name (the planner needs it to). */
export async function isKnownTimeZone(db: Sql, tz: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM pg_timezone_names WHERE name = $1::text', [tz]);
  return rowCount === 1;
}

export async function updateMemberSettings(
  db: Sql,
  member: MemberRef,
  settings: MemberSettings,
): Promise<Member | null> {
  const { rows } = await db.query<Member>(
    `UPDATE members
     SET digest_hour = $3::smallint, work_days = $4::smallint[], tz_override = $5::text, paused_until = $6::date,
         patience_days = $7::smallint, weekly_budget = $8::smallint
     WHERE team_id = $1::text AND user_id = $2::text
     RETURNING ${MEMBER_COLUMNS}`,
    [
      member.teamId,
      member.userId,
      settings.digestHour,
      settings.workDays,
      settings.tzOverride,
      settings.pausedUntil,
      settings.patienceDays,
      settings.weeklyBudget,
    ],
  );
  return rows[0] ?? null;
}

/**
 * Records when the member first opened their App Home: from then on, their changes keep it fresh.
 * Called only while the member's row, as their request read it, says they never have (`homeOpened`):
 * a write, or even a statement, at every open of the tab would be for nothing anyone reads. Two
 * first opens at once record the first.
 */
export async function markHomeOpened(db: Sql, member: MemberRef, now: Date): Promise<void> {
  await db.query(
    prepared(
      'mark_home_opened',
      `UPDATE members SET home_opened_at = $3::timestamptz
       WHERE team_id = $1::text AND user_id = $2::text AND home_opened_at IS NULL`,
      [member.teamId, member.userId, now],
    ),
  );
}

/** Whether the member has ever opened their App Home (only then is it worth re-publishing). */
export async function hasOpenedHome(db: Sql, member: MemberRef): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM members WHERE team_id = $1::text AND user_id = $2::text AND home_opened_at IS NOT NULL`,
    [member.teamId, member.userId],
  );
  return rowCount === 1;
}
