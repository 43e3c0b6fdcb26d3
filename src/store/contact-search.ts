import { CADENCES, cadenceDays } from '../domain/cadence';
import type { LocalDate } from '../domain/dates';
import { foldName, type NameMatch } from '../domain/names';
import { CONTACT_COLUMNS, type Contact } from './contacts';
import { prepared, type Sql } from './db';
import type { MemberRef } from './members';

/*
 * The member's list, name lookups and the contact picker, answered in SQL: a page, a name or a pick
 * reads the member's index entries and fetches only the rows it returns, never the whole network.
 * Folding (case, accents, spaces) is contact_fold() in migrations/011_contact_search.sql, the very
 * steps of foldName (src/domain/names.ts), applied by the server both to the stored name_key and
 * search_key columns and to the text typed, so the two sides are always folded alike.
 */

/** Each cadence's nominal length in days (null: no reminders), from the domain, for the urgency order. */
const CADENCE_LENGTHS = JSON.stringify(Object.fromEntries(CADENCES.map((c) => [c, cadenceDays(c)])));

/** Any page past the last shows the last; this keeps a wild page number within an SQL integer. */
const MAX_PAGE = 2 ** 31 - 1;

/**
 * A search counts its matches up to this many, or up to the page after the one asked for if that is
 * further: enough to page through, never a pass over the whole network for a common word.
 */
export const SEARCH_COUNT_CAP = 200;

export interface ContactPage {
  contacts: Contact[];
  /** Active contacts matching the search, on every page; with `more`, only a floor. */
  total: number;
  /** More than `total` match: a search stopped counting at its cap. */
  more: boolean;
  /** The page shown, counted from 0: the one asked for, clamped to the last (0 when there is none). */
  page: number;
}

/**
 * One page of the member's active contacts whose name, company, role or city contains `search`
 * (case and accents ignored; empty: everyone), in byUrgency's order (src/domain/schedule.ts) from the
 * stored next check-in: most overdue relative to the cadence first, those with no cadence or nothing
 * due last, then by name ignoring case and accents, then by id.
 *
 * The order is a merge: within one cadence, how overdue a contact is falls as next_due_on rises, so
 * each cadence's first (page + 1) × pageSize contacts, read in order from contacts_member_urgency
 * (or, for a cadence with no length, contacts_member_name_order), hold every contact of the first
 * page + 1 pages. Only those are sorted, never the whole network. Without a search the total is one
 * row (member_networks, migration 032).
 *
 * A search reads the member's matches in one pass that stops at the count's cap (SEARCH_COUNT_CAP,
 * or the page after the one asked for): a common word ("zurich" in 9% of a network) reads a few
 * thousand index entries, not all of them. When the pass ends below the cap it holds every match,
 * and they are ranked as they are; past the cap the total is a floor (`more`) and each cadence's
 * most urgent matches are read as without a search. `countCap` is for tests.
 */
export async function contactPage(
  db: Sql,
  member: MemberRef,
  opts: { search: string; today: LocalDate; page: number; pageSize: number; countCap?: number },
): Promise<ContactPage> {
  if (!Number.isSafeInteger(opts.pageSize) || opts.pageSize < 1) throw new RangeError('pageSize must be ≥ 1');
  const requested = Number.isSafeInteger(opts.page) ? Math.min(Math.max(0, opts.page), MAX_PAGE) : 0;
  // (Should the two foldings ever disagree on whether a search is blank, the filter with a blank key
  // keeps everyone: the same answer.)
  const searching = foldName(opts.search) !== '';
  const cap = Math.max(opts.countCap ?? SEARCH_COUNT_CAP, (requested + 2) * opts.pageSize);
  const matching = (alias: string) =>
    searching ? `AND strpos(${alias}.search_key, (SELECT key FROM query)) > 0` : '';
  // Each cadence's most urgent matches, as many as fill every page up to the one shown.
  const mostUrgent = `SELECT s.id, s.ratio, s.name
       FROM lengths l
       CROSS JOIN LATERAL (
         (SELECT c.id, ($7::date - c.next_due_on) / l.days AS ratio, c.name
          FROM contacts c
          WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.archived_at IS NULL
            AND c.cadence = l.cadence AND l.days IS NOT NULL ${matching('c')}
          ORDER BY c.next_due_on, c.name COLLATE contact_name_order, c.id
          LIMIT (SELECT (page + 1) * $6::int FROM shown))
         UNION ALL
         (SELECT c.id, NULL::float8, c.name
          FROM contacts c
          WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.archived_at IS NULL
            AND c.cadence = l.cadence AND l.days IS NULL ${matching('c')}
          ORDER BY c.name COLLATE contact_name_order, c.id
          LIMIT (SELECT (page + 1) * $6::int FROM shown))
       ) s`;
  const counting = searching
    ? `matches AS MATERIALIZED (
       SELECT c.id, c.cadence, c.next_due_on, c.name FROM contacts c
       WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.archived_at IS NULL ${matching('c')}
       LIMIT $8::bigint + 1
     ),
     counted AS (SELECT count(*)::int AS total FROM matches),`
    : `counted AS (
       SELECT coalesce(
         (SELECT active_contacts FROM member_networks WHERE team_id = $1::text AND user_id = $2::text), 0
       ) AS total
     ),`;
  const candidates = searching
    ? `-- Every match, when the count did not reach its cap.
       SELECT m.id, ($7::date - m.next_due_on) / l.days AS ratio, m.name
       FROM matches m JOIN lengths l ON l.cadence = m.cadence
       WHERE (SELECT total FROM counted) <= $8::bigint
       UNION ALL
       ${mostUrgent}
       WHERE (SELECT total FROM counted) > $8::bigint`
    : mostUrgent;
  const { rows } = await db.query<Contact & { total: number; shownPage: number; position: number | null }>(
    prepared(
      searching ? 'contact_page_search' : 'contact_page',
      `WITH query AS (SELECT contact_fold($3::text) AS key),
     lengths AS (
       SELECT cadence, (days #>> '{}')::float8 AS days FROM jsonb_each($4::jsonb) AS l (cadence, days)
     ),
     ${counting}
     shown AS (
       SELECT total, least($5::int, greatest((total + $6::int - 1) / $6::int - 1, 0)) AS page FROM counted
     ),
     candidates AS (${candidates}),
     ranked AS (
       SELECT id, row_number() OVER (ORDER BY ratio DESC NULLS LAST, name COLLATE contact_name_order, id) AS position
       FROM candidates
     ),
     -- The page's ids in order, fetched by primary key below.
     page_ids AS (
       SELECT array_agg(ranked.id ORDER BY ranked.position) AS ids FROM ranked, shown
       WHERE ranked.position > shown.page * $6::int AND ranked.position <= (shown.page + 1) * $6::int
     )
     SELECT shown.total, shown.page AS "shownPage", page_rows.*
     FROM shown
     LEFT JOIN LATERAL (
       SELECT ${CONTACT_COLUMNS}, array_position((SELECT ids FROM page_ids), contacts.id) AS position
       FROM contacts
       WHERE contacts.team_id = $1::text AND contacts.user_id = $2::text
         AND contacts.id = ANY ((SELECT ids FROM page_ids)::bigint[])
     ) page_rows ON true
     ORDER BY page_rows.position`,
      [
        member.teamId,
        member.userId,
        opts.search,
        CADENCE_LENGTHS,
        requested,
        opts.pageSize,
        opts.today,
        ...(searching ? [cap] : []),
      ],
    ),
  );
  const first = rows[0];
  const contacts = rows
    .filter((r) => r.position !== null)
    .map(({ total: _total, shownPage: _page, position: _position, ...contact }) => contact as Contact);
  const counted = first?.total ?? 0;
  const more = searching && counted > cap;
  return { contacts, total: more ? cap : counted, more, page: first?.shownPage ?? 0 };
}

/**
 * The contact a typed name means, among the member's archived or active contacts: what
 * matchName(query, thoseContacts) answers (src/domain/names.ts). A single exact folded match wins;
 * several exact ones are the choice; otherwise the partial matches. A choice lists at most `limit`,
 * by folded name then id.
 */
export async function contactsNamed(
  db: Sql,
  member: MemberRef,
  query: string,
  opts: { archived: boolean; limit: number },
): Promise<NameMatch<Contact>> {
  if (!Number.isSafeInteger(opts.limit) || opts.limit < 1) throw new RangeError('limit must be ≥ 1');
  // Two rows are enough to tell one match from several, whatever the limit.
  const fetch = Math.max(opts.limit, 2);
  const { rows: found } = await db.query<Contact>(
    prepared(
      'contacts_named',
      `WITH query AS (SELECT contact_fold($3::text) AS key),
     exact AS (
       SELECT id FROM contacts
       WHERE team_id = $1::text AND user_id = $2::text AND (archived_at IS NOT NULL) = $4::boolean
         AND name_key = (SELECT key FROM query) AND (SELECT key FROM query) <> ''
       ORDER BY id
       LIMIT $5::int
     ),
     -- Read only when no name is an exact match.
     partial AS (
       SELECT id FROM contacts
       WHERE team_id = $1::text AND user_id = $2::text AND (archived_at IS NOT NULL) = $4::boolean
         AND strpos(name_key, (SELECT key FROM query)) > 0 AND (SELECT key FROM query) <> ''
         AND NOT EXISTS (SELECT FROM exact)
       ORDER BY name_key, id
       LIMIT $5::int
     )
     SELECT ${CONTACT_COLUMNS} FROM contacts
     WHERE team_id = $1::text AND user_id = $2::text
       AND id = ANY (ARRAY(SELECT id FROM exact UNION ALL SELECT id FROM partial))
     ORDER BY name_key, id`,
      [member.teamId, member.userId, query, opts.archived, fetch],
    ),
  );
  return asMatch(found, opts.limit);
}

/**
 * For the contact picker: the member's active contacts whose folded name contains the folded
 * `query` (empty: all), best first: the earliest match, then folded name, then id.
 */
export async function pickContacts(
  db: Sql,
  member: MemberRef,
  query: string,
  limit: number,
): Promise<Pick<Contact, 'id' | 'name' | 'company'>[]> {
  // A menu opens with nothing typed: then every name matches at its start, and the first `limit`
  // in name order are read straight off the index rather than all of them ranked.
  if (foldName(query) === '') {
    const { rows } = await db.query<Pick<Contact, 'id' | 'name' | 'company'>>(
      prepared(
        'pick_contacts_first',
        `WITH picked AS (
           SELECT id AS picked_id, name_key AS picked_key FROM contacts
           WHERE team_id = $1::text AND user_id = $2::text AND archived_at IS NULL
           ORDER BY name_key, id
           LIMIT $3::int
         )
         SELECT id, name, company FROM picked JOIN contacts ON contacts.id = picked.picked_id
         WHERE team_id = $1::text AND user_id = $2::text
         ORDER BY picked.picked_key, id`,
        [member.teamId, member.userId, limit],
      ),
    );
    return rows;
  }
  // Names that start with what was typed rank first, by folded name: when there are `limit` of them,
  // they are the answer, read as one range of contacts_member_name_key (the names from the typed key
  // up to it followed by the highest code point) that stops at `limit`, however many contacts match
  // further in ("ann" in "Joanna"). Only when there are fewer are all matches ranked (`within`), in
  // the same statement: its scan sits under a one-time filter on that count, so for a large network
  // whose prefix fills the menu it never runs, and a small one is answered in one round trip.
  // Chosen from contacts_member_name_key alone; only the chosen rows are read from the table.
  const { rows } = await db.query<Pick<Contact, 'id' | 'name' | 'company'>>(
    prepared(
      'pick_contacts_typed',
      `WITH query AS (SELECT contact_fold($3::text) AS key),
       starting AS (
         SELECT id AS picked_id, 1 AS at, name_key AS picked_key FROM contacts
         WHERE team_id = $1::text AND user_id = $2::text AND archived_at IS NULL
           AND name_key >= (SELECT key FROM query) AND name_key < (SELECT key || chr(1114111) FROM query)
           AND starts_with(name_key, (SELECT key FROM query))
         ORDER BY name_key, id
         LIMIT $4::int
       ),
       menu_full AS (SELECT count(*) >= $4::int AS filled FROM starting),
       within AS (
         SELECT id AS picked_id, strpos(name_key, (SELECT key FROM query)) AS at, name_key AS picked_key
         FROM contacts
         WHERE team_id = $1::text AND user_id = $2::text AND archived_at IS NULL
           AND strpos(name_key, (SELECT key FROM query)) > 0
           AND NOT (SELECT filled FROM menu_full)
         ORDER BY at, name_key, id
         LIMIT $4::int
       ),
       picked AS (
         SELECT * FROM starting WHERE (SELECT filled FROM menu_full)
         UNION ALL
         SELECT * FROM within
       )
       SELECT id, name, company FROM picked JOIN contacts ON contacts.id = picked.picked_id
       WHERE team_id = $1::text AND user_id = $2::text
       ORDER BY picked.at, picked.picked_key, id`,
      [member.teamId, member.userId, query, limit],
    ),
  );
  return rows;
}

/**
 * The member's contacts, active or archived, that may be the person being added: the same folded
 * name (case, accents and spaces ignored), or the same Slack user. Active ones first, at most `limit`.
 */
export async function sameNameOrSlackUser(
  db: Sql,
  member: MemberRef,
  who: { name: string; slackUserId: string | null },
  limit: number,
): Promise<Contact[]> {
  const { rows } = await db.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts
     WHERE team_id = $1::text AND user_id = $2::text
       AND (name_key = contact_fold($3::text) OR slack_user_id = $4::text)
     ORDER BY archived_at IS NOT NULL, name_key, id
     LIMIT $5::int`,
    [member.teamId, member.userId, who.name, who.slackUserId, limit],
  );
  return rows;
}

/** One page of the member's archived contacts by name (ignoring case and accents), and how many there are. */
export async function archivedPage(
  db: Sql,
  member: MemberRef,
  opts: { page: number; pageSize: number },
): Promise<ContactPage> {
  const { rows: counted } = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM contacts
     WHERE team_id = $1::text AND user_id = $2::text AND archived_at IS NOT NULL`,
    [member.teamId, member.userId],
  );
  const total = counted[0]?.total ?? 0;
  const last = Math.max(Math.ceil(total / opts.pageSize) - 1, 0);
  const page = Number.isSafeInteger(opts.page) ? Math.min(Math.max(0, opts.page), last) : 0;
  const { rows } = await db.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts
     WHERE team_id = $1::text AND user_id = $2::text AND archived_at IS NOT NULL
     ORDER BY name COLLATE contact_name_order, id
     LIMIT $3::int OFFSET $4::int`,
    [member.teamId, member.userId, opts.pageSize, page * opts.pageSize],
  );
  return { contacts: rows, total, more: false, page };
}

/**
 * The member's archived or active contacts whose company, role or city (or name) contains the
 * folded `query`, as a list search finds them: for a word that is no one's name ("acme", "berlin").
 * One is the answer; several are the choice, at most `limit`, by folded name then id.
 */
export async function contactsDescribed(
  db: Sql,
  member: MemberRef,
  query: string,
  opts: { archived: boolean; limit: number },
): Promise<NameMatch<Contact>> {
  if (!Number.isSafeInteger(opts.limit) || opts.limit < 1) throw new RangeError('limit must be ≥ 1');
  const { rows: found } = await db.query<Contact>(
    `WITH query AS (SELECT contact_fold($3::text) AS key)
     SELECT ${CONTACT_COLUMNS} FROM contacts
     WHERE team_id = $1::text AND user_id = $2::text AND (archived_at IS NOT NULL) = $4::boolean
       AND strpos(search_key, (SELECT key FROM query)) > 0 AND (SELECT key FROM query) <> ''
     ORDER BY name_key, id
     LIMIT $5::int`,
    [member.teamId, member.userId, query, opts.archived, Math.max(opts.limit, 2)],
  );
  return asMatch(found, opts.limit);
}

/** None, one, or a choice of at most `limit`, from the contacts a lookup found. */
function asMatch(found: Contact[], limit: number): NameMatch<Contact> {
  const [only] = found;
  if (!only) return { kind: 'none' };
  if (found.length === 1) return { kind: 'one', contact: only };
  return { kind: 'many', contacts: found.slice(0, limit) };
}
