import type { Db, Sql } from '../../src/store/db';
// The app's type parsers (ids as numbers), registered as in the running app.
import '../../src/store/db';
import { contactsNamed, pickContacts } from '../../src/store/contact-search';
import { dueCandidates } from '../../src/store/due';
import { loadHomeInput } from '../../src/store/home';
import { type MemberRef, upsertMember } from '../../src/store/members';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { digestInputOf } from '../support/digest-input';
import { tuplesRead } from '../support/tuples';

/*
 * Right after an import, PostgreSQL's statistics still describe the network as it was (empty, for a
 * new member): until autovacuum analyses the table, the planner believes a member has one contact.
 * The interactive reads must still read the network a few times at most, not once per cadence or
 * per row they show: such plans read 2,000 to 4,000 times the network here (10 to 20 million
 * tuples; 26 s for one Home under load, past every Slack deadline). What a read costs is counted here in tuples PostgreSQL
 * reports for contacts and its indexes, inside the read's own transaction: a plan, not a clock.
 */

const TODAY = '2026-03-04';
const NETWORK = 5000;
const member: MemberRef = { teamId: 'T0STALE', userId: 'U0STALE' };

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.pool;
  // As before autovacuum's first visit: no statistics gathered after the load.
  await db.query('ALTER TABLE contacts SET (autovacuum_enabled = false)');
  await upsertMember(db, member, new Date(`${TODAY}T12:00:00Z`));
  await db.query(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, last_touch_on, next_due_on,
                           transition_kind, transition_on, unsorted, created_at, updated_at)
     SELECT $1, $2, 'Person ' || g,
            (ARRAY['none', 'biweekly', 'monthly', 'quarterly', 'yearly'])[1 + g % 5],
            DATE '2024-01-01' + (g % 700),
            CASE WHEN g % 3 = 0 THEN DATE '2025-01-01' + (g % 400) END,
            CASE WHEN g % 5 <> 0 THEN DATE '2026-02-01' + (g % 90) END,
            CASE WHEN g % 250 = 0 THEN 'new_job' END,
            CASE WHEN g % 250 = 0 THEN DATE '2026-03-01' END,
            g % 5 = 0, now(), now()
     FROM generate_series(1, $3::int) g`,
    [member.teamId, member.userId, NETWORK],
  );
});
afterAll(() => database.drop());

describe('with statistics from before a 5,000-contact import', () => {
  test.each([
    ['the App Home', (sql: Sql) => loadHomeInput(sql, member, TODAY)],
    [
      '`due`',
      (sql: Sql) =>
        dueCandidates(sql, member, { today: TODAY, after: null, upTo: TODAY, limit: 10, freshFirst: true }),
    ],
    ['the digest', (sql: Sql) => digestInputOf(sql as Db, member, TODAY)],
    ['a name search', (sql: Sql) => contactsNamed(sql, member, 'Person 42', { archived: false, limit: 5 })],
    ['the contact menu', (sql: Sql) => pickContacts(sql, member, 'pers', 20)],
  ])('%s reads the network a few times at most, never once per row it shows', async (_what, read) => {
    expect(await tuplesRead(db, 'contacts', read)).toBeLessThan(20 * NETWORK);
  });
});
