import type { LocalDate } from '../domain/dates';
import type { CallOutcome } from '../domain/scheduled-calls';
import { prepared, type Sql } from './db';
import type { MemberRef } from './members';

/** A call the member scheduled with one of their contacts. */
export interface ScheduledCall {
  id: number;
  contactId: number;
  contactName: string;
  startsAt: Date;
  minutes: number;
  timeZone: string;
  askOn: LocalDate;
  title: string;
  outcome: CallOutcome | null;
}

const CALL_COLUMNS = `s.id::int AS id, s.contact_id::int AS "contactId", c.name AS "contactName",
  s.starts_at AS "startsAt", s.minutes, s.time_zone AS "timeZone", s.ask_on::text AS "askOn", s.title, s.outcome`;

const OWNED = 's.team_id = $1::text AND s.user_id = $2::text';
/**
 * Each call's contact by its key. As a join, the generic plan of callAsksDue (made for an average
 * member, src/store/db.ts) read the member's whole network to meet a few calls.
 */
const FROM_CALLS = `FROM scheduled_calls s
  CROSS JOIN LATERAL (
    SELECT name, archived_at FROM contacts c
    WHERE c.id = s.contact_id AND c.team_id = s.team_id AND c.user_id = s.user_id
    LIMIT 1
  ) c`;

/** Saves a call with one of the member's contacts; null when the contact is not theirs. */
export async function insertCall(
  sql: Sql,
  member: MemberRef,
  call: {
    contactId: number;
    startsAt: Date;
    minutes: number;
    timeZone: string;
    askOn: LocalDate;
    title: string;
  },
  now: Date,
): Promise<ScheduledCall | null> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO scheduled_calls (team_id, user_id, contact_id, starts_at, minutes, time_zone, ask_on, title, created_at)
     SELECT c.team_id, c.user_id, c.id, $4::timestamptz, $5::int, $6::text, $7::date, $8::text, $9::timestamptz
     FROM contacts c WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.id = $3::bigint
     RETURNING id`,
    [
      member.teamId,
      member.userId,
      call.contactId,
      call.startsAt,
      call.minutes,
      call.timeZone,
      call.askOn,
      call.title,
      now,
    ],
  );
  const id = rows[0]?.id;
  return id === undefined ? null : findCall(sql, member, Number(id));
}

export async function findCall(db: Sql, member: MemberRef, id: number): Promise<ScheduledCall | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await db.query<ScheduledCall>(
    `SELECT ${CALL_COLUMNS} ${FROM_CALLS} WHERE ${OWNED} AND s.id = $3::bigint`,
    [member.teamId, member.userId, id],
  );
  return rows[0] ?? null;
}

/**
 * The first `limit` calls whose "did you talk?" is due on the member's local date, not yet asked nor
 * answered, oldest first; active contacts only. Those a digest leaves out come the next day.
 */
export async function callAsksDue(
  db: Sql,
  member: MemberRef,
  localDate: LocalDate,
  limit: number,
): Promise<ScheduledCall[]> {
  const { rows } = await db.query<ScheduledCall>(
    prepared(
      'call_asks_due',
      `SELECT ${CALL_COLUMNS} ${FROM_CALLS}
     WHERE ${OWNED} AND s.ask_on <= $3::date AND s.asked_on IS NULL AND s.outcome IS NULL
       AND c.archived_at IS NULL
     ORDER BY s.starts_at, s.id
     LIMIT $4::int`,
      [member.teamId, member.userId, localDate, limit],
    ),
  );
  return rows;
}

/** The contact's calls still planned (their "did you talk?" day not come), soonest first, a few. */
export async function plannedCallsWith(
  db: Sql,
  member: MemberRef,
  contactId: number,
  today: LocalDate,
  limit: number,
): Promise<ScheduledCall[]> {
  const { rows } = await db.query<ScheduledCall>(
    `SELECT ${CALL_COLUMNS} ${FROM_CALLS}
     WHERE ${OWNED} AND s.contact_id = $3::bigint AND s.outcome IS NULL AND s.ask_on > $4::date
     ORDER BY s.starts_at, s.id
     LIMIT $5::int`,
    [member.teamId, member.userId, contactId, today, limit],
  );
  return rows;
}

/** Records that the digest asked "did you talk?" about these calls, so each is asked once. */
export async function markCallsAsked(
  db: Sql,
  member: MemberRef,
  ids: number[],
  localDate: LocalDate,
): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE scheduled_calls s SET asked_on = $4::date
     WHERE ${OWNED} AND s.id = ANY ($3::bigint[]) AND s.asked_on IS NULL`,
    [member.teamId, member.userId, ids, localDate],
  );
}

/** Answers "did you talk?" once: null when the call is not the member's or was answered already. */
export async function setCallOutcome(
  db: Sql,
  member: MemberRef,
  id: number,
  outcome: CallOutcome,
): Promise<ScheduledCall | null> {
  const { rowCount } = await db.query(
    `UPDATE scheduled_calls s SET outcome = $4::text
     WHERE ${OWNED} AND s.id = $3::bigint AND s.outcome IS NULL`,
    [member.teamId, member.userId, id, outcome],
  );
  return rowCount === 1 ? findCall(db, member, id) : null;
}

/**
 * A touch logged with the contact on `touchedOn` answers their calls that had begun by then (their
 * day, in the call's zone, is the day before ask_on): the call took place. Returns their ids.
 */
export async function settleCallsByTouch(
  db: Sql,
  member: MemberRef,
  contactId: number,
  touchedOn: LocalDate,
): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `UPDATE scheduled_calls s SET outcome = 'logged'
     WHERE ${OWNED} AND s.contact_id = $3::bigint AND s.outcome IS NULL AND s.ask_on <= $4::date + 1
     RETURNING s.id::int AS id`,
    [member.teamId, member.userId, contactId, touchedOn],
  );
  return rows.map((r) => r.id);
}
