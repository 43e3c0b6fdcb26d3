import { type ContactDate, nextOccurrence } from '../domain/contact-dates';
import { addDays, type LocalDate } from '../domain/dates';
import {
  datesOfContact,
  datesPassedBefore,
  deleteContactDates,
  insertContactDates,
  moveDatesOn,
} from '../store/contact-dates';
import type { Sql } from '../store/db';
import type { MemberRef } from '../store/members';
import type { UseCaseDeps } from './deps';

export type { ContactDate };

const sameDate = (a: ContactDate, b: ContactDate) =>
  a.kind === b.kind && a.label === b.label && a.month === b.month && a.day === b.day && a.year === b.year;

/**
 * Makes one contact's dates what the form says. A date kept as it was keeps its place in the year
 * (a birthday a digest already told of is not told again); the others are replaced. Part of the
 * caller's transaction, after it has found the contact among the member's own.
 */
export async function replaceContactDates(
  tx: Sql,
  member: MemberRef,
  contactId: number,
  dates: ContactDate[],
  today: LocalDate,
  now: Date,
): Promise<void> {
  const before = await datesOfContact(tx, member, contactId);
  const gone = before.filter((b) => !dates.some((d) => sameDate(b, d)));
  const added = dates.filter((d) => !before.some((b) => sameDate(b, d)));
  await deleteContactDates(
    tx,
    member,
    gone.map((g) => g.id),
  );
  await addContactDates(tx, member, contactId, added, today, now);
}

/** Adds dates to a contact; a birthday it already has stays (a re-import duplicates nothing). */
export async function addContactDates(
  tx: Sql,
  member: MemberRef,
  contactId: number,
  dates: ContactDate[],
  today: LocalDate,
  now: Date,
): Promise<void> {
  await insertContactDates(
    tx,
    member,
    contactId,
    dates.map((d) => ({ ...d, nextOn: nextOccurrence(d, today) })),
    now,
  );
}

/**
 * Dates that passed with no digest to tell of them (the member was paused, or no digest went out
 * that day) move on to next year, so they neither come late nor keep a digest planned every day.
 */
export async function movePassedDatesOn(
  deps: UseCaseDeps,
  member: MemberRef,
  today: LocalDate,
): Promise<void> {
  const passed = await datesPassedBefore(deps.db, member, today);
  await moveDatesOn(
    deps.db,
    member,
    passed.map((d) => ({ dateId: d.id, from: d.nextOn, to: nextOccurrence(d, today) })),
  );
}

/** Dates a sent digest told of: each moves on to its next year, so it comes once. */
export async function markDatesTold(
  tx: Sql,
  member: MemberRef,
  told: { dateId: number; occurs: LocalDate; month: number; day: number }[],
): Promise<void> {
  await moveDatesOn(
    tx,
    member,
    told.map((t) => ({ dateId: t.dateId, from: t.occurs, to: nextOccurrence(t, addDays(t.occurs, 1)) })),
  );
}

/** One contact's dates, each with its next occurrence, soonest first (what `show` lists). */
export async function contactDatesAhead(
  deps: UseCaseDeps,
  member: MemberRef,
  contactId: number,
  today: LocalDate,
): Promise<(ContactDate & { occurs: LocalDate })[]> {
  const dates = await datesOfContact(deps.db, member, contactId);
  return dates
    .map((d) => ({ ...d, occurs: nextOccurrence(d, today) }))
    .sort((a, b) => (a.occurs < b.occurs ? -1 : a.occurs > b.occurs ? 1 : a.id - b.id));
}

/** One contact's dates as the edit form pre-fills them. */
export async function contactDates(
  deps: UseCaseDeps,
  member: MemberRef,
  contactId: number,
): Promise<ContactDate[]> {
  return datesOfContact(deps.db, member, contactId);
}
