import { type AskStatus, isAskOnly, shouldGiveNext } from './asks';
import { isMoved, movedNote } from './budget';
import { addCadence, type Cadence } from './cadence';
import { bySoonest, type DateKind, type DateOccurrence, dateSentence, inDigestOf } from './contact-dates';
import { addDays, addMonths, describeRelative, type LocalDate } from './dates';
import type { FatigueQuestion } from './fatigue';
import type { IntroOutcome } from './intros';
import { byUrgency } from './schedule';
import type { TouchFacts } from './touches';
import {
  inTransitionWindow,
  isFreshTransition,
  jobChange,
  TRANSITION_PHRASES,
  type TransitionKind,
  transitionEvent,
} from './transitions';

/** A digest shows the most urgent few; the rest are counted and one command away. */
export const DIGEST_MAX_ITEMS = 5;

/** What the member did about an item from the DM, so the message stays truthful. */
export type ItemOutcome =
  | { action: 'logged'; on: LocalDate }
  | { action: 'snoozed'; until: LocalDate }
  | { action: 'skipped'; until: LocalDate }
  | { action: 'intro_outcome'; outcome: IntroOutcome }
  | { action: 'done'; on: LocalDate }
  | { action: 'didnt_happen' }
  /** A call scheduled from the item: when, in words ("Tue 10 Mar, 10:00–10:30 (Europe/Berlin)"). */
  | { action: 'scheduled'; when: string };

/** A check-in that is due. */
export interface DueItem {
  kind: 'due';
  /** Identifies the item within its digest: `due:<contact id>`. */
  key: string;
  contactId: number;
  name: string;
  company: string | null;
  cadence: Cadence;
  addedOn: LocalDate;
  lastTouchOn: LocalDate | null;
  nextDueOn: LocalDate;
  /** The member's latest touches with them were all asks. */
  askOnly?: boolean;
  /** The last touch was an ask: suggest giving this time. */
  giveNext?: boolean;
  /** A transition noted in their life in the last week, with no touch since. */
  freshTransition?: { kind: TransitionKind; on: LocalDate };
  /** Asks to them waiting for a follow-up: one item per person, the check-in and the asks together. */
  asks?: WaitingAsk[];
  /**
   * The transition whose 90 days of closer touch are running, as the reason to give; for a new
   * job, where they work now and as what (the member confirms both when noting it).
   */
  transition?: RecentTransition;
  /** The nudge-fatigue question, on the one item of the digest that asks it (domain/fatigue.ts). */
  fatigue?: FatigueQuestion;
  /** The weekly budget moved this check-in to its week: the budget, to say so. */
  movedBy?: { weeklyBudget: number };
  /** Their birthday or another date of the day: one item per person, the check-in and the date together. */
  dates?: DateItem[];
  outcome?: ItemOutcome;
}

export interface RecentTransition {
  kind: TransitionKind;
  on: LocalDate;
  company: string | null;
  role: string | null;
  /** For a new job that changed them, where they worked and as what before (absent in older digests). */
  previousCompany?: string | null;
  previousRole?: string | null;
}

/** "How did the introduction go?", 14 days after it. */
export interface IntroFollowUpItem {
  kind: 'intro_follow_up';
  /** `intro:<introduction id>`. */
  key: string;
  introId: number;
  fromName: string;
  toName: string;
  introducedOn: LocalDate;
  outcome?: ItemOutcome;
}

export interface PendingIntroFollowUp {
  id: number;
  fromName: string;
  toName: string;
  introducedOn: LocalDate;
}

/** One pending ask whose patience window has passed, within its contact's item. */
export interface WaitingAsk {
  askId: number;
  what: string;
  askedOn: LocalDate;
  /** Set once the member settles it from the digest. */
  status?: Exclude<AskStatus, 'pending'>;
}

/**
 * Asks to one person whose patience windows have passed: a gentle follow-up, suggested once. One
 * item per person, however many asks wait, each with its own buttons.
 */
export interface AskFollowUpItem {
  kind: 'ask_follow_up';
  /** `asks:<contact id>`. */
  key: string;
  contactId: number;
  name: string;
  asks: WaitingAsk[];
  outcome?: ItemOutcome;
}

/** Digest items by kind; later kinds (introductions, transitions, trips) join this union. */
/** Before a trip: reach out to the people there. After it: whom did you meet? */
export interface TripItem {
  kind: 'trip';
  /** `trip:<trip id>:<prompt>`. */
  key: string;
  tripId: number;
  prompt: 'reach_out' | 'met';
  city: string;
  event: string | null;
  startsOn: LocalDate;
  endsOn: LocalDate;
  contacts: { name: string; planned: boolean }[];
  outcome?: ItemOutcome;
}

export type PendingTripPrompt = Omit<TripItem, 'kind' | 'key' | 'outcome'>;

/** A one-off reminder whose day has come; it comes again each digest until done. */
export interface ReminderItem {
  kind: 'reminder';
  /** `reminder:<reminder id>`. */
  key: string;
  reminderId: number;
  contactId: number;
  name: string;
  what: string;
  remindOn: LocalDate;
  outcome?: ItemOutcome;
}

export type PendingReminder = Omit<ReminderItem, 'kind' | 'key' | 'outcome'>;

/** "Did you talk?", the day after a call the member scheduled with a contact. */
export interface CallItem {
  kind: 'call';
  /** `call:<scheduled call id>`. */
  key: string;
  callId: number;
  contactId: number;
  name: string;
  /** When the call was to start (ISO 8601), and the zone it was scheduled in. */
  startsAt: string;
  timeZone: string;
  outcome?: ItemOutcome;
}

export type PendingCallAsk = Omit<CallItem, 'kind' | 'key' | 'outcome'>;

/** A birthday or another date worth remembering, on the day or the member's last work day before it. */
export interface DateItem {
  kind: 'date';
  /** `date:<date id>:<occurrence>`. */
  key: string;
  dateId: number;
  contactId: number;
  name: string;
  dateKind: DateKind;
  label: string;
  month: number;
  day: number;
  occurs: LocalDate;
  outcome?: ItemOutcome;
}

export type DigestItem =
  | DueItem
  | AskFollowUpItem
  | IntroFollowUpItem
  | TripItem
  | ReminderItem
  | CallItem
  | DateItem;

export interface PendingFollowUp {
  id: number;
  contactId: number;
  contactName: string;
  what: string;
  askedOn: LocalDate;
}

export interface DueContact {
  id: number;
  transitionKind: TransitionKind | null;
  transitionOn: LocalDate | null;
  name: string;
  company: string | null;
  role?: string | null;
  /** Before the latest transition, when it was a new job that changed them. */
  previousCompany?: string | null;
  previousRole?: string | null;
  /** Where they live, to tell two people of one name apart (the Home reads it). */
  city?: string | null;
  cadence: Cadence;
  addedOn: LocalDate;
  lastTouchOn: LocalDate | null;
  snoozedUntil: LocalDate | null;
  nextDueOn: LocalDate | null;
  /** Where the weekly budget moved the check-in to (absent when read without it). */
  leveledTo?: LocalDate | null;
}

/** Every due contact as an item, most urgent first, with hints from the recent touches given. */
export function dueItems(
  contacts: DueContact[],
  today: LocalDate,
  histories: Map<number, TouchFacts[]> = new Map(),
  weeklyBudget: number | null = null,
): DueItem[] {
  const due = contacts.filter(
    (c): c is DueContact & { nextDueOn: LocalDate } => c.nextDueOn !== null && c.nextDueOn <= today,
  );
  const items = byUrgency(due, today).map(
    (c): DueItem => ({
      kind: 'due',
      key: `due:${c.id}`,
      contactId: c.id,
      name: c.name,
      company: c.company,
      cadence: c.cadence,
      addedOn: c.addedOn,
      lastTouchOn: c.lastTouchOn,
      nextDueOn: c.nextDueOn,
      askOnly: isAskOnly(histories.get(c.id) ?? [], today),
      giveNext: shouldGiveNext(histories.get(c.id) ?? []),
      ...(weeklyBudget && isMoved(c) ? { movedBy: { weeklyBudget } } : {}),
      ...(c.transitionKind && c.transitionOn && isFreshTransition(c, today)
        ? { freshTransition: { kind: c.transitionKind, on: c.transitionOn } }
        : {}),
      ...(c.transitionKind && c.transitionOn && inTransitionWindow(c.transitionOn, today)
        ? {
            transition: {
              kind: c.transitionKind,
              on: c.transitionOn,
              company: c.company,
              role: c.role ?? null,
              previousCompany: c.previousCompany ?? null,
              previousRole: c.previousRole ?? null,
            },
          }
        : {}),
    }),
  );
  // A fresh transition comes first, whatever the cadence; the order is otherwise kept.
  return [...items.filter((i) => i.freshTransition), ...items.filter((i) => !i.freshTransition)];
}

/** Asks shown for one person in a digest; later ones wait for another day, so the message stays short. */
export const DIGEST_ASKS_PER_PERSON = 3;

/**
 * People with asks waiting are counted up to this many for a digest's "and N more": past it the
 * digest says "over N more", and composing it reads no more of a large member's waiting asks.
 */
export const DIGEST_WAITING_COUNT_CAP = 200;

/** The follow-ups due by `today`, grouped by person (oldest ask first), at most DIGEST_ASKS_PER_PERSON each. */
function waitingAsksByContact(
  followUps: PendingFollowUp[],
  today: LocalDate,
): Map<number, PendingFollowUp[]> {
  const byContact = new Map<number, PendingFollowUp[]>();
  const oldestFirst = followUps
    .filter((f) => f.askedOn <= today)
    .sort((a, b) => (a.askedOn < b.askedOn ? -1 : a.askedOn > b.askedOn ? 1 : a.id - b.id));
  for (const f of oldestFirst) {
    const asks = byContact.get(f.contactId) ?? [];
    if (asks.length < DIGEST_ASKS_PER_PERSON) asks.push(f);
    byContact.set(f.contactId, asks);
  }
  return byContact;
}

function waitingAsk(f: PendingFollowUp): WaitingAsk {
  return { askId: f.id, what: f.what, askedOn: f.askedOn };
}

export interface DigestInput {
  /**
   * Due contacts: all of them, or, with `dueTotal`, at least the most urgent DIGEST_MAX_ITEMS (fresh
   * transitions first) and every one whose asks wait for a follow-up.
   */
  contacts: DueContact[];
  /** How many contacts are due in all, when `contacts` holds only the first few. */
  dueTotal?: number;
  /**
   * When `followUps` holds only the asks of the first DIGEST_MAX_ITEMS people (whose waiting ask is
   * oldest), up to DIGEST_ASKS_PER_PERSON each: how many people have asks waiting in all, and how many
   * of them are due themselves (their asks ride on that item). With `atLeast`, both are those of the
   * first people only (more have asks waiting), and the digest's count of more is a floor.
   */
  waitingPeople?: { total: number; due: number; atLeast?: boolean };
  followUps?: PendingFollowUp[];
  introFollowUps?: PendingIntroFollowUp[];
  trips?: PendingTripPrompt[];
  /** Reminders whose day has come, oldest first: all of them, or the first few with `remindersTotal`. */
  reminders?: PendingReminder[];
  remindersTotal?: number;
  /** Scheduled calls to ask "did you talk?" about: each stands in for its contact's check-in. */
  calls?: PendingCallAsk[];
  /** Dates whose next occurrence is within the week ahead, and the member's work days to place them. */
  dates?: DateOccurrence[];
  workDays?: readonly number[];
  histories?: Map<number, TouchFacts[]>;
  /** The member's check-ins a week, when they set one: moved check-ins say so. */
  weeklyBudget?: number | null;
}

/** The dates the digest of `today` tells of: on their day, or on the last work day before it. */
export function dateItems(
  dates: DateOccurrence[],
  today: LocalDate,
  workDays: readonly number[],
): DateItem[] {
  return bySoonest(dates.filter((d) => inDigestOf(d.occurs, today, workDays))).map((d) => ({
    kind: 'date',
    key: `date:${d.dateId}:${d.occurs}`,
    dateId: d.dateId,
    contactId: d.contactId,
    name: d.name,
    dateKind: d.kind,
    label: d.label,
    month: d.month,
    day: d.day,
    occurs: d.occurs,
  }));
}

/** The dates a digest tells of: its date items, and those a due person's item carries. */
export function datesIn(items: readonly DigestItem[]): DateItem[] {
  return items.flatMap((i) => (i.kind === 'date' ? [i] : i.kind === 'due' ? (i.dates ?? []) : []));
}

/** "Dana Lee's birthday is today", "… is on Saturday". */
export function dateItemText(item: DateItem, today: LocalDate): string {
  return dateSentence(
    { kind: item.dateKind, label: item.label, name: item.name, occurs: item.occurs },
    today,
  );
}

/** A digest's items, and how many more there are: with `moreAtLeast`, over that many. */
export interface ComposedDigest {
  items: DigestItem[];
  moreCount: number;
  moreAtLeast?: true;
}

/**
 * The digest for `today`: fresh transitions first, then one-off reminders (the member chose the
 * day), then the dates of the day (or of the weekend ahead), then follow-ups (each is suggested
 * once, so it must not be crowded out), then the other due check-ins, most urgent first; at most
 * DIGEST_MAX_ITEMS, and how many more. A date is no check-in: it moves no one's next one.
 */
export function composeDigest(input: DigestInput, today: LocalDate): ComposedDigest {
  // A contact with a call to ask about is asked about the call, not reminded of the check-in too.
  const askedAbout = new Set((input.calls ?? []).map((c) => c.contactId));
  const allDue = dueItems(input.contacts, today, input.histories, input.weeklyBudget);
  const due = allDue.filter((i) => !askedAbout.has(i.contactId));
  const dueById = new Map(due.map((i) => [i.contactId, i]));
  const askItems: DigestItem[] = [];
  for (const [contactId, asks] of waitingAsksByContact(input.followUps ?? [], today)) {
    const dueItem = dueById.get(contactId);
    if (dueItem) {
      // The person is due as well: one item, placed with the follow-ups so it is not crowded out.
      dueItem.asks = asks.map(waitingAsk);
      if (!dueItem.freshTransition) askItems.push(dueItem);
      continue;
    }
    const first = asks[0] as PendingFollowUp;
    askItems.push({
      kind: 'ask_follow_up',
      key: `asks:${contactId}`,
      contactId,
      name: first.contactName,
      asks: asks.map(waitingAsk),
    });
  }
  const followUps: DigestItem[] = [
    ...askItems,
    ...(input.introFollowUps ?? []).map(
      (f): IntroFollowUpItem => ({
        kind: 'intro_follow_up',
        key: `intro:${f.id}`,
        introId: f.id,
        fromName: f.fromName,
        toName: f.toName,
        introducedOn: f.introducedOn,
      }),
    ),
    ...(input.trips ?? []).map(
      (t): TripItem => ({ ...t, kind: 'trip', key: `trip:${t.tripId}:${t.prompt}` }),
    ),
    ...(input.calls ?? []).map((c): CallItem => ({ ...c, kind: 'call', key: `call:${c.callId}` })),
  ];
  const reminders = (input.reminders ?? []).map(
    (r): ReminderItem => ({ ...r, kind: 'reminder', key: `reminder:${r.reminderId}` }),
  );
  const dates: DigestItem[] = [];
  for (const date of dateItems(input.dates ?? [], today, input.workDays ?? [])) {
    const dueItem = dueById.get(date.contactId);
    if (!dueItem) {
      dates.push(date);
      continue;
    }
    // The person is due as well: one item, placed with the dates so their day is not crowded out
    // (unless it already has its place, as a fresh transition or with the follow-ups).
    if (!dueItem.dates && !dueItem.freshTransition && !dueItem.asks) dates.push(dueItem);
    dueItem.dates = [...(dueItem.dates ?? []), date];
  }
  const all: DigestItem[] = [
    ...due.filter((i) => i.freshTransition),
    ...reminders,
    ...dates,
    ...followUps,
    ...due.filter((i) => !i.freshTransition && !i.asks && !i.dates),
  ];
  // Each due contact left unread is one more item, and so is each person not due whose asks were
  // left unread; all of them rank after the items read.
  const unreadDue = Math.max(0, (input.dueTotal ?? allDue.length) - allDue.length);
  const unreadReminders = Math.max(0, (input.remindersTotal ?? reminders.length) - reminders.length);
  const readWaiting = askItems.filter((i) => i.kind === 'ask_follow_up').length;
  const unreadWaiting = input.waitingPeople
    ? Math.max(0, input.waitingPeople.total - input.waitingPeople.due - readWaiting)
    : 0;
  const moreCount = Math.max(0, all.length + unreadDue + unreadReminders + unreadWaiting - DIGEST_MAX_ITEMS);
  return {
    items: all.slice(0, DIGEST_MAX_ITEMS),
    moreCount,
    ...(input.waitingPeople?.atLeast && moreCount > 0 ? { moreAtLeast: true as const } : {}),
  };
}

/** The asks an item carries, whichever its kind. */
export function itemAsks(item: DigestItem): WaitingAsk[] {
  return item.kind === 'ask_follow_up' || item.kind === 'due' ? (item.asks ?? []) : [];
}

/** The digest's items with one ask marked settled; the same items when none of them carries it. */
export function withAskStatus(
  items: DigestItem[],
  askId: number,
  status: Exclude<AskStatus, 'pending'>,
): DigestItem[] {
  return items.map((item) =>
    itemAsks(item).some((a) => a.askId === askId)
      ? ({
          ...item,
          asks: itemAsks(item).map((a) => (a.askId === askId ? { ...a, status } : a)),
        } as DigestItem)
      : item,
  );
}

const CADENCE_PLANS: Record<Cadence, string> = {
  biweekly: 'calls every other week',
  monthly: 'monthly calls',
  quarterly: 'quarterly calls',
  semiannual: 'a call every 6 months',
  yearly: 'a yearly call',
  none: 'no set rhythm',
};

const TRANSITION_ADVICE: Record<TransitionKind, string> = {
  new_job: 'a good moment to congratulate them',
  lost_job: 'a good time to check in',
  moved: 'a good time to check in',
  other: 'a good time to check in',
};

/**
 * Why now, in plain words: "last talked 4 months ago; you planned quarterly calls". While a
 * transition's 90 days run, the transition is the reason: "Dana Lee is now VP Engineering at Globex
 * (was CTO at Acme): congratulating them is a give" when the new job changed what was on record,
 * else "started at Globex 5 days ago: a good moment to congratulate them"; once they have talked
 * since, why the rhythm is closer.
 */
export function dueReason(item: DueItem, today: LocalDate): string {
  const history = item.lastTouchOn
    ? `last talked ${describeRelative(item.lastTouchOn, today)}`
    : `added ${describeRelative(item.addedOn, today)}, no touch logged yet`;
  const t = item.transition;
  const talkedSince = t !== undefined && item.lastTouchOn !== null && item.lastTouchOn >= t.on;
  let plan: string;
  const change = t ? jobChange(t) : null;
  if (change && !talkedSince) {
    plan = `${item.name} is ${change}: congratulating them is a give`;
  } else if (t?.kind === 'new_job' && !talkedSince) {
    plan = `${transitionEvent(t)} ${describeRelative(t.on, today)}: ${TRANSITION_ADVICE.new_job}`;
  } else if (item.freshTransition) {
    plan = `${TRANSITION_PHRASES[item.freshTransition.kind]} (noted ${describeRelative(item.freshTransition.on, today)}): ${TRANSITION_ADVICE[item.freshTransition.kind]}`;
  } else if (t && !talkedSince) {
    plan = `${transitionEvent(t)} (noted ${describeRelative(t.on, today)}) and you have not talked since: ${TRANSITION_ADVICE[t.kind]}`;
  } else if (t) {
    plan = `${transitionEvent(t)} ${describeRelative(t.on, today)}; ${history}: you keep in closer touch for 90 days after a change`;
  } else {
    plan = `${history}; you planned ${CADENCE_PLANS[item.cadence]}`;
  }
  const moved = item.movedBy ? `. ${upperFirst(movedNote(item.nextDueOn, item.movedBy.weeklyBudget))}` : '';
  if (item.askOnly) return `${plan}${moved}. Your recent touches were all asks: give something this time`;
  if (item.giveNext) return `${plan}${moved}. Last time you asked: give something this time`;
  return `${plan}${moved}`;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function introFollowUpText(item: IntroFollowUpItem, today: LocalDate): string {
  return `How did the introduction between ${item.fromName} and ${item.toName} go? You introduced them ${describeRelative(item.introducedOn, today)}.`;
}

/** The follow-up suggestion: short, and thanking them for considering it. */
export function followUpText(asks: WaitingAsk[]): string {
  const advice = 'A short follow-up that thanks them for considering it is welcome now.';
  return asks.length === 1 ? `Your ask is waiting. ${advice}` : `${asks.length} asks waiting. ${advice}`;
}

/** The line naming one waiting ask, above its buttons. */
export function waitingAskText(ask: WaitingAsk, today: LocalDate): string {
  return `You asked for “${ask.what}” ${describeRelative(ask.askedOn, today)}.`;
}

export const SNOOZE_CHOICES = ['1w', '2w', '1m'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];
export const SNOOZE_LABELS: Record<SnoozeChoice, string> = {
  '1w': '1 week',
  '2w': '2 weeks',
  '1m': '1 month',
};

/** Snooze durations count from the day the member clicked. */
export function snoozeUntil(today: LocalDate, choice: SnoozeChoice): LocalDate {
  return choice === '1w' ? addDays(today, 7) : choice === '2w' ? addDays(today, 14) : addMonths(today, 1);
}

/** Skipping a cycle restarts the clock today without a touch: due again one cadence from now. */
export function skipUntil(today: LocalDate, cadence: Cadence): LocalDate | null {
  return addCadence(today, cadence);
}

/** Retrying a failed send: 1, 2, 4 … minutes, at most an hour apart, for 24 hours after the first try. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

export function nextRetryAt(now: Date, attempts: number): Date {
  const delayMs = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
  return new Date(now.getTime() + delayMs);
}

export function retriesExhausted(firstPlannedAt: Date, now: Date): boolean {
  return now.getTime() - firstPlannedAt.getTime() >= RETRY_WINDOW_MS;
}
