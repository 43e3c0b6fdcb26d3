import type { LocalDate } from '../domain/dates';
import { prepared, type Sql } from './db';
import type { MemberRef } from './members';

/** A one-off reminder, with the name of the contact it is about. */
export interface Reminder {
  id: number;
  contactId: number;
  contactName: string;
  remindOn: LocalDate;
  what: string;
  done: boolean;
  cancelled: boolean;
}

const OWNED = 'r.team_id = $1::text AND r.user_id = $2::text';
const PENDING = 'r.done_at IS NULL AND r.cancelled_at IS NULL';
/** An archived contact's reminders wait, as their check-ins do: restored, they come again. */
const NOT_ARCHIVED = 'c.archived_at IS NULL';

/**
 * Each reminder's contact by its key. As a join, the generic plan of remindersDue (made for an
 * average member, src/store/db.ts) read the member's whole network to meet a few reminders.
 */
const select = (
  extraColumns = '',
) => `SELECT ${extraColumns} r.id, r.contact_id AS "contactId", c.name AS "contactName", r.remind_on::text AS "remindOn",
         r.what, r.done_at IS NOT NULL AS done, r.cancelled_at IS NOT NULL AS cancelled
  FROM reminders r
  CROSS JOIN LATERAL (
    SELECT name, archived_at FROM contacts c
    WHERE c.id = r.contact_id AND c.team_id = r.team_id AND c.user_id = r.user_id
    LIMIT 1
  ) c`;

/** Saves a reminder about one of the member's contacts; null when the contact is not theirs. */
export async function insertReminder(
  db: Sql,
  member: MemberRef,
  reminder: { contactId: number; remindOn: LocalDate; what: string },
  now: Date,
): Promise<Reminder | null> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO reminders (team_id, user_id, contact_id, remind_on, what, created_at)
     SELECT c.team_id, c.user_id, c.id, $4::date, $5::text, $6::timestamptz FROM contacts c
     WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.id = $3::bigint
     RETURNING id`,
    [member.teamId, member.userId, reminder.contactId, reminder.remindOn, reminder.what, now],
  );
  const id = rows[0]?.id;
  return id === undefined ? null : findReminder(db, member, Number(id));
}

/** One of the member's reminders, whatever its state; null when it is not theirs. */
export async function findReminder(db: Sql, member: MemberRef, id: number): Promise<Reminder | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await db.query<Reminder>(`${select()} WHERE ${OWNED} AND r.id = $3::bigint`, [
    member.teamId,
    member.userId,
    id,
  ]);
  return rows[0] ?? null;
}

/** The member's pending reminders, soonest first, at most `limit`, and how many there are in all. */
export async function pendingReminders(
  db: Sql,
  member: MemberRef,
  limit: number,
): Promise<{ reminders: Reminder[]; total: number }> {
  const { rows } = await db.query<Reminder & { total: number }>(
    `${select('count(*) OVER ()::int AS total,')}
     WHERE ${OWNED} AND ${PENDING} ORDER BY r.remind_on, r.id LIMIT $3::integer`,
    [member.teamId, member.userId, limit],
  );
  return { reminders: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 };
}

/** Pending reminders due by `today` (their day come, not done) about active contacts, oldest first, at most `limit`, and the count. */
export async function remindersDue(
  db: Sql,
  member: MemberRef,
  today: LocalDate,
  limit: number,
): Promise<{ reminders: Reminder[]; total: number }> {
  const { rows } = await db.query<Reminder & { total: number }>(
    prepared(
      'reminders_due',
      `${select('count(*) OVER ()::int AS total,')}
     WHERE ${OWNED} AND ${PENDING} AND ${NOT_ARCHIVED} AND r.remind_on <= $3::date
     ORDER BY r.remind_on, r.id LIMIT $4::integer`,
      [member.teamId, member.userId, today, limit],
    ),
  );
  return { reminders: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 };
}

/** The member's pending reminders on days `from` to `to` (both included), by day: the calendar feed's. */
export async function remindersBetween(
  db: Sql,
  member: MemberRef,
  from: LocalDate,
  to: LocalDate,
): Promise<Reminder[]> {
  const { rows } = await db.query<Reminder>(
    `${select()} WHERE ${OWNED} AND ${PENDING} AND ${NOT_ARCHIVED} AND r.remind_on BETWEEN $3::date AND $4::date
     ORDER BY r.remind_on, r.id`,
    [member.teamId, member.userId, from, to],
  );
  return rows;
}

/**
 * Marks one of the member's pending reminders done, or cancelled. The reminder as it was before;
 * null when it is not theirs or no longer pending (a second click changes nothing).
 */
export async function closeReminder(
  db: Sql,
  member: MemberRef,
  id: number,
  how: 'done' | 'cancelled',
  now: Date,
): Promise<Reminder | null> {
  const reminder = await findReminder(db, member, id);
  if (!reminder || reminder.done || reminder.cancelled) return null;
  const column = how === 'done' ? 'done_at' : 'cancelled_at';
  const { rowCount } = await db.query(
    `UPDATE reminders r SET ${column} = $4::timestamptz WHERE ${OWNED} AND r.id = $3::bigint AND ${PENDING}`,
    [member.teamId, member.userId, id, now],
  );
  return rowCount === 1 ? reminder : null;
}
