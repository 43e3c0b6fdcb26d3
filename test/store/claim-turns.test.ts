import type { Db } from '../../src/store/db';
// The app's type parsers, registered as in the running app.
import '../../src/store/db';
import { claimDigests } from '../../src/store/digests';
import { createTestDatabase, type TestDatabase } from '../support/database';

/*
 * A claim takes ready digests in turns across workspaces: each workspace's first, then each one's
 * second, and so on, so that one large workspace (held to Slack's pace for it) never fills a batch
 * while the others wait, and a batch is still full when most workspaces have only one or two.
 */

const TODAY = '2026-03-04';
const NOW = new Date(`${TODAY}T14:00:00Z`);

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.pool;
});
afterAll(() => database.drop());
beforeEach(() => db.query('DELETE FROM digests'));

/** `count` digests ready in `team`, the n-th one ready `n` seconds before NOW (the oldest is the last). */
async function ready(team: string, count: number): Promise<void> {
  await db.query(
    `INSERT INTO digests (team_id, user_id, local_date, next_attempt_at, created_at)
     SELECT $1::text, $1::text || '-U' || lpad(g::text, 5, '0'), $2::date, $3::timestamptz - g * interval '1 second', $3::timestamptz
     FROM generate_series(1, $4::int) g`,
    [team, TODAY, NOW, count],
  );
}

const perTeam = (claimed: { teamId: string }[]) =>
  Object.fromEntries(
    [...new Set(claimed.map((c) => c.teamId))]
      .sort()
      .map((t) => [t, claimed.filter((c) => c.teamId === t).length]),
  );

test("a claim of 6 among a workspace with 50 ready and two with 2 takes each one's first two", async () => {
  await ready('T0BIG', 50);
  await ready('T1SMALL', 2);
  await ready('T2SMALL', 2);
  const claimed = await claimDigests(db, NOW, 60_000, 6);
  expect(perTeam(claimed)).toEqual({ T0BIG: 2, T1SMALL: 2, T2SMALL: 2 });
  // Each workspace's longest waiting first.
  expect(
    claimed
      .filter((c) => c.teamId === 'T0BIG')
      .map((c) => c.userId)
      .sort(),
  ).toEqual(['T0BIG-U00049', 'T0BIG-U00050']);
});

test('a claim of 100 with one workspace of 1,000 ready among ten of one each is full: the ten, then 90 of the large one', async () => {
  await ready('T0BIG', 1000);
  for (let n = 1; n <= 10; n++) await ready(`T${n}ONE`, 1);
  const claimed = await claimDigests(db, NOW, 60_000, 100);
  expect(claimed).toHaveLength(100);
  expect(perTeam(claimed).T0BIG).toBe(90);
  expect(new Set(claimed.map((c) => c.teamId)).size).toBe(11);
});

test('claims one after another take every ready digest once, whatever the mix of workspaces', async () => {
  await ready('T0BIG', 700);
  await ready('T1MID', 120);
  for (let n = 2; n <= 40; n++) await ready(`T${n}ONE`, 3);
  const seen = new Set<string>();
  let sizes: number[] = [];
  for (let batch = await claimDigests(db, NOW, 60_000, 100); batch.length > 0; ) {
    sizes = [...sizes, batch.length];
    for (const c of batch) {
      const key = `${c.teamId} ${c.userId}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    batch = await claimDigests(db, NOW, 60_000, 100);
  }
  expect(seen.size).toBe(700 + 120 + 39 * 3);
  // Every batch but the last is full.
  expect(sizes.slice(0, -1).every((n) => n === 100)).toBe(true);
});
