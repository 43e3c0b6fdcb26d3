import { type LocalDate, minDate } from '../domain/dates';
import {
  citySpelling,
  metPromptOn,
  reachOutOn,
  type TripProblem,
  tripMatches,
  tripProblems,
} from '../domain/trips';
import { inTransaction } from '../store/db';
import type { Member, MemberRef } from '../store/members';
import {
  cancelTrip as cancelStored,
  findTrip,
  insertTrip,
  planToMeet as markPlanned,
  type Trip,
  tripCandidates,
  upcomingTrips as upcomingOf,
} from '../store/trips';
import { todayFor, type UseCaseDeps } from './deps';
import { type Digest, recordItemOutcome } from './digest-items';
import { touchContact } from './touches';

export type { Trip };

export interface TripInput {
  city: string;
  event: string | null;
  startsOn: LocalDate;
  endsOn: LocalDate;
}

export type PlanTripResult =
  | { ok: true; trip: Trip; why: Map<number, 'city' | 'event'> }
  | { ok: false; problems: TripProblem[] };

/**
 * Plans a trip with the member's contacts found there: those in the city (case and accents
 * ignored) and those whose notes mention the event. Reminders come 14 days before and the day after.
 */
export async function planTrip(deps: UseCaseDeps, member: Member, input: TripInput): Promise<PlanTripResult> {
  const problems = tripProblems(input, todayFor(deps, member));
  if (problems.length) return { ok: false, problems };
  const matches = tripMatches(await tripCandidates(deps.db, member), input);
  const city = citySpelling(input.city, matches);
  const trip = await inTransaction(deps.db, (tx) =>
    insertTrip(
      tx,
      member,
      { ...input, city, reachOutOn: reachOutOn(input.startsOn), metPromptOn: metPromptOn(input.endsOn) },
      matches.map((m) => m.contact.id),
      deps.clock.now(),
    ),
  );
  deps.logger.info({ tripId: trip.id, contacts: matches.length }, 'trip planned');
  return { ok: true, trip, why: new Map(matches.map((m) => [m.contact.id, m.why])) };
}

/** Marks one of the trip's contacts as planned to meet; null when the trip or contact is not the member's. */
export async function planToMeet(
  deps: UseCaseDeps,
  member: MemberRef,
  tripId: number,
  contactId: number,
): Promise<Trip | null> {
  if (!(await markPlanned(deps.db, member, tripId, contactId))) return null;
  return findTrip(deps.db, member, tripId);
}

/** Cancels the member's trip: no more reminders about it. Null when not theirs. */
export async function cancelTrip(deps: UseCaseDeps, member: MemberRef, tripId: number): Promise<Trip | null> {
  return cancelStored(deps.db, member, tripId, deps.clock.now());
}

/** One of the member's trips that is not cancelled; null otherwise. */
export async function getTrip(deps: UseCaseDeps, member: MemberRef, tripId: number): Promise<Trip | null> {
  return findTrip(deps.db, member, tripId);
}

/** The member's trips that have not ended yet, soonest first. */
export async function upcomingTrips(deps: UseCaseDeps, member: Member): Promise<Trip[]> {
  return upcomingOf(deps.db, member, todayFor(deps, member));
}

export type MetResult =
  | {
      ok: true;
      trip: Trip;
      names: string[];
      /** The in-person touches logged, one per person met (what Undo takes back). */
      touchIds: number[];
      /** The digest the prompt came from, with those people and the prompt marked done (to redraw it). */
      digest: Digest | null;
    }
  | { ok: false; reason: 'not_yours' };

/**
 * Logs an in-person touch with each contact picked, dated the trip's last day (or today, for a trip
 * not over yet), in one transaction. Only the trip's own contacts may be picked.
 */
export async function logWhomIMet(
  deps: UseCaseDeps,
  member: Member,
  tripId: number,
  contactIds: number[],
  fromDigest: LocalDate | null = null,
): Promise<MetResult> {
  const trip = await findTrip(deps.db, member, tripId);
  const onTrip = new Set(trip?.contacts.map((c) => c.id));
  if (!trip || contactIds.some((id) => !onTrip.has(id))) return { ok: false, reason: 'not_yours' };
  const on = minDate(trip.endsOn, todayFor(deps, member));
  const now = deps.clock.now();
  const note = `Met in ${trip.city}${trip.event ? ` at ${trip.event}` : ''}`;
  const met = await inTransaction(deps.db, async (tx) => {
    const met: { id: number; name: string; touchId: number }[] = [];
    for (const contactId of contactIds) {
      const done = await touchContact(
        tx,
        member,
        { contactId, touchedOn: on, kind: 'in_person', intent: 'catch_up', note },
        now,
      );
      if (done) met.push({ id: done.contact.id, name: done.contact.name, touchId: done.touch.id });
    }
    return met;
  });
  let digest: Digest | null = null;
  if (fromDigest) {
    // As logging from a digest item does: the digest stops offering "Log it" for whoever was just logged.
    const logged = { action: 'logged' as const, on };
    for (const key of [`trip:${trip.id}:met`, ...met.map((c) => `due:${c.id}`)]) {
      digest = (await recordItemOutcome(deps, member, fromDigest, key, logged)) ?? digest;
    }
  }
  return { ok: true, trip, names: met.map((c) => c.name), touchIds: met.map((c) => c.touchId), digest };
}
