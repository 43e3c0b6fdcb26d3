import type { LocalDate } from '../domain/dates';
import type { Trip, TripCandidate } from '../domain/trips';
import { prepared, type Sql } from './db';
import type { MemberRef } from './members';

export type { Trip };

const tripSelect = (extraColumns = '') => `
  SELECT ${extraColumns} t.id, t.city, t.event, t.starts_on::text AS "startsOn", t.ends_on::text AS "endsOn",
         coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'name', c.name, 'planned', tc.planned)
                            ORDER BY tc.planned DESC, lower(c.name)) FILTER (WHERE c.id IS NOT NULL), '[]') AS contacts
  FROM trips t
  LEFT JOIN trip_contacts tc ON tc.trip_id = t.id
  LEFT JOIN contacts c ON c.id = tc.contact_id AND c.archived_at IS NULL`;

const OWNED = 't.team_id = $1::text AND t.user_id = $2::text';

/** What the trip rules look at for each of the member's active contacts. */
export async function tripCandidates(db: Sql, member: MemberRef): Promise<TripCandidate[]> {
  const { rows } = await db.query<TripCandidate>(
    `SELECT c.id, c.name, c.city,
            array_remove(array_remove(array_cat(ARRAY[c.how_met, c.wants_needs],
              coalesce(array_agg(t.note) FILTER (WHERE t.note IS NOT NULL), '{}')), NULL), '') AS notes
     FROM contacts c
     LEFT JOIN touches t ON t.contact_id = c.id AND t.team_id = c.team_id AND t.user_id = c.user_id
     WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.archived_at IS NULL
     GROUP BY c.id`,
    [member.teamId, member.userId],
  );
  return rows;
}

/** Saves a trip with the contacts found for it (two statements: run it in a transaction). */
export async function insertTrip(
  sql: Sql,
  member: MemberRef,
  trip: {
    city: string;
    event: string | null;
    startsOn: LocalDate;
    endsOn: LocalDate;
    reachOutOn: LocalDate;
    metPromptOn: LocalDate;
  },
  contactIds: number[],
  now: Date,
): Promise<Trip> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO trips (team_id, user_id, city, event, starts_on, ends_on, reach_out_on, met_prompt_on, created_at)
       VALUES ($1::text, $2::text, $3::text, $4::text, $5::date, $6::date, $7::date, $8::date, $9::timestamptz)
       RETURNING id`,
    [
      member.teamId,
      member.userId,
      trip.city,
      trip.event,
      trip.startsOn,
      trip.endsOn,
      trip.reachOutOn,
      trip.metPromptOn,
      now,
    ],
  );
  const id = rows[0]?.id;
  await sql.query(
    `INSERT INTO trip_contacts (trip_id, contact_id, team_id, user_id)
       SELECT $3::bigint, c.id, c.team_id, c.user_id FROM contacts c
       WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.id = ANY ($4::bigint[])`,
    [member.teamId, member.userId, id, contactIds],
  );
  const found = await sql.query<Trip>(`${tripSelect()} WHERE ${OWNED} AND t.id = $3::bigint GROUP BY t.id`, [
    member.teamId,
    member.userId,
    id,
  ]);
  return found.rows[0] as Trip;
}

export async function findTrip(db: Sql, member: MemberRef, id: number): Promise<Trip | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await db.query<Trip>(
    `${tripSelect()} WHERE ${OWNED} AND t.id = $3::bigint AND t.cancelled_at IS NULL GROUP BY t.id`,
    [member.teamId, member.userId, id],
  );
  return rows[0] ?? null;
}

/** Marks one of the trip's contacts as planned to meet; false when the trip or contact is not the member's. */
export async function planToMeet(
  db: Sql,
  member: MemberRef,
  tripId: number,
  contactId: number,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE trip_contacts tc SET planned = true
     FROM trips t
     WHERE tc.trip_id = t.id AND ${OWNED} AND t.cancelled_at IS NULL
       AND tc.trip_id = $3::bigint AND tc.contact_id = $4::bigint`,
    [member.teamId, member.userId, tripId, contactId],
  );
  return rowCount === 1;
}

/** Trips that have not ended by `today`, soonest first. */
export async function upcomingTrips(
  db: Sql,
  member: MemberRef,
  today: LocalDate,
  limit = 20,
): Promise<Trip[]> {
  const { rows } = await db.query<Trip>(
    prepared(
      'upcoming_trips',
      `${tripSelect()} WHERE ${OWNED} AND t.cancelled_at IS NULL AND t.ends_on >= $3::date
     GROUP BY t.id ORDER BY t.starts_on, t.id LIMIT $4::integer`,
      [member.teamId, member.userId, today, limit],
    ),
  );
  return rows;
}

export async function cancelTrip(db: Sql, member: MemberRef, id: number, now: Date): Promise<Trip | null> {
  const trip = await findTrip(db, member, id);
  if (!trip) return null;
  await db.query(`UPDATE trips t SET cancelled_at = $4::timestamptz WHERE ${OWNED} AND t.id = $3::bigint`, [
    member.teamId,
    member.userId,
    id,
    now,
  ]);
  return trip;
}

export type TripPromptKind = 'reach_out' | 'met';

/** Trips whose reach-out reminder or "whom did you meet?" is due on the member's local date, not yet sent. */
export async function tripPromptsDue(
  db: Sql,
  member: MemberRef,
  localDate: LocalDate,
): Promise<(Trip & { prompt: TripPromptKind })[]> {
  const { rows } = await db.query<Trip & { prompt: TripPromptKind }>(
    prepared(
      'trip_prompts_due',
      `SELECT x.*, CASE WHEN x."metDue" THEN 'met' ELSE 'reach_out' END AS prompt FROM (
       ${tripSelect('(t.met_prompted_on IS NULL AND t.met_prompt_on <= $3::date) AS "metDue",')}
       WHERE ${OWNED} AND t.cancelled_at IS NULL
         AND ((t.reached_out_on IS NULL AND t.reach_out_on <= $3::date AND t.starts_on >= $3::date)
           OR (t.met_prompted_on IS NULL AND t.met_prompt_on <= $3::date))
       GROUP BY t.id
     ) x ORDER BY x."startsOn", x.id`,
      [member.teamId, member.userId, localDate],
    ),
  );
  return rows;
}

/** Records that a trip prompt went out in a digest, so each comes once. */
export async function markTripPrompted(
  db: Sql,
  member: MemberRef,
  prompts: { tripId: number; prompt: TripPromptKind }[],
  localDate: LocalDate,
): Promise<void> {
  for (const p of prompts) {
    const column = p.prompt === 'met' ? 'met_prompted_on' : 'reached_out_on';
    await db.query(
      `UPDATE trips t SET ${column} = $4::date WHERE ${OWNED} AND t.id = $3::bigint AND ${column} IS NULL`,
      [member.teamId, member.userId, p.tripId, localDate],
    );
  }
}
