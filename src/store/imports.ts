import { nextOccurrence, readBirthdayText } from '../domain/contact-dates';
import type { LocalDate } from '../domain/dates';
import type { Fill, IncomingPerson, JobChange, KnownContact } from '../domain/imports';
import type { Sql } from './db';
import type { MemberRef } from './members';

export type ImportSource = 'linkedin' | 'google' | 'outlook' | 'vcard' | 'csv';
export type ImportState = 'preview' | 'importing' | 'done' | 'failed' | 'cancelled';

export interface ImportRow<P> {
  id: number;
  format: ImportSource;
  state: ImportState;
  plan: P;
}

const OWNED_BY = 'team_id = $1::text AND user_id = $2::text';

/**
 * The contact's birthday as matching compares it: its birthday date (which the member may have set in
 * the form), else the one a file gave before, so an import fills a birthday only where none is known.
 */
const BIRTHDAY_ON_RECORD = `coalesce(
    (SELECT CASE WHEN d.year IS NULL THEN '' ELSE d.year::text || '-' END
            || lpad(d.month::text, 2, '0') || '-' || lpad(d.day::text, 2, '0')
     FROM contact_dates d WHERE d.contact_id = contacts.id AND d.kind = 'birthday'),
    birthday) AS birthday`;

/** Every contact of the member (archived too, so a re-import never brings one back twice), as matching reads them. */
export async function contactsForMatching(sql: Sql, member: MemberRef): Promise<KnownContact[]> {
  const { rows } = await sql.query<KnownContact>(
    `SELECT id, name, company, role, email, profile_url AS "profileUrl", known_since::text AS "knownSince",
            ${BIRTHDAY_ON_RECORD}, cadence, added_on::text AS "addedOn", last_touch_on::text AS "lastTouchOn",
            snoozed_until::text AS "snoozedUntil", transition_on::text AS "transitionOn",
            archived_at IS NOT NULL AS archived
     FROM contacts WHERE ${OWNED_BY} ORDER BY id`,
    [member.teamId, member.userId],
  );
  return rows;
}

/**
 * Records an import waiting for the member's go-ahead; null when they already have one waiting or
 * running (the unique index `imports_one_running` keeps it to one per member).
 */
export async function insertImport<P>(
  sql: Sql,
  member: MemberRef,
  format: ImportSource,
  plan: P,
  now: Date,
): Promise<number | null> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO imports (team_id, user_id, format, state, plan, created_at)
     VALUES ($1::text, $2::text, $3::text, 'preview', $4::jsonb, $5::timestamptz)
     ON CONFLICT (team_id, user_id) WHERE state IN ('preview', 'importing') DO NOTHING
     RETURNING id`,
    [member.teamId, member.userId, format, JSON.stringify(plan), now],
  );
  return rows[0]?.id ?? null;
}

/** One of the member's imports; `lock` holds it until the transaction ends, so two clicks run it once. */
export async function findImport<P>(
  sql: Sql,
  member: MemberRef,
  id: number,
  opts: { lock?: boolean } = {},
): Promise<ImportRow<P> | null> {
  const { rows } = await sql.query<ImportRow<P>>(
    `SELECT id, format, state, plan FROM imports WHERE ${OWNED_BY} AND id = $3::bigint
     ${opts.lock ? 'FOR UPDATE' : ''}`,
    [member.teamId, member.userId, id],
  );
  return rows[0] ?? null;
}

/** The member's import waiting for a go-ahead or running, if any. */
export async function openImport<P>(sql: Sql, member: MemberRef): Promise<ImportRow<P> | null> {
  const { rows } = await sql.query<ImportRow<P>>(
    `SELECT id, format, state, plan FROM imports WHERE ${OWNED_BY} AND state IN ('preview', 'importing')`,
    [member.teamId, member.userId],
  );
  return rows[0] ?? null;
}

/** Moves an import on; `plan` replaces what it holds (the summary of what was written, once done). */
export async function setImportState<P>(
  sql: Sql,
  member: MemberRef,
  id: number,
  state: ImportState,
  now: Date,
  plan?: P,
): Promise<void> {
  await sql.query(
    `UPDATE imports SET state = $4::text, plan = coalesce($5::jsonb, plan),
            finished_at = CASE WHEN $4::text IN ('done', 'failed', 'cancelled') THEN $6::timestamptz END
     WHERE ${OWNED_BY} AND id = $3::bigint`,
    [member.teamId, member.userId, id, state, plan === undefined ? null : JSON.stringify(plan), now],
  );
}

/**
 * New contacts from a file, in one statement however many (arrays through unnest): no reminders
 * (cadence none), unsorted until triage, known since the file's connection date.
 */
export async function insertImportedContacts(
  sql: Sql,
  member: MemberRef,
  people: IncomingPerson[],
  source: ImportSource,
  addedOn: LocalDate,
  now: Date,
): Promise<number> {
  if (people.length === 0) return 0;
  const col = <K extends keyof IncomingPerson>(k: K) => people.map((p) => p[k]);
  const birthdays = birthdayDates(
    people.map((p) => p.birthday),
    addedOn,
  );
  // The file's birthday is kept on the contact as it came, and becomes the contact's birthday date
  // (what reminders, `show` and the export read) in the same statement.
  const { rows } = await sql.query<{ inserted: number }>(
    `WITH inserted AS (
       INSERT INTO contacts (team_id, user_id, name, company, role, city, email, profile_url, known_since, birthday,
                             cadence, added_on, source, unsorted, created_at, updated_at)
       SELECT $1::text, $2::text, name, company, role, city, email, profile_url, known_since, birthday,
              'none', $11::date, $12::text, true, $13::timestamptz, $13::timestamptz
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::text[])
            AS p(name, company, role, city, email, profile_url, known_since, birthday)
       RETURNING id, birthday
     ), dates AS (
       ${BIRTHDAY_DATES_INSERT('inserted', 14, 13)}
     )
     SELECT count(*)::int AS inserted FROM inserted`,
    [
      member.teamId,
      member.userId,
      col('name'),
      col('company'),
      col('role'),
      col('city'),
      col('email'),
      col('profileUrl'),
      col('connectedOn'),
      col('birthday'),
      addedOn,
      source,
      now,
      ...birthdays,
    ],
  );
  return rows[0]?.inserted ?? 0;
}

/**
 * Each distinct birthday text of a file as a date: month, day, year and its next occurrence from
 * `today`, as five arrays for BIRTHDAY_DATES_INSERT (which joins them on the text).
 */
function birthdayDates(texts: (string | null)[], today: LocalDate) {
  const dates = [...new Set(texts)].flatMap((text) => {
    const d = readBirthdayText(text);
    return d && text ? [{ text, ...d, nextOn: nextOccurrence(d, today) }] : [];
  });
  return [
    dates.map((d) => d.text),
    dates.map((d) => d.month),
    dates.map((d) => d.day),
    dates.map((d) => d.year),
    dates.map((d) => d.nextOn),
  ];
}

/**
 * The birthday date of each row of `source` (id, birthday text), from birthdayDates' arrays at
 * parameters $n … $n+4; $1, $2 the member, $now the time. A contact's birthday already on record
 * stays as it is.
 */
const BIRTHDAY_DATES_INSERT = (source: string, n: number, now: number) => `
       INSERT INTO contact_dates (team_id, user_id, contact_id, kind, label, month, day, year, next_on, created_at)
       SELECT $1::text, $2::text, s.id, 'birthday', 'birthday', b.month, b.day, b.year, b.next_on, $${now}::timestamptz
       FROM ${source} s
       JOIN unnest($${n}::text[], $${n + 1}::smallint[], $${n + 2}::smallint[], $${n + 3}::smallint[], $${n + 4}::date[])
         AS b(text, month, day, year, next_on) ON b.text = s.birthday
       ON CONFLICT (contact_id) WHERE kind = 'birthday' DO NOTHING`;

/**
 * New jobs found in a file, all at once: each contact's company and role change, a "new job"
 * transition is recorded with what they were before (on it and on the contact), and their clock
 * takes the transition into account.
 */
export async function applyJobChanges(
  sql: Sql,
  member: MemberRef,
  changes: (JobChange & { note: string })[],
  notedOn: LocalDate,
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  const ids = changes.map((c) => c.contactId);
  await sql.query(
    `UPDATE contacts c
     SET company = j.company, role = j.role, transition_kind = 'new_job', transition_on = $7::date,
         previous_company = j.previous_company, previous_role = j.previous_role,
         next_due_on = j.next_due_on, updated_at = $8::timestamptz
     FROM unnest($3::bigint[], $4::text[], $5::text[], $6::date[], $9::text[], $10::text[])
       AS j(id, company, role, next_due_on, previous_company, previous_role)
     WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.id = j.id`,
    [
      member.teamId,
      member.userId,
      ids,
      changes.map((c) => c.now.company),
      changes.map((c) => c.now.role),
      changes.map((c) => c.nextDueOn),
      notedOn,
      now,
      changes.map((c) => c.was.company),
      changes.map((c) => c.was.role),
    ],
  );
  await sql.query(
    `INSERT INTO transitions (team_id, user_id, contact_id, kind, noted_on, note, previous_company, previous_role, created_at)
     SELECT $1::text, $2::text, t.id, 'new_job', $5::date, t.note, t.previous_company, t.previous_role, $6::timestamptz
     FROM unnest($3::bigint[], $4::text[], $7::text[], $8::text[]) AS t(id, note, previous_company, previous_role)`,
    [
      member.teamId,
      member.userId,
      ids,
      changes.map((c) => c.note),
      notedOn,
      now,
      changes.map((c) => c.was.company),
      changes.map((c) => c.was.role),
    ],
  );
}

/** Details a file knows of matched contacts that they lack; what they already have stays. */
export async function fillContactDetails(
  sql: Sql,
  member: MemberRef,
  fills: Fill[],
  today: LocalDate,
  now: Date,
): Promise<void> {
  if (fills.length === 0) return;
  await sql.query(
    `WITH filled AS (
       UPDATE contacts c
       SET email = coalesce(c.email, f.email), profile_url = coalesce(c.profile_url, f.profile_url),
           known_since = coalesce(c.known_since, f.known_since), birthday = coalesce(c.birthday, f.birthday),
           updated_at = $8::timestamptz
       FROM unnest($3::bigint[], $4::text[], $5::text[], $6::date[], $7::text[])
            AS f(id, email, profile_url, known_since, birthday)
       WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.id = f.id
       RETURNING c.id, f.birthday
     ), dates AS (
       ${BIRTHDAY_DATES_INSERT('filled', 9, 8)}
     )
     SELECT 1`,
    [
      member.teamId,
      member.userId,
      fills.map((f) => f.contactId),
      fills.map((f) => f.email),
      fills.map((f) => f.profileUrl),
      fills.map((f) => f.knownSince),
      fills.map((f) => f.birthday),
      now,
      ...birthdayDates(
        fills.map((f) => f.birthday),
        today,
      ),
    ],
  );
}

/** How the member mapped the columns of a CSV with this header, last time. */
export async function findColumnMap<M>(sql: Sql, member: MemberRef, headerKey: string): Promise<M | null> {
  const { rows } = await sql.query<{ mapping: M }>(
    `SELECT mapping FROM import_column_maps WHERE ${OWNED_BY} AND header_key = $3::text`,
    [member.teamId, member.userId, headerKey],
  );
  return rows[0]?.mapping ?? null;
}

export async function saveColumnMap<M>(
  sql: Sql,
  member: MemberRef,
  headerKey: string,
  mapping: M,
  now: Date,
): Promise<void> {
  await sql.query(
    `INSERT INTO import_column_maps (team_id, user_id, header_key, mapping, updated_at)
     VALUES ($1::text, $2::text, $3::text, $4::jsonb, $5::timestamptz)
     ON CONFLICT (team_id, user_id, header_key) DO UPDATE SET mapping = $4::jsonb, updated_at = $5::timestamptz`,
    [member.teamId, member.userId, headerKey, JSON.stringify(mapping), now],
  );
}
