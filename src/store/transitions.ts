import type { LocalDate } from '../domain/dates';
import type { TransitionKind } from '../domain/transitions';
import type { Sql } from './db';
import type { MemberRef } from './members';

/** Where someone worked and as what, before a new job changed it. */
export interface PreviousJob {
  company: string | null;
  role: string | null;
}

export interface NewTransition {
  contactId: number;
  kind: TransitionKind;
  notedOn: LocalDate;
  note: string | null;
  /** For a new job that changed the company or role: what they were before. */
  previous: PreviousJob | null;
}

/** Records a transition in the life of one of the member's contacts (the caller has locked it). */
export async function insertTransition(
  sql: Sql,
  member: MemberRef,
  t: NewTransition,
  now: Date,
): Promise<void> {
  await sql.query(
    `INSERT INTO transitions (team_id, user_id, contact_id, kind, noted_on, note, previous_company, previous_role, created_at)
     VALUES ($1::text, $2::text, $3::bigint, $4::text, $5::date, $6::text, $7::text, $8::text, $9::timestamptz)`,
    [
      member.teamId,
      member.userId,
      t.contactId,
      t.kind,
      t.notedOn,
      t.note,
      t.previous?.company ?? null,
      t.previous?.role ?? null,
      now,
    ],
  );
}

/**
 * Keeps on the contact what their latest transition changed (null for one that changed no job), so
 * the digest and the Home read it with the transition's kind and day.
 */
export async function setLatestPreviousJob(
  sql: Sql,
  member: MemberRef,
  contactId: number,
  previous: PreviousJob | null,
  now: Date,
): Promise<void> {
  await sql.query(
    `UPDATE contacts SET previous_company = $4::text, previous_role = $5::text, updated_at = $6::timestamptz
     WHERE team_id = $1::text AND user_id = $2::text AND id = $3::bigint`,
    [member.teamId, member.userId, contactId, previous?.company ?? null, previous?.role ?? null, now],
  );
}
