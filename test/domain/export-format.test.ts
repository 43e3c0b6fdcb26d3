import fc from 'fast-check';
import {
  CSV_COLUMNS,
  csvHeader,
  csvRow,
  type ExportContact,
  neutraliseCell,
  restoreCell,
} from '../../src/domain/export-format';
import { cleanLine } from '../../src/domain/text-input';
import { parseImport } from '../../src/imports/parse';

/** The export's CSV read back by the importer: touchbase's own format, recognised by its header. */

const contact = (fields: Partial<ExportContact> & { id: number; name: string }): ExportContact => ({
  company: null,
  role: null,
  city: null,
  email: null,
  profileUrl: null,
  slackUserId: null,
  knownSince: null,
  birthday: null,
  cadence: 'quarterly',
  howMet: null,
  wantsNeeds: null,
  addedOn: '2026-01-01',
  lastTouchOn: null,
  nextDueOn: null,
  snoozedUntil: null,
  transitionKind: null,
  transitionOn: null,
  unsorted: false,
  archivedAt: null,
  ...fields,
});

const csvOf = (contacts: ExportContact[]) => Buffer.from(csvHeader() + contacts.map(csvRow).join(''), 'utf8');

function read(contacts: ExportContact[]) {
  const parsed = parseImport(csvOf(contacts));
  if (parsed.kind !== 'people') throw new Error(`expected people, got ${JSON.stringify(parsed)}`);
  return parsed;
}

/** A one-line field as touchbase keeps it (cleaned, never empty), often starting as a formula or a quote would. */
const field = fc
  .tuple(
    fc.constantFrom('', '=', '+', '-', '@', "'", "''", '"', '=HYPERLINK("http://x")'),
    fc.string({ unit: 'binary', maxLength: 60 }),
  )
  .map(([start, rest]) => cleanLine(start + rest))
  .filter((s) => s !== '');

test('a quoted cell reads back as written, and no written cell starts as a formula would', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(restoreCell(neutraliseCell(text))).toBe(text);
      expect(neutraliseCell(text)).not.toMatch(/^[=+\-@\t\r]/);
    }),
  );
  expect(neutraliseCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
  expect(neutraliseCell("'Tis")).toBe("''Tis");
  expect(neutraliseCell('Dana')).toBe('Dana');
});

test('the importer reads every name, company, role and city back exactly, whatever they start with', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 20 }), (rows) => {
      const contacts = rows.map(([name, role, city], i) =>
        contact({ id: i + 1, name, company: `Co ${i}`, role, city }),
      );
      const parsed = read(contacts);
      expect(parsed.skipped).toEqual([]);
      expect(parsed.people.map((p) => [p.name, p.company, p.role, p.city])).toEqual(
        contacts.map((c) => [c.name, c.company, c.role, c.city]),
      );
    }),
    { numRuns: 200 },
  );
});

test('the identity columns read back: email, any profile address, connection date, birthdays with and without a year', () => {
  const parsed = read([
    contact({
      id: 1,
      name: '-Dana',
      company: '+Plus',
      email: 'dana@example.com',
      profileUrl: 'https://www.linkedin.com/in/dana',
      knownSince: '2021-03-01',
      birthday: '07-14',
      wantsNeeds: 'A CFO, "seed" funding,\nand a co-founder',
    }),
    contact({ id: 2, name: '@acme', profileUrl: 'https://acme.example/people/7', birthday: '1985-07-14' }),
  ]);
  expect(parsed.people).toEqual([
    expect.objectContaining({
      name: '-Dana',
      company: '+Plus',
      email: 'dana@example.com',
      profileUrl: 'https://www.linkedin.com/in/dana',
      connectedOn: '2021-03-01',
      birthday: '07-14',
    }),
    expect.objectContaining({
      name: '@acme',
      profileUrl: 'https://acme.example/people/7',
      birthday: '1985-07-14',
    }),
  ]);
});

test('the header is every column, in order, after a byte-order mark', () => {
  expect(csvHeader()).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
});
