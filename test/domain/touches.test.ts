import fc from 'fast-check';
import { addDays } from '../../src/domain/dates';
import { balanceLastYear, TOUCH_INTENTS } from '../../src/domain/touches';

describe('give/ask balance over the last 12 months', () => {
  test('counts each intent inside the window only', () => {
    const touches = [
      { touchedOn: '2026-03-01', intent: 'give' as const },
      { touchedOn: '2026-02-01', intent: 'ask' as const },
      { touchedOn: '2025-03-02', intent: 'ask' as const },
      { touchedOn: '2025-03-01', intent: 'ask' as const },
      { touchedOn: '2026-01-01', intent: 'catch_up' as const },
    ];
    expect(balanceLastYear(touches, '2026-03-01')).toEqual({ gives: 1, asks: 2, catchUps: 1 });
  });

  test('property: the counts add up to the touches inside the window', () => {
    const touch = fc.record({
      touchedOn: fc.integer({ min: -800, max: 0 }).map((n) => addDays('2026-06-01', n)),
      intent: fc.constantFrom(...TOUCH_INTENTS),
    });
    fc.assert(
      fc.property(fc.array(touch, { maxLength: 50 }), (touches) => {
        const b = balanceLastYear(touches, '2026-06-01');
        return b.gives + b.asks + b.catchUps === touches.filter((t) => t.touchedOn > '2025-06-01').length;
      }),
    );
  });
});
