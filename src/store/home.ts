import { CADENCES } from '../domain/cadence';
import { upcomingUntil } from '../domain/contact-dates';
import { addDays, addMonths, type LocalDate } from '../domain/dates';
import { type DueContact, dueItems } from '../domain/digest';
import { fatigueWindowStart, OFTEN_SKIPPED_TIMES } from '../domain/fatigue';
import {
  type AwaitingIntro,
  DUE_SOON_DAYS,
  dormantBefore,
  HOME_CAPS,
  HOME_COUNT_CAP,
  type HomeInput,
  type PendingAsk,
} from '../domain/home';
import type { Balance, TouchFacts } from '../domain/touches';
import { TRANSITION_RULES } from '../domain/transitions';
import { recentJobChangesSince } from '../domain/triage';
import { touchHistories } from './asks';
import { datesBetween } from './contact-dates';
import { prepared, type Sql } from './db';
import { type Counted, counted, DUE_CONTACT_COLUMNS, dueCandidates } from './due';
import { oftenSkipped } from './fatigue';
import type { MemberRef } from './members';
import { unsortedSummary } from './triage';
import { upcomingTrips } from './trips';

/** What the Home's outlook says: the network's size, and which sections have anything to show. */
interface HomeOutlook {
  network: number;
  asks: boolean;
  intros: boolean;
  trips: boolean;
  unsorted: boolean;
  skipped: boolean;
  dates: boolean;
}

/**
 * The size of the member's network, as the contacts' triggers keep it (migration 032), and which
 * of the Home's other sections have anything to show: one statement, so that opening the Home
 * reads only those, which for a new member is none of them. Each test is its section's read's, or
 * a looser one (a false "yes" costs that read, a false "no" would hide a section):
 * test/store/outlooks.test.ts checks each against its read.
 */
export async function homeOutlook(db: Sql, member: MemberRef, today: LocalDate): Promise<HomeOutlook> {
  const owned = (alias: string) => `${alias}.team_id = $1::text AND ${alias}.user_id = $2::text`;
  const { rows } = await db.query<HomeOutlook>(
    prepared(
      'home_outlook',
      `SELECT coalesce((SELECT n.active_contacts FROM member_networks n WHERE ${owned('n')}), 0) AS network,
       EXISTS (SELECT 1 FROM asks a WHERE ${owned('a')} AND a.status = 'pending') AS asks,
       EXISTS (SELECT 1 FROM introductions i WHERE ${owned('i')}
                 AND (i.outcome IS NULL OR i.outcome = 'no_response')) AS intros,
       EXISTS (SELECT 1 FROM trips t WHERE ${owned('t')} AND t.cancelled_at IS NULL AND t.ends_on >= $3::date) AS trips,
       EXISTS (SELECT 1 FROM contacts c WHERE ${owned('c')} AND c.unsorted AND c.archived_at IS NULL) AS unsorted,
       EXISTS (SELECT 1 FROM digest_carried k WHERE ${owned('k')} AND NOT k.acted
                 AND k.local_date >= $4::date AND k.local_date < $3::date
               GROUP BY k.contact_id HAVING count(*) >= ${OFTEN_SKIPPED_TIMES}) AS skipped,
       EXISTS (SELECT 1 FROM contact_dates d WHERE ${owned('d')}) AS dates`,
      [member.teamId, member.userId, today, fatigueWindowStart(today)],
    ),
  );
  return rows[0] as HomeOutlook;
}

/**
 * The member's contacts in a transition's 90 days, fresh ones (the last 7 days, no touch since)
 * first, then the latest: the first `limit`, and how many there are. Through
 * contacts_member_transition (migration 022): only contacts with a transition are read.
 */
async function inTransitionWindow(
  db: Sql,
  member: MemberRef,
  today: LocalDate,
  limit: number,
): Promise<Counted<DueContact>> {
  const { rows } = await db.query<DueContact & { total: number }>(
    prepared(
      'in_transition_window',
      `SELECT count(*) OVER ()::int AS total, ${DUE_CONTACT_COLUMNS} FROM contacts c
     WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.archived_at IS NULL
       AND c.transition_on IS NOT NULL AND c.transition_on > $3::date - $5::int AND c.transition_on <= $3::date
     ORDER BY (c.transition_on > $3::date - $6::int AND (c.last_touch_on IS NULL OR c.last_touch_on < c.transition_on)) DESC,
              c.transition_on DESC, c.name COLLATE contact_name_order, c.id
     LIMIT $4::int`,
      [
        member.teamId,
        member.userId,
        today,
        limit,
        TRANSITION_RULES.closerCadenceDays,
        TRANSITION_RULES.checkInWithinDays,
      ],
    ),
  );
  return counted(rows);
}

/**
 * The member's dormant contacts (src/domain/home.ts isDormant): each cadence's most silent `limit`
 * and how many there are in all, each cadence counted up to one past HOME_COUNT_CAP (beyond it a Home
 * says "over 200"), never entry by entry through thousands. Dormant is a silence that started before
 * dormantBefore(cadence), a range of contacts_member_silence (migration 022) per cadence: counted
 * from the index alone, its first entries the most silent, in the Home's order within that cadence.
 */
async function dormantCandidates(
  db: Sql,
  member: MemberRef,
  today: LocalDate,
  limit: number,
): Promise<Counted<DueContact>> {
  const bounds = Object.fromEntries(
    CADENCES.flatMap((cadence) => {
      const before = dormantBefore(cadence, today);
      return before ? [[cadence, before]] : [];
    }),
  );
  const { rows } = await db.query<DueContact & { total: number }>(
    prepared(
      'dormant_candidates',
      `WITH bounds AS (SELECT key AS cadence, value::date AS before FROM jsonb_each_text($3::jsonb)),
     total AS (
       SELECT coalesce(sum(n), 0)::int AS total FROM bounds b
       CROSS JOIN LATERAL (
         SELECT count(*) AS n FROM (
           SELECT FROM contacts c
           WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.archived_at IS NULL
             AND c.cadence = b.cadence AND greatest(c.last_touch_on, c.added_on) < b.before
           LIMIT $5::int
         ) counted
       ) per_cadence
     ),
     picked AS (
       SELECT s.id FROM bounds b
       CROSS JOIN LATERAL (
         SELECT c.id FROM contacts c
         WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.archived_at IS NULL
           AND c.cadence = b.cadence AND greatest(c.last_touch_on, c.added_on) < b.before
         ORDER BY greatest(c.last_touch_on, c.added_on), c.name COLLATE contact_name_order, c.id
         LIMIT $4::int
       ) s
     )
     SELECT total.total, rows.* FROM total
     LEFT JOIN LATERAL (
       SELECT ${DUE_CONTACT_COLUMNS} FROM contacts c
       WHERE c.team_id = $1::text AND c.user_id = $2::text AND c.id = ANY (ARRAY(SELECT id FROM picked))
     ) rows ON true`,
      [member.teamId, member.userId, JSON.stringify(bounds), limit, HOME_COUNT_CAP + 1],
    ),
  );
  return counted(rows);
}

/**
 * The member's first `limit` pending asks to active contacts, whose patience ends first, and how many
 * (counted up to one past HOME_COUNT_CAP). Both through asks_member_pending (migration 022): the first few
 * in its order, and a count of its entries, each ask's contact read by its key to leave out the
 * archived, never the whole network.
 */
export async function pendingAsks(db: Sql, member: MemberRef, limit: number): Promise<Counted<PendingAsk>> {
  const { rows } = await db.query<PendingAsk & { total: number }>(
    prepared(
      'pending_asks',
      `WITH total AS (
       SELECT count(*)::int AS total FROM (
         SELECT FROM asks a
         CROSS JOIN LATERAL (SELECT * FROM contacts c WHERE c.id = a.contact_id LIMIT 1) c
         WHERE a.team_id = $1::text AND a.user_id = $2::text AND a.status = 'pending' AND c.archived_at IS NULL
         LIMIT $4::int
       ) counted
     )
     SELECT total.total, first.* FROM total
     LEFT JOIN LATERAL (
       SELECT a.id, a.contact_id AS "contactId", c.name AS "contactName", a.what, a.asked_on::text AS "askedOn",
              a.follow_up_on::text AS "followUpOn"
       FROM asks a
       -- Each ask's contact by its key, checked after (LIMIT 1 keeps the lookup per ask): as a join,
       -- the plan kept for this prepared statement read all of a large network's contacts (10 ms at
       -- 20,000; test/store/generic-plans.test.ts).
       CROSS JOIN LATERAL (SELECT * FROM contacts c WHERE c.id = a.contact_id LIMIT 1) c
       WHERE a.team_id = $1::text AND a.user_id = $2::text AND a.status = 'pending'
         AND c.team_id = a.team_id AND c.user_id = a.user_id AND c.archived_at IS NULL
       ORDER BY a.follow_up_on, a.id
       LIMIT $3::int
     ) first ON true
     ORDER BY first."followUpOn", first.id`,
      [member.teamId, member.userId, limit, HOME_COUNT_CAP + 1],
    ),
  );
  return counted(rows);
}

/** The member's first `limit` introductions with no outcome yet (or "no response yet"), oldest first, and how many. */
export async function introsAwaitingOutcome(
  db: Sql,
  member: MemberRef,
  limit: number,
): Promise<Counted<AwaitingIntro>> {
  const { rows } = await db.query<AwaitingIntro & { total: number }>(
    prepared(
      'intros_awaiting_outcome',
      `SELECT count(*) OVER ()::int AS total, i.id, f.name AS "fromName", coalesce(t.name, i.to_name) AS "toName",
            i.introduced_on::text AS "introducedOn", i.outcome
     FROM introductions i
     JOIN contacts f ON f.id = i.from_contact_id AND f.team_id = i.team_id AND f.user_id = i.user_id
     LEFT JOIN contacts t ON t.id = i.to_contact_id AND t.team_id = i.team_id AND t.user_id = i.user_id
     WHERE i.team_id = $1::text AND i.user_id = $2::text AND (i.outcome IS NULL OR i.outcome = 'no_response')
     ORDER BY i.introduced_on, i.id
     LIMIT $3::int`,
      [member.teamId, member.userId, limit],
    ),
  );
  return counted(rows);
}

/**
 * Gives, asks and catch-ups with anyone in the 12 months up to and including `today`: summed from
 * touch_days (migration 022), at most a year of one member's days, never their touches.
 */
export async function overallBalance(db: Sql, member: MemberRef, today: LocalDate): Promise<Balance> {
  const { rows } = await db.query<Balance>(
    prepared(
      'overall_balance',
      `SELECT coalesce(sum(touches) FILTER (WHERE intent = 'give'), 0)::int AS gives,
            coalesce(sum(touches) FILTER (WHERE intent = 'ask'), 0)::int AS asks,
            coalesce(sum(touches) FILTER (WHERE intent = 'catch_up'), 0)::int AS "catchUps"
     FROM touch_days
     WHERE team_id = $1::text AND user_id = $2::text AND day > $3::date AND day <= $4::date`,
      [member.teamId, member.userId, addMonths(today, -12), today],
    ),
  );
  return rows[0] ?? { gives: 0, asks: 0, catchUps: 0 };
}

/** Trips looked at for the Home; far more than it shows, so the rest can be counted. */
const TRIPS_READ = 100;

/**
 * Everything the App Home shows for the member on their local `today`, read section by section in
 * SQL: each section's first few in its own order and how many it holds, never the whole network,
 * so a Home costs the same at 20,000 contacts as at 200 (src/domain/home.ts composeHome orders and
 * caps them, counting the rest from the totals). The sections most members have nothing in are read
 * only when the outlook, read beside the due contacts, says there is something.
 */
export async function loadHomeInput(db: Sql, member: MemberRef, today: LocalDate): Promise<HomeInput> {
  const [outlook, due, soon, transitions, dormant, balance] = await Promise.all([
    homeOutlook(db, member, today),
    dueCandidates(db, member, {
      today,
      after: null,
      upTo: today,
      limit: HOME_CAPS.dueNow,
      freshFirst: true,
    }),
    dueCandidates(db, member, {
      today,
      after: today,
      upTo: addDays(today, DUE_SOON_DAYS),
      limit: HOME_CAPS.dueThisWeek,
      freshFirst: false,
    }),
    inTransitionWindow(db, member, today, HOME_CAPS.transitions),
    dormantCandidates(db, member, today, HOME_CAPS.dormant),
    overallBalance(db, member, today),
  ]);
  // Hints for the due contacts the Home shows, not for everyone due.
  const shown = dueItems(due.rows, today)
    .slice(0, HOME_CAPS.dueNow)
    .map((i) => i.contactId);
  const none = { rows: [], total: 0 };
  const [histories, asks, intros, trips, unsorted, skipped, dates] = await Promise.all([
    shown.length ? touchHistories(db, member, shown, addMonths(today, -12)) : new Map<number, TouchFacts[]>(),
    outlook.asks ? pendingAsks(db, member, HOME_CAPS.asks) : none,
    outlook.intros ? introsAwaitingOutcome(db, member, HOME_CAPS.intros) : none,
    outlook.trips ? upcomingTrips(db, member, today, TRIPS_READ) : [],
    outlook.unsorted
      ? unsortedSummary(db, member, recentJobChangesSince(today), HOME_CAPS.unsortedJobChanges)
      : { count: 0, jobChangeCount: 0, jobChanges: [] },
    outlook.skipped
      ? oftenSkipped(
          db,
          member,
          fatigueWindowStart(today),
          today,
          OFTEN_SKIPPED_TIMES,
          HOME_CAPS.oftenSkipped,
        )
      : none,
    outlook.dates ? datesBetween(db, member, today, upcomingUntil(today)) : [],
  ]);
  const contacts = [
    ...new Map(
      [...due.rows, ...soon.rows, ...transitions.rows, ...dormant.rows].map((c) => [c.id, c]),
    ).values(),
  ];
  return {
    contacts,
    histories,
    asks: asks.rows,
    intros: intros.rows,
    trips,
    dates,
    balance,
    unsorted,
    oftenSkipped: { items: skipped.rows, total: skipped.total },
    totals: {
      network: outlook.network,
      dueNow: due.total,
      dueThisWeek: soon.total,
      transitions: transitions.total,
      dormant: dormant.total,
      asks: asks.total,
      intros: intros.total,
    },
  };
}
