import { closestWord } from '../../src/domain/suggest';

const WORDS = ['add', 'log', 'list', 'due', 'show', 'intro', 'intros', 'settings', 'help'];

test.each([
  ['lsit', 'list'],
  ['LIST', 'list'],
  ['lst', 'list'],
  ['ad', 'add'],
  ['intor', 'intro'],
  ['sett', 'settings'],
  ['setings', 'settings'],
  ['frobnicate', undefined],
  ['x', undefined],
  ['', undefined],
])('"%s" → %s', (typed, expected) => {
  expect(closestWord(typed, WORDS)).toBe(expected);
});
