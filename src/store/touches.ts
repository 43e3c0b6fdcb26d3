import type { LocalDate } from '../domain/dates';
import type { TouchIntent, TouchKind } from '../domain/touches';
import type { Sql } from './db';
import type { MemberRef } from './members';

export interface NewTouch {
  contactId: number;
  touchedOn: LocalDate;
  kind: TouchKind;
  intent: TouchIntent;
  note: string | null;
}

export interface Touch extends NewTouch {
  id: number;
}

const TOUCH_COLUMNS = `id, contact_id AS "contactId", touched_on::text AS "touchedOn", kind, intent, note`;

/** Records a touch with one of the member's contacts (the caller has locked it and checked it is active). */
export async function insertTouch(sql: Sql, member: MemberRef, touch: NewTouch, now: Date): Promise<Touch> {
  const { rows } = await sql.query<Touch>(
    `INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, note, created_at)
     VALUES ($1::text, $2::text, $3::bigint, $4::date, $5::text, $6::text, $7::text, $8::timestamptz)
     RETURNING ${TOUCH_COLUMNS}`,
    [
      member.teamId,
      member.userId,
      touch.contactId,
      touch.touchedOn,
      touch.kind,
      touch.intent,
      touch.note,
      now,
    ],
  );
  return rows[0] as Touch;
}

/** Records what an ask touch asked for; it stays pending until resolved. Returns the ask's id. */
export async function insertAsk(
  sql: Sql,
  member: MemberRef,
  ask: { touch: Touch; what: string; followUpOn: LocalDate },
  now: Date,
): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, follow_up_on, created_at)
     VALUES ($1::text, $2::text, $3::bigint, $4::bigint, $5::text, $6::date, $7::date, $8::timestamptz)
     RETURNING id`,
    [
      member.teamId,
      member.userId,
      ask.touch.contactId,
      ask.touch.id,
      ask.what,
      ask.touch.touchedOn,
      ask.followUpOn,
      now,
    ],
  );
  return (rows[0] as { id: number }).id;
}

/** The member's touches with one contact since `since`, newest first. */
export async function touchesSince(
  db: Sql,
  member: MemberRef,
  contactId: number,
  since: LocalDate,
): Promise<Touch[]> {
  const { rows } = await db.query<Touch>(
    `SELECT ${TOUCH_COLUMNS} FROM touches
     WHERE team_id = $1::text AND user_id = $2::text AND contact_id = $3::bigint AND touched_on > $4::date
     ORDER BY touched_on DESC, id DESC`,
    [member.teamId, member.userId, contactId, since],
  );
  return rows;
}

/** The member's most recent touches with one contact, whatever their age. */
export async function recentTouches(
  db: Sql,
  member: MemberRef,
  contactId: number,
  limit: number,
): Promise<Touch[]> {
  const { rows } = await db.query<Touch>(
    `SELECT ${TOUCH_COLUMNS} FROM touches
     WHERE team_id = $1::text AND user_id = $2::text AND contact_id = $3::bigint
     ORDER BY touched_on DESC, id DESC
     LIMIT $4::integer`,
    [member.teamId, member.userId, contactId, limit],
  );
  return rows;
}

/** One of the member's touches; null for another member's id or none. */
export async function findTouch(db: Sql, member: MemberRef, id: number): Promise<Touch | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await db.query<Touch>(
    `SELECT ${TOUCH_COLUMNS} FROM touches WHERE team_id = $1::text AND user_id = $2::text AND id = $3::bigint`,
    [member.teamId, member.userId, id],
  );
  return rows[0] ?? null;
}

/** Rewrites when, how, why and the note of the member's own touch; null when there is no such touch. */
export async function updateTouch(
  sql: Sql,
  member: MemberRef,
  id: number,
  touch: Omit<NewTouch, 'contactId'>,
): Promise<Touch | null> {
  const { rows } = await sql.query<Touch>(
    `UPDATE touches SET touched_on = $4::date, kind = $5::text, intent = $6::text, note = $7::text
     WHERE team_id = $1::text AND user_id = $2::text AND id = $3::bigint
     RETURNING ${TOUCH_COLUMNS}`,
    [member.teamId, member.userId, id, touch.touchedOn, touch.kind, touch.intent, touch.note],
  );
  return rows[0] ?? null;
}

/** Removes the member's own touch, and with it (ON DELETE CASCADE) the ask it recorded. */
export async function deleteTouch(sql: Sql, member: MemberRef, id: number): Promise<boolean> {
  const { rowCount } = await sql.query(
    'DELETE FROM touches WHERE team_id = $1::text AND user_id = $2::text AND id = $3::bigint',
    [member.teamId, member.userId, id],
  );
  return rowCount === 1;
}

/** The date of the member's latest touch with one contact; null when none is left. */
export async function latestTouchOn(
  sql: Sql,
  member: MemberRef,
  contactId: number,
): Promise<LocalDate | null> {
  const { rows } = await sql.query<{ latest: LocalDate | null }>(
    `SELECT max(touched_on)::text AS latest FROM touches
     WHERE team_id = $1::text AND user_id = $2::text AND contact_id = $3::bigint`,
    [member.teamId, member.userId, contactId],
  );
  return rows[0]?.latest ?? null;
}
