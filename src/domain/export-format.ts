/**
 * What `/touchbase export` writes: the contacts CSV (which `/touchbase import` reads back into the
 * same contacts) and the versioned JSON of everything a member has. docs/export-format.md describes
 * both; a change to either shape that a reader would notice raises EXPORT_VERSION.
 */

export const EXPORT_VERSION = 1;

export const CSV_FILE_NAME = 'touchbase-contacts.csv';
export const JSON_FILE_NAME = 'touchbase-export.json';

/** One contact as the export writes it (JSON) and as the CSV's row is made from. Dates are YYYY-MM-DD. */
export interface ExportContact {
  id: number;
  name: string;
  company: string | null;
  role: string | null;
  city: string | null;
  email: string | null;
  profileUrl: string | null;
  slackUserId: string | null;
  knownSince: string | null;
  /** MM-DD, or YYYY-MM-DD when the year is known. */
  birthday: string | null;
  cadence: string;
  howMet: string | null;
  wantsNeeds: string | null;
  addedOn: string;
  lastTouchOn: string | null;
  nextDueOn: string | null;
  snoozedUntil: string | null;
  transitionKind: string | null;
  transitionOn: string | null;
  unsorted: boolean;
  archivedAt: Date | null;
}

/**
 * The CSV's columns, in order. `/touchbase import` knows this header as touchbase's own (src/imports/csv.ts):
 * it matches people on Name with Company, Email and Profile URL, and takes Role, City, Connected On and
 * Birthday, so a re-import of an unchanged export changes nothing.
 */
export const CSV_COLUMNS = [
  'Name',
  'Company',
  'Role',
  'City',
  'Email',
  'Profile URL',
  'Connected On',
  'Birthday',
  'Cadence',
  'Last touch',
  'Next due',
  'Snoozed until',
  'How you know them',
  'Wants and needs',
  'Archived',
] as const;

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return at the
 * start) is written after a single quote, which spreadsheets show as text; a cell that already starts
 * with a quote gets one more, so reading strips exactly one quote from any cell that starts with one
 * and the round trip is exact.
 */
const NEEDS_QUOTE_PREFIX = /^[=+\-@\t\r']/;

export function neutraliseCell(value: string): string {
  return NEEDS_QUOTE_PREFIX.test(value) ? `'${value}` : value;
}

/** The cell as the export wrote it, before the quote that kept a spreadsheet from evaluating it. */
export function restoreCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/** RFC 4180: a cell with a comma, a quote, a line break or edge spaces is quoted, its quotes doubled. */
function csvCell(value: string | null): string {
  const text = neutraliseCell(value ?? '');
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CRLF = '\r\n';

/** The byte-order mark tells spreadsheets the file is UTF-8; the importer skips it. */
export function csvHeader(): string {
  return `\uFEFF${CSV_COLUMNS.map(csvCell).join(',')}${CRLF}`;
}

export function csvRow(c: ExportContact): string {
  const cells: (string | null)[] = [
    c.name,
    c.company,
    c.role,
    c.city,
    c.email,
    c.profileUrl,
    c.knownSince,
    c.birthday,
    c.cadence,
    c.lastTouchOn,
    c.nextDueOn,
    c.snoozedUntil,
    c.howMet,
    c.wantsNeeds,
    c.archivedAt ? 'yes' : 'no',
  ];
  return `${cells.map(csvCell).join(',')}${CRLF}`;
}
