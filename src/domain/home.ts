import { isMoved, type WeekPlan, weekPlan } from './budget';
import { CADENCE_PHRASES, type Cadence, cadenceDays } from './cadence';
import { bySoonest, type DateOccurrence } from './contact-dates';
import { addDays, addMonths, daysBetween, describeSpan, type LocalDate, maxDate, plural } from './dates';
import { type DueContact, type DueItem, dueItems } from './digest';
import type { IntroOutcome } from './intros';
import { compareNames } from './names';
import { byUrgency } from './schedule';
import type { Balance, TouchFacts } from './touches';
import { inTransitionWindow, isFreshTransition, type TransitionKind } from './transitions';
import type { UnsortedJobChange, UnsortedSummary } from './triage';
import type { Trip } from './trips';

/**
 * How many items each App Home section shows before it summarises the rest ("and 12 more"). A Home
 * tab holds at most 100 blocks; with these caps the whole view stays under that for any network
 * (test/domain/home.test.ts checks it for any sizes).
 */
export const HOME_CAPS = {
  dueNow: 10,
  dueThisWeek: 5,
  asks: 5,
  intros: 5,
  transitions: 5,
  trips: 3,
  /** Birthdays and other dates in the next UPCOMING_DATE_DAYS. */
  dates: 5,
  dormant: 5,
  /** Contacts whose reminder the member let pass again and again lately, named in one block. */
  oftenSkipped: 5,
  /** Job changes among unsorted contacts, named in the Unsorted section. */
  unsortedJobChanges: 3,
} as const;

export type HomeSection = keyof typeof HOME_CAPS;

/** "Due this week": the days after today that count. */
export const DUE_SOON_DAYS = 7;

/**
 * A section holding more than this many says "over 200" rather than its exact size: the store counts
 * a section only this far, so that a Home's reads stay bounded by what it shows.
 */
export const HOME_COUNT_CAP = 200;

/** The first items of a section, and how many more there are. */
export interface Capped<T> {
  items: T[];
  more: number;
  /** There are more than `more` besides the items: the section holds over HOME_COUNT_CAP. */
  atLeast?: true;
}

/** The first `max` of `all`; the rest counted from `total` when `all` holds only the first few of a larger set. */
function cap<T>(all: T[], max: number, total = all.length): Capped<T> {
  const items = all.slice(0, max);
  if (total > HOME_COUNT_CAP) return { items, more: HOME_COUNT_CAP - items.length, atLeast: true };
  return { items, more: Math.max(0, total - items.length) };
}

export interface PendingAsk {
  id: number;
  contactId: number;
  contactName: string;
  what: string;
  askedOn: LocalDate;
  /** The first day a follow-up may be suggested (asked on + the member's patience days). */
  followUpOn: LocalDate;
}

export interface PendingAskItem extends PendingAsk {
  /** Days of patience left; 0 or less once a gentle follow-up is welcome. */
  daysLeft: number;
}

export interface AwaitingIntro {
  id: number;
  fromName: string;
  toName: string;
  introducedOn: LocalDate;
  /** null, or "no response yet": still waiting to hear how it went. */
  outcome: IntroOutcome | null;
}

export interface SoonItem {
  contactId: number;
  name: string;
  company: string | null;
  nextDueOn: LocalDate;
  /** The weekly budget moved this check-in here, later than its cadence put it. */
  moved: boolean;
}

export interface TransitionItem {
  contactId: number;
  name: string;
  company: string | null;
  kind: TransitionKind;
  on: LocalDate;
  /** Their role now and, for a new job that changed them, what they were before. */
  role: string | null;
  previousCompany: string | null;
  previousRole: string | null;
  /** Noted in the last 7 days with no touch since: a check-in is due now. */
  fresh: boolean;
}

export interface DormantItem {
  contactId: number;
  name: string;
  company: string | null;
  city: string | null;
  cadence: Cadence;
  /** The last touch, or the day they were added when that is later (or there was none). */
  since: LocalDate;
  /** Whether `since` is a touch (rather than the day they were added). */
  touched: boolean;
}

/** How many each section holds in all, when the input holds only the first few of each. */
export interface HomeTotals {
  network: number;
  dueNow: number;
  dueThisWeek: number;
  transitions: number;
  dormant: number;
  asks: number;
  intros: number;
}

/** Everything the App Home shows, read for one member. */
export interface HomeInput {
  /**
   * The member's active contacts (archived ones left out): the whole network, or, with `totals`, at
   * least the first HOME_CAPS of each section in its own order (any others rank after those).
   */
  contacts: DueContact[];
  /** Section sizes when `contacts`, `asks` and `intros` hold only the first few of each. */
  totals?: HomeTotals;
  /** Recent touches of due contacts, for the "give something this time" hints. */
  histories?: Map<number, TouchFacts[]>;
  asks: PendingAsk[];
  intros: AwaitingIntro[];
  trips: Trip[];
  /** The dates coming in the next UPCOMING_DATE_DAYS, soonest first; none when left out. */
  dates?: DateOccurrence[];
  /** Gives, asks and catch-ups over the last 12 months, across the whole network. */
  balance: Balance;
  /** Imported contacts still to triage; none when left out. */
  unsorted?: UnsortedSummary;
  /** Contacts let pass OFTEN_SKIPPED_TIMES or more in recent digests, most first, and how many in all. */
  oftenSkipped?: { items: OftenSkippedItem[]; total: number };
  /** This week's check-ins against the member's weekly budget; left out when they have none. */
  weekPlan?: Parameters<typeof weekPlan>[0];
}

/** A contact whose reminder the member let pass in several recent digests (domain/fatigue.ts). */
export interface OftenSkippedItem {
  contactId: number;
  name: string;
  company: string | null;
  timesLetPass: number;
}

export interface HomeModel {
  networkSize: number;
  dueNow: Capped<DueItem>;
  dueThisWeek: Capped<SoonItem>;
  asks: Capped<PendingAskItem>;
  intros: Capped<AwaitingIntro>;
  transitions: Capped<TransitionItem>;
  trips: Capped<Trip>;
  dates: Capped<DateOccurrence>;
  dormant: Capped<DormantItem>;
  oftenSkipped: Capped<OftenSkippedItem>;
  balance: Balance;
  unsorted: { count: number; jobChanges: Capped<UnsortedJobChange> };
  /** Null without a weekly budget. */
  weekPlan: WeekPlan | null;
}

/** When the clock of "no touch" starts: the last touch, but never before the contact was added. */
function silenceStart(c: Pick<DueContact, 'addedOn' | 'lastTouchOn'>): LocalDate {
  return c.lastTouchOn ? maxDate(c.lastTouchOn, c.addedOn) : c.addedOn;
}

/** Twice the cadence after `from`, counted in calendar months as a cadence is; null without one. */
function twiceCadenceAfter(from: LocalDate, cadence: Cadence): LocalDate | null {
  switch (cadence) {
    case 'biweekly':
      return addDays(from, 28);
    case 'monthly':
      return addMonths(from, 2);
    case 'quarterly':
      return addMonths(from, 6);
    case 'semiannual':
      return addMonths(from, 12);
    case 'yearly':
      return addMonths(from, 24);
    case 'none':
      return null;
  }
}

/**
 * The first day from which a silence is not (yet) dormant for `cadence` on `today`: a contact is
 * dormant exactly when their silence started before it (isDormant). Null without a cadence. The
 * store reads dormant contacts as this range of an index.
 */
export function dormantBefore(cadence: Cadence, today: LocalDate): LocalDate | null {
  const limitFrom = (day: LocalDate) => twiceCadenceAfter(day, cadence) as LocalDate;
  if (twiceCadenceAfter(today, cadence) === null) return null;
  // Calendar months vary in length: start near the answer and step to it, a few days at most.
  let day = addDays(today, -2 * (cadenceDays(cadence) ?? 0));
  while (limitFrom(day) >= today) day = addDays(day, -1);
  while (limitFrom(day) < today) day = addDays(day, 1);
  return day;
}

/**
 * Dormant: no touch for more than twice the cadence (counted from when they were added when there
 * was no touch since). A contact without a cadence is never dormant: the member chose no rhythm.
 */
export function isDormant(
  c: Pick<DueContact, 'cadence' | 'addedOn' | 'lastTouchOn'>,
  today: LocalDate,
): boolean {
  const limit = twiceCadenceAfter(silenceStart(c), c.cadence);
  return limit !== null && today > limit;
}

/** Dormant contacts, the longest silent relative to their cadence first, then by name. */
export function dormantContacts(contacts: DueContact[], today: LocalDate): DormantItem[] {
  const keyed = contacts
    .filter((c) => isDormant(c, today))
    .map((c) => {
      const since = silenceStart(c);
      return { c, since, ratio: daysBetween(since, today) / (cadenceDays(c.cadence) ?? 1) };
    });
  keyed.sort((a, b) => b.ratio - a.ratio || compareNames(a.c.name, b.c.name) || a.c.id - b.c.id);
  return keyed.map(({ c, since }) => ({
    contactId: c.id,
    name: c.name,
    company: c.company,
    city: c.city ?? null,
    cadence: c.cadence,
    since,
    touched: c.lastTouchOn !== null && c.lastTouchOn >= c.addedOn,
  }));
}

/** Contacts due after today and within the next 7 days, most urgent first. */
export function dueSoon(contacts: DueContact[], today: LocalDate): SoonItem[] {
  const horizon = addDays(today, DUE_SOON_DAYS);
  const soon = contacts.filter(
    (c): c is DueContact & { nextDueOn: LocalDate } =>
      c.nextDueOn !== null && c.nextDueOn > today && c.nextDueOn <= horizon,
  );
  return byUrgency(soon, today).map((c) => ({
    contactId: c.id,
    name: c.name,
    company: c.company,
    nextDueOn: c.nextDueOn,
    moved: isMoved(c),
  }));
}

/**
 * Contacts in a period of transition: noted within its 90-day window. Fresh ones (the last 7 days,
 * no touch since) come first, as they need a check-in now; then the most recent.
 */
export function inTransition(contacts: DueContact[], today: LocalDate): TransitionItem[] {
  const items = contacts
    .filter(
      (c): c is DueContact & { transitionKind: TransitionKind; transitionOn: LocalDate } =>
        c.transitionKind !== null && c.transitionOn !== null && inTransitionWindow(c.transitionOn, today),
    )
    .map(
      (c): TransitionItem => ({
        contactId: c.id,
        name: c.name,
        company: c.company,
        kind: c.transitionKind,
        on: c.transitionOn,
        role: c.role ?? null,
        previousCompany: c.previousCompany ?? null,
        previousRole: c.previousRole ?? null,
        fresh: isFreshTransition(c, today),
      }),
    );
  items.sort(
    (a, b) =>
      Number(b.fresh) - Number(a.fresh) ||
      (a.on < b.on ? 1 : a.on > b.on ? -1 : 0) ||
      compareNames(a.name, b.name) ||
      a.contactId - b.contactId,
  );
  return items;
}

/** Pending asks, the one whose patience runs out first at the top. */
export function pendingAskItems(asks: PendingAsk[], today: LocalDate): PendingAskItem[] {
  return [...asks]
    .sort((a, b) => (a.followUpOn < b.followUpOn ? -1 : a.followUpOn > b.followUpOn ? 1 : a.id - b.id))
    .map((a) => ({ ...a, daysLeft: daysBetween(today, a.followUpOn) }));
}

/** "4 days of patience left", or, once the window has passed, that a gentle follow-up is welcome. */
export function patienceText(daysLeft: number): string {
  if (daysLeft <= 0) return 'time for a gentle follow-up that thanks them for considering it';
  return `${plural(daysLeft, 'day')} of patience left`;
}

/** "no touch for 7 months; you planned to talk quarterly", or counted from when they were added. */
export function dormantText(item: DormantItem, today: LocalDate): string {
  const span = describeSpan(item.since, today);
  const silence = item.touched ? `no touch for ${span}` : `added ${span} ago, no touch since`;
  return `${silence}; you planned to talk ${CADENCE_PHRASES[item.cadence]}`;
}

/** One line on the member's give/ask balance, in the spirit of "give more than you ask". */
export function balanceVerdict(b: Balance): string {
  if (b.gives + b.asks + b.catchUps === 0) return 'Nothing logged in the last 12 months yet.';
  if (b.asks > b.gives) return 'More asks than gives lately: give something next, an introduction or a tip.';
  if (b.asks === b.gives) return 'As many asks as gives: tip it towards giving.';
  return 'You give more than you ask. Keep it that way.';
}

/** What the App Home shows for `today`: each section most urgent first, capped, with the rest counted. */
export function composeHome(input: HomeInput, today: LocalDate): HomeModel {
  const t = input.totals;
  return {
    networkSize: t?.network ?? input.contacts.length,
    dueNow: cap(dueItems(input.contacts, today, input.histories), HOME_CAPS.dueNow, t?.dueNow),
    dueThisWeek: cap(dueSoon(input.contacts, today), HOME_CAPS.dueThisWeek, t?.dueThisWeek),
    asks: cap(pendingAskItems(input.asks, today), HOME_CAPS.asks, t?.asks),
    intros: cap(
      [...input.intros].sort((a, b) =>
        a.introducedOn < b.introducedOn ? -1 : a.introducedOn > b.introducedOn ? 1 : a.id - b.id,
      ),
      HOME_CAPS.intros,
      t?.intros,
    ),
    transitions: cap(inTransition(input.contacts, today), HOME_CAPS.transitions, t?.transitions),
    trips: cap(
      [...input.trips].sort((a, b) =>
        a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.id - b.id,
      ),
      HOME_CAPS.trips,
    ),
    dates: cap(bySoonest(input.dates ?? []), HOME_CAPS.dates),
    dormant: cap(dormantContacts(input.contacts, today), HOME_CAPS.dormant, t?.dormant),
    oftenSkipped: cap(input.oftenSkipped?.items ?? [], HOME_CAPS.oftenSkipped, input.oftenSkipped?.total),
    balance: input.balance,
    unsorted: unsortedSection(input.unsorted),
    weekPlan: input.weekPlan ? weekPlan(input.weekPlan) : null,
  };
}

/** The Unsorted section: how many are left to triage, and the first few recent job changes among them. */
function unsortedSection(summary: UnsortedSummary | undefined): HomeModel['unsorted'] {
  if (!summary) return { count: 0, jobChanges: { items: [], more: 0 } };
  const items = summary.jobChanges.slice(0, HOME_CAPS.unsortedJobChanges);
  return {
    count: summary.count,
    jobChanges: { items, more: Math.max(0, summary.jobChangeCount - items.length) },
  };
}
