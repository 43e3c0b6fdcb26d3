/**
 * An RFC 5545 invite for one scheduled call, self-contained: CRLF line ends, lines folded at 75
 * octets without splitting a UTF-8 character, TEXT values escaped, times in UTC (`Z`) so no
 * VTIMEZONE is needed. Pure: the caller passes the instant it was made (`stamp`).
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

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks as `\n`. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
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

/**
 * One content line folded (RFC 5545 3.1): at most 75 octets a line, each continuation starting with
 * a space, never inside a UTF-8 character (a code point's bytes stay together).
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // A continuation line's leading space counts toward its 75.
    const limit = out.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** 20260310T090000Z */
export function utcStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
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
    `DTSTAMP:${utcStamp(input.stamp)}`,
    `DTSTART:${utcStamp(input.startsAt)}`,
    `DTEND:${utcStamp(endsAt)}`,
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
  return lines.map(foldLine).join(CRLF) + CRLF;
}
