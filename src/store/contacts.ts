import type { Cadence } from '../domain/cadence';
import type { LocalDate } from '../domain/dates';
import { FIELD_LIMITS } from '../domain/limits';
import type { TransitionKind } from '../domain/transitions';
import type { Sql } from './db';
import type { MemberRef } from './members';

export interface ContactFields {
  name: string;
  company: string | null;
  role: string | null;
  city: string | null;
  slackUserId: string | null;
  cadence: Cadence;
  howMet: string | null;
  wantsNeeds: string | null;
}

export interface Contact extends ContactFields {
  id: number;
  addedOn: LocalDate;
  lastTouchOn: LocalDate | null;
  /** When, as the member said on adding them, they last talked before: counts as a touch, is none. */
  talkedBeforeOn: LocalDate | null;
  nextDueOn: LocalDate | null;
  snoozedUntil: LocalDate | null;
  /** Where the weekly budget moved the next check-in to; null when not moved. */
  leveledTo: LocalDate | null;
  archived: boolean;
  transitionKind: TransitionKind | null;
  transitionOn: LocalDate | null;
  /** Where they worked and as what before the latest transition, when it was a new job that changed them. */
  previousCompany: string | null;
  previousRole: string | null;
  /** From an import: no reminders until triage sorts them. */
  unsorted: boolean;
  /** From an import: the file's connection date, how long the member has known them. */
  knownSince: LocalDate | null;
  email: string | null;
  profileUrl: string | null;
}

export const CONTACT_COLUMNS = `
  id, name, company, role, city, slack_user_id AS "slackUserId", cadence,
  how_met AS "howMet", wants_needs AS "wantsNeeds",
  added_on::text AS "addedOn", last_touch_on::text AS "lastTouchOn", talked_before_on::text AS "talkedBeforeOn",
  next_due_on::text AS "nextDueOn", snoozed_until::text AS "snoozedUntil", leveled_to::text AS "leveledTo",
  archived_at IS NOT NULL AS archived, transition_kind AS "transitionKind", transition_on::text AS "transitionOn",
  previous_company AS "previousCompany", previous_role AS "previousRole",
  unsorted, known_since::text AS "knownSince", email, profile_url AS "profileUrl"`;

/** The editable fields in the order the INSERT and UPDATE below take them. */
function fieldParams(f: ContactFields) {
  return [f.name, f.company, f.role, f.city, f.slackUserId, f.cadence, f.howMet, f.wantsNeeds];
}

const OWNED_BY = 'team_id = $1::text AND user_id = $2::text';

export async function insertContact(
  sql: Sql,
  member: MemberRef,
  fields: ContactFields,
  schedule: { addedOn: LocalDate; talkedBeforeOn?: LocalDate | null; nextDueOn: LocalDate | null },
  now: Date,
): Promise<Contact> {
  // With no touch yet, the day they last talked before is the last touch the schedule counts from.
  const { rows } = await sql.query<Contact>(
    `INSERT INTO contacts (team_id, user_id, name, company, role, city, slack_user_id, cadence,
                           how_met, wants_needs, added_on, talked_before_on, last_touch_on, next_due_on,
                           created_at, updated_at)
     VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
             $9::text, $10::text, $11::date, $12::date, $12::date, $13::date, $14::timestamptz, $14::timestamptz)
     RETURNING ${CONTACT_COLUMNS}`,
    [
      member.teamId,
      member.userId,
      ...fieldParams(fields),
      schedule.addedOn,
      schedule.talkedBeforeOn ?? null,
      schedule.nextDueOn,
      now,
    ],
  );
  return rows[0] as Contact;
}

/**
 * Updates the fields and next check-in of a contact the member owns (lock it first with
 * `lockContact` when the due date was computed from it); null when there is no such contact.
 */
export async function updateContact(
  sql: Sql,
  member: MemberRef,
  id: number,
  fields: ContactFields,
  nextDueOn: LocalDate | null,
  now: Date,
): Promise<Contact | null> {
  const { rows } = await sql.query<Contact>(
    `UPDATE contacts SET name = $4::text, company = $5::text, role = $6::text, city = $7::text,
            slack_user_id = $8::text, cadence = $9::text, how_met = $10::text, wants_needs = $11::text,
            next_due_on = $12::date, updated_at = $13::timestamptz
     WHERE ${OWNED_BY} AND id = $3::bigint
     RETURNING ${CONTACT_COLUMNS}`,
    [member.teamId, member.userId, id, ...fieldParams(fields), nextDueOn, now],
  );
  return rows[0] ?? null;
}

export async function findContact(sql: Sql, member: MemberRef, id: number): Promise<Contact | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await sql.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${OWNED_BY} AND id = $3::bigint`,
    [member.teamId, member.userId, id],
  );
  return rows[0] ?? null;
}

/** Archives or restores, with the next check-in that follows; null when the member has no such contact. */
export async function setArchived(
  sql: Sql,
  member: MemberRef,
  id: number,
  archived: boolean,
  nextDueOn: LocalDate | null,
  now: Date,
): Promise<Contact | null> {
  const { rows } = await sql.query<Contact>(
    `UPDATE contacts
     SET archived_at = CASE WHEN $4::boolean THEN coalesce(archived_at, $5::timestamptz) END,
         next_due_on = $6::date, updated_at = $5::timestamptz
     WHERE ${OWNED_BY} AND id = $3::bigint
     RETURNING ${CONTACT_COLUMNS}`,
    [member.teamId, member.userId, id, archived, now, nextDueOn],
  );
  return rows[0] ?? null;
}

/**
 * Inside a transaction: the member's contact, locked until commit (archived ones too; callers
 * that need an active contact check `archived`), so a schedule computed from
 * it cannot be overwritten by a touch logged at the same moment.
 */
export async function lockContact(sql: Sql, member: MemberRef, id: number): Promise<Contact | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await sql.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${OWNED_BY} AND id = $3::bigint FOR UPDATE`,
    [member.teamId, member.userId, id],
  );
  return rows[0] ?? null;
}

/** A new rhythm for a contact the member owns (lock it first), with the next check-in it gives. */
export async function setCadence(
  sql: Sql,
  member: MemberRef,
  id: number,
  cadence: Cadence,
  nextDueOn: LocalDate | null,
  now: Date,
): Promise<Contact | null> {
  const { rows } = await sql.query<Contact>(
    `UPDATE contacts SET cadence = $4::text, next_due_on = $5::date, updated_at = $6::timestamptz
     WHERE ${OWNED_BY} AND id = $3::bigint
     RETURNING ${CONTACT_COLUMNS}`,
    [member.teamId, member.userId, id, cadence, nextDueOn, now],
  );
  return rows[0] ?? null;
}

/** A contact's clock: when they were last touched, snoozed to, in a transition since, and next due. */
export type ContactSchedule = Pick<
  Contact,
  'lastTouchOn' | 'snoozedUntil' | 'transitionKind' | 'transitionOn' | 'nextDueOn'
>;

/**
 * Writes a contact's whole clock at once (after a touch, a snooze or a transition), so its parts
 * never disagree; the caller holds the contact's lock and changed what it meant to. Returns the
 * contact as it now stands.
 */
export async function setSchedule(
  sql: Sql,
  member: MemberRef,
  id: number,
  schedule: ContactSchedule,
  now: Date,
): Promise<Contact | null> {
  const { rows } = await sql.query<Contact>(
    `UPDATE contacts
     SET last_touch_on = $4::date, snoozed_until = $5::date, transition_kind = $6::text, transition_on = $7::date,
         next_due_on = $8::date, updated_at = $9::timestamptz
     WHERE ${OWNED_BY} AND id = $3::bigint
     RETURNING ${CONTACT_COLUMNS}`,
    [
      member.teamId,
      member.userId,
      id,
      schedule.lastTouchOn,
      schedule.snoozedUntil,
      schedule.transitionKind,
      schedule.transitionOn,
      schedule.nextDueOn,
      now,
    ],
  );
  return rows[0] ?? null;
}

/** The member's active contacts linked to this Slack user (usually one; nothing stops a duplicate). */
export async function contactsWithSlackUser(
  db: Sql,
  member: MemberRef,
  slackUserId: string,
): Promise<Contact[]> {
  const { rows } = await db.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts
     WHERE ${OWNED_BY} AND slack_user_id = $3::text AND archived_at IS NULL
     ORDER BY lower(name), id`,
    [member.teamId, member.userId, slackUserId],
  );
  return rows;
}

/** Adds a line to the member's own contact's wants and needs, keeping within the field's limit. */
export async function appendWantsNeeds(
  sql: Sql,
  member: MemberRef,
  id: number,
  text: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await sql.query(
    `UPDATE contacts
     SET wants_needs = left(concat_ws(E'\n', nullif(wants_needs, ''), $4::text), $6::integer),
         updated_at = $5::timestamptz
     WHERE ${OWNED_BY} AND id = $3::bigint`,
    [member.teamId, member.userId, id, text, now, FIELD_LIMITS.wantsNeeds],
  );
  return rowCount === 1;
}

/** Where one of the member's contacts works now and as what (the caller has locked it). */
export async function setJob(
  sql: Sql,
  member: MemberRef,
  id: number,
  job: { company: string | null; role: string | null },
  now: Date,
): Promise<void> {
  await sql.query(
    `UPDATE contacts SET company = $4::text, role = $5::text, updated_at = $6::timestamptz
     WHERE ${OWNED_BY} AND id = $3::bigint`,
    [member.teamId, member.userId, id, job.company, job.role, now],
  );
}
