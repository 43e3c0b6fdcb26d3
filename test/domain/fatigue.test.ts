import fc from 'fast-check';
import { CADENCES, cadenceDays } from '../../src/domain/cadence';
import { addDays, addMonths } from '../../src/domain/dates';
import { composeDigest } from '../../src/domain/digest';
import {
  askedContacts,
  carriedContacts,
  type FatigueFacts,
  fatigueQuestionText,
  longerCadences,
  shouldAskAboutFatigue,
  withFatigueQuestion,
} from '../../src/domain/fatigue';
import { dueContact } from '../support/builders';

const TODAY = '2026-03-19';
const facts = (over: Partial<FatigueFacts> & { contactId: number }): FatigueFacts => ({
  ignoredInARow: 0,
  timesLetPass: 0,
  askedOn: null,
  ...over,
});

describe('when the digest asks about a contact let pass', () => {
  test.each<[number, string | null, boolean, string]>([
    [2, null, false, 'two ignored digests are not enough'],
    [3, null, true, 'three in a row, never asked'],
    [7, null, true, 'more than three, never asked'],
    [3, '2025-09-19', true, 'asked exactly 6 months ago'],
    [3, '2025-09-20', false, 'asked a day less than 6 months ago'],
    [3, TODAY, false, 'asked today'],
  ])('%i ignored, asked on %s: %s (%s)', (ignoredInARow, askedOn, asks) => {
    expect(shouldAskAboutFatigue(facts({ contactId: 1, ignoredInARow, askedOn }), TODAY)).toBe(asks);
  });

  test('never within 6 months of the last question, whatever the count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 182 }), (n, daysAgo) => {
        const askedOn = addDays(TODAY, -daysAgo);
        const quiet = addMonths(askedOn, 6) > TODAY;
        if (quiet)
          expect(shouldAskAboutFatigue(facts({ contactId: 1, ignoredInARow: n, askedOn }), TODAY)).toBe(
            false,
          );
      }),
    );
  });

  test('one question a digest at most, on the most urgent due contact that calls for it', () => {
    const contacts = [1, 2, 3].map((id) => dueContact({ id, addedOn: addDays('2025-12-01', id) }));
    const { items } = composeDigest({ contacts }, TODAY);
    const asked = withFatigueQuestion(
      items,
      [facts({ contactId: 2, ignoredInARow: 3 }), facts({ contactId: 3, ignoredInARow: 5 })],
      TODAY,
    );
    expect(askedContacts(asked)).toEqual([2]);
    expect(carriedContacts(asked)).toEqual([1, 2, 3]);
    expect(asked.find((i) => i.kind === 'due' && i.contactId === 2)).toMatchObject({
      fatigue: { ignoredInARow: 3 },
    });
  });

  test('an item already acted on is not asked about', () => {
    const { items } = composeDigest({ contacts: [dueContact({ id: 1 })] }, TODAY);
    const acted = items.map((i) => ({ ...i, outcome: { action: 'snoozed' as const, until: TODAY } }));
    expect(
      askedContacts(withFatigueQuestion(acted, [facts({ contactId: 1, ignoredInARow: 3 })], TODAY)),
    ).toEqual([]);
  });
});

describe('checking in less often', () => {
  test('offers only the longer rhythms', () => {
    expect(longerCadences('biweekly')).toEqual(['monthly', 'quarterly', 'semiannual', 'yearly']);
    expect(longerCadences('quarterly')).toEqual(['semiannual', 'yearly']);
    expect(longerCadences('yearly')).toEqual([]);
    expect(longerCadences('none')).toEqual([]);
    for (const cadence of CADENCES) {
      for (const longer of longerCadences(cadence)) {
        expect(cadenceDays(longer) ?? 0).toBeGreaterThan(cadenceDays(cadence) ?? Infinity);
      }
    }
  });

  test('the question offers the menu only when there is a longer rhythm', () => {
    expect(fatigueQuestionText('Dana', 'quarterly', 3)).toBe(
      "You've let Dana's reminder pass three times. Keep quarterly, check in less often, or archive?",
    );
    expect(fatigueQuestionText('Dana', 'yearly', 4)).toBe(
      "You've let Dana's reminder pass four times. Keep yearly, or archive?",
    );
  });
});
