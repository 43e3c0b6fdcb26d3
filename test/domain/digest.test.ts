import fc from 'fast-check';
import { CADENCES } from '../../src/domain/cadence';
import { addDays } from '../../src/domain/dates';
import {
  composeDigest,
  DIGEST_MAX_ITEMS,
  dueItems,
  dueReason,
  nextRetryAt,
  retriesExhausted,
  SNOOZE_CHOICES,
  snoozeUntil,
} from '../../src/domain/digest';
import { dueContact } from '../support/builders';

const contact = dueContact;

describe('composing the digest', () => {
  test('most overdue relative to cadence first, at most 5, and a count of the rest', () => {
    const today = '2026-03-16';
    const contacts = [
      contact({ id: 1, lastTouchOn: '2025-12-01' }), // quarterly, due 1 Mar: 15 of 91 days late
      contact({ id: 2, cadence: 'biweekly', lastTouchOn: '2026-02-16' }), // due 2 Mar: a whole cadence late
      contact({ id: 3, cadence: 'yearly', lastTouchOn: '2025-03-01' }), // due 1 Mar: 15 of 365 days late
      ...[4, 5, 6, 7].map((id) => contact({ id, cadence: 'monthly', lastTouchOn: '2026-02-10' })), // 6 of 30 days
      contact({ id: 8, lastTouchOn: '2026-03-01' }), // not due
      contact({ id: 9, cadence: 'none' }),
    ];
    const { items, moreCount } = composeDigest({ contacts }, today);
    expect(items.map((i) => (i.kind === 'due' ? i.contactId : 0))).toEqual([2, 4, 5, 6, 7]);
    expect(moreCount).toBe(2);
  });

  test('a call to ask about stands in for its contact’s check-in, and the count of the rest stays right', () => {
    const today = '2026-03-16';
    const contacts = [1, 2, 3, 4, 5, 6].map((id) =>
      contact({ id, cadence: 'monthly', lastTouchOn: '2026-02-10' }),
    );
    const call = {
      callId: 9,
      contactId: 3,
      name: 'C3',
      startsAt: '2026-03-13T09:00:00.000Z',
      timeZone: 'UTC',
    };
    const { items, moreCount } = composeDigest({ contacts, calls: [call] }, today);
    expect(items.map((i) => i.key)).toEqual(['call:9', 'due:1', 'due:2', 'due:4', 'due:5']);
    // Contact 6 is left for `due`; contact 3 is the call's item, not one more.
    expect(moreCount).toBe(1);
  });

  test('says why now in plain words', () => {
    const [item] = dueItems([contact({ id: 1, lastTouchOn: '2025-11-10' })], '2026-03-16');
    expect(item && dueReason(item, '2026-03-16')).toBe(
      'last talked 4 months ago; you planned quarterly calls',
    );
    const [fresh] = dueItems([contact({ id: 2, cadence: 'biweekly', addedOn: '2026-03-01' })], '2026-03-16');
    expect(fresh && dueReason(fresh, '2026-03-16')).toBe(
      'added 2 weeks ago, no touch logged yet; you planned calls every other week',
    );
  });

  const day = fc.integer({ min: 0, max: 1500 }).map((n) => addDays('2024-01-01', n));
  const arbContact = fc.record({
    id: fc.integer({ min: 1, max: 1_000_000 }),
    cadence: fc.constantFrom(...CADENCES),
    addedOn: day,
    lastTouchOn: fc.option(day, { nil: null }),
    snoozedUntil: fc.option(day, { nil: null }),
  });

  test('property: never more than 5 items, nothing that is not due, nothing lost from the count', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbContact, { selector: (c) => c.id, maxLength: 40 }), day, (raw, today) => {
        const contacts = raw.map((c) => contact(c));
        const { items, moreCount } = composeDigest({ contacts }, today);
        const due = contacts.filter((c) => c.nextDueOn !== null && c.nextDueOn <= today).length;
        return (
          items.length <= DIGEST_MAX_ITEMS &&
          items.length + moreCount === due &&
          items.every((i) => i.kind === 'due' && i.nextDueOn <= today)
        );
      }),
    );
  });

  test('property: a snooze is always later than the day it was chosen', () => {
    fc.assert(
      fc.property(
        day,
        fc.constantFrom(...SNOOZE_CHOICES),
        (today, choice) => snoozeUntil(today, choice) > today,
      ),
    );
  });
});

describe('retrying a failed send', () => {
  test('waits longer each time, never more than an hour, and gives up after 24 hours', () => {
    const now = new Date('2026-03-16T08:00:00Z');
    const delays = [1, 2, 3, 8, 20].map((a) => (nextRetryAt(now, a).getTime() - now.getTime()) / 60_000);
    expect(delays).toEqual([1, 2, 4, 60, 60]);
    expect(retriesExhausted(now, new Date('2026-03-17T07:59:00Z'))).toBe(false);
    expect(retriesExhausted(now, new Date('2026-03-17T08:00:00Z'))).toBe(true);
  });
});
