import { addCadence, type Cadence, cadenceDays } from './cadence';
import { addMonths, daysBetween, type LocalDate, maxDate } from './dates';
import { compareNames } from './names';
import { inTransitionWindow } from './transitions';

/** What the reminder rules need to know about a contact. */
export interface ScheduleState {
  cadence: Cadence;
  addedOn: LocalDate;
  /** The latest touch, or the day the member said they last talked before adding them when later. */
  lastTouchOn: LocalDate | null;
  snoozedUntil: LocalDate | null;
  /** The latest transition noted in their life, if any. */
  transitionOn: LocalDate | null;
  /**
   * The day the member's weekly budget moved this check-in to (src/domain/budget.ts), held like a
   * snooze; absent or null when not moved.
   */
  leveledTo?: LocalDate | null;
}

/** The cadence in force from `start`: at most monthly in the 90 days after a transition. */
export function effectiveCadence(
  state: Pick<ScheduleState, 'cadence' | 'transitionOn'>,
  start: LocalDate,
): Cadence {
  if (!inTransitionWindow(state.transitionOn, start)) return state.cadence;
  return state.cadence === 'biweekly' ? 'biweekly' : 'monthly';
}

/**
 * When the next check-in is due: one cadence after the last touch (or after the contact was
 * added, when there is none), at most monthly in the 90 days after a transition, and at once
 * after a transition with no touch since; unless snoozed to a later date. Null when nothing is
 * due. A touch from before they were added counts from its own date: the member is telling us
 * when they really last talked, so that can make someone due at once.
 */
export function nextDueOn(state: ScheduleState): LocalDate | null {
  const start = state.lastTouchOn ?? state.addedOn;
  let due = addCadence(start, effectiveCadence(state, start));
  // A transition with no touch since: a check-in is due at once (well within its 7 days).
  const t = state.transitionOn;
  const transitionWaiting = t !== null && (state.lastTouchOn === null || state.lastTouchOn < t);
  if (transitionWaiting && (due === null || t < due)) due = t;
  if (due === null) return null;
  if (state.snoozedUntil) due = maxDate(due, state.snoozedUntil);
  // A transition waiting for its check-in is never moved by the budget.
  return state.leveledTo && !transitionWaiting ? maxDate(due, state.leveledTo) : due;
}

/**
 * The state after a touch on `touchedOn`. A back-dated touch older than the last one never
 * moves the clock backwards; a snooze to a later date still holds.
 */
export function afterTouch(state: ScheduleState, touchedOn: LocalDate): ScheduleState {
  return {
    ...state,
    lastTouchOn: state.lastTouchOn ? maxDate(state.lastTouchOn, touchedOn) : touchedOn,
    // A touch starts a new cycle: the budget levels it afresh.
    leveledTo: null,
  };
}

/** When the member last talked with someone before adding them, roughly or "never". */
export const TALKED_BEFORE = ['1m', '3m', '6m', '1y', 'never'] as const;
export type TalkedBefore = (typeof TALKED_BEFORE)[number];

export const TALKED_BEFORE_LABELS: Record<TalkedBefore, string> = {
  '1m': 'About a month ago',
  '3m': 'About 3 months ago',
  '6m': 'About 6 months ago',
  '1y': 'About a year ago',
  never: 'Never: we have not talked yet',
};

const TALKED_BEFORE_MONTHS: Record<Exclude<TalkedBefore, 'never'>, number> = {
  '1m': 1,
  '3m': 3,
  '6m': 6,
  '1y': 12,
};

/** The day a rough "about 3 months ago" stands for; null for "never". */
export function talkedBeforeOn(choice: TalkedBefore, today: LocalDate): LocalDate | null {
  return choice === 'never' ? null : addMonths(today, -TALKED_BEFORE_MONTHS[choice]);
}

/**
 * How overdue a contact is relative to its own cadence: 0 on the due date, 1 when a whole
 * cadence late, negative before it is due. Null for contacts without a cadence. Counted from the
 * date before any move by the budget: a moved check-in keeps its place in the urgency order.
 */
export function overdueRatio(state: ScheduleState, today: LocalDate): number | null {
  const due = nextDueOn({ ...state, leveledTo: null });
  const length = cadenceDays(state.cadence);
  if (due === null || length === null) return null;
  return daysBetween(due, today) / length;
}

export function isDue(state: ScheduleState, today: LocalDate): boolean {
  const due = nextDueOn(state);
  return due !== null && due <= today;
}

/** Most overdue first; contacts without a cadence last; then by name, so the order is stable. */
export function byUrgency<T extends ScheduleState & { name: string; id: number }>(
  contacts: T[],
  today: LocalDate,
): T[] {
  const keyed = contacts.map((c) => ({ c, ratio: overdueRatio(c, today) }));
  keyed.sort((a, b) => {
    if (a.ratio === null || b.ratio === null) {
      if (a.ratio !== b.ratio) return a.ratio === null ? 1 : -1;
    } else if (a.ratio !== b.ratio) {
      return b.ratio - a.ratio;
    }
    return compareNames(a.c.name, b.c.name) || a.c.id - b.c.id;
  });
  return keyed.map((k) => k.c);
}
