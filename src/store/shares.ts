import type { LocalDate } from '../domain/dates';
import type { Sql } from './db';
import type { MemberRef } from './members';

/**
 * The document the share search matches. It is the expression the GIN index in
 * migrations/006_wants_needs_search.sql is built on: the query must use it verbatim for the index to apply.
 */
export const WANTS_NEEDS_DOCUMENT = `to_tsvector('english', coalesce(wants_needs, ''))`;

/**
 * "Any of the meaningful words": plainto_tsquery stems the text and drops stop words, joining the
 * lexemes with `&`; its text form is re-read with the operators turned into `|`. Lexemes are quoted in
 * that form and never hold a space, so only the operators change, and user text is never part of SQL.
 */
const ANY_WORD_QUERY = `regexp_replace(plainto_tsquery('english', $3::text)::text, ' (&|<[0-9]+>|<->) ', ' | ', 'g')::tsquery`;

/** A piece of an excerpt: a word that matched, or the text around it, as the member typed both. */
export interface ExcerptPart {
  text: string;
  matched: boolean;
}

/**
 * What ts_headline puts around each matching word: characters of Unicode's private use area, taken out
 * of the wants and needs first, so that nothing a member typed (a `*`, say) reads as a match.
 */
const MATCH_START = '\uE000';
const MATCH_END = '\uE001';
const MARKED_MATCH = new RegExp(`${MATCH_START}([^${MATCH_END}]*)${MATCH_END}`, 'gu');

function excerptParts(marked: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let from = 0;
  for (const match of marked.matchAll(MARKED_MATCH)) {
    if (match.index > from) parts.push({ text: marked.slice(from, match.index), matched: false });
    parts.push({ text: match[1] ?? '', matched: true });
    from = match.index + match[0].length;
  }
  if (from < marked.length) parts.push({ text: marked.slice(from), matched: false });
  return parts;
}

export interface ShareMatch {
  id: number;
  name: string;
  company: string | null;
  /** The part of their wants and needs that matches, in pieces: the matching words told apart. */
  excerpt: ExcerptPart[];
  /** The last day a give with exactly this share's note was logged with them; null when never. */
  sharedOn: LocalDate | null;
}

/**
 * The member's active contacts whose wants and needs mention any meaningful word of `what`, best
 * match first (ts_rank_cd, then by name), at most `limit` of them, with how many match in all.
 */
export async function wantsNeedsMatches(
  db: Sql,
  member: MemberRef,
  what: string,
  opts: { limit: number; note: string },
): Promise<{ matches: ShareMatch[]; total: number }> {
  const { rows } = await db.query<Omit<ShareMatch, 'excerpt'> & { excerpt: string; total: number }>(
    `WITH ranked AS (
       SELECT c.id, c.name, c.company, c.wants_needs, q.query,
              ts_rank_cd(${WANTS_NEEDS_DOCUMENT}, q.query) AS rank,
              count(*) OVER () AS total
       FROM contacts c CROSS JOIN (SELECT ${ANY_WORD_QUERY} AS query) q
       WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.archived_at IS NULL
         AND ${WANTS_NEEDS_DOCUMENT} @@ q.query
       ORDER BY rank DESC, lower(c.name), c.id
       LIMIT $4::integer
     )
     SELECT r.id, r.name, r.company, r.total::integer AS total,
            ts_headline('english', translate(r.wants_needs, '${MATCH_START}${MATCH_END}', ''), r.query,
                        'StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "')
              AS excerpt,
            (SELECT max(t.touched_on)::text FROM touches t
             WHERE t.team_id = $1::text AND t.user_id = $2::text AND t.contact_id = r.id
               AND t.intent = 'give' AND t.note = $5::text) AS "sharedOn"
     FROM ranked r
     ORDER BY r.rank DESC, lower(r.name), r.id`,
    [member.teamId, member.userId, what, opts.limit, opts.note],
  );
  return {
    matches: rows.map(({ total: _total, excerpt, ...match }) => ({
      ...match,
      excerpt: excerptParts(excerpt),
    })),
    total: rows[0]?.total ?? 0,
  };
}
