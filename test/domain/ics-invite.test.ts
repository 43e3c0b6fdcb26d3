import ICAL from 'ical.js';
import { escapeText, icsText } from '../../src/domain/ics';
import { inviteIcs } from '../../src/domain/ics-invite';
import { askOn, callProblems, describeCallTime, zonedInstant } from '../../src/domain/scheduled-calls';

const invite = (over: Partial<Parameters<typeof inviteIcs>[0]> = {}) =>
  inviteIcs({
    uid: 'call-7@touchbase',
    stamp: new Date('2026-03-02T08:00:00Z'),
    startsAt: new Date('2026-03-10T09:00:00Z'),
    minutes: 30,
    summary: 'Catch-up with Dana Lee',
    organizer: { name: 'Sam Member', email: 'sam@example.com' },
    attendee: { name: 'Dana Lee', email: 'dana@example.com' },
    ...over,
  });

describe('the .ics invite', () => {
  test('parses as one REQUEST event in UTC, with organizer and attendee', () => {
    const ics = invite();
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent') as ICAL.Component);
    expect(event.uid).toBe('call-7@touchbase');
    expect(event.summary).toBe('Catch-up with Dana Lee');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-10T09:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-10T09:30:00.000Z');
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(event.organizer).toBe('mailto:sam@example.com');
    const [attendee] = event.attendees;
    expect(attendee?.getFirstValue()).toBe('mailto:dana@example.com');
    expect(attendee?.getParameter('rsvp')).toBe('TRUE');
    expect(ics).toContain('DTSTART:20260310T090000Z\r\n');
  });

  test('leaves out the attendee and organizer whose email is unknown', () => {
    const ics = invite({ attendee: null, organizer: null });
    expect(ics).not.toMatch(/ATTENDEE|ORGANIZER/);
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary')).toBe(
      'Catch-up with Dana Lee',
    );
  });

  test('a name or email with quotes or line breaks cannot add a line of its own', () => {
    const ics = invite({
      organizer: { name: 'Sam "the" Member\r\nX-EVIL:1', email: 'sam@example.com' },
      attendee: { name: 'Dana', email: 'dana@example.org\r\nATTENDEE:mailto:x@evil.example' },
    });
    expect(ics).not.toMatch(/\r\n(X-EVIL|ATTENDEE:mailto:x)/);
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') as ICAL.Component,
    );
    expect(event.attendees).toHaveLength(1);
  });

  test('every line ends in CRLF and holds at most 75 octets; folding keeps UTF-8 characters whole', () => {
    const summary = `Catch-up with Zoë Ångström, über; "quoted" \\ back ${'日本語🙂'.repeat(20)}`;
    const ics = invite({ summary });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary')).toBe(summary);
  });

  test.each([
    ['a;b,c\\d', 'a\\;b\\,c\\\\d'],
    ['two\nlines\r\nthree', 'two\\nlines\\nthree'],
  ])('TEXT escaping of %j', (raw, escaped) => {
    expect(escapeText(raw)).toBe(escaped);
  });

  test('a line of exactly 75 octets is not folded; one more octet is', () => {
    expect(icsText(['x'.repeat(75)])).toBe(`${'x'.repeat(75)}\r\n`);
    expect(icsText(['x'.repeat(76)])).toBe(`${'x'.repeat(75)}\r\n x\r\n`);
    // A 2-octet character that would straddle octet 75 moves whole to the next line.
    expect(icsText([`${'x'.repeat(74)}é`])).toBe(`${'x'.repeat(74)}\r\n é\r\n`);
  });
});

describe('call times in the member zone', () => {
  test.each([
    // New York: EST (UTC−5) before 8 March 2026, EDT (UTC−4) from then.
    ['2026-03-06', '10:00', 'America/New_York', '2026-03-06T15:00:00.000Z'],
    ['2026-03-09', '10:00', 'America/New_York', '2026-03-09T14:00:00.000Z'],
    ['2026-11-02', '10:00', 'America/New_York', '2026-11-02T15:00:00.000Z'],
    ['2026-03-10', '10:00', 'Europe/Berlin', '2026-03-10T09:00:00.000Z'],
    ['2026-07-10', '10:00', 'Europe/Berlin', '2026-07-10T08:00:00.000Z'],
    ['2026-03-10', '23:30', 'Asia/Kolkata', '2026-03-10T18:00:00.000Z'],
    ['2026-03-10', '10:00', 'Not/AZone', '2026-03-10T10:00:00.000Z'],
  ])('%s %s in %s is %s', (day, time, tz, iso) => {
    expect(zonedInstant(day, time, tz).toISOString()).toBe(iso);
  });

  test('the invite sentence and the day the digest asks', () => {
    const at = zonedInstant('2026-03-10', '10:00', 'Europe/Berlin');
    expect(describeCallTime(at, 30, 'Europe/Berlin')).toBe('Tue 10 Mar, 10:00–10:30 (Europe/Berlin)');
    expect(askOn(at, 'Europe/Berlin')).toBe('2026-03-11');
    // 23:30 in New York is the next day in UTC; the ask still comes the day after in New York.
    expect(askOn(zonedInstant('2026-03-10', '23:30', 'America/New_York'), 'America/New_York')).toBe(
      '2026-03-11',
    );
  });

  test.each([
    [{ day: '2026-03-02', time: '09:59' }, ['call_at']],
    [{ day: '2026-03-01', time: '12:00' }, ['call_on']],
    [{ day: '2026-03-02', time: '10:01' }, []],
    [{ day: '2026-03-02', time: '25:00' }, ['call_at']],
  ])('%o → problems with %o', ({ day, time }, fields) => {
    const now = new Date('2026-03-02T09:00:00Z'); // 10:00 in Berlin
    expect(
      callProblems({ day, time, title: 'Catch-up', tz: 'Europe/Berlin' }, now).map((p) => p.field),
    ).toEqual(fields);
  });
});
