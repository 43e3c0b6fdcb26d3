import { parseCsv } from './csv';
import type { ColumnMapping, ParseResult } from './types';
import { parseVcards } from './vcard';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const refused = (reason: string): ParseResult => ({ kind: 'refused', reason });

/** Files people pick by mistake, known by their first bytes, and what to say about each. */
const SIGNATURES: [bytes: number[], reason: string][] = [
  [
    [0x25, 0x50, 0x44, 0x46],
    'This is a PDF, not a contacts file: export your contacts as CSV or vCard (.vcf) and pick that.',
  ],
  [
    [0x50, 0x4b, 0x03, 0x04],
    'This is a zip archive or a spreadsheet workbook, not a CSV: unzip the export (LinkedIn sends Connections.csv inside a zip) or save the sheet as CSV.',
  ],
  [
    [0xd0, 0xcf, 0x11, 0xe0],
    'This is an Excel or Outlook file, not a CSV: save or export your contacts as CSV or vCard (.vcf).',
  ],
];

const BINARY = 'This file holds binary data, not text: touchbase reads CSV and vCard (.vcf) files.';

/** A UTF-16 file (Excel's "Unicode text", some Windows exports) as UTF-8 bytes; others as they are. */
function asUtf8(bytes: Buffer): Buffer {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return bytes;
  return Buffer.from(new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes), 'utf8');
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The 1-based line holding the first bytes that are not UTF-8. */
function firstBadLine(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    try {
      decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end < 0) return line;
    start = end + 1;
  }
}

/**
 * Reads an uploaded contacts file, telling its format from its content (never its name):
 * LinkedIn, Google or Outlook CSV, vCard, or another CSV whose columns the member maps
 * (`opts.mapping`). Anything else gets one sentence saying why and what to do.
 */
export function parseImport(input: Buffer, opts: { mapping?: ColumnMapping } = {}): ParseResult {
  if (input.length > MAX_IMPORT_BYTES) {
    return refused(
      'This file is over 20 MB, more than touchbase reads at once: split it into smaller files.',
    );
  }
  for (const [signature, reason] of SIGNATURES) {
    if (signature.every((byte, i) => input[i] === byte)) return refused(reason);
  }
  const utf8 = asUtf8(input);
  const bytes = utf8.subarray(0, 3).equals(UTF8_BOM) ? utf8.subarray(3) : utf8;
  if (bytes.every((byte) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d))) {
    return refused('This file is empty: there is nobody in it to import.');
  }
  // vCards are read byte by byte: a card may name its own character set.
  if (/^\s*BEGIN:VCARD/i.test(bytes.subarray(0, 64).toString('latin1'))) return parseVcards(bytes);
  if (bytes.includes(0)) return refused(BINARY);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refused(
      `This file is not UTF-8 text (line ${firstBadLine(bytes)} is not): save or export it as "CSV UTF-8" and pick it again.`,
    );
  }
  return parseCsv(text, opts.mapping);
}
