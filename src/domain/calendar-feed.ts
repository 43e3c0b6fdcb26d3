import { addCadence, type Cadence } from './cadence';
import { type DateOccurrence, dateTitle } from './contact-dates';
import { addDays, type LocalDate, maxDate } from './dates';
import { escapeText, icsDate, icsText, icsUtc } from './ics';

/**
 * A member's private calendar feed: all-day events for what is coming up, and nothing else. No
 * notes, emails or ask text ever go in: a calendar is shared, synced and shown on lock screens.
 */

/** How far ahead the feed looks. */
export const FEED_DAYS = 90;
/** A feed stays small enough for any calendar app to fetch and for the web pool's time limits. */
export const MAX_FEED_EVENTS = 2000;

/** One all-day event, `endsOn` inclusive; `uid` stays the same on every fetch, so apps update it in place. */
export interface CalendarEvent {
  uid: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  summary: string;
}

/** The days a feed covers: from the member's today, FEED_DAYS ahead. */
export interface FeedWindow {
  from: LocalDate;
  to: LocalDate;
}

export function feedWindow(today: LocalDate): FeedWindow {
  return { from: today, to: addDays(today, FEED_DAYS) };
}

/** What a check-in event needs to know of a contact. */
export interface CheckInContact {
  id: number;
  name: string;
  cadence: Cadence;
  nextDueOn: LocalDate;
}

/**
 * A check-in on each contact's due day, then again every cadence after it, inside the window. One
 * already overdue shows today (it still waits to be done), under the UID of the day it fell due, so
 * an app moves that one event forward each day instead of piling up copies.
 */
export function checkInEvents(contacts: readonly CheckInContact[], window: FeedWindow): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const c of contacts) {
    let due: LocalDate | null = c.nextDueOn;
    let day = maxDate(c.nextDueOn, window.from);
    while (due !== null && day <= window.to) {
      events.push({
        uid: `checkin-${c.id}-${due}@touchbase`,
        startsOn: day,
        endsOn: day,
        summary: `Check in with ${c.name}`,
      });
      due = addCadence(day, c.cadence);
      day = due ?? day;
    }
  }
  return events;
}

/** What a trip event needs: where, the event if any, and its days. */
export interface TripSpan {
  id: number;
  city: string;
  event: string | null;
  startsOn: LocalDate;
  endsOn: LocalDate;
}

/** One event over a trip's days: "Trip: Zürich (Fintech Week)". */
export function tripEvents(trips: readonly TripSpan[]): CalendarEvent[] {
  return trips.map((t) => ({
    uid: `trip-${t.id}@touchbase`,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    summary: t.event ? `Trip: ${t.city} (${t.event})` : `Trip: ${t.city}`,
  }));
}

/** A birthday or another yearly date on one of its days: "Dana Lee's birthday", "Dana Lee's work anniversary". */
export function dateEvents(dates: readonly DateOccurrence[]): CalendarEvent[] {
  return dates.map((d) => ({
    // One UID per occurrence: each year's event stands alone, as the member's calendar shows it.
    uid: `date-${d.dateId}-${d.occurs}@touchbase`,
    startsOn: d.occurs,
    endsOn: d.occurs,
    summary: `${d.name}'s ${dateTitle(d)}`,
  }));
}

/** A one-off reminder the member set (`/touchbase remind`). */
export interface ReminderDay {
  id: number;
  contactName: string;
  remindOn: LocalDate;
}

/**
 * One event on a reminder's day: "Reminder about Dana Lee". What the member typed stays out, as notes
 * do: it is free text about a person, and the feed goes to lock screens; the digest says it that morning.
 */
export function reminderEvents(reminders: readonly ReminderDay[]): CalendarEvent[] {
  return reminders.map((r) => ({
    uid: `reminder-${r.id}@touchbase`,
    startsOn: r.remindOn,
    endsOn: r.remindOn,
    summary: `Reminder about ${r.contactName}`,
  }));
}

/**
 * The feed as an iCalendar object (RFC 5545), at most MAX_FEED_EVENTS events, soonest first. All-day
 * events need no VTIMEZONE: a DATE has no time zone, so each shows on its day wherever the member is.
 */
export function calendarFeed(events: readonly CalendarEvent[], now: Date): string {
  const stamp = icsUtc(now);
  const chosen = [...events]
    .sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.uid < b.uid ? -1 : 1))
    .slice(0, MAX_FEED_EVENTS);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//touchbase//calendar feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:touchbase',
    // How often subscribers fetch it again (RFC 7986, and the older name Apple and Outlook read).
    'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
    'X-PUBLISHED-TTL:PT6H',
  ];
  for (const e of chosen) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(e.startsOn)}`,
      // DTEND is exclusive: the day after the last.
      `DTEND;VALUE=DATE:${icsDate(addDays(e.endsOn, 1))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      // A reminder, not a meeting: it does not make the member look busy.
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return icsText(lines);
}
