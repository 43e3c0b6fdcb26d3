import type { Db } from '../../src/store/db';
// The app's type parsers (counts as numbers), registered as in the running app.
import '../../src/store/db';
import { contactPage } from '../../src/store/contact-search';
import { loadHomeInput } from '../../src/store/home';
import { createTestDatabase, type TestDatabase } from '../support/database';

/*
 * The size of each member's network (active contacts), kept in member_networks by the contacts'
 * triggers (migration 032), is what counting the contacts would say after any write: one row or
 * many, archive and restore, deletes, a member's erasure, concurrent writers. The Home and the list
 * show it.
 */

const TODAY = '2026-03-04';
const TEAM = 'T0NET';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.pool;
  await db.query(
    `INSERT INTO members (team_id, user_id, created_at) SELECT $1, 'U' || g, now() FROM generate_series(1, 4) g`,
    [TEAM],
  );
});
afterAll(() => database.drop());

/** Each member's kept size beside their counted one, for every member with either. */
async function sizes(): Promise<{ kept: Record<string, number>; counted: Record<string, number> }> {
  const kept = await db.query<{ user_id: string; n: number }>(
    'SELECT user_id, active_contacts AS n FROM member_networks WHERE team_id = $1 AND active_contacts <> 0',
    [TEAM],
  );
  const counted = await db.query<{ user_id: string; n: number }>(
    `SELECT user_id, count(*)::int AS n FROM contacts WHERE team_id = $1 AND archived_at IS NULL GROUP BY 1`,
    [TEAM],
  );
  const byUser = (rows: { user_id: string; n: number }[]) =>
    Object.fromEntries(rows.map((r) => [r.user_id, r.n]));
  return { kept: byUser(kept.rows), counted: byUser(counted.rows) };
}

async function expectKeptAsCounted(): Promise<void> {
  const { kept, counted } = await sizes();
  expect(kept).toEqual(counted);
}

const insert = (user: string, count: number, archivedEvery = 0) =>
  db.query(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, archived_at, created_at, updated_at)
     SELECT $1, $2, 'Person ' || g, 'monthly', DATE '${TODAY}', DATE '${TODAY}' + g % 60,
            CASE WHEN $4::int > 0 AND g % $4::int = 0 THEN now() END, now(), now()
     FROM generate_series(1, $3::int) g`,
    [TEAM, user, count, archivedEvery],
  );

test('one contact, an import of many with archived ones among them, and a second member', async () => {
  await insert('U1', 1);
  await insert('U1', 500, 10);
  await insert('U2', 30);
  await expectKeptAsCounted();
  expect((await sizes()).kept).toEqual({ U1: 451, U2: 30 });
});

test('archiving, restoring, and edits that leave the archive alone', async () => {
  await db.query(
    `UPDATE contacts SET archived_at = now() WHERE team_id = $1 AND user_id = 'U1' AND archived_at IS NULL AND id % 3 = 0`,
    [TEAM],
  );
  await expectKeptAsCounted();
  await db.query(
    `UPDATE contacts SET archived_at = NULL WHERE team_id = $1 AND user_id = 'U1' AND archived_at IS NOT NULL AND id % 2 = 0`,
    [TEAM],
  );
  await db.query(`UPDATE contacts SET city = 'Zürich' WHERE team_id = $1`, [TEAM]);
  // Archived again when already archived: no change in the count.
  await db.query(`UPDATE contacts SET archived_at = now() WHERE team_id = $1 AND archived_at IS NOT NULL`, [
    TEAM,
  ]);
  await expectKeptAsCounted();
});

test('deleting contacts, a contact moved between members, and a member erased with their contacts', async () => {
  await db.query(`DELETE FROM contacts WHERE team_id = $1 AND user_id = 'U1' AND id % 5 = 0`, [TEAM]);
  await db.query(
    `UPDATE contacts SET user_id = 'U3' WHERE id IN (SELECT id FROM contacts WHERE team_id = $1 AND user_id = 'U2' LIMIT 7)`,
    [TEAM],
  );
  await expectKeptAsCounted();
  await db.query(`DELETE FROM members WHERE team_id = $1 AND user_id = 'U2'`, [TEAM]);
  await expectKeptAsCounted();
  const gone = await db.query(`SELECT 1 FROM member_networks WHERE team_id = $1 AND user_id = 'U2'`, [TEAM]);
  expect(gone.rowCount).toBe(0);
});

test('two writers adding to one member at once both count', async () => {
  const before = (await sizes()).counted.U4 ?? 0;
  const a = await db.connect();
  const b = await db.connect();
  try {
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query(
      `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, created_at, updated_at)
       SELECT $1, 'U4', 'A ' || g, 'monthly', DATE '${TODAY}', now(), now() FROM generate_series(1, 40) g`,
      [TEAM],
    );
    // b's count waits for a's row lock, then adds to what a committed.
    const second = b.query(
      `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, created_at, updated_at)
       SELECT $1, 'U4', 'B ' || g, 'monthly', DATE '${TODAY}', now(), now() FROM generate_series(1, 25) g`,
      [TEAM],
    );
    await a.query('COMMIT');
    await second;
    await b.query('COMMIT');
  } finally {
    a.release();
    b.release();
  }
  await expectKeptAsCounted();
  expect((await sizes()).kept.U4).toBe(before + 65);
});

test('the Home and the list show the kept size', async () => {
  const member = { teamId: TEAM, userId: 'U1' };
  const { counted } = await sizes();
  const home = await loadHomeInput(db, member, TODAY);
  expect(home.totals?.network).toBe(counted.U1);
  const page = await contactPage(db, member, { search: '', today: TODAY, page: 0, pageSize: 10 });
  expect(page.total).toBe(counted.U1);
});
