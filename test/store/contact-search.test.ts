import fc from 'fast-check';
import { CADENCES, type Cadence } from '../../src/domain/cadence';
import { addDays, type LocalDate } from '../../src/domain/dates';
import { foldName, matchName } from '../../src/domain/names';
import { byUrgency, nextDueOn } from '../../src/domain/schedule';
import { contactPage, contactsNamed, pickContacts } from '../../src/store/contact-search';
import { CONTACT_COLUMNS, type Contact } from '../../src/store/contacts';
import type { Db } from '../../src/store/db';
// The app's type parsers (ids as numbers), registered as in the running app.
import '../../src/store/db';
import { type MemberRef, upsertMember } from '../../src/store/members';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** Monday 2 March 2026. */
const NOW = new Date('2026-03-02T12:00:00Z');
const TODAY = '2026-03-02';

const ANA: MemberRef = { teamId: 'T0ONE', userId: 'U0ANA' };
const BEN: MemberRef = { teamId: 'T0ONE', userId: 'U0BEN' };
/** Ana's user id in another workspace: another member. */
const ANA_ELSEWHERE: MemberRef = { teamId: 'T0TWO', userId: 'U0ANA' };

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.pool;
  for (const m of [ANA, BEN, ANA_ELSEWHERE]) await upsertMember(db, m, NOW);
});
afterAll(() => database.drop());

interface Spec {
  name: string;
  company?: string | null;
  role?: string | null;
  city?: string | null;
  cadence?: Cadence;
  addedOn?: LocalDate;
  lastTouchOn?: LocalDate | null;
  snoozedUntil?: LocalDate | null;
  transitionOn?: LocalDate | null;
  archived?: boolean;
}

let members = 0;
/** A member of their own, so every test (and every generated network) starts from nobody. */
async function newMember(): Promise<MemberRef> {
  members += 1;
  const member = { teamId: 'T0ONE', userId: `U0M${members}` };
  await upsertMember(db, member, NOW);
  return member;
}

/**
 * Writes the contacts as the app would leave them: next_due_on is the domain's nextDueOn of each
 * one's state. Plain SQL on purpose: the keys the search reads must follow whatever writes a name.
 */
async function addContacts(member: MemberRef, specs: Spec[]): Promise<Contact[]> {
  const rows = specs.map((s) => {
    const state = {
      cadence: s.cadence ?? 'quarterly',
      addedOn: s.addedOn ?? '2025-06-01',
      lastTouchOn: s.lastTouchOn ?? null,
      snoozedUntil: s.snoozedUntil ?? null,
      transitionOn: s.transitionOn ?? null,
    };
    return {
      name: s.name,
      company: s.company ?? null,
      role: s.role ?? null,
      city: s.city ?? null,
      ...state,
      nextDueOn: nextDueOn(state),
      archived: s.archived ?? false,
    };
  });
  if (rows.length === 0) return [];
  const { rows: inserted } = await db.query<Contact>(
    `INSERT INTO contacts (team_id, user_id, name, company, role, city, cadence, added_on, last_touch_on,
                           snoozed_until, transition_kind, transition_on, next_due_on, archived_at,
                           created_at, updated_at)
     SELECT $1::text, $2::text, c.name, c.company, c.role, c.city, c.cadence, c."addedOn", c."lastTouchOn",
            c."snoozedUntil", CASE WHEN c."transitionOn" IS NOT NULL THEN 'new_job' END, c."transitionOn",
            c."nextDueOn", CASE WHEN c.archived THEN $4::timestamptz END, $4::timestamptz, $4::timestamptz
     FROM jsonb_to_recordset($3::jsonb) AS c (
       position int, name text, company text, role text, city text, cadence text, "addedOn" date,
       "lastTouchOn" date, "snoozedUntil" date, "transitionOn" date, "nextDueOn" date, archived boolean)
     ORDER BY c.position
     RETURNING ${CONTACT_COLUMNS}`,
    [member.teamId, member.userId, JSON.stringify(rows.map((r, position) => ({ position, ...r }))), NOW],
  );
  // Ids are given in insertion order, which is the specs' order.
  return inserted.sort((a, b) => a.id - b.id);
}

/** All the member's contacts, archived ones too, for the domain functions to judge. */
async function allContacts(member: MemberRef): Promise<Contact[]> {
  const { rows } = await db.query<Contact>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE team_id = $1::text AND user_id = $2::text ORDER BY id`,
    [member.teamId, member.userId],
  );
  return rows;
}

/** `/touchbase list [search]` as it was computed in memory before: the reference. */
function expectedList(contacts: Contact[], search: string, today: LocalDate): Contact[] {
  const q = foldName(search);
  const matches = (c: Contact) =>
    [c.name, c.company, c.role, c.city].some((f) => f && foldName(f).includes(q));
  return byUrgency(
    contacts.filter((c) => !c.archived && (q === '' || matches(c))),
    today,
  );
}

const ids = (contacts: { id: number }[]) => contacts.map((c) => c.id);
const page = (
  member: MemberRef,
  search: string,
  p: number,
  pageSize = 20,
  today = TODAY,
  countCap?: number,
) => contactPage(db, member, { search, today, page: p, pageSize, countCap });

describe('folding, as foldName does it', () => {
  test.each([
    ['zurich', 'Zürich'],
    ['ANN', 'Ann'],
    ['jose', 'José'],
    ['łodz', 'Łódź'],
    ['ΑΝΝΑ', 'Άννα'],
    ['анна', 'АННА'],
    ['οδος', 'ΟΔΟΣ'],
    ['jurgen muller', '  JÜRGEN   Müller '],
    ['fiona', 'ﬁona'],
    ['ab', 'Ａｂ'],
  ])('"%s" finds "%s" in a list search, a name lookup and the picker', async (query, name) => {
    expect(foldName(name).includes(foldName(query))).toBe(true);
    const member = await newMember();
    const [contact] = await addContacts(member, [{ name }, { name: 'Someone Else' }]);
    expect(ids((await page(member, query, 0)).contacts)).toEqual([contact?.id]);
    expect(await contactsNamed(db, member, query, { archived: false, limit: 25 })).toEqual({
      kind: 'one',
      contact,
    });
    expect(ids(await pickContacts(db, member, query, 10))).toEqual([contact?.id]);
  });

  test('"lodz" does not find "Łódź": Ł has no decomposition, in foldName as here', async () => {
    expect(foldName('Łódź').includes('lodz')).toBe(false);
    const member = await newMember();
    await addContacts(member, [{ name: 'Łódź' }]);
    expect((await page(member, 'lodz', 0)).total).toBe(0);
    expect(await contactsNamed(db, member, 'lodz', { archived: false, limit: 25 })).toEqual({ kind: 'none' });
  });

  test('contact_fold agrees with foldName on every character of the scripts names are written in', async () => {
    const blocks: [number, number][] = [
      [0x20, 0x24f], // Latin, Latin-1, Latin Extended-A and -B
      [0x370, 0x52f], // Greek, Cyrillic and its supplement
      [0x590, 0x6ff], // Hebrew, Arabic
      [0x900, 0x97f], // Devanagari
      [0xe00, 0xe7f], // Thai
      [0x1e00, 0x1fff], // Latin Extended Additional, Greek Extended
      [0x2000, 0x206f], // spaces and punctuation
      [0x3000, 0x30ff], // CJK punctuation, kana
      [0xac00, 0xac7f], // Hangul syllables
      [0xff00, 0xffef], // full and half width forms
    ];
    const samples: string[] = [];
    for (const [from, to] of blocks)
      for (let cp = from; cp <= to; cp++) samples.push(`A${String.fromCodePoint(cp)}b`);
    // Context matters to lower case (a final sigma) and to white space (runs, ends).
    samples.push('ΟΔΟΣ ΣΑΣ', 'ΣΑΣ', 'Σ', ' \t Ann \u00a0\u2003 Lee \n', 'e\u0301\u0327', 'İstanbul', 'ǅemal');
    const { rows } = await db.query<{ folded: string[] }>(
      'SELECT array_agg(contact_fold(s) ORDER BY i) AS folded FROM unnest($1::text[]) WITH ORDINALITY AS t (s, i)',
      [samples],
    );
    const differ = samples.filter((s, i) => rows[0]?.folded[i] !== foldName(s));
    expect(
      differ.map((s) => `${s} (${[...s].map((c) => c.codePointAt(0)?.toString(16)).join(' ')})`),
    ).toEqual([]);
  });
});

describe('the list: contactPage', () => {
  test('orders exactly as byUrgency: most overdue for its cadence first, no cadence last, then name, id', async () => {
    const member = await newMember();
    await addContacts(member, [
      { name: 'Zoë', cadence: 'biweekly', lastTouchOn: '2026-02-01' }, // 14 days late on 14: ratio 1
      { name: 'ann', cadence: 'monthly', lastTouchOn: '2026-01-01' }, // 1 day late on 30
      { name: 'Ann', cadence: 'quarterly', lastTouchOn: '2025-09-02' }, // 91 days late on 91: ratio 1
      { name: 'Ánn', cadence: 'quarterly', lastTouchOn: '2025-09-02' },
      { name: 'Bob', cadence: 'yearly', lastTouchOn: '2026-02-01' }, // not due
      { name: 'Carl', cadence: 'none' },
      { name: 'alma', cadence: 'none', transitionOn: '2026-02-20' }, // due, but no length: last
      { name: 'Émile', cadence: 'semiannual', snoozedUntil: '2026-12-01' },
      { name: 'Dora', cadence: 'monthly', transitionOn: '2026-02-25' },
    ]);
    const all = await allContacts(member);
    const got = await page(member, '', 0);
    expect(ids(got.contacts)).toEqual(ids(expectedList(all, '', TODAY)));
    expect(got.contacts).toEqual(expectedList(all, '', TODAY));
    expect(got.total).toBe(9);
  });

  test('pages of 20: boundaries, and a page past the end shows the last', async () => {
    const member = await newMember();
    await addContacts(
      member,
      Array.from({ length: 45 }, (_, i) => ({
        name: `Person ${String(i).padStart(2, '0')}`,
        cadence: CADENCES[i % CADENCES.length] as Cadence,
        lastTouchOn: addDays('2025-10-01', i * 3),
      })),
    );
    const expected = ids(expectedList(await allContacts(member), '', TODAY));
    for (const [asked, shown] of [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 2],
      [99, 2],
      [-4, 0],
    ] as const) {
      const got = await page(member, '', asked);
      expect({ page: got.page, total: got.total }).toEqual({ page: shown, total: 45 });
      expect(ids(got.contacts)).toEqual(expected.slice(shown * 20, shown * 20 + 20));
    }
    // Exactly two full pages: the third asked for is the second.
    const two = await page(member, '', 5, 15);
    expect({ page: two.page, n: two.contacts.length }).toEqual({ page: 2, n: 15 });
    expect(ids(two.contacts)).toEqual(expected.slice(30, 45));
    expect((await page(member, '', 1, 45)).page).toBe(0);
  });

  test('nobody to show: page 0 of nothing', async () => {
    const member = await newMember();
    expect(await page(member, '', 3)).toEqual({ contacts: [], total: 0, more: false, page: 0 });
    await addContacts(member, [{ name: 'Ann' }]);
    expect(await page(member, 'zed', 3)).toEqual({ contacts: [], total: 0, more: false, page: 0 });
  });

  test('searches name, company, role and city, each field alone', async () => {
    const member = await newMember();
    const [ann, bob, cy, dee] = await addContacts(member, [
      { name: 'Ann', company: 'Acme' },
      { name: 'Bob', role: 'Directrice générale' },
      { name: 'Cy', city: 'Zürich' },
      { name: 'Dee', company: 'Acme', city: 'Berlin' },
    ]);
    const search = async (s: string) => ids((await page(member, s, 0)).contacts).sort((a, b) => a - b);
    expect(await search('acme')).toEqual(ids([ann, dee] as Contact[]));
    expect(await search('GENERALE')).toEqual(ids([bob] as Contact[]));
    expect(await search('zurich')).toEqual(ids([cy] as Contact[]));
    // A match never spans two fields.
    expect(await search('acme berlin')).toEqual([]);
    expect(await search('   ')).toHaveLength(4);
  });

  test('archived contacts and other members’ contacts never show', async () => {
    const member = await newMember();
    const [kept] = await addContacts(member, [{ name: 'Ann Lee' }, { name: 'Ann Old', archived: true }]);
    for (const other of [BEN, ANA_ELSEWHERE, ANA]) {
      await addContacts(other, [{ name: 'Ann Lee' }, { name: 'Ann Other', city: 'Ann Arbor' }]);
    }
    expect(await page(member, 'ann', 0)).toEqual({ contacts: [kept], total: 1, more: false, page: 0 });
    expect(await page(member, '', 0)).toEqual({ contacts: [kept], total: 1, more: false, page: 0 });
    const ana = await page(ANA, 'ann', 0);
    expect(ana.total).toBe(2);
    expect(ana.contacts.every((c) => !ids([kept as Contact]).includes(c.id))).toBe(true);
  });
});

describe('names: contactsNamed', () => {
  test('a single exact folded name wins over names containing it; several exact ones are a choice', async () => {
    const member = await newMember();
    const [ann, , , sam1, sam2] = await addContacts(member, [
      { name: 'Ann Lee' },
      { name: 'Annabel Smith' },
      { name: 'Jürgen Müller' },
      { name: 'Sam Park' },
      { name: 'SAM  park' },
    ]);
    const named = (q: string, limit = 25) => contactsNamed(db, member, q, { archived: false, limit });
    expect(await named('ann lee')).toEqual({ kind: 'one', contact: ann });
    expect(await named('jurgen')).toMatchObject({ kind: 'one', contact: { name: 'Jürgen Müller' } });
    expect(await named('sam park')).toEqual({ kind: 'many', contacts: [sam1, sam2] });
    expect(await named('ann')).toMatchObject({
      kind: 'many',
      contacts: [{ name: 'Ann Lee' }, { name: 'Annabel Smith' }],
    });
    expect(await named('ann', 1)).toMatchObject({ kind: 'many', contacts: [{ name: 'Ann Lee' }] });
    expect(await named('zed')).toEqual({ kind: 'none' });
    expect(await named('  ')).toEqual({ kind: 'none' });
  });

  test('looks among archived or active contacts as asked, and only the member’s own', async () => {
    const member = await newMember();
    const [active, archived] = await addContacts(member, [
      { name: 'Ann Lee' },
      { name: 'Ann Lee', archived: true },
    ]);
    await addContacts(BEN, [{ name: 'Ann Lee' }]);
    await addContacts(ANA_ELSEWHERE, [{ name: 'Ann Lee' }]);
    expect(await contactsNamed(db, member, 'ann lee', { archived: false, limit: 25 })).toEqual({
      kind: 'one',
      contact: active,
    });
    expect(await contactsNamed(db, member, 'ANN', { archived: true, limit: 25 })).toEqual({
      kind: 'one',
      contact: archived,
    });
  });

  test('a renamed contact is found by the new name: the keys follow any UPDATE', async () => {
    const member = await newMember();
    const [contact] = await addContacts(member, [{ name: 'Ann Lee', city: 'Paris' }]);
    await db.query(`UPDATE contacts SET name = 'Zoë Ångström', city = 'Zürich' WHERE id = $1::bigint`, [
      contact?.id,
    ]);
    expect(await contactsNamed(db, member, 'zoe angstrom', { archived: false, limit: 25 })).toMatchObject({
      kind: 'one',
      contact: { id: contact?.id },
    });
    expect((await page(member, 'zurich', 0)).total).toBe(1);
    expect((await page(member, 'paris', 0)).total).toBe(0);
  });
});

describe('the picker: pickContacts', () => {
  test('active contacts whose folded name contains the query: earliest match first, then name, id', async () => {
    const member = await newMember();
    await addContacts(member, [
      { name: 'Joanna', company: 'Acme' },
      { name: 'Anna', company: 'Globex' },
      { name: 'Hanna' },
      { name: 'ANNA' },
      { name: 'Ann Old', archived: true },
      { name: 'Bob' },
    ]);
    await addContacts(BEN, [{ name: 'Anna' }]);
    const picked = await pickContacts(db, member, 'ánn', 10);
    expect(picked.map((p) => p.name)).toEqual(['Anna', 'ANNA', 'Hanna', 'Joanna']);
    expect(picked[0]).toEqual({ id: expect.any(Number), name: 'Anna', company: 'Globex' });
    expect((await pickContacts(db, member, 'ann', 2)).map((p) => p.name)).toEqual(['Anna', 'ANNA']);
    expect((await pickContacts(db, member, '', 10)).map((p) => p.name)).toEqual([
      'Anna',
      'ANNA',
      'Bob',
      'Hanna',
      'Joanna',
    ]);
  });
});

describe('parity with the domain on generated networks', () => {
  // Letters as people write names: plain, accented (precomposed and combining), other scripts, a
  // ligature, full-width, with the odd space, hyphen and apostrophe.
  const letters = [
    ...'aaeeiinnoorsstlmkAEINORSTLMK',
    ...'áÁàâäÄãåÅæçÇéÉèêëíîïñÑóÓôöÖõøØœśšŠşüÜúýÿžŽłŁđßı',
    ...'αβγδεΑΒΓΔΕΣσςάΆ',
    ...'абвгдеАБВГДЕёЁй',
    'e\u0301',
    'n\u0303',
    'ﬁ',
    'Ａ',
  ];
  const separators = [' ', ' ', '  ', '-', "'", '\u00a0'];
  const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 6 }).map((l) => l.join(''));
  const text = fc
    .tuple(word, fc.array(fc.tuple(fc.constantFrom(...separators), word), { maxLength: 2 }))
    .map(([first, rest]) => first + rest.map(([s, w]) => s + w).join(''));
  // A few days shared by many contacts make ties in urgency, which the name then breaks.
  const date = fc
    .oneof(fc.constantFrom(-400, -120, -30, 0), fc.integer({ min: -500, max: 200 }))
    .map((d) => addDays(TODAY, d));
  const spec: fc.Arbitrary<Spec> = fc.record({
    name: text,
    company: fc.option(text),
    role: fc.option(text, { freq: 3 }),
    city: fc.option(text),
    cadence: fc.constantFrom(...CADENCES),
    addedOn: date,
    lastTouchOn: fc.option(date),
    snoozedUntil: fc.option(date, { freq: 4 }),
    transitionOn: fc.option(date, { freq: 4 }),
    archived: fc.nat(5).map((n) => n === 0),
  });
  /** What a member types: part of a name or field, in another case, with or without accents, or anything. */
  const query = (specs: Spec[]) =>
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            ...specs.flatMap((s) => [s.name, s.company, s.city].filter((f): f is string => !!f)),
          ),
          fc.nat(),
          fc.nat(),
          fc.constantFrom('same', 'upper', 'lower', 'folded'),
        )
        .map(([f, a, b, how]) => {
          const chars = [...f];
          const part = chars.slice(a % chars.length, (a % chars.length) + 1 + (b % 8)).join('');
          if (how === 'upper') return part.toUpperCase();
          if (how === 'lower') return part.toLowerCase();
          return how === 'folded' ? foldName(part) : part;
        }),
      text,
      fc.constant(''),
      fc.constant(''),
    );

  test('contactPage gives byUrgency’s order, the foldName filter’s members and the same pages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(spec, { minLength: 1, maxLength: 40, size: 'max' }).chain((specs) =>
          fc.tuple(
            fc.constant(specs),
            query(specs),
            fc.oneof(fc.integer({ min: 1, max: 7 }), fc.constant(40)),
            fc.nat(8),
            // A search's count cap, small enough to be reached here as well as not.
            fc.integer({ min: 1, max: 30 }),
          ),
        ),
        async ([specs, search, pageSize, asked, countCap]) => {
          const member = await newMember();
          await addContacts(member, specs);
          const expected = expectedList(await allContacts(member), search, TODAY);
          // Counted up to the cap or the page after the one asked for; past it the total is a floor
          // and the page asked for is shown, since the cap leaves a page beyond it.
          const cap = Math.max(countCap, (asked + 2) * pageSize);
          const more = foldName(search) !== '' && expected.length > cap;
          const last = Math.max(0, Math.ceil(expected.length / pageSize) - 1);
          const shown = Math.min(asked, last);
          expect(await page(member, search, asked, pageSize, TODAY, countCap)).toEqual({
            contacts: expected.slice(shown * pageSize, (shown + 1) * pageSize),
            total: more ? cap : expected.length,
            more,
            page: shown,
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  test('contactsNamed answers as matchName, and pickContacts finds what foldName finds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(spec, { minLength: 1, maxLength: 30, size: 'max' })
          .chain((specs) => fc.tuple(fc.constant(specs), query(specs), fc.boolean())),
        async ([specs, q, archived]) => {
          const member = await newMember();
          await addContacts(member, specs);
          const all = await allContacts(member);
          const candidates = all
            .filter((c) => c.archived === archived)
            .sort((a, b) => compare(foldName(a.name), foldName(b.name)) || a.id - b.id);
          const expected = matchName(q, candidates);
          const limit = 25;
          if (expected.kind === 'many') expected.contacts = expected.contacts.slice(0, limit);
          expect(await contactsNamed(db, member, q, { archived, limit })).toEqual(expected);

          const fq = foldName(q);
          const picked = all
            .filter((c) => !c.archived && foldName(c.name).includes(fq))
            .map((c) => {
              const key = foldName(c.name);
              // strpos counts characters (code points), not UTF-16 units.
              return { c, key, at: [...key.slice(0, key.indexOf(fq))].length };
            })
            .sort((a, b) => a.at - b.at || compare(a.key, b.key) || a.c.id - b.c.id)
            .slice(0, 10)
            .map(({ c }) => ({ id: c.id, name: c.name, company: c.company }));
          expect(await pickContacts(db, member, q, 10)).toEqual(picked);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** Code point order, which is the byte order ("C") the keys sort in. */
function compare(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) as number);
  const y = [...b].map((c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++)
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}
