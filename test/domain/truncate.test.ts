import fc from 'fast-check';
import { truncate } from '../../src/domain/limits';

/* Text cut to a field's length: by code points, never splitting an emoji, marked with an ellipsis. */

test('text within the limit stays as it is; longer text is cut to the limit with an ellipsis', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.integer({ min: 1, max: 30 }),
      (text, max) => {
        const points = Array.from(text);
        const cut = truncate(text, max);
        if (points.length <= max) return cut === text;
        return Array.from(cut).length === max && cut === `${points.slice(0, max - 1).join('')}…`;
      },
    ),
  );
});

test('an emoji at the cut is kept whole or left out, never halved', () => {
  expect(truncate('ab😀😀', 3)).toBe('ab…');
  expect(truncate('a😀😀b', 3)).toBe('a😀…');
  // Four UTF-16 units, two code points: within a limit of 2.
  expect(truncate('😀😀', 2)).toBe('😀😀');
});
