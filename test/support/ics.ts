import ICAL from 'ical.js';

/** One event of a parsed feed, as a calendar app reads it. */
export interface FeedEvent {
  uid: string;
  summary: string;
  /** DTSTART and DTEND as YYYY-MM-DD (DTEND exclusive); `allDay` when both are DATE values. */
  start: string;
  end: string;
  allDay: boolean;
}

/**
 * A feed parsed by ical.js (a maintained RFC 5545 parser; it throws on what it cannot read), with
 * the calendar's own properties and its events.
 */
export function parseFeed(text: string): { calendar: ICAL.Component; events: FeedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toString(),
      end: e.endDate.toString(),
      allDay: e.startDate.isDate && e.endDate.isDate,
    };
  });
  return { calendar, events };
}

/** Content lines as sent: every one ends in CRLF and none is longer than 75 octets. */
export function rawLines(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  return lines;
}
