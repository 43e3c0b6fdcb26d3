import type { Cadence } from '../domain/cadence';
import type { LocalDate } from '../domain/dates';
import type { UnsortedSummary } from '../domain/triage';
import { CONTACT_COLUMNS, type Contact } from './contacts';
import { prepared, type Sql } from './db';
import type { MemberRef } from './members';

const OWNED_BY = 'team_id = $1::text AND user_id = $2::text';
/** Triage's queue: imported contacts not yet given a rhythm, and not archived. */
const UNSORTED = `${OWNED_BY} AND unsorted AND archived_at IS NULL`;

/** The member's next unsorted contacts, most recently connected first (the order of contacts_member_unsorted). */
export async function unsortedContacts(sql: Sql, member: MemberRef, limit: number): Promise<Contact[]> {
  const { rows } = await sql.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${UNSORTED}
     ORDER BY known_since DESC NULLS LAST, id LIMIT $3::integer`,
    [member.teamId, member.userId, limit],
  );
  return rows;
}

export async function countUnsorted(sql: Sql, member: MemberRef): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM contacts WHERE ${UNSORTED}`,
    [member.teamId, member.userId],
  );
  return rows[0]?.n ?? 0;
}

/** The member's own contacts among `ids` (archived ones too), in no particular order. */
export async function contactsByIds(sql: Sql, member: MemberRef, ids: number[]): Promise<Contact[]> {
  const { rows } = await sql.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${OWNED_BY} AND id = ANY($3::bigint[])`,
    [member.teamId, member.userId, ids],
  );
  return rows;
}

/** How many unsorted contacts the member has, and those with a new job noted on or after `since`, the latest first. */
export async function unsortedSummary(
  sql: Sql,
  member: MemberRef,
  since: LocalDate,
  limit: number,
): Promise<UnsortedSummary> {
  const [counts, changes] = await Promise.all([
    sql.query<{ count: number; jobChangeCount: number }>(
      prepared(
        'unsorted_summary',
        `SELECT count(*)::int AS count,
              count(*) FILTER (WHERE transition_kind = 'new_job' AND transition_on >= $3::date)::int AS "jobChangeCount"
       FROM contacts WHERE ${UNSORTED}`,
        [member.teamId, member.userId, since],
      ),
    ),
    sql.query<UnsortedSummary['jobChanges'][number]>(
      prepared(
        'unsorted_summary_2',
        `SELECT id, name, company, role, transition_on::text AS "transitionOn"
       FROM contacts WHERE ${UNSORTED} AND transition_kind = 'new_job' AND transition_on >= $3::date
       ORDER BY transition_on DESC, id LIMIT $4::integer`,
        [member.teamId, member.userId, since, limit],
      ),
    ),
  ]);
  const { count = 0, jobChangeCount = 0 } = counts.rows[0] ?? {};
  return { count, jobChangeCount, jobChanges: changes.rows };
}

/**
 * Sorts one of the member's contacts that is still unsorted: its cadence and next check-in, or
 * archived (with no check-in). Null when the member has no such unsorted contact (already sorted,
 * or not theirs): a repeated click writes nothing.
 */
export async function sortUnsorted(
  sql: Sql,
  member: MemberRef,
  id: number,
  to: { cadence: Cadence; nextDueOn: LocalDate | null; archive: boolean },
  now: Date,
): Promise<Contact | null> {
  const { rows } = await sql.query<Contact>(
    `UPDATE contacts
     SET unsorted = false, cadence = $4::text, next_due_on = $5::date,
         archived_at = CASE WHEN $6::boolean THEN $7::timestamptz END, updated_at = $7::timestamptz
     WHERE ${UNSORTED} AND id = $3::bigint
     RETURNING ${CONTACT_COLUMNS}`,
    [member.teamId, member.userId, id, to.cadence, to.nextDueOn, to.archive, now],
  );
  return rows[0] ?? null;
}

/** When the member last talked with one of their contacts before touchbase knew them (the caller locks it). */
export async function setTalkedBefore(
  sql: Sql,
  member: MemberRef,
  id: number,
  talkedBeforeOn: LocalDate | null,
  now: Date,
): Promise<void> {
  await sql.query(
    `UPDATE contacts SET talked_before_on = $4::date, updated_at = $5::timestamptz
     WHERE ${OWNED_BY} AND id = $3::bigint`,
    [member.teamId, member.userId, id, talkedBeforeOn, now],
  );
}

/**
 * Inside a transaction: every remaining unsorted contact of the member's, locked until commit, so
 * "keep all the rest" and a click on one of them cannot both sort the same person.
 */
export async function lockUnsorted(sql: Sql, member: MemberRef): Promise<Contact[]> {
  const { rows } = await sql.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${UNSORTED} ORDER BY id FOR UPDATE`,
    [member.teamId, member.userId],
  );
  return rows;
}

/** Keeps these unsorted contacts without reminders, each with its next check-in (a recent transition may still set one). */
export async function keepWithoutReminders(
  sql: Sql,
  member: MemberRef,
  kept: { id: number; nextDueOn: LocalDate | null }[],
  now: Date,
): Promise<number> {
  const { rowCount } = await sql.query(
    `UPDATE contacts c
     SET unsorted = false, cadence = 'none', next_due_on = k.next_due_on, updated_at = $5::timestamptz
     FROM unnest($3::bigint[], $4::date[]) AS k(id, next_due_on)
     WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.id = k.id AND c.unsorted`,
    [member.teamId, member.userId, kept.map((k) => k.id), kept.map((k) => k.nextDueOn), now],
  );
  return rowCount ?? 0;
}
