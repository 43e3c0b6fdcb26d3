import type { LocalDate } from '../domain/dates';
import type { IntroKind, IntroOutcome } from '../domain/intros';
import { prepared, type Sql } from './db';
import type { MemberRef } from './members';

export interface NewIntroduction {
  fromContactId: number;
  toContactId: number | null;
  toName: string | null;
  kind: IntroKind;
  why: string | null;
  introducedOn: LocalDate;
  followUpOn: LocalDate;
}

export interface Introduction {
  id: number;
  fromContactId: number;
  fromName: string;
  toContactId: number | null;
  /** The other contact's name, or the organisation or opportunity. */
  toName: string;
  kind: IntroKind;
  why: string | null;
  introducedOn: LocalDate;
  outcome: IntroOutcome | null;
  askedAgain: boolean;
}

const INTRO_COLUMNS = `i.id, i.from_contact_id AS "fromContactId", f.name AS "fromName", i.to_contact_id AS "toContactId",
  coalesce(t.name, i.to_name) AS "toName", i.kind, i.why, i.introduced_on::text AS "introducedOn", i.outcome,
  i.asked_again AS "askedAgain"`;

const FROM = `introductions i
  JOIN contacts f ON f.id = i.from_contact_id
  LEFT JOIN contacts t ON t.id = i.to_contact_id`;

const OWNED = 'i.team_id = $1::text AND i.user_id = $2::text';

/** Records an introduction of the member's (the caller has recorded the gives with each side). */
export async function insertIntroduction(
  sql: Sql,
  member: MemberRef,
  intro: NewIntroduction,
  now: Date,
): Promise<Introduction> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO introductions (team_id, user_id, from_contact_id, to_contact_id, to_name, kind, why,
                                introduced_on, follow_up_on, created_at)
     VALUES ($1::text, $2::text, $3::bigint, $4::bigint, $5::text, $6::text, $7::text, $8::date, $9::date, $10::timestamptz)
     RETURNING id`,
    [
      member.teamId,
      member.userId,
      intro.fromContactId,
      intro.toContactId,
      intro.toName,
      intro.kind,
      intro.why,
      intro.introducedOn,
      intro.followUpOn,
      now,
    ],
  );
  return (await findIntroduction(sql, member, (rows[0] as { id: number }).id)) as Introduction;
}

/** Deletes one of the member's introductions; false when they have no such introduction. */
export async function deleteIntroduction(sql: Sql, member: MemberRef, id: number): Promise<boolean> {
  const { rowCount } = await sql.query(`DELETE FROM introductions i WHERE ${OWNED} AND i.id = $3::bigint`, [
    member.teamId,
    member.userId,
    id,
  ]);
  return rowCount === 1;
}

export async function recentIntroductions(
  db: Sql,
  member: MemberRef,
  limit: number,
): Promise<Introduction[]> {
  const { rows } = await db.query<Introduction>(
    `SELECT ${INTRO_COLUMNS} FROM ${FROM} WHERE ${OWNED} ORDER BY i.introduced_on DESC, i.id DESC LIMIT $3::integer`,
    [member.teamId, member.userId, limit],
  );
  return rows;
}

export async function findIntroduction(db: Sql, member: MemberRef, id: number): Promise<Introduction | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await db.query<Introduction>(
    `SELECT ${INTRO_COLUMNS} FROM ${FROM} WHERE ${OWNED} AND i.id = $3::bigint`,
    [member.teamId, member.userId, id],
  );
  return rows[0] ?? null;
}

/** Introductions whose "how did it go?" is due on the member's local date and not yet asked. */
export async function introFollowUpsDue(
  db: Sql,
  member: MemberRef,
  localDate: LocalDate,
): Promise<Introduction[]> {
  const { rows } = await db.query<Introduction>(
    prepared(
      'intro_follow_ups_due',
      `SELECT ${INTRO_COLUMNS} FROM ${FROM}
     WHERE ${OWNED} AND i.followed_up_on IS NULL AND i.follow_up_on <= $3::date
     ORDER BY i.introduced_on, i.id`,
      [member.teamId, member.userId, localDate],
    ),
  );
  return rows;
}

export async function markIntrosFollowedUp(
  db: Sql,
  member: MemberRef,
  ids: number[],
  localDate: LocalDate,
): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE introductions i SET followed_up_on = $4::date
     WHERE ${OWNED} AND i.id = ANY ($3::bigint[]) AND i.followed_up_on IS NULL`,
    [member.teamId, member.userId, ids, localDate],
  );
}

/**
 * Stores the outcome of the member's own introduction. `askAgainOn` (for the first "no
 * response yet") schedules one more "how did it go?"; null when the member has no such introduction.
 * Another outcome ends the follow-ups, but "no response yet" again (a second click, from
 * `/touchbase intros` say) leaves a promised re-ask as it is.
 */
export async function setIntroOutcome(
  db: Sql,
  member: MemberRef,
  id: number,
  outcome: IntroOutcome,
  askAgainOn: LocalDate | null,
): Promise<Introduction | null> {
  await db.query(
    `UPDATE introductions i
     SET outcome = $4::text,
         follow_up_on = coalesce($5::date, follow_up_on),
         followed_up_on = CASE
           WHEN $5::date IS NOT NULL THEN NULL
           WHEN $4::text = 'no_response' THEN followed_up_on
           ELSE coalesce(followed_up_on, follow_up_on)
         END,
         asked_again = asked_again OR $5::date IS NOT NULL
     WHERE ${OWNED} AND i.id = $3::bigint`,
    [member.teamId, member.userId, id, outcome, askAgainOn],
  );
  return findIntroduction(db, member, id);
}
