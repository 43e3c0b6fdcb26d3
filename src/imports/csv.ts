import { CsvError, parse } from 'csv-parse/sync';
import { restoreCell } from '../domain/export-format';
import { truncate } from '../domain/limits';
import { foldName } from '../domain/names';
import { cleanLine } from '../domain/text-input';
import { collectPeople, parseBirthday, parseConnectedOn, type RawPerson } from './people';
import type { ColumnField, ColumnMapping, ImportFormat, ParseResult } from './types';

interface Row {
  cells: string[];
  /** 1-based line the row starts on. */
  line: number;
}

/** How far down a header may sit: LinkedIn puts a few lines of notes above it. */
const HEADER_SEARCH = 20;
const SAMPLE_ROWS = 5;
const SAMPLE_CELL = 100;

/**
 * The rows of `text` (LF line endings), numbered from `firstLine`; at most `limit` records.
 * Empty lines are kept as records until the end so that counting records and the newlines inside
 * quoted cells gives each row's line (asking the parser for its count costs a third of the time).
 */
function readRows(text: string, firstLine: number, limit?: number): Row[] | { refused: string } {
  let records: string[][];
  try {
    records = parse(text, {
      relax_column_count: true,
      // `Dana "DJ" Lee` unquoted: real exports have it; keep the quotes as written.
      relax_quotes: true,
      ...(limit ? { to: limit } : {}),
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    return {
      refused:
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'A quoted cell in this file never closes, so its rows cannot be told apart: export the file again.'
          : `This file is not a CSV touchbase can read (line ${firstLine - 1 + (line ?? 1)}): export it again as CSV or vCard.`,
    };
  }
  const rows: Row[] = [];
  let line = firstLine;
  for (const cells of records) {
    const start = line;
    line += 1;
    let blank = true;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as string;
      for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) line += 1;
      // In place: a 30,000-row file would otherwise make as many arrays again for the collector.
      cells[i] = cell.trim();
      if (cells[i]) blank = false;
    }
    if (!blank) rows.push({ cells, line: start });
  }
  return rows;
}

/** Where 1-based `line` starts in `text`. */
function offsetOf(text: string, line: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) offset = text.indexOf('\n', offset) + 1;
  return offset;
}

type Columns = (...names: string[]) => number | undefined;

function columnsOf(header: string[]): Columns {
  const folded = header.map((h) => h.toLowerCase());
  return (...names) => {
    for (const name of names) {
      const i = folded.indexOf(name);
      if (i >= 0) return i;
    }
    return undefined;
  };
}

/** A recognised export: how to tell it from its header, and how to read a row. */
interface KnownFormat {
  format: ImportFormat;
  /** Any web address in its profile column is a profile (not only LinkedIn's). */
  anyUrl?: boolean;
  matches: (col: Columns) => boolean;
  read: (header: string[], col: Columns) => (row: Row) => RawPerson;
}

const cell = (row: Row, i: number | undefined) => (i === undefined ? '' : (row.cells[i] ?? ''));
/** Google puts several values in one cell as `a ::: b`. */
const firstOf = (text: string) => text.split(' ::: ')[0] ?? '';
const joinName = (...parts: string[]) => parts.filter(Boolean).join(' ');

function indexesWhere(header: string[], pattern: RegExp): number[] {
  return header.flatMap((h, i) => (pattern.test(h) ? [i] : []));
}

/** The first LinkedIn profile among several web-address cells, else none. */
function linkedinAmong(row: Row, indexes: number[]): string {
  const urls = indexes.flatMap((i) => firstOf(cell(row, i)).split(/\s+/));
  return urls.find((u) => /linkedin\.com\//i.test(u)) ?? '';
}

/** touchbase's export writes a birthday without its year as MM-DD. */
function exportedBirthday(text: string): string | null {
  return parseBirthday(/^\d{2}-\d{2}$/.test(text) ? `--${text}` : text);
}

const KNOWN: KnownFormat[] = [
  {
    // touchbase's own export (src/domain/export-format.ts): read back into the same contacts. Its
    // cells carry a quote before anything a spreadsheet would evaluate; that quote is not the member's.
    // Stored as a CSV import: the export is one.
    format: 'csv',
    anyUrl: true,
    matches: (col) =>
      [col('name'), col('cadence'), col('next due'), col('wants and needs')].every((i) => i !== undefined),
    read: (_header, col) => {
      const [name, company, role, city] = [col('name'), col('company'), col('role'), col('city')];
      const [email, url, connected, birthday] = [
        col('email'),
        col('profile url'),
        col('connected on'),
        col('birthday'),
      ];
      const text = (row: Row, i: number | undefined) => restoreCell(cell(row, i));
      return (row) => ({
        line: row.line,
        name: text(row, name),
        company: text(row, company),
        role: text(row, role),
        city: text(row, city),
        email: text(row, email),
        profileUrl: text(row, url),
        connectedOn: parseConnectedOn(text(row, connected)),
        birthday: exportedBirthday(text(row, birthday)),
      });
    },
  },
  {
    // Connections.csv: First Name, Last Name, URL (not in older exports), Email Address, Company, Position, Connected On.
    format: 'linkedin',
    matches: (col) =>
      [col('first name'), col('last name'), col('connected on')].every((i) => i !== undefined),
    read: (_header, col) => {
      const [first, last, url, email] = [
        col('first name'),
        col('last name'),
        col('url'),
        col('email address'),
      ];
      const [company, position, connected] = [col('company'), col('position'), col('connected on')];
      return (row) => ({
        line: row.line,
        name: joinName(cell(row, first), cell(row, last)),
        company: cell(row, company),
        role: cell(row, position),
        email: cell(row, email),
        profileUrl: cell(row, url),
        connectedOn: parseConnectedOn(cell(row, connected)),
      });
    },
  },
  {
    // Google Contacts, today's export (Organization Name, E-mail 1 - Value) and the older one (Given Name, Organization 1 - Name).
    format: 'google',
    matches: (col) =>
      col('organization name', 'organization 1 - name', 'e-mail 1 - value', 'given name') !== undefined &&
      col('first name', 'given name', 'name') !== undefined,
    read: (header, col) => {
      const [full, first, middle, last] = [
        col('name'),
        col('first name', 'given name'),
        col('middle name', 'additional name'),
        col('last name', 'family name'),
      ];
      const [company, title, email] = [
        col('organization name', 'organization 1 - name'),
        col('organization title', 'organization 1 - title'),
        col('e-mail 1 - value'),
      ];
      const [city, birthday, notes] = [col('address 1 - city'), col('birthday'), col('notes')];
      const websites = indexesWhere(header, /^website \d+ - value$/i);
      return (row) => ({
        line: row.line,
        name: cell(row, full) || joinName(cell(row, first), cell(row, middle), cell(row, last)),
        company: cell(row, company),
        role: cell(row, title),
        city: firstOf(cell(row, city)),
        email: firstOf(cell(row, email)),
        profileUrl: linkedinAmong(row, websites),
        birthday: parseBirthday(cell(row, birthday)),
        note: cell(row, notes),
      });
    },
  },
  {
    // Outlook (desktop and outlook.com): First Name, Company, Job Title, E-mail Address, Business City, Web Page.
    format: 'outlook',
    matches: (col) =>
      col('first name') !== undefined && col('e-mail address', 'job title', 'business city') !== undefined,
    read: (_header, col) => {
      const [first, middle, last] = [col('first name'), col('middle name'), col('last name')];
      const [company, title, email, web] = [
        col('company'),
        col('job title'),
        col('e-mail address'),
        col('web page', 'personal web page'),
      ];
      const cities = [col('business city'), col('home city'), col('other city')];
      const [birthday, notes] = [col('birthday'), col('notes')];
      return (row) => ({
        line: row.line,
        name: joinName(cell(row, first), cell(row, middle), cell(row, last)),
        company: cell(row, company),
        role: cell(row, title),
        city: cities.map((i) => cell(row, i)).find(Boolean),
        email: cell(row, email),
        profileUrl: cell(row, web),
        birthday: parseBirthday(cell(row, birthday)),
        note: cell(row, notes),
      });
    },
  },
];

/** What each field's column tends to be called, for the suggested mapping of an unknown CSV. */
const FIELD_NAMES: [ColumnField, RegExp][] = [
  ['name', /^(full ?name|name|display ?name|contact( name)?|person)$/],
  ['firstName', /^(first|given|fore) ?name$|^first$/],
  ['lastName', /^(last|family|sur) ?name$|^surname$|^last$/],
  ['company', /company|organi[sz]ation|employer|firm/],
  ['role', /title|role|position|job/],
  ['city', /city|town|location/],
  ['email', /mail/],
  ['profileUrl', /linkedin|profile|url|website/],
  ['connectedOn', /connected|since|added/],
];

function suggestMapping(header: string[], nameColumns: number[]): ColumnMapping {
  const suggested: ColumnMapping = {};
  const taken = new Set<number>();
  for (const [field, pattern] of FIELD_NAMES) {
    const i = header.findIndex((h, index) => !taken.has(index) && pattern.test(foldName(h)));
    if (i < 0) continue;
    suggested[field] = i;
    taken.add(i);
  }
  const hasName = ['name', 'firstName', 'lastName'].some((f) => suggested[f as ColumnField] !== undefined);
  const byContent = nameColumns.find((i) => !taken.has(i));
  if (!hasName && byContent !== undefined) suggested.name = byContent;
  return suggested;
}

/** Whether a cell could be a person's name: letters, and not an address, a link, a date or a number. */
function nameLike(text: string): boolean {
  return /\p{L}/u.test(text) && !/[@/]|^www\.|^\d/.test(text);
}

/** The header: the first row as wide as the widest near the top, so notes above it are passed over. */
function findHeader(rows: Row[]): number {
  const top = rows.slice(0, HEADER_SEARCH);
  const known = top.findIndex((row) => KNOWN.some((k) => k.matches(columnsOf(row.cells))));
  if (known >= 0) return known;
  const widest = Math.max(...top.map((row) => row.cells.length));
  return top.findIndex((row) => row.cells.length === widest);
}

function readMapped(header: string[], rows: Row[], mapping: ColumnMapping): ParseResult {
  const indexes = Object.values(mapping);
  if (indexes.some((i) => !Number.isInteger(i) || i < 0 || i >= header.length)) {
    return { kind: 'refused', reason: "Those columns don't fit this file: choose them again." };
  }
  if (mapping.name === undefined && mapping.firstName === undefined && mapping.lastName === undefined) {
    return { kind: 'refused', reason: 'Choose the column that holds names (or first and last names).' };
  }
  const raws = rows.map(
    (row): RawPerson => ({
      line: row.line,
      name: cell(row, mapping.name) || joinName(cell(row, mapping.firstName), cell(row, mapping.lastName)),
      company: cell(row, mapping.company),
      role: cell(row, mapping.role),
      city: cell(row, mapping.city),
      email: cell(row, mapping.email),
      profileUrl: cell(row, mapping.profileUrl),
      connectedOn: parseConnectedOn(cell(row, mapping.connectedOn)),
    }),
  );
  return { kind: 'people', format: 'csv', ...collectPeople(raws, 'line', true) };
}

/** A CSV export: LinkedIn, Google or Outlook by their headers; any other with a header asks how its columns map. */
export function parseCsv(text: string, mapping?: ColumnMapping): ParseResult {
  // One line ending everywhere, so lines count alike and notes keep plain newlines.
  const lf = text.replace(/\r\n?/g, '\n');
  const top = readRows(lf, 1, HEADER_SEARCH);
  if (!Array.isArray(top)) return { kind: 'refused', reason: top.refused };
  const headerLine = top[findHeader(top)]?.line;
  if (headerLine === undefined)
    return { kind: 'refused', reason: 'This file is empty: there is nobody in it to import.' };
  // Read on from the header: the parser takes the first row's width as the rule and makes an
  // error object for every row of another width, so a preamble above it would make 30,000.
  const read = readRows(lf.slice(offsetOf(lf, headerLine)), headerLine);
  if (!Array.isArray(read)) return { kind: 'refused', reason: read.refused };
  const [headerRow, ...rows] = read;
  const header = headerRow?.cells ?? [];
  if (mapping) return readMapped(header, rows, mapping);

  const col = columnsOf(header);
  const known = KNOWN.find((k) => k.matches(col));
  if (known) {
    return {
      kind: 'people',
      format: known.format,
      ...collectPeople(rows.map(known.read(header, col)), 'line', known.anyUrl),
    };
  }

  if (rows.length === 0) {
    return { kind: 'refused', reason: 'This file has a header but no rows of people under it.' };
  }
  const nameColumns = header.flatMap((_h, i) => (rows.some((row) => nameLike(cell(row, i))) ? [i] : []));
  if (nameColumns.length === 0) {
    return {
      kind: 'refused',
      reason: "None of this file's columns holds people's names, so there is nobody to import.",
    };
  }
  return {
    kind: 'needs_mapping',
    header: header.map(cleanLine),
    headerKey: JSON.stringify(header.map(foldName)),
    sample: rows
      .slice(0, SAMPLE_ROWS)
      .map((row) => header.map((_h, i) => truncate(cleanLine(cell(row, i)), SAMPLE_CELL))),
    suggested: suggestMapping(header, nameColumns),
  };
}
