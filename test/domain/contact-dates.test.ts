import fc from 'fast-check';
import {
  dateSentence,
  digestDayFor,
  inDigestOf,
  nextOccurrence,
  occurrenceIn,
  occurrencesBetween,
  readBirthdayText,
  yearlyDateProblem,
} from '../../src/domain/contact-dates';
import { addDays, daysBetween, isLocalDate } from '../../src/domain/dates';
import { composeDigest, datesIn } from '../../src/domain/digest';
import { dueContact } from '../support/builders';

const WEEKDAYS = [1, 2, 3, 4, 5];
const TODAY = '2026-03-02'; // a Monday

describe('yearly dates', () => {
  test.each([
    [{ month: 4, day: 31, year: null }, 'April has no day 31.'],
    [{ month: 2, day: 30, year: null }, 'February has no day 30.'],
    [{ month: 13, day: 1, year: null }, 'Pick a month.'],
    [{ month: 2, day: 29, year: 1985 }, '1985 was not a leap year: February had no day 29.'],
    [{ month: 5, day: 1, year: 1899 }, 'The year must be between 1900 and 2026.'],
    [{ month: 5, day: 1, year: 2027 }, 'The year must be between 1900 and 2026.'],
    [{ month: 2, day: 29, year: null }, null],
    [{ month: 2, day: 29, year: 2000 }, null],
    [{ month: 12, day: 31, year: 2026 }, null],
  ])('%o: %s', (date, problem) => {
    expect(yearlyDateProblem(date, TODAY)).toBe(problem);
  });

  test('29 February falls on 28 February in other years, and on the 29th in leap years', () => {
    expect(occurrenceIn({ month: 2, day: 29 }, 2027)).toBe('2027-02-28');
    expect(occurrenceIn({ month: 2, day: 29 }, 2028)).toBe('2028-02-29');
    expect(occurrenceIn({ month: 2, day: 29 }, 2100)).toBe('2100-02-28');
    expect(nextOccurrence({ month: 2, day: 29 }, '2027-03-01')).toBe('2028-02-29');
    expect(nextOccurrence({ month: 2, day: 29 }, '2027-02-28')).toBe('2027-02-28');
  });

  test('the next occurrence is on or after the day, within a year, and a real date of that month and day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.date({ min: new Date('1950-01-01'), max: new Date('2150-12-31'), noInvalidDate: true }),
        (month, day, at) => {
          fc.pre(isLocalDate(`2000-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`));
          const from = at.toISOString().slice(0, 10);
          const next = nextOccurrence({ month, day }, from);
          expect(isLocalDate(next)).toBe(true);
          expect(next >= from).toBe(true);
          expect(daysBetween(from, next)).toBeLessThanOrEqual(366);
          expect(Number(next.slice(5, 7))).toBe(month);
          const leapShift = month === 2 && day === 29 && next.slice(8) === '28';
          expect(Number(next.slice(8))).toBe(leapShift ? 28 : day);
          expect(occurrencesBetween({ month, day }, from, addDays(from, 365))[0]).toBe(next);
        },
      ),
    );
  });

  test("a file's birthday text reads as a date, or as none", () => {
    expect(readBirthdayText('1985-04-12')).toEqual({ year: 1985, month: 4, day: 12 });
    expect(readBirthdayText('02-29')).toEqual({ year: null, month: 2, day: 29 });
    expect(readBirthdayText('1985-02-29')).toBeNull();
    expect(readBirthdayText('never')).toBeNull();
  });
});

describe('which digest tells of a date', () => {
  test.each([
    ['2026-03-04', WEEKDAYS, '2026-03-04'], // a Wednesday: that day
    ['2026-03-07', WEEKDAYS, '2026-03-06'], // a Saturday: the Friday before
    ['2026-03-08', WEEKDAYS, '2026-03-06'], // a Sunday: the Friday before
    ['2026-03-09', WEEKDAYS, '2026-03-09'], // a Monday: that day
    ['2026-03-05', [1], '2026-03-02'], // Mondays only: the Monday before
    ['2026-03-05', [], '2026-03-05'], // no work day at all: the day itself
    ['2026-03-07', [1, 2, 3, 4, 5, 6, 7], '2026-03-07'],
  ])('%s with work days %o: %s', (occurs, workDays, day) => {
    expect(digestDayFor(occurs, workDays)).toBe(day);
  });

  test('each occurrence is in exactly one digest when every work day has one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 400 }),
        (workDays, offset) => {
          const occurs = addDays('2026-01-01', offset);
          const digests = Array.from({ length: 8 }, (_, k) => addDays(occurs, -k)).filter(
            (d) =>
              workDays.includes(new Date(`${d}T00:00:00Z`).getUTCDay() || 7) &&
              inDigestOf(occurs, d, workDays),
          );
          expect(digests).toHaveLength(1);
        },
      ),
    );
  });

  test('the sentence says "today" on the day and the weekday within the week', () => {
    const d = { kind: 'birthday' as const, label: 'birthday', name: 'Dana Lee' };
    expect(dateSentence({ ...d, occurs: '2026-03-06' }, '2026-03-06')).toBe("Dana Lee's birthday is today");
    expect(dateSentence({ ...d, occurs: '2026-03-07' }, '2026-03-06')).toBe(
      "Dana Lee's birthday is on Saturday",
    );
    expect(
      dateSentence({ kind: 'other', label: 'work anniversary', name: 'Sam', occurs: '2026-04-20' }, TODAY),
    ).toBe("Sam's work anniversary is on 20 April");
  });
});

describe('dates in the digest', () => {
  const date = (dateId: number, occurs: string, name = `P${dateId}`) => ({
    dateId,
    contactId: dateId,
    name,
    kind: 'birthday' as const,
    label: 'birthday',
    month: Number(occurs.slice(5, 7)),
    day: Number(occurs.slice(8)),
    year: null,
    occurs,
  });

  test('after fresh transitions and before other check-ins; they count toward no check-in', () => {
    const fresh = dueContact({
      id: 90,
      name: 'Fresh',
      transitionKind: 'new_job',
      transitionOn: '2026-03-05',
      nextDueOn: '2026-03-05',
    });
    const due = dueContact({ id: 91, name: 'Due', nextDueOn: '2026-03-01' });
    const { items } = composeDigest(
      { contacts: [fresh, due], dates: [date(1, '2026-03-07'), date(2, '2026-03-10')], workDays: WEEKDAYS },
      '2026-03-06',
    );
    expect(items.map((i) => i.key)).toEqual(['due:90', 'date:1:2026-03-07', 'due:91']);
  });

  test('one item per person: a due contact’s date joins their check-in, placed with the dates', () => {
    const due = dueContact({ id: 7, name: 'Maya', nextDueOn: '2026-02-20' });
    const other = dueContact({ id: 8, name: 'Other', nextDueOn: '2026-02-01' });
    const { items, moreCount } = composeDigest(
      {
        contacts: [other, due],
        dates: [date(7, '2026-03-06', 'Maya'), date(9, '2026-03-06', 'Nia')],
        workDays: WEEKDAYS,
      },
      '2026-03-06',
    );
    // Maya's item comes with the dates (hers first, by name), though Other is more overdue.
    expect(items.map((i) => i.key)).toEqual(['due:7', 'date:9:2026-03-06', 'due:8']);
    expect(moreCount).toBe(0);
    const maya = items[0];
    expect(maya?.kind === 'due' && maya.dates?.map((d) => d.key)).toEqual(['date:7:2026-03-06']);
    expect(datesIn(items).map((d) => d.key)).toEqual(['date:7:2026-03-06', 'date:9:2026-03-06']);
  });

  test('a date not yet in its window, or already past, is left out', () => {
    const { items } = composeDigest(
      { contacts: [], dates: [date(1, '2026-03-09'), date(2, '2026-03-05')], workDays: WEEKDAYS },
      '2026-03-06',
    );
    expect(items).toEqual([]);
  });
});
