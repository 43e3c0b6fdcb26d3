import type { PoolClient } from 'pg';
import type { LocalDate } from '../domain/dates';
import type { ScheduleState } from '../domain/schedule';
import type { TouchIntent, TouchKind } from '../domain/touches';
import { type Contact, lockContact } from './contacts';
import { type Db, inTransaction } from './db';
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

/** What was asked for, when the touch is an ask; it stays pending until resolved. */
export interface NewAsk {
  what: string;
  followUpOn: LocalDate;
}

const TOUCH_COLUMNS = `id, contact_id AS "contactId", touched_on::text AS "touchedOn", kind, intent, note`;

/** The domain rule that says what a contact's schedule becomes after a touch. */
export type Reschedule = (contact: ScheduleState) => {
  lastTouchOn: LocalDate | null;
  snoozedUntil: LocalDate | null;
  nextDueOn: LocalDate | null;
};

export type TouchedContact = Pick<Contact, 'id' | 'name' | 'nextDueOn' | 'cadence' | 'addedOn'>;

/**
 * Inside a transaction: records a touch with the member's own active contact and moves its
 * clock. Null (and nothing written) when the member has no such contact.
 */
export async function touchWithin(
  client: PoolClient,
  member: MemberRef,
  touch: NewTouch,
  schedule: Reschedule,
  now: Date,
): Promise<{ touch: Touch; contact: TouchedContact } | null> {
  const contact = await lockContact(client, member, touch.contactId);
  if (!contact || contact.archived) return null;
  const inserted = await client.query<Touch>(
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
  const next = schedule(contact);
  const updated = await client.query<TouchedContact>(
    `UPDATE contacts
     SET last_touch_on = $4::date, snoozed_until = $5::date, next_due_on = $6::date, updated_at = $7::timestamptz
     WHERE team_id = $1::text AND user_id = $2::text AND id = $3::bigint
     RETURNING id, name, cadence, next_due_on::text AS "nextDueOn", added_on::text AS "addedOn"`,
    [member.teamId, member.userId, touch.contactId, next.lastTouchOn, next.snoozedUntil, next.nextDueOn, now],
  );
  return { touch: inserted.rows[0] as Touch, contact: updated.rows[0] as TouchedContact };
}

/**
 * Records a touch (and, for an ask, what was asked) and moves the contact's clock in one
 * transaction. Null when the member has no such active contact, and then nothing is stored.
 */
export async function recordTouch(
  db: Db,
  member: MemberRef,
  touch: NewTouch,
  schedule: Reschedule,
  now: Date,
  ask?: NewAsk,
): Promise<{ touch: Touch; contact: TouchedContact; askId: number | null } | null> {
  return inTransaction(db, async (client) => {
    const done = await touchWithin(client, member, touch, schedule, now);
    if (!done) return null;
    const touchRow = done.touch;
    let askId: number | null = null;
    if (ask) {
      const created = await client.query<{ id: number }>(
        `INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, follow_up_on, created_at)
         VALUES ($1::text, $2::text, $3::bigint, $4::bigint, $5::text, $6::date, $7::date, $8::timestamptz)
         RETURNING id`,
        [
          member.teamId,
          member.userId,
          touch.contactId,
          touchRow.id,
          ask.what,
          touch.touchedOn,
          ask.followUpOn,
          now,
        ],
      );
      askId = created.rows[0]?.id ?? null;
    }
    return { touch: touchRow, contact: done.contact, askId };
  });
}

/** The member's touches with one contact since `since`, newest first. */
export async function touchesSince(
  db: Db,
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
  db: Db,
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
