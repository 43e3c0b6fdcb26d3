import { addCadence, type Cadence } from './cadence';
import { addDays, addMonths, describeRelative, type LocalDate } from './dates';
import { byUrgency, overdueRatio } from './schedule';

/** A digest shows the most urgent few; the rest are counted and one command away. */
export const DIGEST_MAX_ITEMS = 5;

/** What the member did about an item from the DM, so the message stays truthful. */
export type ItemOutcome =
  | { action: 'logged'; on: LocalDate }
  | { action: 'snoozed'; until: LocalDate }
  | { action: 'skipped'; until: LocalDate };

/** A check-in that is due. Later item kinds (asks, introductions, trips) join this union. */
export interface DueItem {
  kind: 'due';
  contactId: number;
  name: string;
  company: string | null;
  cadence: Cadence;
  addedOn: LocalDate;
  lastTouchOn: LocalDate | null;
  nextDueOn: LocalDate;
  outcome?: ItemOutcome;
}

export type DigestItem = DueItem;

export interface DueContact {
  id: number;
  name: string;
  company: string | null;
  cadence: Cadence;
  addedOn: LocalDate;
  lastTouchOn: LocalDate | null;
  snoozedUntil: LocalDate | null;
  nextDueOn: LocalDate | null;
}

/** Every due contact as an item, most urgent first. */
export function dueItems(contacts: DueContact[], today: LocalDate): DueItem[] {
  const due = contacts.filter(
    (c): c is DueContact & { nextDueOn: LocalDate } => c.nextDueOn !== null && c.nextDueOn <= today,
  );
  return byUrgency(due, today).map((c) => ({
    kind: 'due',
    contactId: c.id,
    name: c.name,
    company: c.company,
    cadence: c.cadence,
    addedOn: c.addedOn,
    lastTouchOn: c.lastTouchOn,
    nextDueOn: c.nextDueOn,
  }));
}

/** The digest for `today`: at most DIGEST_MAX_ITEMS items, most urgent first, and how many more. */
export function composeDigest(
  contacts: DueContact[],
  today: LocalDate,
): { items: DigestItem[]; moreCount: number } {
  const all = dueItems(contacts, today);
  return { items: all.slice(0, DIGEST_MAX_ITEMS), moreCount: Math.max(0, all.length - DIGEST_MAX_ITEMS) };
}

/** How overdue an item is against its own cadence (0 on the due date). */
export function itemUrgency(item: DigestItem, today: LocalDate): number {
  return overdueRatio({ ...item, snoozedUntil: null }, today) ?? 0;
}

const CADENCE_PLANS: Record<Cadence, string> = {
  biweekly: 'calls every other week',
  monthly: 'monthly calls',
  quarterly: 'quarterly calls',
  semiannual: 'a call every 6 months',
  yearly: 'a yearly call',
  none: 'no set rhythm',
};

/** Why now, in plain words: "last talked 4 months ago; you planned quarterly calls". */
export function dueReason(item: DueItem, today: LocalDate): string {
  const history = item.lastTouchOn
    ? `last talked ${describeRelative(item.lastTouchOn, today)}`
    : `added ${describeRelative(item.addedOn, today)}, no touch logged yet`;
  return `${history}; you planned ${CADENCE_PLANS[item.cadence]}`;
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

/** The member's wall clock at an instant. */
export interface LocalClock {
  date: LocalDate;
  hour: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localClock(now: Date, tz: string): LocalClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    hour: Number(get('hour')),
    isoWeekday: WEEKDAYS[get('weekday')] ?? 0,
  };
}

export interface DigestSchedule {
  digestHour: number;
  workDays: number[];
  pausedUntil: LocalDate | null;
}

/**
 * Whether a digest may go out at this local time: a work day, at or after the digest hour, not
 * paused. A digest missed at 09:00 (the worker was down) still goes out later that day.
 * The planner's SQL (src/store/digests.ts) applies the same rule to many members at once.
 */
export function isDigestTime(clock: LocalClock, schedule: DigestSchedule): boolean {
  return (
    schedule.workDays.includes(clock.isoWeekday) &&
    clock.hour >= schedule.digestHour &&
    (schedule.pausedUntil === null || schedule.pausedUntil < clock.date)
  );
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
