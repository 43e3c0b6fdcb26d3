import { CADENCES, cadenceDays } from '../domain/cadence';
import type { LocalDate } from '../domain/dates';
import type { DueContact } from '../domain/digest';
import { TRANSITION_RULES } from '../domain/transitions';
import { prepared, type Sql } from './db';
import type { MemberRef } from './members';

/*
 * The most urgent of the member's contacts whose check-in falls in a window, and how many fall in
 * it, read in SQL so that `due`, the App Home and the digest composer read what they show, never
 * the whole network. The order is dueItems' (src/domain/digest.ts): within one cadence, how overdue
 * a contact is falls as next_due_on rises, so each cadence's first `limit` contacts, read in order
 * from contacts_member_urgency, hold the first `limit` of all; the domain then merges and sorts
 * those few. The count is an index-only range of contacts_member_next_due.
 */

/** The columns the due, Home and digest rules read (DueContact). */
export const DUE_CONTACT_COLUMNS = `c.id, c.name, c.company, c.cadence, c.added_on::text AS "addedOn",
  c.last_touch_on::text AS "lastTouchOn", c.snoozed_until::text AS "snoozedUntil",
  c.next_due_on::text AS "nextDueOn", c.leveled_to::text AS "leveledTo", c.transition_kind AS "transitionKind",
  c.transition_on::text AS "transitionOn", c.previous_company AS "previousCompany",
  c.previous_role AS "previousRole", c.role, c.city`;

/** Each cadence's nominal length in days (null: no reminders), from the domain, for the urgency order. */
export const CADENCE_LENGTHS = JSON.stringify(Object.fromEntries(CADENCES.map((c) => [c, cadenceDays(c)])));

/** A few of a larger set, and how large the set is. */
export interface Counted<T> {
  rows: T[];
  total: number;
}

/** Splits rows carrying the statement's `total` (a row with a null id when nothing matched). */
export function counted<T extends { id: number | null }>(rows: (T & { total: number })[]): Counted<T> {
  return {
    rows: rows.filter((r) => r.id !== null).map(({ total: _total, ...row }) => row as unknown as T),
    total: rows[0]?.total ?? 0,
  };
}

/**
 * The member's active contacts due after `after` and on or before `upTo`: as candidates, every
 * contact among the first `limit` of that window in dueItems' order, and how many the window holds.
 * With `freshFirst`, contacts with a fresh transition (noted in the last 7 days, no touch since)
 * come first, as dueItems puts them; `alsoIds` adds those contacts when they are in the window
 * (the digest joins a due person's waiting asks to their check-in).
 */
export async function dueCandidates(
  db: Sql,
  member: MemberRef,
  opts: {
    today: LocalDate;
    after: LocalDate | null;
    upTo: LocalDate;
    limit: number;
    freshFirst: boolean;
    alsoIds?: number[];
  },
): Promise<Counted<DueContact>> {
  const FRESH = `(c.transition_on > $3::date - $9::int AND c.transition_on <= $3::date
                  AND (c.last_touch_on IS NULL OR c.last_touch_on < c.transition_on))`;
  const IN_WINDOW = 'c.next_due_on > $4::date AND c.next_due_on <= $5::date';
  const MEMBER = 'c.team_id = $1::text AND c.user_id = $2::text AND c.archived_at IS NULL';
  const { rows } = await db.query<DueContact & { total: number }>(
    prepared(
      'due_candidates',
      `WITH lengths AS (
       SELECT cadence, (days #>> '{}')::float8 AS days FROM jsonb_each($8::jsonb) AS l (cadence, days)
     ),
     -- Read through contacts_member_transition: only contacts with a recent transition.
     fresh AS (
       SELECT c.id FROM contacts c JOIN lengths l ON l.cadence = c.cadence
       WHERE ${MEMBER} AND $7::boolean AND c.transition_on IS NOT NULL AND ${FRESH} AND ${IN_WINDOW}
       ORDER BY ($3::date - c.next_due_on) / l.days DESC NULLS LAST, c.name COLLATE contact_name_order, c.id
       LIMIT $6::int
     ),
     urgent AS (
       SELECT s.id FROM lengths l
       CROSS JOIN LATERAL (
         (SELECT c.id FROM contacts c
          WHERE ${MEMBER} AND c.cadence = l.cadence AND l.days IS NOT NULL AND ${IN_WINDOW}
            AND NOT ($7::boolean AND coalesce(${FRESH}, false))
          ORDER BY c.next_due_on, c.name COLLATE contact_name_order, c.id
          LIMIT $6::int)
         UNION ALL
         -- No length, no urgency: by name. Few such contacts have a check-in date at all (a
         -- transition's), so they are found by date first (OFFSET 0 keeps the planner from walking
         -- every one of them in name order instead: all 20,000 of an import not yet sorted).
         (SELECT d.id FROM (
            SELECT c.id, c.name FROM contacts c
            WHERE ${MEMBER} AND c.cadence = l.cadence AND l.days IS NULL AND ${IN_WINDOW}
              AND NOT ($7::boolean AND coalesce(${FRESH}, false))
            OFFSET 0
          ) d
          ORDER BY d.name COLLATE contact_name_order, d.id
          LIMIT $6::int)
       ) s
     ),
     -- Contacts named by id are read by their key, and only then checked against the member and the
     -- window: with those conditions beside the id, the plan PostgreSQL keeps for this prepared
     -- statement (made for an average member) read the member's whole due range instead (5 ms for
     -- 6,000 due in bench:interactive; test/store/generic-plans.test.ts). LIMIT 1 keeps each
     -- lookup apart, so the conditions cannot be moved into it.
     also AS (
       SELECT c.id FROM unnest($10::bigint[]) AS wanted (id)
       CROSS JOIN LATERAL (SELECT * FROM contacts c WHERE c.id = wanted.id LIMIT 1) c
       WHERE ${MEMBER} AND ${IN_WINDOW}
     ),
     total AS (
       SELECT count(*)::int AS total FROM contacts c WHERE ${MEMBER} AND ${IN_WINDOW}
     )
     SELECT total.total, picked.*
     FROM total
     LEFT JOIN LATERAL (
       SELECT ${DUE_CONTACT_COLUMNS}
       FROM (SELECT id FROM fresh UNION SELECT id FROM urgent UNION SELECT id FROM also) chosen
       CROSS JOIN LATERAL (SELECT * FROM contacts c WHERE c.id = chosen.id LIMIT 1) c
       WHERE ${MEMBER}
     ) picked ON true`,
      [
        member.teamId,
        member.userId,
        opts.today,
        opts.after ?? '-infinity',
        opts.upTo,
        opts.limit,
        opts.freshFirst,
        CADENCE_LENGTHS,
        TRANSITION_RULES.checkInWithinDays,
        opts.alsoIds ?? [],
      ],
    ),
  );
  return counted(rows);
}
