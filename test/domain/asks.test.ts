import fc from 'fast-check';
import { askWarnings, followUpOn, isAskOnly, shouldGiveNext, touchWarnings } from '../../src/domain/asks';
import { CADENCES } from '../../src/domain/cadence';
import { addDays } from '../../src/domain/dates';
import { TOUCH_INTENTS, type TouchFacts, type TouchIntent } from '../../src/domain/touches';

const t = (touchedOn: string, intent: TouchIntent): TouchFacts => ({ touchedOn, intent });
const ctx = (history: TouchFacts[], extra: Partial<Parameters<typeof askWarnings>[0]> = {}) => ({
  history,
  cadence: 'quarterly' as const,
  addedOn: '2025-01-01',
  pendingAsks: [],
  ...extra,
});
const kinds = (history: TouchFacts[], on: string, extra = {}) =>
  askWarnings(ctx(history, extra), on).map((w) => w.kind);

describe('warnings when a member logs an ask', () => {
  test.each<[string, TouchFacts[], string[]]>([
    ['a first ask after a recent catch-up', [t('2026-02-20', 'catch_up')], []],
    ['a second ask in a row', [t('2026-02-20', 'ask'), t('2026-01-10', 'catch_up')], []],
    [
      'a third ask in a row: ask-only, and too many within 90 days',
      [t('2026-02-20', 'ask'), t('2026-02-01', 'ask')],
      ['ask_only', 'too_many'],
    ],
    [
      'two earlier asks, but more than 90 days apart: ask-only only',
      [t('2026-02-20', 'ask'), t('2025-10-01', 'ask')],
      ['ask_only'],
    ],
    [
      'two asks, but the latest touch was a give',
      [t('2026-02-25', 'give'), t('2026-02-20', 'ask'), t('2026-02-01', 'ask')],
      ['too_many'],
    ],
    ['asks older than 12 months do not count', [t('2026-02-20', 'ask'), t('2025-02-01', 'ask')], []],
  ])('%s', (_what, history, expected) => {
    expect(kinds(history, '2026-03-01')).toEqual(expected);
  });

  test('an ask after a silence longer than the cadence warns, with how long', () => {
    const warnings = askWarnings(ctx([t('2025-08-01', 'catch_up')]), '2026-03-01');
    expect(warnings).toEqual([{ kind: 'after_silence', silentDays: 212 }]);
    expect(kinds([t('2026-01-01', 'catch_up')], '2026-03-01')).toEqual([]);
    expect(kinds([t('2025-08-01', 'catch_up')], '2026-03-01', { cadence: 'none' })).toEqual([]);
  });

  test('an ask while another is pending warns', () => {
    expect(kinds([t('2026-02-25', 'give')], '2026-03-01', { pendingAsks: ['an intro to Ben'] })).toEqual([
      'pending_ask',
    ]);
  });

  const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2025-01-01', n));
  const history = fc.array(fc.record({ touchedOn: day, intent: fc.constantFrom(...TOUCH_INTENTS) }), {
    maxLength: 12,
  });

  test('property: no warning ever fires for a history without asks', () => {
    fc.assert(
      fc.property(history, fc.constantFrom(...CADENCES), (h, cadence) => {
        const noAsks = h
          .filter((x) => x.intent !== 'ask')
          .sort((a, b) => a.touchedOn.localeCompare(b.touchedOn));
        // Log each touch in turn, as a member would: none of them draws a warning.
        return noAsks.every(
          (touch, i) => touchWarnings(ctx(noAsks.slice(0, i), { cadence }), touch).length === 0,
        );
      }),
    );
  });

  test('property: an ask after a silence always warns, whatever came before', () => {
    fc.assert(
      fc.property(history, (h) => {
        const last =
          h
            .map((x) => x.touchedOn)
            .sort()
            .at(-1) ?? '2025-01-01';
        const on = addDays(last, 92);
        return touchWarnings(ctx(h), t(on, 'ask')).some((w) => w.kind === 'after_silence') || h.length === 0;
      }),
    );
  });

  test('property: a give logged between asks always clears the ask-only warning', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 30 }), (h, back) => {
        const on = '2027-03-12';
        const giveOn = addDays(on, -back);
        // The give is the newest touch before the ask.
        const earlier = h.filter((x) => x.touchedOn < giveOn);
        const w = askWarnings(ctx([...earlier, t(giveOn, 'give')]), on).map((x) => x.kind);
        return !w.includes('ask_only');
      }),
    );
  });

  test('property: the follow-up is never sooner than the patience window, nor than 3 days', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -5, max: 60 }), (askedOn, patience) => {
        const f = followUpOn(askedOn, patience);
        return f >= addDays(askedOn, Math.max(3, patience)) && f > askedOn;
      }),
    );
  });
});

describe('flags beside a contact', () => {
  test('ask-only: the latest three touches in 12 months are asks', () => {
    expect(
      isAskOnly([t('2026-02-01', 'ask'), t('2026-01-01', 'ask'), t('2025-12-01', 'ask')], '2026-03-01'),
    ).toBe(true);
    expect(
      isAskOnly([t('2026-02-01', 'ask'), t('2026-01-01', 'give'), t('2025-12-01', 'ask')], '2026-03-01'),
    ).toBe(false);
    expect(isAskOnly([t('2026-02-01', 'ask'), t('2026-01-01', 'ask')], '2026-03-01')).toBe(false);
  });
  test('give next: the latest touch was an ask', () => {
    expect(shouldGiveNext([t('2026-01-01', 'give'), t('2026-02-01', 'ask')])).toBe(true);
    expect(shouldGiveNext([t('2026-03-01', 'give'), t('2026-02-01', 'ask')])).toBe(false);
    expect(shouldGiveNext([])).toBe(false);
  });
});
