import { addDays, daysBetween, isLocalDate, type LocalDate, MIN_YEAR } from './dates';
import { compareNames } from './names';
import { WEEKDAYS } from './settings';

/**
 * Birthdays and other dates worth remembering: a day and month that come back every year, the
 * year optional (known for a graduation, often not for a birthday).
 */
export type DateKind = 'birthday' | 'other';

export interface YearlyDate {
  month: number;
  day: number;
  year: number | null;
}

export interface ContactDate extends YearlyDate {
  kind: DateKind;
  /** What the date is for ("work anniversary"); 'birthday' for a birthday. */
  label: string;
}

/** A contact has at most this many dates besides a birthday (the modal's rows). */
export const OTHER_DATES_MAX = 3;

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const pad = (n: number) => String(n).padStart(2, '0');

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Why a day and month (and year) are no date, in words for the member; null when they are one.
 * 29 February needs a leap year only when the year is given.
 */
export function yearlyDateProblem(d: YearlyDate, today: LocalDate): string | null {
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12) return 'Pick a month.';
  if (d.year !== null && (!Number.isInteger(d.year) || d.year < MIN_YEAR || d.year > thisYear))
    return `The year must be between ${MIN_YEAR} and ${thisYear}.`;
  const month = MONTHS[d.month - 1] as string;
  if (!Number.isInteger(d.day) || d.day < 1 || !isLocalDate(`2000-${pad(d.month)}-${pad(d.day)}`))
    return `${month} has no day ${d.day}.`;
  if (d.year !== null && !isLocalDate(`${d.year}-${pad(d.month)}-${pad(d.day)}`))
    return `${d.year} was not a leap year: ${month} had no day ${d.day}.`;
  return null;
}

/** The date's day in `year`; 29 February falls on 28 February in other years. */
export function occurrenceIn(d: Pick<YearlyDate, 'month' | 'day'>, year: number): LocalDate {
  const day = d.month === 2 && d.day === 29 && !isLeapYear(year) ? 28 : d.day;
  return `${String(year).padStart(4, '0')}-${pad(d.month)}-${pad(day)}`;
}

/** The first day on or after `from` the date comes back. */
export function nextOccurrence(d: Pick<YearlyDate, 'month' | 'day'>, from: LocalDate): LocalDate {
  const year = Number(from.slice(0, 4));
  const thisYear = occurrenceIn(d, year);
  return thisYear >= from ? thisYear : occurrenceIn(d, year + 1);
}

/** Every day in `from`..`to` (both included) the date comes back, oldest first. */
export function occurrencesBetween(
  d: Pick<YearlyDate, 'month' | 'day'>,
  from: LocalDate,
  to: LocalDate,
): LocalDate[] {
  const days: LocalDate[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const day = occurrenceIn(d, year);
    if (day >= from && day <= to) days.push(day);
  }
  return days;
}

/** ISO weekday of a date, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

/**
 * The day a date's reminder comes: the date itself on a work day, else the member's last work day of
 * the six before it (the Friday before a Saturday birthday); the date itself when they have no work
 * day at all. migrations/024's date_digest_day says the same in SQL, for the planner.
 */
export function digestDayFor(occurs: LocalDate, workDays: readonly number[]): LocalDate {
  for (let k = 0; k <= 6; k++) {
    const day = addDays(occurs, -k);
    if (workDays.includes(isoWeekday(day))) return day;
  }
  return occurs;
}

/** Whether the digest of `today` tells of a date that comes on `occurs`. */
export function inDigestOf(occurs: LocalDate, today: LocalDate, workDays: readonly number[]): boolean {
  return occurs >= today && digestDayFor(occurs, workDays) <= today;
}

/** "birthday", "work anniversary". */
export function dateTitle(d: Pick<ContactDate, 'kind' | 'label'>): string {
  return d.kind === 'birthday' ? 'birthday' : d.label;
}

/** "Birthday", "Work anniversary": a date's name at the start of a line. */
export function dateHeading(d: Pick<ContactDate, 'kind' | 'label'>): string {
  const title = dateTitle(d);
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** "today", "on Saturday" (within the week ahead), else "on 12 April". */
export function whenItComes(occurs: LocalDate, today: LocalDate): string {
  const days = daysBetween(today, occurs);
  if (days === 0) return 'today';
  if (days > 0 && days < 7) return `on ${WEEKDAYS[isoWeekday(occurs) - 1]?.long}`;
  return `on ${dayAndMonth(occurs)}`;
}

/** "Dana Lee's birthday is today", "Dana Lee's work anniversary is on Saturday". */
export function dateSentence(
  d: Pick<ContactDate, 'kind' | 'label'> & { name: string; occurs: LocalDate },
  today: LocalDate,
): string {
  return `${d.name}'s ${dateTitle(d)} is ${whenItComes(d.occurs, today)}`;
}

/** "12 April", or "12 April 1985" with its year. */
export function describeYearlyDate(d: YearlyDate): string {
  return `${d.day} ${MONTHS[d.month - 1]}${d.year === null ? '' : ` ${d.year}`}`;
}

function dayAndMonth(date: LocalDate): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
}

/** A date as it occurs on one day: what the digest, the Home, `show` and the calendar feed list. */
export interface DateOccurrence extends ContactDate {
  dateId: number;
  contactId: number;
  name: string;
  occurs: LocalDate;
}

/** Soonest first; then by name, so the order is stable. */
export function bySoonest<T extends DateOccurrence>(items: T[]): T[] {
  return [...items].sort(
    (a, b) =>
      (a.occurs < b.occurs ? -1 : a.occurs > b.occurs ? 1 : 0) ||
      compareNames(a.name, b.name) ||
      a.dateId - b.dateId,
  );
}

/** How far ahead the App Home lists dates. */
export const UPCOMING_DATE_DAYS = 14;

/** The last day of the Home's "Upcoming dates" window that starts on `today`. */
export function upcomingUntil(today: LocalDate): LocalDate {
  return addDays(today, UPCOMING_DATE_DAYS - 1);
}

/**
 * A birthday as files and the CSV export write it, `YYYY-MM-DD` or `MM-DD` without a year, read
 * back; null for anything else.
 */
export function readBirthdayText(text: string | null): YearlyDate | null {
  const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!m) return null;
  const d = { year: m[1] ? Number(m[1]) : null, month: Number(m[2]), day: Number(m[3]) };
  const check = `${d.year === null ? 2000 : String(d.year).padStart(4, '0')}-${m[2]}-${m[3]}`;
  return isLocalDate(check) ? d : null;
}
