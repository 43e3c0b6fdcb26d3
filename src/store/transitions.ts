import type { LocalDate } from '../domain/dates';
import type { TransitionKind } from '../domain/transitions';
import type { Sql } from './db';
import type { MemberRef } from './members';

export interface NewTransition {
  contactId: number;
  kind: TransitionKind;
  notedOn: LocalDate;
  note: string | null;
}

/** Records a transition in the life of one of the member's contacts (the caller has locked it). */
export async function insertTransition(
  sql: Sql,
  member: MemberRef,
  t: NewTransition,
  now: Date,
): Promise<void> {
  await sql.query(
    `INSERT INTO transitions (team_id, user_id, contact_id, kind, noted_on, note, created_at)
     VALUES ($1::text, $2::text, $3::bigint, $4::text, $5::date, $6::text, $7::timestamptz)`,
    [member.teamId, member.userId, t.contactId, t.kind, t.notedOn, t.note, now],
  );
}
