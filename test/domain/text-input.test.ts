import fc from 'fast-check';
import { cleanLine, cleanText } from '../../src/domain/text-input';

/** What PostgreSQL refuses or Slack shows as nothing: controls (C0 but tab and newline, DEL, C1) and lone surrogates. */
const UNWANTED = /[^\P{Cc}\t\n]|[\uD800-\uDFFF]/u;

describe('text as it enters touchbase', () => {
  test.each([
    ['Ann\u0000 Lee', 'Ann Lee'],
    ['  Ann   Lee  ', 'Ann Lee'],
    ['Acme\r\nCorp', 'Acme Corp'],
    ['tab\there', 'tab here'],
    ['x\uD800y\uDC00z', 'xyz'],
    ['\u0085\u009f\u007fok\u001b', 'ok'],
    ['Zoë 😀 ＡＢＣ', 'Zoë 😀 ＡＢＣ'],
    [null, ''],
  ])('a one-line field: %j becomes %j', (input, expected) => {
    expect(cleanLine(input)).toBe(expected);
  });

  test.each([
    ['met at\r\nschool\u0000', 'met at\nschool'],
    ['a\rb', 'a\nb'],
    ['col1\tcol2\n\nnext', 'col1\tcol2\n\nnext'],
    ['\u0007bell\uDBFF', 'bell'],
  ])('a multi-line field: %j becomes %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  test('whatever comes in, nothing unwanted comes out, a second pass changes nothing, and a one-line field has no line break', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const line = cleanLine(s);
        const text = cleanText(s);
        expect(line).not.toMatch(UNWANTED);
        expect(line).not.toMatch(/[\n\t]/);
        expect(text).not.toMatch(UNWANTED);
        expect(cleanLine(line)).toBe(line);
        expect(cleanText(text)).toBe(text);
        // Valid UTF-16 all through: it has a UTF-8 form for PostgreSQL.
        expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
