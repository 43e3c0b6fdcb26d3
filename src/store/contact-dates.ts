import {
  bySoonest,
  type ContactDate,
  type DateOccurrence,
  occurrencesBetween,
} from '../domain/contact-dates';
import type { LocalDate } from '../domain/dates';
import { prepared, type Sql } from './db';
import type { MemberRef } from './members';

export interface StoredDate extends ContactDate {
  id: number;
  contactId: number;
  /** The next occurrence no digest has carried yet. */
  nextOn: LocalDate;
}

const DATE_COLUMNS = `d.id, d.contact_id AS "contactId", d.kind, d.label, d.month::int AS month, d.day::int AS day,
  d.year::int AS year, d.next_on::text AS "nextOn"`;

const OWNED = 'd.team_id = $1::text AND d.user_id = $2::text';

/** Dates of active contacts that reminders are on for: archived and untriaged contacts have none. */
const REMINDED_CONTACT = `JOIN contacts c ON c.id = d.contact_id AND c.team_id = d.team_id AND c.user_id = d.user_id
  AND c.archived_at IS NULL AND NOT c.unsorted`;

/** One contact's dates, birthday first, then by the day of the year. */
export async function datesOfContact(sql: Sql, member: MemberRef, contactId: number): Promise<StoredDate[]> {
  const { rows } = await sql.query<StoredDate>(
    `SELECT ${DATE_COLUMNS} FROM contact_dates d
     WHERE ${OWNED} AND d.contact_id = $3::bigint
     ORDER BY d.kind = 'birthday' DESC, d.month, d.day, d.id`,
    [member.teamId, member.userId, contactId],
  );
  return rows;
}

/** Saves dates for one of the member's contacts (the caller has checked it is theirs). */
export async function insertContactDates(
  sql: Sql,
  member: MemberRef,
  contactId: number,
  dates: (ContactDate & { nextOn: LocalDate })[],
  now: Date,
): Promise<void> {
  if (dates.length === 0) return;
  // ON CONFLICT: a birthday already on record stays as it is (a re-import adds none).
  await sql.query(
    `INSERT INTO contact_dates (team_id, user_id, contact_id, kind, label, month, day, year, next_on, created_at)
     SELECT $1::text, $2::text, $3::bigint, x.kind, x.label, x.month, x.day, x.year, x.next_on, $4::timestamptz
     FROM jsonb_to_recordset($5::jsonb)
       AS x (kind text, label text, month smallint, day smallint, year smallint, next_on date)
     ON CONFLICT (contact_id) WHERE kind = 'birthday' DO NOTHING`,
    [
      member.teamId,
      member.userId,
      contactId,
      now,
      JSON.stringify(
        dates.map((d) => ({
          kind: d.kind,
          label: d.label,
          month: d.month,
          day: d.day,
          year: d.year,
          next_on: d.nextOn,
        })),
      ),
    ],
  );
}

export async function deleteContactDates(sql: Sql, member: MemberRef, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql.query(`DELETE FROM contact_dates d WHERE ${OWNED} AND d.id = ANY ($3::bigint[])`, [
    member.teamId,
    member.userId,
    ids,
  ]);
}

/** The member's dates whose next occurrence is in `from`..`to`, with their contact's name. */
export async function datesComingBetween(
  sql: Sql,
  member: MemberRef,
  from: LocalDate,
  to: LocalDate,
): Promise<DateOccurrence[]> {
  const { rows } = await sql.query<DateOccurrence>(
    prepared(
      'dates_coming_between',
      `SELECT d.id AS "dateId", d.contact_id AS "contactId", c.name, d.kind, d.label, d.month::int AS month,
            d.day::int AS day, d.year::int AS year, d.next_on::text AS occurs
     FROM contact_dates d ${REMINDED_CONTACT}
     WHERE ${OWNED} AND d.next_on BETWEEN $3::date AND $4::date
     ORDER BY d.next_on, d.id`,
      [member.teamId, member.userId, from, to],
    ),
  );
  return rows;
}

/** The member's dates whose next occurrence is before `day`: passed without a digest carrying them. */
export async function datesPassedBefore(sql: Sql, member: MemberRef, day: LocalDate): Promise<StoredDate[]> {
  const { rows } = await sql.query<StoredDate>(
    prepared(
      'dates_passed_before',
      `SELECT ${DATE_COLUMNS} FROM contact_dates d WHERE ${OWNED} AND d.next_on < $3::date`,
      [member.teamId, member.userId, day],
    ),
  );
  return rows;
}

/**
 * Moves dates on to their next occurrence, each only from the occurrence the caller saw (a second
 * sender, or a repeat, finds it moved already and changes nothing).
 */
export async function moveDatesOn(
  sql: Sql,
  member: MemberRef,
  moves: { dateId: number; from: LocalDate; to: LocalDate }[],
): Promise<void> {
  if (moves.length === 0) return;
  await sql.query(
    prepared(
      'move_dates_on',
      `UPDATE contact_dates d SET next_on = m.to_on
     FROM jsonb_to_recordset($3::jsonb) AS m (id bigint, from_on date, to_on date)
     WHERE ${OWNED} AND d.id = m.id AND d.next_on = m.from_on`,
      [
        member.teamId,
        member.userId,
        JSON.stringify(moves.map((m) => ({ id: m.dateId, from_on: m.from, to_on: m.to }))),
      ],
    ),
  );
}

/**
 * Every occurrence in `from`..`to` (both included) of the member's dates, of active contacts, soonest
 * first: what the App Home lists and the calendar feed publishes.
 */
export async function datesBetween(
  sql: Sql,
  member: MemberRef,
  from: LocalDate,
  to: LocalDate,
): Promise<DateOccurrence[]> {
  const { rows } = await sql.query<Omit<DateOccurrence, 'occurs'>>(
    prepared(
      'dates_between',
      `SELECT d.id AS "dateId", d.contact_id AS "contactId", c.name, d.kind, d.label, d.month::int AS month,
            d.day::int AS day, d.year::int AS year
     FROM contact_dates d ${REMINDED_CONTACT}
     WHERE ${OWNED}`,
      [member.teamId, member.userId],
    ),
  );
  return bySoonest(rows.flatMap((d) => occurrencesBetween(d, from, to).map((occurs) => ({ ...d, occurs }))));
}
