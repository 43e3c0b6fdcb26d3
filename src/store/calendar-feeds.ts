import type { CheckInContact, FeedWindow, TripSpan } from '../domain/calendar-feed';
import type { Sql } from './db';
import type { MemberRef } from './members';
import { workspaceUninstalled } from './workspaces';

const OWNED_BY = 'team_id = $1::text AND user_id = $2::text';

/** The member's live feed: when it was made. Null when they have none (never made, or turned off). */
export async function liveFeed(db: Sql, member: MemberRef): Promise<{ createdAt: Date } | null> {
  const { rows } = await db.query<{ createdAt: Date }>(
    `SELECT created_at AS "createdAt" FROM calendar_feeds WHERE ${OWNED_BY} AND revoked_at IS NULL`,
    [member.teamId, member.userId],
  );
  return rows[0] ?? null;
}

/** Revokes the member's live feed, if any; true when there was one. */
export async function revokeFeed(db: Sql, member: MemberRef, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE calendar_feeds SET revoked_at = $3::timestamptz WHERE ${OWNED_BY} AND revoked_at IS NULL`,
    [member.teamId, member.userId, now],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Stores a new live feed by its token's hash (revoke the old one first, in the same transaction);
 * false when the member already has a live one (made meanwhile by another request).
 */
export async function insertFeed(db: Sql, member: MemberRef, tokenHash: Buffer, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO calendar_feeds (team_id, user_id, token_hash, created_at)
     VALUES ($1::text, $2::text, $3::bytea, $4::timestamptz)
     ON CONFLICT (team_id, user_id) WHERE revoked_at IS NULL DO NOTHING`,
    [member.teamId, member.userId, tokenHash, now],
  );
  return rowCount === 1;
}

/**
 * Whose live feed a token hash is, with their time zone (the feed's days are theirs). Null for a
 * hash no live feed has, and for a workspace that uninstalled touchbase.
 */
export async function feedOwner(db: Sql, tokenHash: Buffer): Promise<(MemberRef & { tz: string }) | null> {
  const { rows } = await db.query<MemberRef & { tz: string }>(
    `SELECT m.team_id AS "teamId", m.user_id AS "userId", coalesce(m.tz_override, m.tz) AS tz
     FROM calendar_feeds f
     JOIN members m ON m.team_id = f.team_id AND m.user_id = f.user_id
     WHERE f.token_hash = $1::bytea AND f.revoked_at IS NULL AND NOT ${workspaceUninstalled('f.team_id')}`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** Active contacts with a cadence due by the window's end (overdue ones included), soonest first. */
export async function checkInsDue(
  db: Sql,
  member: MemberRef,
  window: FeedWindow,
  limit: number,
): Promise<CheckInContact[]> {
  const { rows } = await db.query<CheckInContact>(
    `SELECT id, name, cadence, next_due_on::text AS "nextDueOn"
     FROM contacts
     WHERE ${OWNED_BY} AND archived_at IS NULL AND NOT unsorted AND cadence <> 'none'
       AND next_due_on IS NOT NULL AND next_due_on <= $3::date
     ORDER BY next_due_on, id
     LIMIT $4::int`,
    [member.teamId, member.userId, window.to, limit],
  );
  return rows;
}

/** Trips not cancelled that overlap the window. */
export async function tripsBetween(
  db: Sql,
  member: MemberRef,
  window: FeedWindow,
  limit: number,
): Promise<TripSpan[]> {
  const { rows } = await db.query<TripSpan>(
    `SELECT id, city, event, starts_on::text AS "startsOn", ends_on::text AS "endsOn"
     FROM trips
     WHERE ${OWNED_BY} AND cancelled_at IS NULL AND ends_on >= $3::date AND starts_on <= $4::date
     ORDER BY starts_on, id
     LIMIT $5::int`,
    [member.teamId, member.userId, window.from, window.to, limit],
  );
  return rows;
}

/** The member's feeds for their export: when each was made and revoked, never the token's hash. */
export async function feedsOf(
  db: Sql,
  member: MemberRef,
): Promise<{ createdAt: Date; revokedAt: Date | null }[]> {
  const { rows } = await db.query<{ createdAt: Date; revokedAt: Date | null }>(
    `SELECT created_at AS "createdAt", revoked_at AS "revokedAt" FROM calendar_feeds
     WHERE ${OWNED_BY} ORDER BY created_at, id`,
    [member.teamId, member.userId],
  );
  return rows;
}
