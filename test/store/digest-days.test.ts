import type { Db } from '../../src/store/db';
// The app's type parsers, registered as in the running app.
import '../../src/store/db';
import { eraseMember } from '../../src/store/erase';
import { deleteMemberRows } from '../../src/store/workspaces';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { tuplesRead } from '../support/tuples';

/*
 * No index on digests leads with the member (migration 030): the erase and the purge find a member's
 * or a workspace's digests through the primary key, one date at a time. Here 2,000 members in 40
 * workspaces have 300 days of digests each (600,000 rows: on a table much smaller, reading it whole
 * is cheaper, and PostgreSQL rightly does); erasing one member, or purging a batch of
 * one workspace's, must read about their own digests, not the table. Counted in tuples read, inside a
 * transaction rolled back: a plan, not a clock. (PostgreSQL 18 finds them by skipping through the
 * primary key on its own; 14 to 17 read the whole table without the list of dates.)
 */

const MEMBERS = 2000;
const DAYS = 300;

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.pool;
  await db.query(
    `INSERT INTO members (team_id, user_id, created_at)
     SELECT 'T' || (g % 40), 'U' || g, now() FROM generate_series(1, $1::int) g`,
    [MEMBERS],
  );
  await db.query(
    `INSERT INTO digests (team_id, user_id, local_date, state, next_attempt_at, created_at, sent_at)
     SELECT 'T' || (g % 40), 'U' || g, DATE '2026-01-01' + d, 'sent', now(), now(), now()
     FROM generate_series(1, $1::int) g, generate_series(0, $2::int - 1) d`,
    [MEMBERS, DAYS],
  );
  // A workspace of one member, installed last: its digests lie at the end of the table.
  await db.query(
    `INSERT INTO members (team_id, user_id, created_at) VALUES ('T0LAST', 'U0LAST', now());
     INSERT INTO digests (team_id, user_id, local_date, state, next_attempt_at, created_at, sent_at)
     SELECT 'T0LAST', 'U0LAST', DATE '2026-01-01' + d, 'sent', now(), now(), now() FROM generate_series(0, ${DAYS - 1}) d`,
  );
  await db.query('ANALYZE digests');
});
afterAll(() => database.drop());

test("erasing a member deletes their digests of every day, reading theirs, not every member's", async () => {
  const read = await tuplesRead(db, 'digests', (sql) => eraseMember(sql, { teamId: 'T7', userId: 'U7' }));
  expect(read).toBeLessThan(DAYS * 10);
  // And for real: every day's digest of theirs is gone, and only theirs.
  await eraseMember(db, { teamId: 'T8', userId: 'U8' });
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE user_id = 'U8')::int AS theirs, count(*)::int AS "all" FROM digests`,
  );
  expect(rows[0]).toEqual({ theirs: 0, all: MEMBERS * DAYS });
});

test("a purge's batch of a workspace's digests reads that workspace's, not every workspace's", async () => {
  let batch = 0;
  const read = await tuplesRead(db, 'digests', async (sql) => {
    batch = await deleteMemberRows(sql, 'digests', { teamId: 'T0LAST', userId: null }, 500);
  });
  expect(batch).toBe(DAYS);
  expect(read).toBeLessThan(DAYS * 10);
});
