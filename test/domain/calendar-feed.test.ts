import fc from 'fast-check';
import {
  type CalendarEvent,
  calendarFeed,
  checkInEvents,
  feedWindow,
  MAX_FEED_EVENTS,
  tripEvents,
} from '../../src/domain/calendar-feed';
import { escapeText, foldLine } from '../../src/domain/ics';
import { parseFeed, rawLines } from '../support/ics';

const NOW = new Date('2026-03-02T10:00:00Z');
const WINDOW = feedWindow('2026-03-02');

describe('iCalendar TEXT', () => {
  test.each([
    ['Lee, Dana', 'Lee\\, Dana'],
    ['a;b', 'a\\;b'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
    ['windows\r\nbreak', 'windows\\nbreak'],
    ['bell\u0007 and tab\t', 'bell and tab'],
    ['Zürich 🎉', 'Zürich 🎉'],
  ])('%j is written %j', (raw, escaped) => {
    expect(escapeText(raw)).toBe(escaped);
  });

  test('any text survives escaping, folding and a real parser as it was (controls aside)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (raw) => {
        const summary = `Check in with ${raw}`;
        const text = calendarFeed(
          [{ uid: 'u@touchbase', startsOn: '2026-03-05', endsOn: '2026-03-05', summary }],
          NOW,
        );
        rawLines(text);
        const expected = summary.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n]/gu, '');
        expect(parseFeed(text).events[0]?.summary).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  test('folding keeps every line within 75 octets, never splits a character or an escape', () => {
    const line = `SUMMARY:${'é'.repeat(30)}${'🎉'.repeat(20)}\\,${'x'.repeat(60)}`;
    const folded = foldLine(line);
    expect(folded.length).toBeGreaterThan(2);
    for (const [i, l] of folded.entries()) {
      expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(' ')).toBe(true);
      expect(l.endsWith('\\')).toBe(false);
      expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l);
    }
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });
});

describe('check-ins', () => {
  test('on the due day, then every cadence within 90 days; UIDs by contact and due day', () => {
    const events = checkInEvents(
      [{ id: 4, name: 'Dana', cadence: 'monthly', nextDueOn: '2026-03-20' }],
      WINDOW,
    );
    expect(events.map((e) => [e.startsOn, e.uid])).toEqual([
      ['2026-03-20', 'checkin-4-2026-03-20@touchbase'],
      ['2026-04-20', 'checkin-4-2026-04-20@touchbase'],
      ['2026-05-20', 'checkin-4-2026-05-20@touchbase'],
    ]);
  });

  test('an overdue one shows today, under the UID of the day it fell due, so it moves rather than piles up', () => {
    const contact = { id: 9, name: 'Late', cadence: 'quarterly' as const, nextDueOn: '2026-02-10' };
    const monday = checkInEvents([contact], WINDOW);
    const tuesday = checkInEvents([contact], feedWindow('2026-03-03'));
    expect(monday[0]).toMatchObject({ startsOn: '2026-03-02', uid: 'checkin-9-2026-02-10@touchbase' });
    expect(tuesday[0]).toMatchObject({ startsOn: '2026-03-03', uid: 'checkin-9-2026-02-10@touchbase' });
    // Its next one, a quarter after today, is past the 90 days.
    expect(monday.map((e) => e.startsOn)).toEqual(['2026-03-02']);
  });

  test('none past the window', () => {
    expect(checkInEvents([{ id: 1, name: 'Q', cadence: 'yearly', nextDueOn: '2026-06-01' }], WINDOW)).toEqual(
      [],
    );
  });
});

test('a trip spans its days: DTEND is the day after it ends', () => {
  const text = calendarFeed(
    tripEvents([
      { id: 3, city: 'Zürich', event: 'Fintech Week', startsOn: '2026-04-20', endsOn: '2026-04-22' },
    ]),
    NOW,
  );
  expect(text).toContain('DTSTART;VALUE=DATE:20260420\r\nDTEND;VALUE=DATE:20260423\r\n');
  expect(parseFeed(text).events).toEqual([
    {
      uid: 'trip-3@touchbase',
      summary: 'Trip: Zürich (Fintech Week)',
      start: '2026-04-20',
      end: '2026-04-23',
      allDay: true,
    },
  ]);
});

test(`at most ${MAX_FEED_EVENTS} events, the soonest`, () => {
  const many: CalendarEvent[] = Array.from({ length: MAX_FEED_EVENTS + 50 }, (_, i) => ({
    uid: `e${i}@touchbase`,
    startsOn: i < 50 ? '2026-05-30' : '2026-03-10',
    endsOn: i < 50 ? '2026-05-30' : '2026-03-10',
    summary: 'x',
  }));
  const { events } = parseFeed(calendarFeed(many, NOW));
  expect(events).toHaveLength(MAX_FEED_EVENTS);
  expect(events.every((e) => e.start === '2026-03-10')).toBe(true);
});
