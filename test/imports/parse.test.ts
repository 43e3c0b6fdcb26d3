import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { MAX_IMPORT_BYTES, parseImport } from '../../src/imports/parse';
import type { ImportedPerson, ParseResult } from '../../src/imports/types';

const fixture = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', 'import', name));

function people(result: ParseResult) {
  if (result.kind !== 'people') throw new Error(`expected people, got ${JSON.stringify(result)}`);
  return result;
}

/** A person as the parser makes them, with only the fields a case names. */
const person = (fields: Partial<ImportedPerson>): ImportedPerson => ({
  name: '',
  company: null,
  role: null,
  city: null,
  email: null,
  profileUrl: null,
  connectedOn: null,
  birthday: null,
  note: null,
  line: 0,
  cut: [],
  ...fields,
});

describe('formats are told from the content, whatever the file is called', () => {
  test.each([
    ['linkedin-Connections.csv', 'linkedin'],
    ['linkedin-old-no-url.csv', 'linkedin'],
    ['linkedin-edge-cases.csv', 'linkedin'],
    ['google-contacts.csv', 'google'],
    ['google-contacts-old.csv', 'google'],
    ['outlook-contacts.csv', 'outlook'],
    ['google-contacts.vcf', 'vcard'],
    ['vcard4.vcf', 'vcard'],
    ['vcard21-latin1.vcf', 'vcard'],
  ])('%s is read as %s', (file, format) => {
    expect(people(parseImport(fixture(file))).format).toBe(format);
  });

  test('a vCard saved as .csv is still a vCard', () => {
    // The name never enters: only the bytes are passed.
    expect(people(parseImport(fixture('google-contacts.vcf'))).format).toBe('vcard');
  });
});

describe('what each export gives', () => {
  test.each<[string, ImportedPerson[]]>([
    [
      // BOM, CRLF, the "Notes:" preamble, a quoted comma, an empty email, Connected On as DD Mon YYYY.
      'linkedin-Connections.csv',
      [
        person({
          name: 'Priya Sharma',
          company: 'Stripe, Inc.',
          role: 'Technical Recruiter',
          profileUrl: 'https://www.linkedin.com/in/priya-sharma-1a2b3c',
          connectedOn: '2024-03-12',
          line: 5,
        }),
        person({
          name: 'Marcus Okafor',
          company: 'Roddenberry Foundation',
          role: 'Program Director',
          email: 'marcus.okafor@example.org',
          profileUrl: 'https://www.linkedin.com/in/marcus-okafor',
          connectedOn: '2023-01-03',
          line: 6,
        }),
        person({
          name: 'Lena Fischer',
          company: 'Freelance',
          role: 'Consultant, Nonprofit Strategy',
          profileUrl: 'https://www.linkedin.com/in/lenafischer',
          connectedOn: '2021-02-28',
          line: 7,
        }),
        person({
          name: 'Dana Lee',
          profileUrl: 'https://www.linkedin.com/in/dana-lee-42',
          connectedOn: '2025-11-17',
          line: 8,
        }),
      ],
    ],
    [
      // An older export: no URL column, LF, no BOM, no preamble.
      'linkedin-old-no-url.csv',
      [
        person({
          name: 'Tomás Ruiz',
          company: 'Globex',
          role: 'CTO',
          email: 'tomas.ruiz@example.com',
          connectedOn: '2017-06-05',
          line: 2,
        }),
        person({
          name: 'Aiko Tanaka',
          company: 'Initech',
          role: 'Head of Product, EMEA',
          connectedOn: '2016-09-19',
          line: 3,
        }),
      ],
    ],
    [
      // Today's Google export: several emails in one cell, the LinkedIn profile among the websites, a note and an address over two lines each.
      'google-contacts.csv',
      [
        person({
          name: 'Marcus Okafor',
          company: 'Roddenberry Foundation',
          role: 'Program Director',
          city: 'Washington',
          email: 'Marcus.Okafor@example.org',
          profileUrl: 'https://www.linkedin.com/in/marcus-okafor',
          birthday: '07-14',
          note: 'Met at StartingBloc.\nLikes chess',
          line: 2,
        }),
        person({
          name: 'Lena Fischer',
          company: 'Freelance',
          role: 'Consultant',
          city: 'Berlin',
          birthday: '1988-02-29',
          line: 5,
        }),
      ],
    ],
    [
      'google-contacts-old.csv',
      [
        person({
          name: 'Grace Hopper',
          company: 'US Navy',
          role: 'Rear Admiral',
          city: 'Arlington',
          email: 'grace@navy.example',
          profileUrl: 'https://www.linkedin.com/in/grace-hopper',
          birthday: '1906-12-09',
          line: 2,
        }),
      ],
    ],
    [
      // Outlook: month-first birthdays, 0/0/00 for none, the business city before the home one.
      'outlook-contacts.csv',
      [
        person({
          name: 'Jürgen Müller',
          company: 'Contoso',
          role: 'Head of Sales',
          city: 'Munich',
          email: 'jurgen@contoso.example',
          profileUrl: 'https://www.linkedin.com/in/juergen-mueller',
          birthday: '1985-07-14',
          note: 'Met at the Berlin meetup',
          line: 2,
        }),
        person({ name: 'Ola Nordmann', company: 'Fabrikam', city: 'Oslo', line: 3 }),
      ],
    ],
    [
      // Google's vCard 3.0: typed EMAIL, ADR's city, item1.URL with an escaped colon, \n and \, in NOTE, --MM-DD.
      'google-contacts.vcf',
      [
        person({
          name: 'Marcus Okafor',
          company: 'Roddenberry Foundation',
          role: 'Program Director',
          city: 'Washington',
          email: 'marcus.okafor@example.org',
          profileUrl: 'https://www.linkedin.com/in/marcus-okafor',
          birthday: '07-14',
          note: 'Met at StartingBloc.\nWants intros to climate founders, seed stage.',
          line: 1,
        }),
        person({ name: 'Lena Fischer', company: 'Freelance', role: 'Consultant', city: 'Berlin', line: 2 }),
      ],
    ],
    [
      // vCard 4.0: a fold inside a two-byte character, the preferred email, X-SOCIALPROFILE, --MMDD and YYYYMMDD, N without FN.
      'vcard4.vcf',
      [
        person({
          name: 'Zoë Ångström',
          company: 'Globex, Inc.',
          role: 'VP Engineering',
          city: 'Cupertino',
          email: 'zoe@globex.example',
          profileUrl: 'https://www.linkedin.com/in/zoe-angstrom',
          birthday: '07-14',
          note: 'Loves long walks; hates small talk.\nSecond line with a long sentence that the exporter folded in the middle of a word.',
          line: 1,
        }),
        person({ name: 'Kenji Nakamura', birthday: '1985-07-14', line: 2 }),
      ],
    ],
    [
      // vCard 2.1 from an old phone: QUOTED-PRINTABLE in Latin-1 and UTF-8, a raw Latin-1 value, a soft line break.
      'vcard21-latin1.vcf',
      [
        person({
          name: 'Jürgen Müller',
          company: 'Bäckerei Schön',
          role: 'Gérant',
          city: 'Köln',
          birthday: '1970-01-31',
          note: 'Kennt sich mit Brötchen aus, sehr lange Notiz die umgebrochen wurde\nzweite Zeile',
          line: 1,
        }),
      ],
    ],
  ])('%s', (file, expected) => {
    expect(people(parseImport(fixture(file))).people).toEqual(expected);
  });
});

describe('rows that are left out say why', () => {
  test('LinkedIn: no name, and the same profile written another way, are skipped; the rest kept as typed', () => {
    const result = people(parseImport(fixture('linkedin-edge-cases.csv')));
    expect(result.skipped).toEqual([
      { line: 8, reason: 'no name' },
      { line: 9, reason: 'the same person as line 5' },
    ]);
    expect(result.people.map((p) => [p.line, p.name, p.company, p.role])).toEqual([
      [5, 'Ana Souza', 'Acme, Inc.', 'Director, Partnerships'],
      // Cells that start with = + - @ are plain text: kept exactly, never evaluated.
      [7, '=HYPERLINK("http://evil.example") Mallory', '+Plus Co', '@handle'],
      [10, '-Dash Lee', null, null],
      [11, 'Dana "DJ" Lee', null, null],
    ]);
    expect(result.people[0]?.profileUrl).toBe('https://www.linkedin.com/in/ana-souza');
  });

  test('Google: a card with only a company has no name', () => {
    expect(people(parseImport(fixture('google-contacts.csv'))).skipped).toEqual([
      { line: 6, reason: 'no name' },
    ]);
  });

  test('vCard: a card with no FN or N, and one cut off by the end of the file', () => {
    expect(people(parseImport(fixture('vcard4.vcf'))).skipped).toEqual([{ line: 3, reason: 'no name' }]);
    expect(people(parseImport(fixture('vcard21-latin1.vcf'))).skipped).toEqual([
      { line: 2, reason: 'the file ends in the middle of this card' },
    ]);
  });

  test('the same email (case ignored), or the same name and company, is one person; a different profile is not', () => {
    const csv = [
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Sam,Park,,sam@x.example,Acme,,01 Jan 2024',
      'Sam,Park,,SAM@X.EXAMPLE,Other,,01 Jan 2024',
      'Séverine,Roy,,,Acme,,01 Jan 2024',
      'severine,ROY,,,acme,,01 Jan 2024',
      'Wei,Zhang,https://www.linkedin.com/in/wei-1,,,,01 Jan 2024',
      'Wei,Zhang,https://www.linkedin.com/in/wei-2,,,,01 Jan 2024',
    ].join('\n');
    const result = people(parseImport(Buffer.from(csv)));
    expect(result.skipped).toEqual([
      { line: 3, reason: 'the same person as line 2' },
      { line: 5, reason: 'the same person as line 4' },
    ]);
    expect(result.people.map((p) => p.line)).toEqual([2, 4, 6, 7]);
  });

  test('control characters are dropped, and a name typed over two lines is one line', () => {
    const csv = 'First Name,Last Name,Connected On\n"Ana\u0007","So\nuza\t",\n';
    expect(people(parseImport(Buffer.from(csv))).people.map((p) => p.name)).toEqual(['Ana So uza']);
  });

  test('a NUL from quoted-printable, a C1 control or a lone surrogate in a vCard never reaches a field', () => {
    const card =
      'BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:Ana=00 Sou=C2=85za\nNOTE:line one\\nline two\u0007\nEND:VCARD\n';
    const [read] = people(parseImport(Buffer.from(card))).people;
    expect(read).toMatchObject({ name: 'Ana Souza', note: 'line one\nline two' });
  });

  test('a connection date or a birthday outside the years 1900–2200 is left out, not stored', () => {
    const csv =
      'First Name,Last Name,Connected On\nAna,Early,01 Mar 0001\nBo,Late,9999-12-31\nCy,Fine,01 Mar 2021\n';
    expect(people(parseImport(Buffer.from(csv))).people.map((p) => p.connectedOn)).toEqual([
      null,
      null,
      '2021-03-01',
    ]);
    const card =
      'BEGIN:VCARD\nVERSION:3.0\nFN:Di\nBDAY:9999-07-14\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Ed\nBDAY:1985-07-14\nEND:VCARD\n';
    expect(people(parseImport(Buffer.from(card))).people.map((p) => p.birthday)).toEqual([
      null,
      '1985-07-14',
    ]);
  });

  test('cells over the field limits are cut, and the cut fields named', () => {
    const longName = 'N'.repeat(250);
    const card = `BEGIN:VCARD\nVERSION:3.0\nFN:${longName}\nORG:${'C'.repeat(201)}\nNOTE:${'x'.repeat(3500)}\nTITLE:Fine\nEND:VCARD\n`;
    const [cut] = people(parseImport(Buffer.from(card))).people;
    expect(cut?.name).toHaveLength(200);
    expect(cut?.name.endsWith('…')).toBe(true);
    expect(cut?.note).toHaveLength(3000);
    expect(cut?.role).toBe('Fine');
    expect(cut?.cut).toEqual(['name', 'company', 'note']);
  });

  test('an email too long to be one is dropped and named; a word where an email goes is just not an email', () => {
    const csv = `First Name,Last Name,Email Address,Connected On\nAna,Long,${'a'.repeat(320)}@x.example,\nBo,Word,n/a,\n`;
    const result = people(parseImport(Buffer.from(csv)));
    expect(result.people.map((p) => [p.email, p.cut])).toEqual([
      [null, ['email']],
      [null, []],
    ]);
  });
});

describe('bad files get one clear sentence, and nothing else', () => {
  test.each([
    ['pdf-renamed.csv', /^This is a PDF, not a contacts file/],
    ['empty.csv', /^This file is empty/],
    ['bom-only.csv', /^This file is empty/],
    ['binary.csv', /^This file holds binary data, not text/],
    ['invalid-utf8.csv', /^This file is not UTF-8 text \(line 3 is not\)/],
    ['no-names.csv', /^None of this file's columns holds people's names/],
    ['unclosed-quote.csv', /^A quoted cell in this file never closes/],
  ])('%s', (file, reason) => {
    const result = parseImport(fixture(file));
    expect(result).toEqual({ kind: 'refused', reason: expect.stringMatching(reason) });
    if (result.kind === 'refused')
      expect(result.reason.split(/[.!?](\s|$)/).filter((s) => s.trim())).toHaveLength(1);
  });

  test('a file over 20 MB (here 50 MB) is refused before it is read', () => {
    expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024);
    expect(parseImport(Buffer.alloc(50 * 1024 * 1024, 0x61))).toEqual({
      kind: 'refused',
      reason: 'This file is over 20 MB, more than touchbase reads at once: split it into smaller files.',
    });
    expect(parseImport(Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61)).kind).toBe('refused');
  });

  test('a zip (a LinkedIn archive not unzipped, an .xlsx) is named as such', () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]);
    expect(parseImport(zip)).toEqual({
      kind: 'refused',
      reason: expect.stringMatching(/^This is a zip archive/),
    });
  });

  test('a vCard value in bytes that are not UTF-8 and that name no character set', () => {
    const card = Buffer.concat([
      Buffer.from('BEGIN:VCARD\nVERSION:3.0\nFN:J'),
      Buffer.from([0xfc]),
      Buffer.from('rgen\nEND:VCARD\n'),
    ]);
    expect(parseImport(card)).toEqual({
      kind: 'refused',
      reason:
        'Card 1 is not UTF-8 text and names no other character set: export the contacts again as vCard 3.0 or 4.0.',
    });
  });

  test('a vCard CHARSET nobody knows', () => {
    const card = 'BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=X-KLINGON:Worf\nEND:VCARD\n';
    expect(parseImport(Buffer.from(card))).toEqual({
      kind: 'refused',
      reason: expect.stringMatching(/^Card 1 uses a character set touchbase cannot read \(X-KLINGON\)/),
    });
  });

  test('a UTF-16 export (Excel "Unicode text") is read', () => {
    const text = '\ufeffFirst Name,Last Name,Connected On\r\nAna,Souza,01 Jan 2024\r\n';
    const utf16 = Buffer.from(text, 'utf16le');
    expect(people(parseImport(utf16)).people.map((p) => p.name)).toEqual(['Ana Souza']);
  });
});

describe('any other CSV with a header: its columns are mapped', () => {
  test('the header, a stable key, a sample and a suggested mapping come back', () => {
    const result = parseImport(fixture('other-columns.csv'));
    expect(result).toEqual({
      kind: 'needs_mapping',
      header: ['Contact', 'Employer', 'Job title', 'Town', 'Mail', 'LinkedIn', 'Added'],
      headerKey: JSON.stringify(['contact', 'employer', 'job title', 'town', 'mail', 'linkedin', 'added']),
      sample: [
        [
          'Ana Souza',
          'Acme',
          'CEO',
          'Lisbon',
          'ana@acme.example',
          'https://www.linkedin.com/in/ana-souza',
          '2024-01-02',
        ],
        ['Bo Lin', 'Initech', 'CTO', 'Taipei', '', '', ''],
      ],
      suggested: { name: 0, company: 1, role: 2, city: 3, email: 4, profileUrl: 5, connectedOn: 6 },
    });
  });

  test('the key is the same for the same header however it is cased or spaced', () => {
    const a = parseImport(Buffer.from('Who,Where\nAna,Lisbon\n'));
    const b = parseImport(Buffer.from('\ufeff WHO , where\r\nBo,Porto\r\n'));
    expect(a.kind === 'needs_mapping' && b.kind === 'needs_mapping' && a.headerKey === b.headerKey).toBe(
      true,
    );
  });

  test('a column of names is suggested from what it holds when its header says nothing', () => {
    const result = parseImport(Buffer.from('col1,col2\n42,Ana Souza\n43,Bo Lin\n'));
    expect(result.kind === 'needs_mapping' && result.suggested).toEqual({ name: 1 });
  });

  test('with the mapping chosen, people come back; any web address counts as the profile the member mapped', () => {
    const mapping = { name: 0, company: 1, role: 2, city: 3, email: 4, profileUrl: 5, connectedOn: 6 };
    const result = people(parseImport(fixture('other-columns.csv'), { mapping }));
    expect(result.format).toBe('csv');
    expect(result.people).toEqual([
      person({
        name: 'Ana Souza',
        company: 'Acme',
        role: 'CEO',
        city: 'Lisbon',
        email: 'ana@acme.example',
        profileUrl: 'https://www.linkedin.com/in/ana-souza',
        connectedOn: '2024-01-02',
        line: 2,
      }),
      person({ name: 'Bo Lin', company: 'Initech', role: 'CTO', city: 'Taipei', line: 3 }),
    ]);
    const homepage = people(
      parseImport(Buffer.from('Who,Site\nAna,https://ana.example/\n'), {
        mapping: { name: 0, profileUrl: 1 },
      }),
    );
    expect(homepage.people[0]?.profileUrl).toBe('https://ana.example/');
  });

  test('first and last name columns make the name', () => {
    const result = people(
      parseImport(Buffer.from('Given,Family\nAna,Souza\n'), { mapping: { firstName: 0, lastName: 1 } }),
    );
    expect(result.people.map((p) => p.name)).toEqual(['Ana Souza']);
  });

  test('a mapping without a name column, or with a column the file does not have, is refused', () => {
    expect(parseImport(fixture('other-columns.csv'), { mapping: { company: 1 } })).toEqual({
      kind: 'refused',
      reason: 'Choose the column that holds names (or first and last names).',
    });
    expect(parseImport(fixture('other-columns.csv'), { mapping: { name: 7 } })).toEqual({
      kind: 'refused',
      reason: "Those columns don't fit this file: choose them again.",
    });
  });

  test('a header with no rows under it', () => {
    expect(parseImport(Buffer.from('Who,Where\n'))).toEqual({
      kind: 'refused',
      reason: 'This file has a header but no rows of people under it.',
    });
  });
});

/** Quotes a cell as csv-stringify does: when it holds a delimiter, a quote, a line break, or edge spaces. */
const quote = (cell: string) => (/[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

describe('names round-trip through any CSV quoting', () => {
  const char = fc.constantFrom(...'aZéÅß李 ,"\n\r=+-@\'\\;:😀'.split(/(?:)/u));
  const namePart = fc
    .array(char, { minLength: 1, maxLength: 12 })
    .map((cs) => cs.join(''))
    .filter((s) => /[^\s]/.test(s));

  test('every generated name comes back, on the line it starts on', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(namePart, namePart), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (names, eol, bom) => {
          const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
          const rows = names.map(([first, last], i) =>
            [first, last, `https://www.linkedin.com/in/p${i}`, '', '', '', '01 Mar 2021']
              .map(quote)
              .join(','),
          );
          const text = `${bom ? '\ufeff' : ''}${[header, ...rows].join(eol)}${eol}`;
          const result = people(parseImport(Buffer.from(text)));
          const expected = names.map(([first, last]) =>
            `${first.trim()} ${last.trim()}`.replace(/\s+/g, ' '),
          );
          expect(result.people.map((p) => p.name)).toEqual(expected);
          let line = 2;
          const lines = names.map(([first, last]) => {
            const at = line;
            // Each cell's line breaks count apart: "a\r" then "\na" is two of them, not one CRLF.
            line += 1 + [first, last].reduce((n, part) => n + part.split(/\r\n|\r|\n/).length - 1, 0);
            return at;
          });
          expect(result.people.map((p) => p.line)).toEqual(lines);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a full LinkedIn export', () => {
  test('30,000 rows are all read', () => {
    const header =
      'Notes:\r\n"Some notes"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n';
    const rows = Array.from(
      { length: 30_000 },
      (_, i) =>
        `Person${i},"Last, ${i}",https://www.linkedin.com/in/person-${i},${i % 3 ? '' : `p${i}@example.com`},Company ${i % 500},"Role, ${i % 40}",${String((i % 28) + 1).padStart(2, '0')} Mar 2021`,
    );
    const bytes = Buffer.from(`\ufeff${header}${rows.join('\r\n')}\r\n`);
    const result = people(parseImport(bytes));
    expect(result.people).toHaveLength(30_000);
    expect(result.skipped).toEqual([]);
    expect(result.people[29_999]).toMatchObject({ name: 'Person29999 Last, 29999', line: 30_004 });
    // How fast is measured by `npm run bench:import`, not here: these machines are too noisy to time tests.
  });
});
