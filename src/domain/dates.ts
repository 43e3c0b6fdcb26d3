/**
 * Calendar dates as ISO strings ('2026-03-02'). A cadence is counted in the member's own
 * calendar, so these carry no time of day and no zone.
 */
export type LocalDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLocalDate(value: string): value is LocalDate {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toISOString().slice(0, 10) === value;
}

/**
 * The years touchbase takes a date in. A datepicker or a file may say 9999 or 0001; nobody met
 * anyone then, and a date near the end of JavaScript's range makes day arithmetic overflow.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** A real calendar date between MIN_YEAR and MAX_YEAR (DATE_RANGE_MESSAGE says so when it is not). */
export function isDateInRange(value: LocalDate): boolean {
  const year = Number(value.slice(0, 4));
  return isLocalDate(value) && year >= MIN_YEAR && year <= MAX_YEAR;
}

export const DATE_RANGE_MESSAGE = `Pick a date between ${MIN_YEAR} and ${MAX_YEAR}.`;

/**
 * At most this many formatters are kept: enough for every zone Slack names in each of the few
 * formats below, while a stream of zone names spelled every which way cannot grow the cache forever.
 */
const MAX_FORMATTERS = 2_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An `Intl.DateTimeFormat`, made once per locale and options: making one costs a tenth of a
 * millisecond or more (a third of the app's own CPU for `due` and the Home at 10 requests in
 * flight, bench:interactive), and one made is never changed. Throws as the constructor does for
 * an unknown zone, which is then not kept.
 */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

/** The calendar date at `now` in time zone `tz` (an IANA name); unknown zones count as UTC. */
export function localDate(now: Date, tz: string): LocalDate {
  const parts = dateFormat('en-CA', {
    timeZone: isTimeZone(tz) ? tz : 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function isTimeZone(tz: string): boolean {
  try {
    dateFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function toUtc(date: LocalDate): Date {
  return new Date(utcMs(date));
}

/**
 * The instant `date` starts in UTC, in milliseconds. A plain 'YYYY-MM-DD' (every date the store and
 * the forms hand over) is read digit by digit: parsing it as an ISO string took most of the time
 * of sorting a large member's due people. Anything else goes through the parser, which decides
 * what is a date exactly as before (a day 29–31 past a month's end rolls over, as it always did).
 */
function utcMs(date: LocalDate): number {
  if (date.length === 10 && date.charCodeAt(4) === DASH && date.charCodeAt(7) === DASH) {
    const year = digitsAt(date, 0, 4);
    const month = digitsAt(date, 5, 2);
    const day = digitsAt(date, 8, 2);
    // Years below 100 are left to the parser: Date.UTC reads 0–99 as 1900–1999.
    if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)
      return Date.UTC(year, month - 1, day);
  }
  const ms = new Date(`${date}T00:00:00Z`).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  return ms;
}

const DASH = 45;
const ZERO = 48;

/** The number written by `count` ASCII digits from `from`; NaN if any is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** Refuses a result past year 9999 (or before 0000): toISOString would write '+010000-01-01', not a date. */
function fromUtc(d: Date): LocalDate {
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999)
    throw new RangeError('date arithmetic left years 0000–9999');
  // Written out by hand: toISOString then slice took ten times as long, and sorting a large
  // member's due people works out hundreds of dates per request.
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${twoDigits(d.getUTCMonth() + 1)}-${twoDigits(d.getUTCDate())}`;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtc(new Date(utcMs(date) + days * DAY_MS));
}

/** Adds calendar months, keeping the day where it exists and clamping to the month's end (Jan 31 + 1 = Feb 28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const d = toUtc(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return fromUtc(target);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

/** "today", "yesterday", "3 days ago", "4 months ago", "in 2 weeks": how a person says it. */
export function describeRelative(date: LocalDate, today: LocalDate): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === -1) return 'yesterday';
  if (days === 1) return 'tomorrow';
  const text = describeSpan(date, today);
  return days < 0 ? `${text} ago` : `in ${text}`;
}

/** The distance between two dates in the unit a person would use: "3 days", "2 weeks", "4 months". */
export function describeSpan(a: LocalDate, b: LocalDate): string {
  return describeDays(Math.abs(daysBetween(a, b)));
}

/** A number of days as a person would say it: "3 days", "2 weeks", "7 months", "2 years". */
export function describeDays(days: number): string {
  return days < 14
    ? plural(days, 'day')
    : days < 60
      ? plural(Math.round(days / 7), 'week')
      : days < 365 * 2
        ? plural(Math.round(days / 30.44), 'month')
        : plural(Math.round(days / 365.25), 'year');
}

export function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "Mon 2 Mar 2026": unambiguous in every locale. */
export function formatDate(date: LocalDate): string {
  return dateFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(toUtc(date));
}
