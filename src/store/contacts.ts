import type { PoolClient } from 'pg';
import type { Cadence } from '../domain/cadence';
import type { LocalDate } from '../domain/dates';
import type { TransitionKind } from '../domain/transitions';
import { type Db, inTransaction } from './db';
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
  nextDueOn: LocalDate | null;
  snoozedUntil: LocalDate | null;
  archived: boolean;
  transitionKind: TransitionKind | null;
  transitionOn: LocalDate | null;
}

const CONTACT_COLUMNS = `
  id, name, company, role, city, slack_user_id AS "slackUserId", cadence,
  how_met AS "howMet", wants_needs AS "wantsNeeds",
  added_on::text AS "addedOn", last_touch_on::text AS "lastTouchOn",
  next_due_on::text AS "nextDueOn", snoozed_until::text AS "snoozedUntil",
  archived_at IS NOT NULL AS archived, transition_kind AS "transitionKind", transition_on::text AS "transitionOn"`;

/** The editable fields in the order the INSERT and UPDATE below take them. */
function fieldParams(f: ContactFields) {
  return [f.name, f.company, f.role, f.city, f.slackUserId, f.cadence, f.howMet, f.wantsNeeds];
}

const OWNED_BY = 'team_id = $1::text AND user_id = $2::text';

export async function insertContact(
  db: Db,
  member: MemberRef,
  fields: ContactFields,
  schedule: { addedOn: LocalDate; nextDueOn: LocalDate | null },
  now: Date,
): Promise<Contact> {
  const { rows } = await db.query<Contact>(
    `INSERT INTO contacts (team_id, user_id, name, company, role, city, slack_user_id, cadence,
                           how_met, wants_needs, added_on, next_due_on, created_at, updated_at)
     VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
             $9::text, $10::text, $11::date, $12::date, $13::timestamptz, $13::timestamptz)
     RETURNING ${CONTACT_COLUMNS}`,
    [member.teamId, member.userId, ...fieldParams(fields), schedule.addedOn, schedule.nextDueOn, now],
  );
  return rows[0] as Contact;
}

/** Updates a contact the member owns; null when there is no such contact in their network. */
export async function updateContact(
  db: Db,
  member: MemberRef,
  id: number,
  fields: ContactFields,
  nextDue: (contact: Contact) => LocalDate | null,
  now: Date,
): Promise<Contact | null> {
  return inTransaction(db, async (client) => {
    const before = await lockContact(client, member, id);
    if (!before) return null;
    const { rows } = await client.query<Contact>(
      `UPDATE contacts SET name = $4::text, company = $5::text, role = $6::text, city = $7::text,
              slack_user_id = $8::text, cadence = $9::text, how_met = $10::text, wants_needs = $11::text,
              next_due_on = $12::date, updated_at = $13::timestamptz
       WHERE ${OWNED_BY} AND id = $3::bigint
       RETURNING ${CONTACT_COLUMNS}`,
      [member.teamId, member.userId, id, ...fieldParams(fields), nextDue({ ...before, ...fields }), now],
    );
    return rows[0] ?? null;
  });
}

export async function findContact(db: Db, member: MemberRef, id: number): Promise<Contact | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await db.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${OWNED_BY} AND id = $3::bigint`,
    [member.teamId, member.userId, id],
  );
  return rows[0] ?? null;
}

/** All of the member's contacts, active or archived as asked; a network is hundreds, not millions. */
export async function listContacts(
  db: Db,
  member: MemberRef,
  opts: { archived: boolean },
): Promise<Contact[]> {
  const { rows } = await db.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts
     WHERE ${OWNED_BY} AND (archived_at IS NOT NULL) = $3::boolean
     ORDER BY lower(name), id`,
    [member.teamId, member.userId, opts.archived],
  );
  return rows;
}

/** Contacts whose name contains `query` (case-insensitive), for the searchable contact picker. */
export async function searchContactNames(
  db: Db,
  member: MemberRef,
  query: string,
  limit: number,
): Promise<Pick<Contact, 'id' | 'name' | 'company'>[]> {
  const { rows } = await db.query<Pick<Contact, 'id' | 'name' | 'company'>>(
    `SELECT id, name, company FROM contacts
     WHERE ${OWNED_BY} AND archived_at IS NULL AND strpos(lower(name), lower($3::text)) > 0
     ORDER BY strpos(lower(name), lower($3::text)), lower(name), id
     LIMIT $4::integer`,
    [member.teamId, member.userId, query.trim(), limit],
  );
  return rows;
}

/** Archives or restores; null when the member has no such contact. */
export async function setArchived(
  db: Db,
  member: MemberRef,
  id: number,
  archived: boolean,
  nextDueOn: (contact: Contact) => LocalDate | null,
  now: Date,
): Promise<Contact | null> {
  return inTransaction(db, async (client) => {
    const contact = await lockContact(client, member, id);
    if (!contact) return null;
    const { rows } = await client.query<Contact>(
      `UPDATE contacts
       SET archived_at = CASE WHEN $4::boolean THEN coalesce(archived_at, $5::timestamptz) END,
           next_due_on = $6::date, updated_at = $5::timestamptz
       WHERE ${OWNED_BY} AND id = $3::bigint
       RETURNING ${CONTACT_COLUMNS}`,
      [member.teamId, member.userId, id, archived, now, nextDueOn(contact)],
    );
    return rows[0] ?? null;
  });
}

/**
 * Inside a transaction: the member's contact, locked until commit (archived ones too; callers
 * that need an active contact check `archived`), so a schedule computed from
 * it cannot be overwritten by a touch logged at the same moment.
 */
export async function lockContact(
  client: PoolClient,
  member: MemberRef,
  id: number,
): Promise<Contact | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await client.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${OWNED_BY} AND id = $3::bigint FOR UPDATE`,
    [member.teamId, member.userId, id],
  );
  return rows[0] ?? null;
}

/**
 * Moves the member's contact's next check-in to no earlier than `until` (a snooze, or a skipped
 * cycle). Null when the member has no such active contact.
 */
export async function snoozeContact(
  db: Db,
  member: MemberRef,
  id: number,
  until: LocalDate,
  nextDueOn: (contact: Contact) => LocalDate | null,
  now: Date,
): Promise<Contact | null> {
  return inTransaction(db, async (client) => {
    const contact = await lockContact(client, member, id);
    if (!contact || contact.archived) return null;
    const snoozed = { ...contact, snoozedUntil: until };
    const { rows } = await client.query<Contact>(
      `UPDATE contacts SET snoozed_until = $4::date, next_due_on = $5::date, updated_at = $6::timestamptz
       WHERE ${OWNED_BY} AND id = $3::bigint
       RETURNING ${CONTACT_COLUMNS}`,
      [member.teamId, member.userId, id, until, nextDueOn(snoozed), now],
    );
    return rows[0] ?? null;
  });
}

/** The member's active contacts linked to this Slack user (usually one; nothing stops a duplicate). */
export async function contactsWithSlackUser(
  db: Db,
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

/** Adds a line to the member's own contact's wants and needs, keeping within the 3,000-character limit. */
export async function appendWantsNeeds(
  db: Db,
  member: MemberRef,
  id: number,
  text: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE contacts
     SET wants_needs = left(concat_ws(E'\n', nullif(wants_needs, ''), $4::text), 3000), updated_at = $5::timestamptz
     WHERE ${OWNED_BY} AND id = $3::bigint`,
    [member.teamId, member.userId, id, text, now],
  );
  return rowCount === 1;
}
