import type { LocalDate } from '../domain/dates';
import type { ScheduleState } from '../domain/schedule';
import type { TransitionKind } from '../domain/transitions';
import { lockContact } from './contacts';
import { type Db, inTransaction } from './db';
import type { MemberRef } from './members';

export interface NewTransition {
  contactId: number;
  kind: TransitionKind;
  notedOn: LocalDate;
  note: string | null;
}

/**
 * Notes a transition in the life of the member's own contact and moves the contact's next
 * check-in by the transition rules (`nextDue`). Null when the member has no such contact.
 */
export async function noteTransition(
  db: Db,
  member: MemberRef,
  t: NewTransition,
  nextDue: (state: ScheduleState) => LocalDate | null,
  now: Date,
): Promise<{ id: number; name: string; nextDueOn: LocalDate | null } | null> {
  return inTransaction(db, async (client) => {
    const contact = await lockContact(client, member, t.contactId);
    if (!contact || contact.archived) return null;
    await client.query(
      `INSERT INTO transitions (team_id, user_id, contact_id, kind, noted_on, note, created_at)
       VALUES ($1::text, $2::text, $3::bigint, $4::text, $5::date, $6::text, $7::timestamptz)`,
      [member.teamId, member.userId, t.contactId, t.kind, t.notedOn, t.note, now],
    );
    // The latest transition is the one that shapes the schedule; an older one noted late does not.
    const latest =
      contact.transitionOn && contact.transitionOn > t.notedOn ? contact.transitionOn : t.notedOn;
    const { rows } = await client.query<{ id: number; name: string; nextDueOn: LocalDate | null }>(
      `UPDATE contacts
       SET transition_kind = CASE WHEN $8::boolean THEN $4::text ELSE transition_kind END,
           transition_on = $5::date, next_due_on = $6::date, updated_at = $7::timestamptz
       WHERE team_id = $1::text AND user_id = $2::text AND id = $3::bigint
       RETURNING id, name, next_due_on::text AS "nextDueOn"`,
      [
        member.teamId,
        member.userId,
        t.contactId,
        t.kind,
        latest,
        nextDue({ ...contact, transitionOn: latest }),
        now,
        latest === t.notedOn,
      ],
    );
    return rows[0] ?? null;
  });
}
