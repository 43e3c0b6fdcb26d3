import { addCadence, type Cadence, cadenceDays } from './cadence';
import { daysBetween, type LocalDate, maxDate } from './dates';
import { inTransitionWindow } from './transitions';

/** What the reminder rules need to know about a contact. */
export interface ScheduleState {
  cadence: Cadence;
  addedOn: LocalDate;
  lastTouchOn: LocalDate | null;
  snoozedUntil: LocalDate | null;
  /** The latest transition noted in their life, if any. */
  transitionOn: LocalDate | null;
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
 * added, when that is later: a touch from before they were added does not make a new contact
 * due at once), at most monthly in the 90 days after a transition, and at once after a
 * transition with no touch since; unless snoozed to a later date. Null when nothing is due.
 */
export function nextDueOn(state: ScheduleState): LocalDate | null {
  const start = state.lastTouchOn ? maxDate(state.lastTouchOn, state.addedOn) : state.addedOn;
  let due = addCadence(start, effectiveCadence(state, start));
  // A transition with no touch since: a check-in is due at once (well within its 7 days).
  const t = state.transitionOn;
  if (t !== null && (state.lastTouchOn === null || state.lastTouchOn < t) && (due === null || t < due))
    due = t;
  if (due === null) return null;
  return state.snoozedUntil ? maxDate(due, state.snoozedUntil) : due;
}

/**
 * The state after a touch on `touchedOn`. A back-dated touch older than the last one never
 * moves the clock backwards; a snooze to a later date still holds.
 */
export function afterTouch(state: ScheduleState, touchedOn: LocalDate): ScheduleState {
  return { ...state, lastTouchOn: state.lastTouchOn ? maxDate(state.lastTouchOn, touchedOn) : touchedOn };
}

/**
 * How overdue a contact is relative to its own cadence: 0 on the due date, 1 when a whole
 * cadence late, negative before it is due. Null for contacts without a cadence.
 */
export function overdueRatio(state: ScheduleState, today: LocalDate): number | null {
  const due = nextDueOn(state);
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
    return a.c.name.localeCompare(b.c.name, 'en', { sensitivity: 'base' }) || a.c.id - b.c.id;
  });
  return keyed.map((k) => k.c);
}
