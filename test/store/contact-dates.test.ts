import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { nextOccurrence } from '../../src/domain/contact-dates';
import type { Db } from '../../src/store/db';
// The app's type parsers (ids as numbers), registered as in the running app.
import '../../src/store/db';
import { datesBetween } from '../../src/store/contact-dates';
import { type MemberRef, upsertMember } from '../../src/store/members';
import { MIGRATIONS_DIR, migrate } from '../../src/store/migrate';
import { createTestDatabase, silentLogger, type TestDatabase } from '../support/database';

/*
 * datesBetween: what the calendar feed reads. Every occurrence of the member's own dates in a range
 * (years apart too), of active, sorted contacts only, soonest first.
 */

const NOW = new Date('2026-03-02T10:00:00Z');
const ALICE: MemberRef = { teamId: 'T0ONE', userId: 'U0ALICE' };
const BOB: MemberRef = { teamId: 'T0ONE', userId: 'U0BOB' };

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.pool;
  for (const m of [ALICE, BOB]) await upsertMember(db, m, NOW);
});
afterAll(() => database.drop());

async function contact(
  member: MemberRef,
  name: string,
  opts: { archived?: boolean; unsorted?: boolean } = {},
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, archived_at, unsorted, created_at, updated_at)
     VALUES ($1, $2, $3, 'none', '2026-01-01', $4, $5, now(), now()) RETURNING id`,
    [member.teamId, member.userId, name, opts.archived ? NOW : null, opts.unsorted ?? false],
  );
  return Number(rows[0]?.id);
}

async function date(member: MemberRef, contactId: number, label: string, month: number, day: number) {
  await db.query(
    `INSERT INTO contact_dates (team_id, user_id, contact_id, kind, label, month, day, next_on, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '2026-12-31', now())`,
    [member.teamId, member.userId, contactId, label === 'birthday' ? 'birthday' : 'other', label, month, day],
  );
}

test('every occurrence in the range, soonest first, with 29 February on the 28th in other years', async () => {
  const leah = await contact(ALICE, 'Leah');
  await date(ALICE, leah, 'birthday', 2, 29);
  const sam = await contact(ALICE, 'Sam');
  await date(ALICE, sam, 'work anniversary', 3, 1);
  await date(ALICE, await contact(ALICE, 'Archie', { archived: true }), 'birthday', 2, 28);
  await date(ALICE, await contact(ALICE, 'Una', { unsorted: true }), 'birthday', 2, 28);
  await date(BOB, await contact(BOB, 'Bobs Friend'), 'birthday', 2, 28);

  const found = await datesBetween(db, ALICE, '2027-02-01', '2028-03-01');
  expect(found.map((d) => [d.name, d.label, d.occurs])).toEqual([
    ['Leah', 'birthday', '2027-02-28'],
    ['Sam', 'work anniversary', '2027-03-01'],
    ['Leah', 'birthday', '2028-02-29'],
    ['Sam', 'work anniversary', '2028-03-01'],
  ]);
  expect(found[0]).toMatchObject({ contactId: leah, kind: 'birthday', month: 2, day: 29, year: null });
  expect(await datesBetween(db, BOB, '2027-02-01', '2027-03-01')).toHaveLength(1);
  expect(await datesBetween(db, ALICE, '2027-03-02', '2028-02-27')).toEqual([]);
});

test('birthdays imported before dates existed become birthday dates, next from the day the migration runs', async () => {
  const legacy = await createTestDatabase({ migrate: false });
  const before = await mkdtemp(path.join(os.tmpdir(), 'touchbase-migrations-'));
  try {
    for (const file of await readdir(MIGRATIONS_DIR)) {
      if (file < '024') await symlink(path.join(MIGRATIONS_DIR, file), path.join(before, file));
    }
    await migrate(legacy.pool, silentLogger, before);
    const pool = legacy.pool;
    // Written as that release wrote them.
    await pool.query(
      `INSERT INTO members (team_id, user_id, created_at) VALUES ('T0ONE', 'U0ANA', now());
       INSERT INTO contacts (team_id, user_id, name, cadence, added_on, birthday, created_at, updated_at)
       VALUES ('T0ONE', 'U0ANA', 'Leap', 'none', '2026-01-01', '02-29', now(), now()),
              ('T0ONE', 'U0ANA', 'Full', 'none', '2026-01-01', '1985-04-12', now(), now()),
              ('T0ONE', 'U0ANA', 'None', 'none', '2026-01-01', NULL, now(), now())`,
    );
    await migrate(pool, silentLogger);
    const today = (await pool.query<{ d: string }>('SELECT current_date::text AS d')).rows[0]?.d as string;
    const { rows } = await pool.query(
      `SELECT c.name, d.kind, d.month, d.day, d.year, d.next_on::text AS next_on
       FROM contact_dates d JOIN contacts c ON c.id = d.contact_id ORDER BY c.name`,
    );
    expect(rows).toEqual([
      {
        name: 'Full',
        kind: 'birthday',
        month: 4,
        day: 12,
        year: 1985,
        next_on: nextOccurrence({ month: 4, day: 12 }, today),
      },
      {
        name: 'Leap',
        kind: 'birthday',
        month: 2,
        day: 29,
        year: null,
        next_on: nextOccurrence({ month: 2, day: 29 }, today),
      },
    ]);
  } finally {
    await legacy.drop();
    await rm(before, { recursive: true, force: true });
  }
});
