import { addDays, type LocalDate } from './dates';

export const TRANSITION_KINDS = ['new_job', 'lost_job', 'moved', 'other'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

export const TRANSITION_LABELS: Record<TransitionKind, string> = {
  new_job: 'New job',
  lost_job: 'Lost their job',
  moved: 'Moved city',
  other: 'Other change',
};

/** How a transition reads in a sentence: "started a new job". */
export const TRANSITION_PHRASES: Record<TransitionKind, string> = {
  new_job: 'started a new job',
  lost_job: 'lost their job',
  moved: 'moved city',
  other: 'is going through a change',
};

/** What happened, for a new job with where and as what when known: "started as CTO at Globex". */
export function transitionEvent(t: {
  kind: TransitionKind;
  company: string | null;
  role: string | null;
}): string {
  if (t.kind !== 'new_job' || !t.company) return TRANSITION_PHRASES[t.kind];
  return `started ${t.role ? `as ${t.role} ` : ''}at ${t.company}`;
}

/** Where someone works and as what: "VP Engineering at Globex", "at Globex", or "VP Engineering". */
function jobPhrase(company: string | null, role: string | null): string | null {
  if (company && role) return `${role} at ${company}`;
  if (company) return `at ${company}`;
  return role;
}

/**
 * What a new job changed, from → to: "now VP Engineering at Globex (was CTO at Acme)". Null unless
 * the transition is a new job that changed a company or role on record, so the caller says it as before.
 */
export function jobChange(t: {
  kind: TransitionKind;
  company: string | null;
  role: string | null;
  previousCompany?: string | null;
  previousRole?: string | null;
}): string | null {
  if (t.kind !== 'new_job') return null;
  const now = jobPhrase(t.company, t.role);
  const was = jobPhrase(t.previousCompany ?? null, t.previousRole ?? null);
  return now && was ? `now ${now} (was ${was})` : null;
}

export const TRANSITION_RULES = {
  /** A check-in is due within this many days of a transition being noted. */
  checkInWithinDays: 7,
  /** For this long after a transition, the cadence is at most monthly. */
  closerCadenceDays: 90,
} as const;

export interface TransitionState {
  transitionKind: TransitionKind | null;
  transitionOn: LocalDate | null;
}

/** Whether the cadence is held at monthly or closer on `day` (the 90 days after a transition). */
export function inTransitionWindow(transitionOn: LocalDate | null, day: LocalDate): boolean {
  return (
    transitionOn !== null &&
    day >= transitionOn &&
    day < addDays(transitionOn, TRANSITION_RULES.closerCadenceDays)
  );
}

/**
 * A fresh transition: noted within the last 7 days, and no touch since. It puts the contact at
 * the top of the digest whatever the cadence.
 */
export function isFreshTransition(
  state: TransitionState & { lastTouchOn: LocalDate | null },
  today: LocalDate,
): boolean {
  const on = state.transitionOn;
  if (on === null || on > today) return false;
  if (state.lastTouchOn !== null && state.lastTouchOn >= on) return false;
  return today < addDays(on, TRANSITION_RULES.checkInWithinDays);
}
