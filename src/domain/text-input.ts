/**
 * Text as people and files hand it to touchbase, made safe to store and show. PostgreSQL refuses
 * NUL ("invalid byte sequence") and UTF-16 halves without their pair (they have no UTF-8 form);
 * the other control characters are invisible noise in Slack. Every boundary where text comes in
 * (Slack payloads, imported files) passes it through one of these two, so no later layer has to.
 */

/**
 * C0 and C1 controls (DEL included) other than tab and newline, and unpaired surrogates: with the
 * `u` flag a surrogate pair is one code point, so only a lone half falls in D800–DFFF.
 */
const UNWANTED = /[^\P{Cc}\t\n]|[\uD800-\uDFFF]/gu;

/**
 * Anything cleanLine would change besides the ends, lone surrogates aside: a control, two spaces, a
 * space other than ' '. Lone surrogates are found by `isWellFormed` instead: a surrogate range in
 * this test made an import of 30,000 rows peak 13 MB higher (bench:import).
 */
const UNTIDY_LINE = /\p{Cc}|\s\s|[^\S ]/u;

/** Anything cleanText would change besides the ends, lone surrogates aside: a control other than tab and newline. */
const UNTIDY_TEXT = /[^\P{Cc}\t\n]/u;

/** Whether a string has no UTF-16 half without its pair (String.prototype.isWellFormed, Node 20; not yet in TypeScript's ES2023 lib). */
const wellFormed = (t: string): boolean => (t as string & { isWellFormed(): boolean }).isWellFormed();

/** A one-line field (a name, a company, a search): controls dropped, runs of whitespace (newlines too) one space, trimmed. */
export function cleanLine(text: string | null | undefined): string {
  const t = text ?? '';
  // Most input is tidy already: skip the replacements (an import has hundreds of thousands of cells).
  if (!UNTIDY_LINE.test(t) && wellFormed(t)) return t.trim();
  return t.replace(UNWANTED, '').replace(/\s+/g, ' ').trim();
}

/** A multi-line field (a note, wants and needs): line breaks kept as \n, tabs kept, other controls dropped, trimmed. */
export function cleanText(text: string | null | undefined): string {
  const t = (text ?? '').replace(/\r\n?/g, '\n');
  if (!UNTIDY_TEXT.test(t) && wellFormed(t)) return t.trim();
  return t.replace(UNWANTED, '').trim();
}
