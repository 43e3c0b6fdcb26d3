import * as chrono from 'chrono-node';
import { addDays, addMonths, isLocalDate, type LocalDate } from './dates';

/** What a reminder says to do: a line, as short as an ask. */
export const REMINDER_WHAT_MAX = 300;

/** How far ahead a reminder may be set: a date further off was most likely misread (or mistyped). */
export const REMINDER_HORIZON_MONTHS = 24;

/**
 * When a typed date means a day: that day; otherwise unclear, with the best guess for the form's
 * date picker (null when there is none worth offering, such as a day already past).
 */
export type ReminderWhen = { kind: 'day'; on: LocalDate } | { kind: 'unclear'; guess: LocalDate | null };

/** `<name> <when> <what>` taken apart; `when` unclear (guess null) when no date was found at all. */
export interface ReminderParts {
  name: string;
  when: ReminderWhen;
  what: string;
}

const NO_DATE: ReminderWhen = { kind: 'unclear', guess: null };

/** The last day a reminder may be set for, from `today`. */
export function reminderHorizon(today: LocalDate): LocalDate {
  return addMonths(today, REMINDER_HORIZON_MONTHS);
}

/** Whether `on` is a day a reminder can be set for: today or later, within the horizon. */
export function isReminderDay(on: LocalDate, today: LocalDate): boolean {
  return isLocalDate(on) && on >= today && on <= reminderHorizon(today);
}

/** The day the date picker opens on: the guess when it is a day a reminder can be set for, else tomorrow. */
export function pickerDay(when: ReminderWhen, today: LocalDate): LocalDate {
  const day = when.kind === 'day' ? when.on : when.guess;
  return day && isReminderDay(day, today) ? day : addDays(today, 1);
}

/**
 * chrono reads dates against an instant; `today` at noon UTC, read in UTC, is that calendar day
 * whatever the member's zone, because `today` is already the member's own date (usecases/deps
 * `todayFor`). Only the day, month and year chrono finds are used, never a time of day.
 */
function reference(today: LocalDate) {
  return { instant: new Date(`${today}T12:00:00Z`), timezone: 0 };
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
function isoWeekday(day: LocalDate): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function dayOf(result: chrono.ParsedResult): LocalDate {
  const { start } = result;
  const pad = (n: number | null, width: number) => String(n ?? 0).padStart(width, '0');
  return `${pad(start.get('year'), 4)}-${pad(start.get('month'), 2)}-${pad(start.get('day'), 2)}`;
}

/** What one date phrase chrono found means: a day only when the phrase names one (not "at 5pm", "April"). */
function whenOf(result: chrono.ParsedResult, today: LocalDate): ReminderWhen {
  // chrono reads "next week" as a week from today; a member means the start of next week.
  if (/^(on\s+)?next\s+week$/i.test(result.text.trim())) {
    return { kind: 'day', on: addDays(today, 8 - isoWeekday(today)) };
  }
  const read = dayOf(result);
  if (!isLocalDate(read)) return NO_DATE;
  const weekdayOnly = result.start.isCertain('weekday') && !result.start.isCertain('day');
  // "Friday" said on a Friday is the next one: today would be said "today".
  const on = weekdayOnly && read === today ? addDays(today, 7) : read;
  const namesDay = result.start.isCertain('day') || weekdayOnly;
  if (!namesDay) return { kind: 'unclear', guess: on };
  if (on < today) return NO_DATE;
  if (on > reminderHorizon(today)) return { kind: 'unclear', guess: on };
  return { kind: 'day', on };
}

function parse(text: string, today: LocalDate): chrono.ParsedResult[] {
  return chrono.en.casual.parse(text, reference(today), { forwardDate: true });
}

/**
 * A typed date, in English, on or after the member's `today`: "tomorrow", "Friday" (the next
 * one), "next week" (next Monday), "in 3 days", "on 14 March", "14/3", "Dec 25". The whole text must
 * be the date; anything else, a day past or more than REMINDER_HORIZON_MONTHS away is unclear.
 */
export function parseReminderDay(text: string, today: LocalDate): ReminderWhen {
  const trimmed = text.trim();
  const [first] = parse(trimmed, today);
  if (first?.index !== 0 || first.text.length !== trimmed.length) return NO_DATE;
  return whenOf(first, today);
}

/** "to send the deck", ": send the deck" → "send the deck". */
function tidyWhat(text: string): string {
  return text
    .trim()
    .replace(/^[:,;–—-]\s*/, '')
    .replace(/^to\s+/i, '')
    .trim();
}

/**
 * `/touchbase remind Dana Friday send her the deck`: the name is what comes before the first date
 * phrase, what to do is what follows it. A phrase at the very start cannot be the date (a name
 * comes first: "May Chen tomorrow …" is May Chen, tomorrow). With no date phrase the name is the
 * whole text and the date unclear; the caller then finds which leading words name a contact.
 */
export function splitReminder(text: string, today: LocalDate): ReminderParts {
  const trimmed = text.trim();
  const found = parse(trimmed, today).find((r) => r.index > 0);
  if (!found) return { name: trimmed, when: NO_DATE, what: '' };
  return {
    name: trimmed.slice(0, found.index).trim(),
    when: whenOf(found, today),
    what: tidyWhat(trimmed.slice(found.index + found.text.length)),
  };
}
