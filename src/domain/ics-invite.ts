import { escapeText, icsText, icsUtc } from './ics';

/**
 * An RFC 5545 invite for one scheduled call, written as the calendar feed is (src/domain/ics.ts:
 * CRLF, folding at 75 octets, TEXT escaping), with times in UTC (`Z`) so no VTIMEZONE is needed.
 * Pure: the caller passes the instant it was made (`stamp`).
 */

export interface InviteInput {
  /** Stable per scheduled call, so a calendar that imports it twice keeps one event. */
  uid: string;
  stamp: Date;
  startsAt: Date;
  minutes: number;
  summary: string;
  /** The member, when Slack gave their email. */
  organizer: { name: string; email: string } | null;
  /** The contact, when their email is known. */
  attendee: { name: string; email: string } | null;
}

/** A parameter value (a CN): quoted, with the characters a quoted value cannot hold dropped. */
function paramValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what RFC 5545 forbids in a parameter.
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, '')}"`;
}

/** A `mailto:` address: an email as it came (an import, Slack) can hold nothing that breaks the line. */
function calAddress(email: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters would end or split the content line.
  return `mailto:${email.replace(/[\s\u0000-\u001f\u007f]/g, '')}`;
}

/** The whole invite, ready to upload as a `.ics` file. */
export function inviteIcs(input: InviteInput): string {
  const endsAt = new Date(input.startsAt.getTime() + input.minutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//touchbase//Schedule a call//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${input.uid}`,
    `DTSTAMP:${icsUtc(input.stamp)}`,
    `DTSTART:${icsUtc(input.startsAt)}`,
    `DTEND:${icsUtc(endsAt)}`,
    `SUMMARY:${escapeText(input.summary)}`,
    ...(input.organizer
      ? [`ORGANIZER;CN=${paramValue(input.organizer.name)}:${calAddress(input.organizer.email)}`]
      : []),
    ...(input.attendee
      ? [
          `ATTENDEE;CN=${paramValue(input.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:${calAddress(input.attendee.email)}`,
        ]
      : []),
    'STATUS:CONFIRMED',
    'SEQUENCE:0',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return icsText(lines);
}
