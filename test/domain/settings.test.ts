import fc from 'fast-check';
import {
  describeSettings,
  describeWorkDays,
  formatHour,
  searchTimeZones,
  slackZoneMatches,
} from '../../src/domain/settings';

const ZONES = [...Intl.supportedValuesOf('timeZone'), 'UTC'].sort();

describe('finding a time zone by what the member types', () => {
  test.each([
    ['new york', 'America/New_York'],
    ['New_York', 'America/New_York'],
    ['  NEW   york ', 'America/New_York'],
    ['america/new york', 'America/New_York'],
    ['berlin', 'Europe/Berlin'],
    ['são paulo', 'America/Sao_Paulo'],
    ['utc', 'UTC'],
  ])('"%s" finds %s first', (query, zone) => {
    expect(searchTimeZones(query, ZONES, 100)[0]).toBe(zone);
  });

  test('an exact city beats a city that starts with the query, which beats a match inside a name', () => {
    const zones = ['Asia/Macau', 'America/Maceio', 'Pacific/Xmaca', 'Europe/Maca'];
    expect(searchTimeZones('maca', zones, 10)).toEqual(['Europe/Maca', 'Asia/Macau', 'Pacific/Xmaca']);
  });

  test('a region lists its zones, after any city of that name', () => {
    const found = searchTimeZones('europe', ZONES, 100);
    expect(found.length).toBeGreaterThan(30);
    expect(found.every((z) => z.startsWith('Europe/'))).toBe(true);
    expect(found).toEqual([...found].sort());
  });

  test('a word inside a name counts before a bare substring', () => {
    expect(searchTimeZones('york', ['Xyorkshire/Abc', 'America/New_York'], 10)).toEqual([
      'America/New_York',
      'Xyorkshire/Abc',
    ]);
  });

  test('an empty query lists zones alphabetically up to the limit', () => {
    expect(searchTimeZones('', ZONES, 100)).toEqual(ZONES.slice(0, 100));
  });

  test('nothing fits nonsense', () => {
    expect(searchTimeZones('qqqzzz', ZONES, 100)).toEqual([]);
  });

  test('whatever is typed, the answer holds at most the limit, only known zones, each once, all fitting', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 120 }), (query, limit) => {
        const found = searchTimeZones(query, ZONES, limit);
        expect(found.length).toBeLessThanOrEqual(limit);
        expect(new Set(found).size).toBe(found.length);
        for (const z of found) expect(ZONES).toContain(z);
      }),
    );
  });

  test('the Slack choice shows for an empty query or a query that fits its label', () => {
    const label = 'Use my Slack time zone (Europe/Berlin)';
    expect(slackZoneMatches('', label)).toBe(true);
    expect(slackZoneMatches('slack', label)).toBe(true);
    expect(slackZoneMatches('berl', label)).toBe(true);
    expect(slackZoneMatches('tokyo', label)).toBe(false);
  });
});

describe('describing reminder settings', () => {
  test.each([
    [0, '00:00'],
    [7, '07:00'],
    [23, '23:00'],
  ])('hour %i reads %s', (hour, text) => {
    expect(formatHour(hour)).toBe(text);
  });

  test('work days read in week order, and all seven read "every day"', () => {
    expect(describeWorkDays([5, 1, 3])).toBe('on Mon, Wed, Fri');
    expect(describeWorkDays([1, 2, 3, 4, 5, 6, 7])).toBe('every day');
  });

  test('a chosen zone and a pause', () => {
    expect(
      describeSettings({
        digestHour: 8,
        workDays: [1, 2, 3, 4, 5],
        tz: 'Europe/Berlin',
        tzOverride: 'Europe/Berlin',
        pausedUntil: '2026-03-16',
      }),
    ).toBe(
      'Reminders: 08:00 on Mon, Tue, Wed, Thu, Fri, Europe/Berlin time. ' +
        'Paused until Mon, 16 Mar 2026 (they resume on Tue, 17 Mar 2026).',
    );
  });

  test("Slack's zone and no pause", () => {
    expect(
      describeSettings({
        digestHour: 9,
        workDays: [6, 7],
        tz: 'America/New_York',
        tzOverride: null,
        pausedUntil: null,
      }),
    ).toBe('Reminders: 09:00 on Sat, Sun, America/New_York time (your Slack time zone).');
  });
});
