import type { Db, Sql } from '../../src/store/db';
// The app's type parsers, registered as in the running app.
import '../../src/store/db';
import {
  claimDigests,
  type DigestClaim,
  extendLeases,
  markDigestFailed,
  markDigestRetry,
  markDigestSent,
  saveClaimedDigestItems,
} from '../../src/store/digests';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { tuplesRead } from '../support/tuples';

/*
 * Every morning the planner writes the day's digests into a table whose statistics were last
 * gathered when none was pending (autovacuum analyses `digests` rarely, and mostly when nothing is
 * pending). PostgreSQL then believes `digests_to_send`, the index of pending and sending digests,
 * is empty; a delivery-state write that names its digest by key and `state = 'sending'` was planned
 * as a walk of that index, reading every digest being sent to find one: O(pending) per write, 7.5 s
 * per 1,000 marks at 100,000 pending. Each write must find its digest by its key, whatever the
 * statistics say. Counted in tuples read, inside the write's own transaction: a plan, not a clock.
 */

const TODAY = '2026-03-04';
const MEMBERS = 3000;
const NOW = new Date(`${TODAY}T14:00:00Z`);

let database: TestDatabase;
let db: Db;
let claims: DigestClaim[];
let claimRead = 0;
let claimedFirst = 0;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.pool;
  await db.query('ALTER TABLE digests SET (autovacuum_enabled = false)');
  // A week of sent digests, analysed: the statistics a morning starts with.
  await db.query(
    `INSERT INTO digests (team_id, user_id, local_date, state, next_attempt_at, created_at, sent_at)
     SELECT 'T' || (g % 40), 'U' || g, DATE '${TODAY}' - d, 'sent', now(), now(), now()
     FROM generate_series(1, $1::int) g, generate_series(1, 7) d`,
    [MEMBERS],
  );
  await db.query('ANALYZE digests');
  await db.query(
    `INSERT INTO digests (team_id, user_id, local_date, next_attempt_at, created_at)
     SELECT 'T' || (g % 40), 'U' || g, DATE '${TODAY}', $2::timestamptz, $2::timestamptz
     FROM generate_series(1, $1::int) g`,
    [MEMBERS, NOW],
  );
  claimRead = await tuplesRead(db, 'digests', async (sql) => {
    claimedFirst = (await claimDigests(sql as Db, NOW, 60_000, 100)).length;
  });
  claims = await claimDigests(db, NOW, 60_000, MEMBERS);
});
afterAll(() => database.drop());

test('the morning claimed every digest planned', () => {
  expect(claims).toHaveLength(MEMBERS);
});

test('a claim of 100 reads its candidates and the workspaces, fewer tuples than there are ready digests', () => {
  // Each of the 40 workspaces' first 10 (400 candidates, four times the batch), found through
  // digests_to_send by workspace, and each candidate by its key. Ranking every ready digest read
  // all 3,000 (6,400 tuples in all); walking digests_to_send once per candidate, 400 times that.
  expect(claimedFirst).toBe(100);
  expect(claimRead).toBeLessThan(MEMBERS);
});

describe(`with ${MEMBERS} digests being sent and statistics from before they were planned`, () => {
  const claim = () => {
    const found = claims.find((c) => c.userId === 'U1234');
    if (!found) throw new Error('U1234 was not claimed');
    return found;
  };
  test.each([
    [
      'marking it sent',
      (sql: Sql) =>
        markDigestSent(sql, claim(), {
          channelId: 'D1',
          ts: '1.000100',
          sentAt: NOW,
          dmOpened: true,
          carried: [1, 2],
          keepFrom: TODAY,
        }),
    ],
    ['putting it back for a retry', (sql: Sql) => markDigestRetry(sql, claim(), NOW, 'timeout')],
    ['marking it failed', (sql: Sql) => markDigestFailed(sql, claim(), 'gone')],
    ['saving what it says', (sql: Sql) => saveClaimedDigestItems(sql, claim(), { items: [], moreCount: 0 })],
  ])('%s reads that digest, not every digest being sent', async (_what, write) => {
    let applied: unknown;
    const read = await tuplesRead(db, 'digests', async (sql) => {
      applied = await write(sql);
    });
    expect(applied).toBe(true);
    expect(read).toBeLessThan(50);
  });

  test("renewing a sender's leases reads its digests, not every digest being sent", async () => {
    const mine = claims.slice(0, 20);
    let held = 0;
    const read = await tuplesRead(db, 'digests', async (sql) => {
      held = await extendLeases(sql as Db, mine, new Date(NOW.getTime() + 120_000));
    });
    expect(held).toBe(20);
    expect(read).toBeLessThan(20 * 50);
  });
});
