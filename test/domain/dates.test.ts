import fc from 'fast-check';
import {
  addDays,
  addMonths,
  daysBetween,
  describeRelative,
  isDateInRange,
  isLocalDate,
  localDate,
} from '../../src/domain/dates';

describe('calendar dates', () => {
  test.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-15', 3, '2026-06-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-05-10', 12, '2027-05-10'],
    ['2026-05-10', -12, '2025-05-10'],
  ])('%s plus %i months is %s (clamped to the month end)', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  test('the local date follows the member zone on both sides of UTC', () => {
    const instant = new Date('2026-03-02T03:30:00Z');
    expect(localDate(instant, 'UTC')).toBe('2026-03-02');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-02T13:30:00Z'), 'Pacific/Auckland')).toBe('2026-03-03');
    expect(localDate(instant, 'Not/AZone')).toBe('2026-03-02');
  });

  test('only real calendar dates are dates', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2026-02-30')).toBe(false);
    expect(isLocalDate('2026-2-3')).toBe(false);
    expect(isLocalDate('tomorrow')).toBe(false);
  });

  test.each([
    ['2026-03-02', '2026-03-02', 'today'],
    ['2026-03-01', '2026-03-02', 'yesterday'],
    ['2026-02-25', '2026-03-02', '5 days ago'],
    ['2025-11-02', '2026-03-02', '4 months ago'],
    ['2026-03-16', '2026-03-02', 'in 2 weeks'],
  ])('%s seen from %s reads "%s"', (date, today, text) => {
    expect(describeRelative(date, today)).toBe(text);
  });

  const day = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  test('adding days and counting them back agree', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -2000, max: 2000 }), (d, n) => daysBetween(d, addDays(d, n)) === n),
    );
  });

  test('a date worked out is written as ISO writes it, in every year 0000–9999', () => {
    const anyDay = fc
      .date({
        min: new Date('0000-01-01T00:00:00Z'),
        max: new Date('9999-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(anyDay, (d) => {
        const next = new Date(`${d}T00:00:00Z`).getTime() + 86_400_000;
        return d === '9999-12-31' || addDays(d, 1) === new Date(next).toISOString().slice(0, 10);
      }),
    );
    expect(addDays('0999-12-31', 1)).toBe('1000-01-01');
    expect(addDays('0000-01-02', -1)).toBe('0000-01-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  test('what is read as a date is what the ISO parser reads, down to its roll-over past a month end', () => {
    expect(addDays('2026-02-30', 0)).toBe('2026-03-02');
    expect(daysBetween('0099-03-01', '0100-03-01')).toBe(365);
    expect(addDays('+002026-01-01', 1)).toBe('2026-01-02');
    for (const bad of [
      '2026-13-01',
      '2026-00-10',
      '2026-02-32',
      '20a6-01-01',
      '2026-1-01',
      ' 2026-01-01',
      '2026/01/01',
    ]) {
      expect(() => addDays(bad, 1)).toThrow(RangeError);
    }
  });

  test('adding months never goes backwards and lands in the right month', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 24 }), (d, n) => {
        const later = addMonths(d, n);
        const months =
          (Number(later.slice(0, 4)) - Number(d.slice(0, 4))) * 12 +
          Number(later.slice(5, 7)) -
          Number(d.slice(5, 7));
        return later >= d && months === n && isLocalDate(later);
      }),
    );
  });
});

describe('dates at the edges of the calendar', () => {
  test('years 1900 to 2200 are in range; a real day outside them, or no day at all, is not', () => {
    for (const d of ['1900-01-01', '2026-03-02', '2200-12-31']) expect(isDateInRange(d)).toBe(true);
    for (const d of ['1899-12-31', '2201-01-01', '9999-12-31', '0001-01-01', '2026-02-30', 'soon']) {
      expect(isDateInRange(d)).toBe(false);
    }
  });

  test('a year before 100 is read as written (Date.UTC would make 0001 into 1901)', () => {
    expect(isLocalDate('0001-01-01')).toBe(true);
    expect(isLocalDate('0099-02-29')).toBe(false);
  });

  test('day arithmetic that would leave years 0000–9999 throws instead of writing "+010000-01"', () => {
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 10_000_000_000)).toThrow(RangeError);
    expect(() => addMonths('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-30x', 1)).toThrow(RangeError);
  });
});
