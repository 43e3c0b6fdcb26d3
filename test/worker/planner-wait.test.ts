import pg from 'pg';
import { PLANNER_LOCK_KEY, planDigests } from '../../src/store/digests';
import { type Harness, startHarness } from '../support/harness';

/*
 * Several workers tick on the same minute; one plans the morning's digests while the others wait.
 * A worker that found another planning used to claim at once, find nothing committed yet, and sit
 * idle until the next minute: at 09:00, half the fleet idle for the busiest minute. It now waits for
 * that plan and sends its share in the same tick.
 */

const MEMBERS = 12;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  await h.database.pool.query(
    `INSERT INTO members (team_id, user_id, tz, tz_from_slack, created_at)
     SELECT 'T0ALPHA', 'U' || lpad(n::text, 4, '0'), 'Europe/Berlin', true, now() FROM generate_series(1, $1::int) n`,
    [MEMBERS],
  );
  await h.database.pool.query(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
     SELECT 'T0ALPHA', 'U' || lpad(n::text, 4, '0'), 'Contact ' || n, 'biweekly', '2026-03-02', '2026-03-16', now(), now()
     FROM generate_series(1, $1::int) n`,
    [MEMBERS],
  );
});
afterAll(() => h.stop());

test('a tick that comes while another worker plans waits for that plan and sends it', async () => {
  // The other worker: it holds the planner's lock while it writes the morning's digests.
  const other = await h.database.pool.connect();
  try {
    await other.query('BEGIN');
    await other.query('SELECT pg_advisory_xact_lock($1::bigint)', [PLANNER_LOCK_KEY]);
    const tick = h.tick('2026-03-16T08:00:00Z');
    await new Promise((r) => setTimeout(r, 500));
    await other.query(
      `INSERT INTO digests (team_id, user_id, local_date, next_attempt_at, created_at)
       SELECT team_id, user_id, '2026-03-16', '2026-03-16T08:00:00Z', '2026-03-16T08:00:00Z' FROM members`,
    );
    await other.query('COMMIT');
    const report = await tick;
    expect(report).toMatchObject({ planned: 0, sent: MEMBERS });
  } finally {
    other.release();
  }
  const posts = h.emulator.callsTo('chat.postMessage').filter((c) => c.ok);
  expect(new Set(posts.map((p) => p.args.channel)).size).toBe(MEMBERS);
});

test('a worker whose statements have a shorter time limit than the wait stops waiting and claims what is there', async () => {
  const shortLimit = new pg.Pool({
    connectionString: h.database.url,
    max: 2,
    options: '-c statement_timeout=300',
  });
  const other = await h.database.pool.connect();
  try {
    await other.query('BEGIN');
    await other.query('SELECT pg_advisory_xact_lock($1::bigint)', [PLANNER_LOCK_KEY]);
    await expect(planDigests(shortLimit, new Date('2026-03-17T08:00:00Z'))).resolves.toMatchObject({
      planned: 0,
    });
  } finally {
    await other.query('ROLLBACK');
    other.release();
    await shortLimit.end();
  }
});
