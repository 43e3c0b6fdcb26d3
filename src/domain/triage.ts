import type { Cadence } from './cadence';
import { addDays, addMonths, type LocalDate } from './dates';
import { inTransitionWindow, TRANSITION_RULES, type TransitionKind } from './transitions';

/** How many unsorted contacts triage shows at once: few enough to decide about each. */
export const TRIAGE_BATCH = 5;

/** What a member can decide about an unsorted contact: a rhythm, no reminders, or archive. */
export const TRIAGE_SORTS = ['biweekly', 'monthly', 'quarterly', 'yearly', 'keep', 'archive'] as const;
export type TriageSort = (typeof TRIAGE_SORTS)[number];

export const TRIAGE_SORT_LABELS: Record<TriageSort, string> = {
  biweekly: 'Every 2 weeks',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  yearly: 'Yearly',
  keep: 'Just keep (no reminders)',
  archive: 'Archive',
};

/** The cadence a choice gives; null for archive, which takes them out of the network instead. */
export function triageCadence(sort: TriageSort): Cadence | null {
  if (sort === 'archive') return null;
  return sort === 'keep' ? 'none' : sort;
}

/** When the member last talked with someone triage shows, roughly. */
export const LAST_TALKED = ['month', '3m', '1y', 'never'] as const;
export type LastTalked = (typeof LAST_TALKED)[number];

export const LAST_TALKED_LABELS: Record<LastTalked, string> = {
  month: 'Last talked this month',
  '3m': 'Last talked 3 months ago',
  '1y': 'Last talked a year ago',
  never: 'Never talked yet',
};

/**
 * The day a rough "last talked" stands for, counted as a touch so the first check-in is that day
 * plus the cadence; null for "never". "This month" is today: the member just said it is recent.
 */
export function lastTalkedOn(choice: LastTalked, today: LocalDate): LocalDate | null {
  switch (choice) {
    case 'month':
      return today;
    case '3m':
      return addMonths(today, -3);
    case '1y':
      return addMonths(today, -12);
    case 'never':
      return null;
  }
}

/** A job change worth telling while triaging: a new job noted within its transition window (90 days). */
export function isRecentJobChange(
  c: { transitionKind: TransitionKind | null; transitionOn: LocalDate | null },
  today: LocalDate,
): boolean {
  return c.transitionKind === 'new_job' && inTransitionWindow(c.transitionOn, today);
}

/** The first day a job change noted on it still counts as recent on `today` (see isRecentJobChange). */
export function recentJobChangesSince(today: LocalDate): LocalDate {
  return addDays(today, 1 - TRANSITION_RULES.closerCadenceDays);
}

/** A contact still to triage whose new job the App Home tells about. */
export interface UnsortedJobChange {
  id: number;
  name: string;
  company: string | null;
  role: string | null;
  transitionOn: LocalDate;
}

/** What the App Home tells about the member's unsorted contacts: how many, and who changed jobs lately. */
export interface UnsortedSummary {
  count: number;
  /** The latest recent job changes among them, a few. */
  jobChanges: UnsortedJobChange[];
  /** All the recent job changes among them. */
  jobChangeCount: number;
}
