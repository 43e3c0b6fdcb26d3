/**
 * iCalendar (RFC 5545) text, shared by everything touchbase writes as .ics: content lines end in
 * CRLF and are folded at 75 octets; TEXT values escape backslash, semicolon, comma and line breaks.
 */

/** A content line holds at most 75 octets before its CRLF (RFC 5545 §3.1). */
const LINE_OCTETS = 75;

/** Controls other than the line break have no place in a TEXT value (RFC 5545 §3.3.11 excludes CTLs). */
const CONTROLS = /[^\P{Cc}\n]/gu;

/** A TEXT property value: `\` `;` `,` escaped, a line break as `\n`, other controls dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replaceAll('\n', '\\n');
}

/**
 * One content line folded into lines of at most 75 octets, each continuation starting with a space
 * (which counts in its 75). A fold never splits a UTF-8 sequence (it is between code points), nor
 * a backslash from the character it escapes, which some readers do not unfold correctly.
 */
export function foldLine(line: string): string[] {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  const units = line.match(/\\.|[\s\S]/gu) ?? [];
  for (const unit of units) {
    const size = Buffer.byteLength(unit, 'utf8');
    if (octets + size > LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += unit;
    octets += size;
  }
  lines.push(current);
  return lines;
}

/** Content lines as an iCalendar object: each folded, each ending in CRLF. */
export function icsText(lines: readonly string[]): string {
  return lines
    .flatMap(foldLine)
    .map((l) => `${l}\r\n`)
    .join('');
}

/** A DATE value: 2026-03-05 → 20260305. */
export function icsDate(date: string): string {
  return date.replaceAll('-', '');
}

/** A UTC DATE-TIME value: 20260302T100000Z. */
export function icsUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
