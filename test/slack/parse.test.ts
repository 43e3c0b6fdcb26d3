import { parseCommand } from '../../src/slack/listeners/commands/parse';

describe('reading /touchbase text', () => {
  test.each([
    ['', { kind: 'sub', sub: 'help', arg: '' }],
    ['   ', { kind: 'sub', sub: 'help', arg: '' }],
    ['help', { kind: 'sub', sub: 'help', arg: '' }],
    ['add Ada Lovelace', { kind: 'sub', sub: 'add', arg: 'Ada Lovelace' }],
    ['LOG   Ada  ', { kind: 'sub', sub: 'log', arg: 'Ada' }],
    ['list', { kind: 'sub', sub: 'list', arg: '' }],
    ['frobnicate now', { kind: 'unknown', word: 'frobnicate' }],
  ])('"%s"', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});
