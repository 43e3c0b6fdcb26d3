import type { ExportContact } from '../domain/export-format';
import type { Sql } from './db';
import type { MemberRef } from './members';

/**
 * The export's reads: one member's rows, a page at a time, each page a short indexed statement
 * (the web pool's statement limit applies), so a network of any size is read in bounded memory.
 */

const OWNED_BY = 'team_id = $1::text AND user_id = $2::text';

/** Where the last contacts page ended: contacts come in name order (contacts_member_name_key). */
export interface ContactCursor {
  nameKey: string;
  id: number;
}

export async function countContacts(db: Sql, member: MemberRef): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM contacts WHERE ${OWNED_BY}`,
    [member.teamId, member.userId],
  );
  return rows[0]?.n ?? 0;
}

/** The contact's birthday as the CSV writes it (`MM-DD`, or `YYYY-MM-DD` with the year): its date, not the file's. */
const BIRTHDAY = `(SELECT CASE WHEN d.year IS NULL THEN '' ELSE d.year::text || '-' END
                          || lpad(d.month::text, 2, '0') || '-' || lpad(d.day::text, 2, '0')
                   FROM contact_dates d WHERE d.contact_id = contacts.id AND d.kind = 'birthday') AS birthday`;

export async function contactsPage(
  db: Sql,
  member: MemberRef,
  after: ContactCursor | null,
  limit: number,
): Promise<{ contacts: ExportContact[]; next: ContactCursor | null }> {
  const { rows } = await db.query<ExportContact & { nameKey: string }>(
    `SELECT id, name, company, role, city, email, profile_url AS "profileUrl", slack_user_id AS "slackUserId",
            known_since::text AS "knownSince", ${BIRTHDAY}, cadence, how_met AS "howMet",
            wants_needs AS "wantsNeeds", added_on::text AS "addedOn", last_touch_on::text AS "lastTouchOn",
            next_due_on::text AS "nextDueOn", snoozed_until::text AS "snoozedUntil",
            transition_kind AS "transitionKind", transition_on::text AS "transitionOn", unsorted,
            archived_at AS "archivedAt", name_key AS "nameKey"
     FROM contacts
     WHERE ${OWNED_BY} AND ($3::text IS NULL OR (name_key, id) > ($3::text COLLATE "C", $4::bigint))
     ORDER BY name_key, id
     LIMIT $5::int`,
    [member.teamId, member.userId, after?.nameKey ?? null, after?.id ?? 0, limit],
  );
  const last = rows.at(-1);
  const contacts = rows.map(({ nameKey: _, ...contact }) => contact);
  return { contacts, next: rows.length === limit && last ? { nameKey: last.nameKey, id: last.id } : null };
}

export interface ExportTouch {
  id: number;
  contactId: number;
  touchedOn: string;
  kind: string;
  intent: string;
  note: string | null;
  createdAt: Date;
}

/** The touches of these contacts (a page of them), through touches_contact. */
export async function touchesOf(db: Sql, member: MemberRef, contactIds: number[]): Promise<ExportTouch[]> {
  const { rows } = await db.query<ExportTouch>(
    `SELECT id, contact_id AS "contactId", touched_on::text AS "touchedOn", kind, intent, note,
            created_at AS "createdAt"
     FROM touches WHERE contact_id = ANY($3::bigint[]) AND ${OWNED_BY}
     ORDER BY contact_id, touched_on, id`,
    [member.teamId, member.userId, contactIds],
  );
  return rows;
}

export interface ExportDate {
  id: number;
  contactId: number;
  kind: string;
  label: string;
  month: number;
  day: number;
  year: number | null;
  nextOn: string;
}

/** The birthdays and other dates of these contacts (a page of them). */
export async function datesOf(db: Sql, member: MemberRef, contactIds: number[]): Promise<ExportDate[]> {
  const { rows } = await db.query<ExportDate>(
    `SELECT id, contact_id AS "contactId", kind, label, month::int AS month, day::int AS day, year::int AS year,
            next_on::text AS "nextOn"
     FROM contact_dates WHERE contact_id = ANY($3::bigint[]) AND ${OWNED_BY}
     ORDER BY contact_id, id`,
    [member.teamId, member.userId, contactIds],
  );
  return rows;
}

export interface ExportAsk {
  id: number;
  contactId: number;
  touchId: number;
  what: string;
  askedOn: string;
  status: string;
  resolvedAt: Date | null;
  followUpOn: string;
  followedUpOn: string | null;
}

export async function asksOf(db: Sql, member: MemberRef, contactIds: number[]): Promise<ExportAsk[]> {
  const { rows } = await db.query<ExportAsk>(
    `SELECT id, contact_id AS "contactId", touch_id AS "touchId", what, asked_on::text AS "askedOn", status,
            resolved_at AS "resolvedAt", follow_up_on::text AS "followUpOn",
            followed_up_on::text AS "followedUpOn"
     FROM asks WHERE contact_id = ANY($3::bigint[]) AND ${OWNED_BY}
     ORDER BY contact_id, asked_on, id`,
    [member.teamId, member.userId, contactIds],
  );
  return rows;
}

export interface ExportTransition {
  id: number;
  contactId: number;
  kind: string;
  notedOn: string;
  note: string | null;
  previousCompany: string | null;
  previousRole: string | null;
}

export async function transitionsOf(
  db: Sql,
  member: MemberRef,
  contactIds: number[],
): Promise<ExportTransition[]> {
  const { rows } = await db.query<ExportTransition>(
    `SELECT id, contact_id AS "contactId", kind, noted_on::text AS "notedOn", note,
            previous_company AS "previousCompany", previous_role AS "previousRole"
     FROM transitions WHERE contact_id = ANY($3::bigint[]) AND ${OWNED_BY}
     ORDER BY contact_id, noted_on, id`,
    [member.teamId, member.userId, contactIds],
  );
  return rows;
}

export interface ExportIntroduction {
  id: number;
  fromContactId: number;
  toContactId: number | null;
  toName: string | null;
  kind: string;
  why: string | null;
  introducedOn: string;
  outcome: string | null;
  followUpOn: string;
  followedUpOn: string | null;
  askedAgain: boolean;
}

/** A page of introductions in id order; `afterId` 0 starts. */
export async function introductionsPage(
  db: Sql,
  member: MemberRef,
  afterId: number,
  limit: number,
): Promise<ExportIntroduction[]> {
  const { rows } = await db.query<ExportIntroduction>(
    `SELECT id, from_contact_id AS "fromContactId", to_contact_id AS "toContactId", to_name AS "toName", kind,
            why, introduced_on::text AS "introducedOn", outcome, follow_up_on::text AS "followUpOn",
            followed_up_on::text AS "followedUpOn", asked_again AS "askedAgain"
     FROM introductions WHERE ${OWNED_BY} AND id > $3::bigint
     ORDER BY id LIMIT $4::int`,
    [member.teamId, member.userId, afterId, limit],
  );
  return rows;
}

export interface ExportTrip {
  id: number;
  city: string;
  event: string | null;
  startsOn: string;
  endsOn: string;
  cancelledAt: Date | null;
  /** The contacts found for it; `planned` once the member chose to meet them. */
  contacts: { contactId: number; planned: boolean }[];
}

export interface ExportReminder {
  id: number;
  contactId: number;
  remindOn: string;
  what: string;
  createdAt: Date;
  doneAt: Date | null;
  cancelledAt: Date | null;
}

export async function remindersPage(
  db: Sql,
  member: MemberRef,
  afterId: number,
  limit: number,
): Promise<ExportReminder[]> {
  const { rows } = await db.query<ExportReminder>(
    `SELECT id, contact_id AS "contactId", remind_on::text AS "remindOn", what, created_at AS "createdAt",
            done_at AS "doneAt", cancelled_at AS "cancelledAt"
     FROM reminders WHERE ${OWNED_BY} AND id > $3::bigint
     ORDER BY id LIMIT $4::int`,
    [member.teamId, member.userId, afterId, limit],
  );
  return rows;
}

export async function tripsPage(
  db: Sql,
  member: MemberRef,
  afterId: number,
  limit: number,
): Promise<ExportTrip[]> {
  const { rows } = await db.query<ExportTrip>(
    `SELECT t.id, t.city, t.event, t.starts_on::text AS "startsOn", t.ends_on::text AS "endsOn",
            t.cancelled_at AS "cancelledAt",
            coalesce((SELECT json_agg(json_build_object('contactId', tc.contact_id, 'planned', tc.planned)
                                      ORDER BY tc.contact_id)
                      FROM trip_contacts tc WHERE tc.trip_id = t.id), '[]'::json) AS contacts
     FROM trips t WHERE t.team_id = $1::text AND t.user_id = $2::text AND t.id > $3::bigint
     ORDER BY t.id LIMIT $4::int`,
    [member.teamId, member.userId, afterId, limit],
  );
  return rows;
}

export interface ExportScheduledCall {
  id: number;
  contactId: number;
  startsAt: Date;
  minutes: number;
  timeZone: string;
  title: string;
  outcome: string | null;
  createdAt: Date;
}

export async function scheduledCallsPage(
  db: Sql,
  member: MemberRef,
  afterId: number,
  limit: number,
): Promise<ExportScheduledCall[]> {
  const { rows } = await db.query<ExportScheduledCall>(
    `SELECT s.id::int AS id, s.contact_id::int AS "contactId", s.starts_at AS "startsAt", s.minutes,
            s.time_zone AS "timeZone", s.title, s.outcome, s.created_at AS "createdAt"
     FROM scheduled_calls s WHERE s.team_id = $1::text AND s.user_id = $2::text AND s.id > $3::bigint
     ORDER BY s.id LIMIT $4::int`,
    [member.teamId, member.userId, afterId, limit],
  );
  return rows;
}
