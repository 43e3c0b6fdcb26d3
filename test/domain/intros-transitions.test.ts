import fc from 'fast-check';
import { CADENCES, cadenceDays } from '../../src/domain/cadence';
import { addDays, daysBetween } from '../../src/domain/dates';
import { composeDigest, type DueContact } from '../../src/domain/digest';
import { askAgainOn, INTRO_OUTCOMES, introFollowUpOn, introProblem } from '../../src/domain/intros';
import { effectiveCadence, nextDueOn, type ScheduleState } from '../../src/domain/schedule';
import { isFreshTransition } from '../../src/domain/transitions';

describe('introductions', () => {
  test('the follow-up comes 14 days after the introduction', () => {
    expect(introFollowUpOn('2026-03-02')).toBe('2026-03-16');
  });

  test.each([
    [{ fromContactId: 1, toContactId: 1, toName: null }, 'same_person'],
    [{ fromContactId: 1, toContactId: null, toName: null }, 'no_target'],
    [{ fromContactId: 1, toContactId: 2, toName: 'Acme' }, 'two_targets'],
    [{ fromContactId: 1, toContactId: 2, toName: null }, null],
    [{ fromContactId: 1, toContactId: null, toName: 'Acme' }, null],
  ])('%o → %s', (sides, problem) => {
    expect(introProblem(sides)).toBe(problem);
  });

  test('"no response yet" asks again once, 14 days on; any other outcome never', () => {
    expect(askAgainOn('no_response', false, '2026-03-16')).toBe('2026-03-30');
    expect(askAgainOn('no_response', true, '2026-03-30')).toBeNull();
    fc.assert(
      fc.property(fc.constantFrom(...INTRO_OUTCOMES), fc.boolean(), (outcome, again) =>
        outcome === 'no_response' && !again
          ? askAgainOn(outcome, again, '2026-01-01') !== null
          : askAgainOn(outcome, again, '2026-01-01') === null,
      ),
    );
  });
});

describe('transitions', () => {
  const base: ScheduleState = {
    cadence: 'quarterly',
    addedOn: '2025-01-01',
    lastTouchOn: '2026-01-05',
    snoozedUntil: null,
    transitionOn: null,
  };

  test('a transition makes a check-in due the day it is noted, when none has happened since', () => {
    expect(nextDueOn({ ...base, transitionOn: '2026-02-10' })).toBe('2026-02-10');
    expect(nextDueOn({ ...base, transitionOn: '2026-02-10', lastTouchOn: '2026-02-11' })).toBe('2026-03-11');
  });

  test('fresh for 7 days and until a touch', () => {
    const s = { transitionKind: 'new_job' as const, transitionOn: '2026-02-10', lastTouchOn: null };
    expect(isFreshTransition(s, '2026-02-10')).toBe(true);
    expect(isFreshTransition(s, '2026-02-16')).toBe(true);
    expect(isFreshTransition(s, '2026-02-17')).toBe(false);
    expect(isFreshTransition({ ...s, lastTouchOn: '2026-02-11' }, '2026-02-12')).toBe(false);
  });

  const day = fc.integer({ min: 0, max: 1000 }).map((n) => addDays('2025-01-01', n));
  test('property: within 90 days of a transition, the cadence is never longer than monthly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CADENCES),
        day,
        fc.integer({ min: 0, max: 89 }),
        (cadence, t, offset) => {
          const c = effectiveCadence({ cadence, transitionOn: t }, addDays(t, offset));
          return (cadenceDays(c) ?? Infinity) <= 30;
        },
      ),
    );
  });

  test('property: a transition never makes a check-in later than without it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CADENCES),
        day,
        fc.option(day, { nil: null }),
        day,
        (cadence, added, touched, t) => {
          const s = { ...base, cadence, addedOn: added, lastTouchOn: touched };
          const without = nextDueOn(s);
          const withT = nextDueOn({ ...s, transitionOn: t });
          return without === null || (withT !== null && daysBetween(withT, without) >= 0);
        },
      ),
    );
  });

  test('a fresh transition comes first in the digest, before more overdue contacts', () => {
    const c = (id: number, over: Partial<DueContact>): DueContact => ({
      id,
      name: `C${id}`,
      company: null,
      cadence: 'monthly',
      addedOn: '2025-01-01',
      lastTouchOn: '2025-06-01',
      snoozedUntil: null,
      transitionKind: null,
      transitionOn: null,
      nextDueOn: '2025-07-01',
      ...over,
    });
    const { items } = composeDigest(
      {
        contacts: [
          c(1, {}),
          c(2, { transitionKind: 'lost_job', transitionOn: '2026-02-10', nextDueOn: '2026-02-10' }),
        ],
      },
      '2026-02-11',
    );
    expect(items.map((i) => (i.kind === 'due' ? i.contactId : 0))).toEqual([2, 1]);
  });
});
