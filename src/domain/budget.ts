import { addDays, dateFormat, daysBetween, type LocalDate } from './dates';
import { byUrgency, nextDueOn, type ScheduleState } from './schedule';

/**
 * A weekly time budget: the member says how many check-ins a week they can make, and the schedule
 * levels what comes due so that no week asks for more. Weeks run Monday to Sunday; a moved check-in
 * comes on the first work day of its new week.
 */
export const BUDGET_LIMITS = { min: 1, max: 100 } as const;

/** What leveling reads of a contact: its schedule, and a name and id for the stable urgency order. */
export interface LevelContact extends ScheduleState {
  id: number;
  name: string;
}

/** The Monday of `day`'s week. */
export function weekOf(day: LocalDate): LocalDate {
  const isoDay = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return addDays(day, 1 - isoDay);
}

/** The first of the member's work days in the week starting `monday`: the day a moved check-in comes. */
export function firstWorkDay(monday: LocalDate, workDays: readonly number[]): LocalDate {
  return addDays(monday, Math.min(...workDays, 7) - 1);
}

/** A check-in waiting on a transition (noted, no touch since): it comes when due, never moved. */
function waitsOnTransition(c: ScheduleState): boolean {
  return c.transitionOn !== null && (c.lastTouchOn === null || c.lastTouchOn < c.transitionOn);
}

/**
 * Levels the member's check-ins to `budget` a week, returning each contact's `leveledTo`: the first
 * work day of the later week its check-in moves to, or null when it stays where its cadence puts it.
 *
 * Each week, from this one on, takes the most urgent check-ins due by its end (overdue relative to
 * cadence, as the digest orders them, counted from the date before any move) up to what is left of
 * the budget; the rest wait for the next week. Check-ins waiting on a transition are never moved but
 * use their week's budget, and so does each contact already touched this week. Contacts without a
 * date are left alone. O(n log n) in the member's contacts.
 */
export function levelCheckIns(
  contacts: LevelContact[],
  opts: { budget: number; today: LocalDate; workDays: readonly number[] },
): Map<number, LocalDate | null> {
  const week0 = weekOf(opts.today);
  const weekIndex = (day: LocalDate) => Math.max(0, Math.floor(daysBetween(week0, day) / 7));
  const used = new Map<number, number>();
  const use = (week: number) => used.set(week, (used.get(week) ?? 0) + 1);
  const result = new Map<number, LocalDate | null>();
  type Movable = { c: LevelContact; due: LocalDate; before: LocalDate | null };
  const movable: Movable[] = [];
  for (const c of contacts) {
    const plain = { ...c, leveledTo: null };
    if (c.lastTouchOn !== null && c.lastTouchOn >= week0 && c.lastTouchOn <= opts.today) use(0);
    const due = nextDueOn(plain);
    if (due === null) {
      if (c.leveledTo) result.set(c.id, null);
      continue;
    }
    if (waitsOnTransition(c)) {
      use(weekIndex(due));
      result.set(c.id, null);
    } else {
      movable.push({ c: plain, due, before: c.leveledTo ?? null });
    }
  }
  const rank = new Map(
    byUrgency(
      movable.map((m) => m.c),
      opts.today,
    ).map((c, i) => [c.id, i]),
  );
  const byWeek = [...movable].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const pool = new MinHeap<Movable>((a, b) => (rank.get(a.c.id) ?? 0) - (rank.get(b.c.id) ?? 0));
  let next = 0;
  let week = 0;
  while (next < byWeek.length || pool.size > 0) {
    if (pool.size === 0) week = Math.max(week, weekIndex((byWeek[next] as { due: LocalDate }).due));
    while (next < byWeek.length && weekIndex((byWeek[next] as { due: LocalDate }).due) <= week) {
      pool.push(byWeek[next] as Movable);
      next++;
    }
    let room = opts.budget - (used.get(week) ?? 0);
    while (room > 0 && pool.size > 0) {
      const { c, due, before } = pool.pop() as Movable;
      // A check-in moved earlier whose week has come keeps its move: its digest still says why it is late.
      const arrived =
        week === 0 && before !== null && weekIndex(before) === 0 && before > due ? before : null;
      result.set(
        c.id,
        weekIndex(due) === week ? arrived : firstWorkDay(addDays(week0, week * 7), opts.workDays),
      );
      room--;
    }
    week++;
  }
  return result;
}

/** "moved to the week of 16 Mar to keep to your 5 a week": why a check-in comes later than its cadence says. */
export function movedNote(leveledTo: LocalDate, budget: number): string {
  const monday = dateFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${weekOf(leveledTo)}T00:00:00Z`),
  );
  return `next check-in moved to the week of ${monday} to keep to your ${budget} a week`;
}

/** Whether the budget moved this contact's next check-in: its due date is the day leveling gave it. */
export function isMoved(c: { nextDueOn: LocalDate | null; leveledTo?: LocalDate | null }): boolean {
  return c.leveledTo != null && c.nextDueOn === c.leveledTo;
}

/** A binary heap: the pool of check-ins waiting for room, most urgent on top. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(a[i] as T, a[parent] as T) >= 0) break;
      [a[i], a[parent]] = [a[parent] as T, a[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && this.before(a[l] as T, a[m] as T) < 0) m = l;
      if (r < a.length && this.before(a[r] as T, a[m] as T) < 0) m = r;
      if (m === i) return top;
      [a[i], a[m]] = [a[m] as T, a[i] as T];
      i = m;
    }
  }
}

/** How many of this week's check-ins the App Home names. */
export const WEEK_PLAN_SHOWN = 5;

/** This week's plan against the budget, as the App Home shows it. */
export interface WeekPlan {
  budget: number;
  /** Check-ins due by the end of this week, not yet done. */
  planned: number;
  /** Contacts touched this week: each used a check-in of the budget. */
  done: number;
  items: { contactId: number; name: string; company: string | null; on: LocalDate; moved: boolean }[];
  more: number;
}

/** The plan from the week's first check-ins (earliest first), how many there are, and how many were done. */
export function weekPlan(input: {
  budget: number;
  rows: {
    id: number;
    name: string;
    company: string | null;
    nextDueOn: LocalDate | null;
    leveledTo?: LocalDate | null;
  }[];
  total: number;
  done: number;
}): WeekPlan {
  const items = input.rows
    .slice(0, WEEK_PLAN_SHOWN)
    .flatMap((c) =>
      c.nextDueOn === null
        ? []
        : [{ contactId: c.id, name: c.name, company: c.company, on: c.nextDueOn, moved: isMoved(c) }],
    );
  return {
    budget: input.budget,
    planned: input.total,
    done: input.done,
    items,
    more: Math.max(0, input.total - items.length),
  };
}
