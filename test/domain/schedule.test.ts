import fc from 'fast-check';
import { CADENCES, type Cadence } from '../../src/domain/cadence';
import { addDays } from '../../src/domain/dates';
import {
  afterTouch,
  byUrgency,
  isDue,
  nextDueOn,
  overdueRatio,
  type ScheduleState,
  type TalkedBefore,
  talkedBeforeOn,
} from '../../src/domain/schedule';

const base: ScheduleState = {
  cadence: 'quarterly',
  addedOn: '2026-01-10',
  lastTouchOn: null,
  snoozedUntil: null,
  transitionOn: null,
};

describe('when a check-in is due', () => {
  test.each<[Cadence, string | null]>([
    ['biweekly', '2026-01-24'],
    ['monthly', '2026-02-10'],
    ['quarterly', '2026-04-10'],
    ['semiannual', '2026-07-10'],
    ['yearly', '2027-01-10'],
    ['none', null],
  ])('a contact added on 2026-01-10 on a %s cadence is first due %s', (cadence, due) => {
    expect(nextDueOn({ ...base, cadence })).toBe(due);
  });

  test('the last touch, not the date added, starts the clock', () => {
    expect(nextDueOn({ ...base, lastTouchOn: '2026-03-01' })).toBe('2026-06-01');
  });

  test('a snooze to a later date postpones the check-in; an earlier one changes nothing', () => {
    expect(nextDueOn({ ...base, snoozedUntil: '2026-05-01' })).toBe('2026-05-01');
    expect(nextDueOn({ ...base, snoozedUntil: '2026-02-01' })).toBe('2026-04-10');
  });

  test('a touch resets the clock; a snooze to a later date still holds', () => {
    const after = afterTouch(base, '2026-03-05');
    expect(after.lastTouchOn).toBe('2026-03-05');
    expect(nextDueOn(after)).toBe('2026-06-05');
    expect(nextDueOn(afterTouch({ ...base, snoozedUntil: '2026-09-01' }, '2026-03-05'))).toBe('2026-09-01');
  });

  test('a touch from before the contact was added counts from its own date, and can make them due at once', () => {
    expect(nextDueOn(afterTouch(base, '2025-12-01'))).toBe('2026-03-01');
    // The case: a yearly contact added today with a touch 14 months ago is due now, not in a year.
    const yearly = afterTouch({ ...base, cadence: 'yearly', addedOn: '2026-12-01' }, '2025-10-01');
    expect(nextDueOn(yearly)).toBe('2026-10-01');
    expect(isDue(yearly, '2026-12-01')).toBe(true);
  });

  test.each<[TalkedBefore, string | null]>([
    ['1m', '2026-02-28'],
    ['3m', '2025-12-31'],
    ['6m', '2025-09-30'],
    ['1y', '2025-03-31'],
    ['never', null],
  ])('"last talked %s" before adding stands for %s (counted back from 31 March 2026)', (choice, day) => {
    expect(talkedBeforeOn(choice, '2026-03-31')).toBe(day);
  });

  test('a back-dated touch older than the last one does not move the clock back', () => {
    const after = afterTouch({ ...base, lastTouchOn: '2026-03-05' }, '2026-02-01');
    expect(after.lastTouchOn).toBe('2026-03-05');
  });

  test('due on the due date, not the day before', () => {
    expect(isDue(base, '2026-04-09')).toBe(false);
    expect(isDue(base, '2026-04-10')).toBe(true);
    expect(isDue({ ...base, cadence: 'none' }, '2099-01-01')).toBe(false);
  });

  test('the most overdue relative to its own cadence comes first; no-cadence contacts last', () => {
    const today = '2026-05-01';
    const contacts = [
      { ...base, id: 1, name: 'Quarterly, 3 weeks late', addedOn: '2026-01-10' },
      { ...base, id: 2, name: 'Biweekly, 2 weeks late', cadence: 'biweekly' as const, addedOn: '2026-04-03' },
      { ...base, id: 3, name: 'No cadence', cadence: 'none' as const },
      { ...base, id: 4, name: 'Not yet due', addedOn: '2026-04-20' },
    ];
    expect(byUrgency(contacts, today).map((c) => c.id)).toEqual([2, 1, 4, 3]);
  });

  const date = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));
  const state = fc.record({
    cadence: fc.constantFrom(...CADENCES),
    addedOn: date,
    lastTouchOn: fc.option(date, { nil: null }),
    snoozedUntil: fc.option(date, { nil: null }),
    transitionOn: fc.option(date, { nil: null }),
  });

  // Only from the day the clock started: an older touch is when they really last talked, so it may.
  test('property: a touch on or after the clock’s start never makes a contact more overdue', () => {
    fc.assert(
      fc.property(state, date, date, (s, touchedOn, today) => {
        fc.pre(touchedOn >= (s.lastTouchOn ?? s.addedOn));
        const before = overdueRatio(s, today);
        const after = overdueRatio(afterTouch(s, touchedOn), today);
        return before === null ? after === null : after !== null && after <= before;
      }),
    );
  });

  test('property: right after a touch the contact is never due on or before that day', () => {
    fc.assert(
      fc.property(state, date, (s, touchedOn) => {
        const after = afterTouch(s, touchedOn);
        const due = nextDueOn(after);
        // A transition noted after the last touch makes a check-in due at once, by design.
        const pendingTransition = s.transitionOn !== null && (after.lastTouchOn ?? '') < s.transitionOn;
        return due === null || pendingTransition || due > touchedOn;
      }),
    );
  });

  test('property: a snooze never makes a contact due sooner', () => {
    fc.assert(
      fc.property(state, date, (s, until) => {
        const plain = nextDueOn({ ...s, snoozedUntil: null });
        const snoozed = nextDueOn({ ...s, snoozedUntil: until });
        return plain === null ? snoozed === null : snoozed !== null && snoozed >= plain;
      }),
    );
  });
});
