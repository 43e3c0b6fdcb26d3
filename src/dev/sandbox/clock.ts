import type { Clock } from '../../clock';
import { addDays, addMonths, type LocalDate, localDate } from '../../domain/dates';

/** How far one click of the page's clock control moves the sandbox's time. */
export const CLOCK_STEPS = ['day', 'week', 'month'] as const;
export type ClockStep = (typeof CLOCK_STEPS)[number];

/** When a member's digest may come: what `nextMorning` needs from their settings. */
export interface MorningSchedule {
  tz: string;
  digestHour: number;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workDays: number[];
}

/**
 * The sandbox's one clock: real time plus an offset that only grows. It remembers every jump, so a
 * message stamped in real time (Slack's ts) can be shown at the sandbox time it was posted.
 */
export class SandboxClock implements Clock {
  /** From `fromRealMs` on, sandbox time = real time + `offsetMs`; newest last. */
  private readonly jumps: { fromRealMs: number; offsetMs: number }[];

  constructor(
    startAt: Date,
    private readonly realNow: () => number = Date.now,
  ) {
    this.jumps = [{ fromRealMs: Number.NEGATIVE_INFINITY, offsetMs: startAt.getTime() - realNow() }];
  }

  now(): Date {
    return new Date(this.realNow() + this.offset());
  }

  /** Moves the clock to `instant`; never backwards, as no real clock goes back. */
  moveTo(instant: Date): void {
    const real = this.realNow();
    const offsetMs = instant.getTime() - real;
    if (offsetMs <= this.offset()) return;
    this.jumps.push({ fromRealMs: real, offsetMs });
  }

  /** The sandbox time it was at real time `realMs`. */
  at(realMs: number): Date {
    if (!Number.isFinite(realMs)) return this.now();
    const jump = this.jumps.findLast((j) => j.fromRealMs <= realMs) ?? this.jumps[0];
    return new Date(realMs + (jump?.offsetMs ?? 0));
  }

  private offset(): number {
    return this.jumps.at(-1)?.offsetMs ?? 0;
  }
}

/**
 * Where a click of the clock control lands: the member's digest hour on the first of their work
 * days on or after the day one step ahead, in their own time zone. Landing on the digest time of a
 * work day means the tick run there delivers the digest a member would find that morning; a step
 * that ends on a weekend goes on to Monday rather than show a quiet Saturday.
 */
export function nextMorning(from: Date, step: ClockStep, schedule: MorningSchedule): Date {
  const today = localDate(from, schedule.tz);
  const target =
    step === 'day' ? addDays(today, 1) : step === 'week' ? addDays(today, 7) : addMonths(today, 1);
  let day = target;
  for (let i = 0; i < 7; i++) {
    const candidate = addDays(target, i);
    if (schedule.workDays.includes(isoWeekday(candidate))) {
      day = candidate;
      break;
    }
  }
  return zonedInstant(day, schedule.digestHour, schedule.tz);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The instant a wall clock in `tz` shows `hour`:00 on `date`. */
export function zonedInstant(date: LocalDate, hour: number, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour);
  // The zone's offset is read at a first guess, then again at the answer, which settles a guess that
  // fell on the other side of a daylight-saving change.
  let instant = wall - (wallClockAsUtc(new Date(wall), tz) - wall);
  instant = wall - (wallClockAsUtc(new Date(instant), tz) - instant);
  return new Date(instant);
}

/** The wall-clock reading in `tz` at `instant`, written as if it were UTC (ms). */
function wallClockAsUtc(instant: Date, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}
