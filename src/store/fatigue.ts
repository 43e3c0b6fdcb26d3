import type { LocalDate } from '../domain/dates';
import type { FatigueAnswer, FatigueChoice, FatigueFacts } from '../domain/fatigue';
import { prepared, type Sql } from './db';
import type { DigestKey } from './digests';
import type { MemberRef } from './members';

const OWNED_BY = 'team_id = $1::text AND user_id = $2::text';

/**
 * What the sent digests recorded about these contacts of the member's, from the digests of
 * `from` up to the day before `today` (today's own digest is not yet let pass): how many carried
 * them with nothing done since the last action or answer, how many in all, and when the question
 * was last asked. Contacts never carried come back with zeros, through the primary key's prefix.
 */
export async function fatigueFacts(
  db: Sql,
  member: MemberRef,
  contactIds: number[],
  from: LocalDate,
  today: LocalDate,
): Promise<FatigueFacts[]> {
  if (contactIds.length === 0) return [];
  const { rows } = await db.query<FatigueFacts>(
    prepared(
      'fatigue_facts',
      `WITH carried AS (
       SELECT contact_id, local_date, acted FROM digest_carried
       WHERE ${OWNED_BY} AND contact_id = ANY ($3::bigint[]) AND local_date >= $4::date AND local_date < $5::date
     ), since AS (
       SELECT c.id AS contact_id,
              greatest((SELECT max(local_date) FROM carried WHERE contact_id = c.id AND acted), f.answered_on) AS day,
              f.asked_on
       FROM unnest($3::bigint[]) AS c(id)
       LEFT JOIN contact_fatigue f ON f.team_id = $1::text AND f.user_id = $2::text AND f.contact_id = c.id
     )
     SELECT s.contact_id AS "contactId", s.asked_on::text AS "askedOn",
            (SELECT count(*) FROM carried WHERE contact_id = s.contact_id AND NOT acted
               AND local_date > coalesce(s.day, '-infinity'::date))::int AS "ignoredInARow",
            (SELECT count(*) FROM carried WHERE contact_id = s.contact_id AND NOT acted)::int AS "timesLetPass"
     FROM since s`,
      [member.teamId, member.userId, contactIds, from, today],
    ),
  );
  return rows.map((r) => ({ ...r, contactId: Number(r.contactId) }));
}

/**
 * Records that digests of the member carried these contacts on `digest.localDate`, forgetting what
 * their digests carried before `keepFrom`. A sent digest records this with its own mark
 * (markDigestSent); this is for a history written without a send (the sandbox's demo).
 */
export async function recordCarried(
  tx: Sql,
  digest: DigestKey,
  contactIds: number[],
  keepFrom: LocalDate,
): Promise<void> {
  await tx.query(
    `WITH forgotten AS (DELETE FROM digest_carried WHERE ${OWNED_BY} AND local_date < $5::date)
     INSERT INTO digest_carried (team_id, user_id, contact_id, local_date)
     SELECT $1::text, $2::text, id, $4::date FROM unnest($3::bigint[]) AS c(id)
     ON CONFLICT DO NOTHING`,
    [digest.teamId, digest.userId, contactIds, digest.localDate, keepFrom],
  );
}

/** Records that a digest asked the member about these contacts (the nudge-fatigue question). */
export async function recordFatigueAsked(tx: Sql, digest: DigestKey, askedIds: number[]): Promise<void> {
  if (askedIds.length === 0) return;
  await tx.query(
    `INSERT INTO contact_fatigue (team_id, user_id, contact_id, asked_on)
     SELECT $1::text, $2::text, id, $4::date FROM unnest($3::bigint[]) AS c(id)
     ON CONFLICT (team_id, user_id, contact_id) DO UPDATE SET asked_on = EXCLUDED.asked_on`,
    [digest.teamId, digest.userId, askedIds, digest.localDate],
  );
}

/** Remembers the member's answer about one of their contacts; false when no digest asked about them. */
export async function saveFatigueAnswer(
  tx: Sql,
  member: MemberRef,
  contactId: number,
  answer: FatigueAnswer,
  on: LocalDate,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE contact_fatigue SET answer = $4::text, answered_on = $5::date
     WHERE ${OWNED_BY} AND contact_id = $3::bigint`,
    [member.teamId, member.userId, contactId, answer, on],
  );
  return rowCount === 1;
}

/**
 * Writes the answer into the question of one item of the member's own digest, in place (a click on
 * another item at the same moment is kept).
 */
export async function setDigestFatigueChoice(
  tx: Sql,
  member: MemberRef,
  localDate: LocalDate,
  itemKey: string,
  choice: FatigueChoice,
): Promise<void> {
  await tx.query(
    `UPDATE digests d
     SET items = (
       SELECT jsonb_agg(CASE WHEN item->>'key' = $4::text AND item ? 'fatigue'
                             THEN jsonb_set(item, '{fatigue,choice}', $5::jsonb) ELSE item END
                        ORDER BY ord)
       FROM jsonb_array_elements(d.items) WITH ORDINALITY AS e(item, ord)
     )
     WHERE ${OWNED_BY} AND local_date = $3::date AND jsonb_array_length(items) > 0`,
    [member.teamId, member.userId, localDate, itemKey, JSON.stringify(choice)],
  );
}

/** A contact of the member's let pass again and again lately. */
export interface OftenSkipped {
  contactId: number;
  name: string;
  company: string | null;
  timesLetPass: number;
}

/**
 * The member's active contacts whose reminder digests carried at least `atLeast` times from `from`
 * to the day before `today` with nothing done, most let pass first: the first `limit`, and how
 * many in all. A member's rows are two months of at most five a digest: a short range of the
 * primary key.
 */
export async function oftenSkipped(
  db: Sql,
  member: MemberRef,
  from: LocalDate,
  today: LocalDate,
  atLeast: number,
  limit: number,
): Promise<{ rows: OftenSkipped[]; total: number }> {
  const { rows } = await db.query<OftenSkipped & { total: number }>(
    prepared(
      'often_skipped',
      `WITH skipped AS (
       SELECT contact_id, count(*)::int AS n FROM digest_carried
       WHERE ${OWNED_BY} AND NOT acted AND local_date >= $3::date AND local_date < $4::date
       GROUP BY contact_id HAVING count(*) >= $5::int
     )
     SELECT c.id AS "contactId", c.name, c.company, s.n AS "timesLetPass", count(*) OVER ()::int AS total
     FROM skipped s JOIN contacts c ON c.id = s.contact_id AND c.team_id = $1::text AND c.user_id = $2::text
     WHERE c.archived_at IS NULL
     ORDER BY s.n DESC, lower(c.name), c.id
     LIMIT $6::int`,
      [member.teamId, member.userId, from, today, atLeast, limit],
    ),
  );
  return {
    rows: rows.map(({ total: _, ...r }) => ({ ...r, contactId: Number(r.contactId) })),
    total: rows[0]?.total ?? 0,
  };
}

/** For the export: the question's record and the recent counts of these contacts of the member's. */
export interface ExportFatigue {
  contactId: number;
  timesLetPass: number;
  askedOn: string | null;
  answer: FatigueAnswer | null;
  answeredOn: string | null;
}

export async function fatigueOf(db: Sql, member: MemberRef, contactIds: number[]): Promise<ExportFatigue[]> {
  const { rows } = await db.query<ExportFatigue>(
    `SELECT c.id AS "contactId",
            (SELECT count(*) FROM digest_carried d
             WHERE d.team_id = $1::text AND d.user_id = $2::text AND d.contact_id = c.id AND NOT d.acted)::int
              AS "timesLetPass",
            f.asked_on::text AS "askedOn", f.answer, f.answered_on::text AS "answeredOn"
     FROM unnest($3::bigint[]) AS c(id)
     LEFT JOIN contact_fatigue f ON f.team_id = $1::text AND f.user_id = $2::text AND f.contact_id = c.id
     WHERE f.contact_id IS NOT NULL
        OR EXISTS (SELECT 1 FROM digest_carried d
                   WHERE d.team_id = $1::text AND d.user_id = $2::text AND d.contact_id = c.id)
     ORDER BY c.id`,
    [member.teamId, member.userId, contactIds],
  );
  return rows.map((r) => ({ ...r, contactId: Number(r.contactId) }));
}
