import { addMonths, type LocalDate } from '../domain/dates';
import type { DueContact } from '../domain/digest';
import { type AwaitingIntro, HOME_CAPS, type HomeInput, type PendingAsk } from '../domain/home';
import type { Balance, TouchFacts } from '../domain/touches';
import { recentJobChangesSince } from '../domain/triage';
import { touchHistories } from './asks';
import type { Sql } from './db';
import type { MemberRef } from './members';
import { unsortedSummary } from './triage';
import { upcomingTrips } from './trips';

/**
 * The member's whole active network, with what the Home rules need (due dates, transitions, the
 * last touch for dormancy), in one query: the rules then decide in src/domain/home.ts.
 */
export async function activeNetwork(db: Sql, member: MemberRef): Promise<DueContact[]> {
  const { rows } = await db.query<DueContact>(
    `SELECT id, name, company, cadence, added_on::text AS "addedOn", last_touch_on::text AS "lastTouchOn",
            snoozed_until::text AS "snoozedUntil", next_due_on::text AS "nextDueOn",
            transition_kind AS "transitionKind", transition_on::text AS "transitionOn",
            previous_company AS "previousCompany", previous_role AS "previousRole", role, city
     FROM contacts
     WHERE team_id = $1::text AND user_id = $2::text AND archived_at IS NULL`,
    [member.teamId, member.userId],
  );
  return rows;
}

/** The member's pending asks to active contacts, with when their patience window ends. */
export async function pendingAsks(db: Sql, member: MemberRef): Promise<PendingAsk[]> {
  const { rows } = await db.query<PendingAsk>(
    `SELECT a.id, a.contact_id AS "contactId", c.name AS "contactName", a.what, a.asked_on::text AS "askedOn",
            a.follow_up_on::text AS "followUpOn"
     FROM asks a JOIN contacts c ON c.id = a.contact_id AND c.team_id = a.team_id AND c.user_id = a.user_id
     WHERE a.team_id = $1::text AND a.user_id = $2::text AND a.status = 'pending' AND c.archived_at IS NULL
     ORDER BY a.follow_up_on, a.id`,
    [member.teamId, member.userId],
  );
  return rows;
}

/** The member's introductions with no outcome yet, or only "no response yet". */
export async function introsAwaitingOutcome(db: Sql, member: MemberRef): Promise<AwaitingIntro[]> {
  const { rows } = await db.query<AwaitingIntro>(
    `SELECT i.id, f.name AS "fromName", coalesce(t.name, i.to_name) AS "toName",
            i.introduced_on::text AS "introducedOn", i.outcome
     FROM introductions i
     JOIN contacts f ON f.id = i.from_contact_id AND f.team_id = i.team_id AND f.user_id = i.user_id
     LEFT JOIN contacts t ON t.id = i.to_contact_id AND t.team_id = i.team_id AND t.user_id = i.user_id
     WHERE i.team_id = $1::text AND i.user_id = $2::text AND (i.outcome IS NULL OR i.outcome = 'no_response')
     ORDER BY i.introduced_on, i.id`,
    [member.teamId, member.userId],
  );
  return rows;
}

/** Gives, asks and catch-ups with anyone in the 12 months up to and including `today`. */
export async function overallBalance(db: Sql, member: MemberRef, today: LocalDate): Promise<Balance> {
  const { rows } = await db.query<Balance>(
    `SELECT count(*) FILTER (WHERE intent = 'give')::int AS gives,
            count(*) FILTER (WHERE intent = 'ask')::int AS asks,
            count(*) FILTER (WHERE intent = 'catch_up')::int AS "catchUps"
     FROM touches
     WHERE team_id = $1::text AND user_id = $2::text AND touched_on > $3::date AND touched_on <= $4::date`,
    [member.teamId, member.userId, addMonths(today, -12), today],
  );
  return rows[0] ?? { gives: 0, asks: 0, catchUps: 0 };
}

/** Trips looked at for the Home; far more than it shows, so the rest can be counted. */
const TRIPS_READ = 100;

/** Everything the App Home shows for the member on their local `today`. */
export async function loadHomeInput(db: Sql, member: MemberRef, today: LocalDate): Promise<HomeInput> {
  const [contacts, asks, intros, balance, trips, unsorted] = await Promise.all([
    activeNetwork(db, member),
    pendingAsks(db, member),
    introsAwaitingOutcome(db, member),
    overallBalance(db, member, today),
    upcomingTrips(db, member, today, TRIPS_READ),
    unsortedSummary(db, member, recentJobChangesSince(today), HOME_CAPS.unsortedJobChanges),
  ]);
  const due = contacts.filter((c) => c.nextDueOn !== null && c.nextDueOn <= today).map((c) => c.id);
  const histories = due.length
    ? await touchHistories(db, member, due, addMonths(today, -12))
    : new Map<number, TouchFacts[]>();
  return { contacts, histories, asks, intros, trips, balance, unsorted };
}
