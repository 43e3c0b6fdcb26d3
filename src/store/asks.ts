import type { AskStatus } from '../domain/asks';
import type { LocalDate } from '../domain/dates';
import type { TouchFacts } from '../domain/touches';
import { prepared, type Sql } from './db';
import type { MemberRef } from './members';

export interface Ask {
  id: number;
  contactId: number;
  contactName: string;
  what: string;
  askedOn: LocalDate;
  status: AskStatus;
  followUpOn: LocalDate;
}

const ASK_COLUMNS = `a.id, a.contact_id AS "contactId", c.name AS "contactName", a.what, a.asked_on::text AS "askedOn",
  a.status, a.follow_up_on::text AS "followUpOn"`;

const OWNED = 'a.team_id = $1::text AND a.user_id = $2::text';

/** Every touch with the contact, as the ask rules need them (intent and date only). */
export async function touchHistory(db: Sql, member: MemberRef, contactId: number): Promise<TouchFacts[]> {
  const { rows } = await db.query<TouchFacts>(
    `SELECT touched_on::text AS "touchedOn", intent FROM touches
     WHERE team_id = $1::text AND user_id = $2::text AND contact_id = $3::bigint`,
    [member.teamId, member.userId, contactId],
  );
  return rows;
}

/** Recent touch facts for several of the member's contacts at once (digest hints, flags). */
export async function touchHistories(
  db: Sql,
  member: MemberRef,
  contactIds: number[],
  since: LocalDate,
): Promise<Map<number, TouchFacts[]>> {
  const { rows } = await db.query<TouchFacts & { contactId: number }>(
    prepared(
      'touch_histories',
      `SELECT contact_id AS "contactId", touched_on::text AS "touchedOn", intent FROM touches
     WHERE team_id = $1::text AND user_id = $2::text AND contact_id = ANY ($3::bigint[]) AND touched_on > $4::date`,
      [member.teamId, member.userId, contactIds, since],
    ),
  );
  const byContact = new Map<number, TouchFacts[]>();
  for (const r of rows) byContact.set(r.contactId, [...(byContact.get(r.contactId) ?? []), r]);
  return byContact;
}

export async function pendingAsksOf(db: Sql, member: MemberRef, contactId: number): Promise<Ask[]> {
  const { rows } = await db.query<Ask>(
    `SELECT ${ASK_COLUMNS} FROM asks a JOIN contacts c ON c.id = a.contact_id
     WHERE ${OWNED} AND a.contact_id = $3::bigint AND a.status = 'pending'
     ORDER BY a.asked_on, a.id`,
    [member.teamId, member.userId, contactId],
  );
  return rows;
}

export async function findAsk(db: Sql, member: MemberRef, id: number): Promise<Ask | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await db.query<Ask>(
    `SELECT ${ASK_COLUMNS} FROM asks a JOIN contacts c ON c.id = a.contact_id WHERE ${OWNED} AND a.id = $3::bigint`,
    [member.teamId, member.userId, id],
  );
  return rows[0] ?? null;
}

/**
 * Marks the member's own pending ask granted, declined or withdrawn; null when they have no
 * such ask. An ask already resolved keeps its first answer.
 */
export async function resolveAsk(
  db: Sql,
  member: MemberRef,
  id: number,
  status: Exclude<AskStatus, 'pending'>,
  now: Date,
): Promise<Ask | null> {
  await db.query(
    `UPDATE asks a SET status = $4::text, resolved_at = $5::timestamptz
     WHERE ${OWNED} AND a.id = $3::bigint AND a.status = 'pending'`,
    [member.teamId, member.userId, id, status, now],
  );
  return findAsk(db, member, id);
}

/** The member's pending asks whose patience window has passed and that have not been followed up yet. */
export async function followUpsDue(db: Sql, member: MemberRef, localDate: LocalDate): Promise<Ask[]> {
  const { rows } = await db.query<Ask>(
    `SELECT ${ASK_COLUMNS}
     FROM asks a JOIN contacts c ON c.id = a.contact_id AND c.team_id = a.team_id AND c.user_id = a.user_id
     WHERE ${OWNED} AND a.status = 'pending' AND a.followed_up_on IS NULL AND a.follow_up_on <= $3::date
       AND c.archived_at IS NULL
     ORDER BY a.asked_on, a.id`,
    [member.teamId, member.userId, localDate],
  );
  return rows;
}

/**
 * For a digest: the asks waiting for a follow-up of the first `people` contacts (in the order a digest
 * lists them: whose waiting ask is oldest first), at most `perPerson` each, oldest first; and how many
 * contacts have asks waiting, and how many of those are due for a check-in themselves (their asks join
 * that item), counted up to `countCap`: past it, `atLeast` says the counts are floors.
 *
 * Each person is met once, at their oldest waiting ask, walking asks_member_waiting (migration 033)
 * in the digest's order and stopping after `countCap` + 1 people: a member with thousands of asks
 * waiting costs what one with a few hundred does, not a read of every waiting ask with its contact.
 */
export async function firstFollowUpsDue(
  db: Sql,
  member: MemberRef,
  localDate: LocalDate,
  opts: { people: number; perPerson: number; countCap: number },
): Promise<{ asks: Ask[]; people: number; duePeople: number; atLeast: boolean }> {
  if (!Number.isSafeInteger(opts.countCap) || opts.countCap < opts.people) {
    throw new RangeError('countCap must be at least people');
  }
  const WAITING = (alias: string) =>
    `${alias}.status = 'pending' AND ${alias}.followed_up_on IS NULL AND ${alias}.follow_up_on <= $3::date
     AND ${alias}.asked_on <= $3::date`;
  const { rows } = await db.query<Ask & { people: number; duePeople: number; id: number | null }>(
    prepared(
      'first_follow_ups_due',
      `WITH firsts AS (
       SELECT a.id, a.contact_id, a.asked_on, c.name, coalesce(c.due, false) AS due
       FROM asks a
       -- The ask's contact by its key (as a join, a generic plan made for an average member hashed
       -- the member's whole network to meet a few asks); archived contacts' asks wait unseen.
       CROSS JOIN LATERAL (
         SELECT c.name, c.next_due_on <= $3::date AS due FROM contacts c
         WHERE c.id = a.contact_id AND c.team_id = a.team_id AND c.user_id = a.user_id AND c.archived_at IS NULL
         LIMIT 1
       ) c
       -- The person's oldest waiting ask, found among their own asks (asks_contact); the row is kept
       -- only when it is this one. LIMIT 1 keeps it a lookup per ask: as NOT EXISTS, the generic
       -- plan compared each ask with every waiting ask of the member (85 ms for 1,941).
       CROSS JOIN LATERAL (
         SELECT o.id FROM asks o
         WHERE o.contact_id = a.contact_id AND o.team_id = a.team_id AND o.user_id = a.user_id AND ${WAITING('o')}
         ORDER BY o.asked_on, o.id
         LIMIT 1
       ) oldest
       WHERE ${OWNED} AND ${WAITING('a')} AND oldest.id = a.id
       ORDER BY a.asked_on, a.id
       LIMIT $6::int + 1
     ),
     counted AS (
       SELECT count(*)::int AS people, count(*) FILTER (WHERE due)::int AS "duePeople" FROM firsts
     ),
     chosen AS (SELECT contact_id, name FROM firsts ORDER BY asked_on, id LIMIT $4::int)
     SELECT counted.*, s.*
     FROM counted
     LEFT JOIN LATERAL (
       SELECT a.id, a.contact_id AS "contactId", chosen.name AS "contactName", a.what,
              a.asked_on::text AS "askedOn", a.status, a.follow_up_on::text AS "followUpOn"
       FROM chosen
       CROSS JOIN LATERAL (
         SELECT * FROM asks a
         WHERE a.contact_id = chosen.contact_id AND ${OWNED} AND ${WAITING('a')}
         ORDER BY a.asked_on, a.id
         LIMIT $5::int
       ) a
     ) s ON true
     ORDER BY s."askedOn", s.id`,
      [member.teamId, member.userId, localDate, opts.people, opts.perPerson, opts.countCap],
    ),
  );
  const people = rows[0]?.people ?? 0;
  return {
    asks: rows.filter((r) => r.id !== null).map(({ people: _p, duePeople: _d, ...ask }) => ask as Ask),
    // Past the cap, both counts are those of the first countCap + 1 people: floors of the whole.
    people,
    duePeople: rows[0]?.duePeople ?? 0,
    atLeast: people > opts.countCap,
  };
}

/**
 * The asks waiting for a follow-up of these contacts (the member's, not archived), at most
 * `perPerson` each, oldest first: as firstFollowUpsDue lists them, for people it did not choose.
 * Each contact's asks come from asks_contact, so the read is bounded by the contacts named, not by
 * how many people have asks waiting.
 */
export async function followUpsDueOf(
  db: Sql,
  member: MemberRef,
  localDate: LocalDate,
  contactIds: number[],
  perPerson: number,
): Promise<Ask[]> {
  if (contactIds.length === 0) return [];
  const { rows } = await db.query<Ask>(
    prepared(
      'follow_ups_due_of',
      `SELECT ${ASK_COLUMNS}
     -- The contacts named, each by its key. Joined, the generic plan (made for an average member)
     -- read the member's whole network to meet them: 19,576 contacts for 27.
     FROM (SELECT DISTINCT unnest($4::bigint[]) AS id) named
     CROSS JOIN LATERAL (
       SELECT c.id, c.name FROM contacts c
       WHERE c.id = named.id AND c.team_id = $1::text AND c.user_id = $2::text AND c.archived_at IS NULL
       LIMIT 1
     ) c
     CROSS JOIN LATERAL (
       SELECT a.* FROM asks a
       WHERE a.contact_id = c.id AND ${OWNED} AND a.status = 'pending' AND a.followed_up_on IS NULL
         AND a.follow_up_on <= $3::date AND a.asked_on <= $3::date
       ORDER BY a.asked_on, a.id
       LIMIT $5::int
     ) a
     ORDER BY a.asked_on, a.id`,
      [member.teamId, member.userId, localDate, contactIds, perPerson],
    ),
  );
  return rows;
}

/** Records that these follow-ups went out, so each is suggested once. */
export async function markFollowedUp(
  db: Sql,
  member: MemberRef,
  askIds: number[],
  localDate: LocalDate,
): Promise<void> {
  if (askIds.length === 0) return;
  await db.query(
    `UPDATE asks a SET followed_up_on = $4::date WHERE ${OWNED} AND a.id = ANY ($3::bigint[]) AND a.followed_up_on IS NULL`,
    [member.teamId, member.userId, askIds, localDate],
  );
}

/** Gives and asks since a date for the given contacts (one page of the list's balance column). */
export async function balancesSince(
  db: Sql,
  member: MemberRef,
  since: LocalDate,
  contactIds: number[],
): Promise<Map<number, { gives: number; asks: number }>> {
  const { rows } = await db.query<{ contactId: number; gives: number; asks: number }>(
    `SELECT contact_id AS "contactId", count(*) FILTER (WHERE intent = 'give')::int AS gives,
            count(*) FILTER (WHERE intent = 'ask')::int AS asks
     FROM touches
     WHERE team_id = $1::text AND user_id = $2::text AND contact_id = ANY ($4::bigint[]) AND touched_on > $3::date
     GROUP BY contact_id`,
    [member.teamId, member.userId, since, contactIds],
  );
  return new Map(rows.map((r) => [r.contactId, { gives: r.gives, asks: r.asks }]));
}

/** The ask a touch of the member's recorded, whatever its status; null when it recorded none. */
export async function askOfTouch(db: Sql, member: MemberRef, touchId: number): Promise<Ask | null> {
  const { rows } = await db.query<Ask>(
    `SELECT ${ASK_COLUMNS} FROM asks a JOIN contacts c ON c.id = a.contact_id WHERE ${OWNED} AND a.touch_id = $3::bigint`,
    [member.teamId, member.userId, touchId],
  );
  return rows[0] ?? null;
}

/** After its touch was edited: what was asked, and when (which moves the patient follow-up). */
export async function updateAskOfTouch(
  sql: Sql,
  member: MemberRef,
  touchId: number,
  ask: { what: string; askedOn: LocalDate; followUpOn: LocalDate },
): Promise<void> {
  await sql.query(
    `UPDATE asks a SET what = $4::text, asked_on = $5::date, follow_up_on = $6::date
     WHERE ${OWNED} AND a.touch_id = $3::bigint`,
    [member.teamId, member.userId, touchId, ask.what, ask.askedOn, ask.followUpOn],
  );
}

/** The touch it came from is no longer an ask: the ask goes with what it claimed. */
export async function deleteAskOfTouch(sql: Sql, member: MemberRef, touchId: number): Promise<void> {
  await sql.query(`DELETE FROM asks a WHERE ${OWNED} AND a.touch_id = $3::bigint`, [
    member.teamId,
    member.userId,
    touchId,
  ]);
}
