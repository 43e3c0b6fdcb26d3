import { addDays, dateFormat, isTimeZone, type LocalDate, localDate } from './dates';

/** How long a call can be, in minutes; the form offers these. */
export const CALL_LENGTHS = [15, 30, 45, 60] as const;
export type CallLength = (typeof CALL_LENGTHS)[number];
export const DEFAULT_CALL_LENGTH: CallLength = 30;
export const DEFAULT_CALL_TIME = '10:00';
export const CALL_TITLE_MAX = 200;

export type CallOutcome = 'logged' | 'didnt_happen';

/** The title the form suggests. */
export function defaultCallTitle(name: string): string {
  return `Catch-up with ${name}`;
}

/** Whether `time` is a wall-clock time, HH:MM. */
export function isWallTime(time: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
}

/** The zone's offset from UTC at `at`, in minutes (Berlin in winter: 60). */
function offsetMinutes(at: Date, tz: string): number {
  const parts = dateFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time on a day means in a zone (unknown zones count as UTC): the offset
 * is the one in force at that instant, so 10:00 in New York is 15:00Z in winter and 14:00Z in summer.
 */
export function zonedInstant(day: LocalDate, time: string, tz: string): Date {
  const zone = isTimeZone(tz) ? tz : 'UTC';
  const naive = Date.parse(`${day}T${time}:00Z`);
  const guess = naive - offsetMinutes(new Date(naive), zone) * 60_000;
  // The offset at the guess, when it differs (a change of clocks between the two), is the right one.
  return new Date(naive - offsetMinutes(new Date(guess), zone) * 60_000);
}

/** "10:00" at `at` in the zone. */
export function wallTime(at: Date, tz: string): string {
  return dateFormat('en-GB', {
    timeZone: isTimeZone(tz) ? tz : 'UTC',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** "Tue 10 Mar" at `at` in the zone. */
export function shortDay(at: Date, tz: string): string {
  return dateFormat('en-GB', {
    timeZone: isTimeZone(tz) ? tz : 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(at);
}

/** "Tue" at `at` in the zone. */
export function weekday(at: Date, tz: string): string {
  return dateFormat('en-GB', { timeZone: isTimeZone(tz) ? tz : 'UTC', weekday: 'short' }).format(at);
}

/** "Tue 10 Mar, 10:00–10:30 (Europe/Berlin)". */
export function describeCallTime(startsAt: Date, minutes: number, tz: string): string {
  const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
  return `${shortDay(startsAt, tz)}, ${wallTime(startsAt, tz)}–${wallTime(endsAt, tz)} (${tz})`;
}

/**
 * The day the digest asks "did you talk?": the day after the call, in the member's zone. Until then
 * the check-in counts as planned, so the contact is left out of the digest and `due`.
 */
export function askOn(startsAt: Date, tz: string): LocalDate {
  return addDays(localDate(startsAt, tz), 1);
}

export type CallProblem = { field: 'call_on' | 'call_at' | 'title'; message: string };

/** What is wrong with a call the member asked for, given the time now; empty when nothing. */
export function callProblems(
  input: { day: LocalDate; time: string; title: string; tz: string },
  now: Date,
): CallProblem[] {
  const problems: CallProblem[] = [];
  if (!input.title) problems.push({ field: 'title', message: 'Give the call a title.' });
  if (input.title.length > CALL_TITLE_MAX)
    problems.push({ field: 'title', message: `At most ${CALL_TITLE_MAX} characters.` });
  if (!isWallTime(input.time)) {
    problems.push({ field: 'call_at', message: 'Pick a time.' });
    return problems;
  }
  const at = zonedInstant(input.day, input.time, input.tz);
  if (at.getTime() <= now.getTime()) {
    const field = input.day < localDate(now, input.tz) ? 'call_on' : 'call_at';
    problems.push({ field, message: 'That time has passed: pick a time still to come.' });
  }
  return problems;
}
