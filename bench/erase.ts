import type pg from 'pg';
import { erase } from './app';
import { runBench, say } from './database';

/**
 * `npm run bench:erase`: `/touchbase delete my data` for a member with 20,000 contacts and 100,000
 * touches (14,000 asks, 1,000 transitions, 400 introductions, 10,000 trip plans), among six such
 * members and 400,000 other digests, on a connection with the web pool's 1.5 s statement limit, as
 * the app erases. It prints the whole erase and its longest statements; then erases another such
 * member without migration 020's indexes, for contrast. A measurement, not a test: exit 0 whatever
 * the figures. BENCH_DATABASE_URL (or DATABASE_URL) names a server; otherwise an embedded PostgreSQL.
 */

const TEAM = 'T0BENCH';
const MEMBERS = 6;
const CONTACTS = 120_000;
/** The web pool's statement_timeout (DATABASE_STATEMENT_TIMEOUT_MS's default). */
const STATEMENT_LIMIT_MS = 1500;
const MIGRATION_020_INDEXES = [
  'asks_touch',
  'trip_contacts_contact',
  'introductions_from_contact',
  'introductions_to_contact',
];

/** Set-based seed: contacts dealt round-robin to the members, so each member's rows lie spread over the table. */
async function seed(client: pg.ClientBase): Promise<void> {
  const statements = [
    `INSERT INTO members (team_id, user_id, created_at) SELECT '${TEAM}', 'U' || g, now() FROM generate_series(0, ${MEMBERS - 1}) g`,
    `INSERT INTO contacts (team_id, user_id, name, city, cadence, added_on, next_due_on, created_at, updated_at)
     SELECT '${TEAM}', 'U' || (g % ${MEMBERS}), 'Person ' || g, 'City ' || (g % 50), 'quarterly', '2025-01-01',
            '2026-01-01'::date + (g % 300), now(), now()
     FROM generate_series(1, ${CONTACTS}) g`,
    `INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, note, created_at)
     SELECT c.team_id, c.user_id, c.id, '2025-06-01'::date + (k % 200), 'call', 'give', 'note ' || k, now()
     FROM contacts c CROSS JOIN generate_series(1, 5) k`,
    `INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, follow_up_on, created_at)
     SELECT team_id, user_id, contact_id, id, 'a favour', touched_on, touched_on + 10, now() FROM touches WHERE id % 7 = 0`,
    `INSERT INTO transitions (team_id, user_id, contact_id, kind, noted_on, created_at)
     SELECT team_id, user_id, id, 'new_job', '2026-01-01', now() FROM contacts WHERE id % 20 = 0`,
    `INSERT INTO introductions (team_id, user_id, from_contact_id, to_contact_id, kind, introduced_on, follow_up_on, created_at)
     SELECT team_id, user_id, id, id + ${MEMBERS}, 'peer', '2026-01-01', '2026-01-15', now()
     FROM contacts WHERE id % 49 = 0 AND id + ${MEMBERS} <= ${CONTACTS}`,
    `INSERT INTO trips (team_id, user_id, city, starts_on, ends_on, reach_out_on, met_prompt_on, created_at)
     SELECT '${TEAM}', 'U' || (g % ${MEMBERS}), 'City ' || g, '2026-05-01', '2026-05-03', '2026-04-17', '2026-05-04', now()
     FROM generate_series(1, 300) g`,
    `INSERT INTO trip_contacts (trip_id, contact_id, team_id, user_id)
     SELECT t.id, c.id, c.team_id, c.user_id FROM trips t
     JOIN contacts c ON c.team_id = t.team_id AND c.user_id = t.user_id AND c.id % 600 = t.id % 600`,
    `INSERT INTO digests (team_id, user_id, local_date, state, next_attempt_at, created_at)
     SELECT '${TEAM}', 'U' || (g % ${MEMBERS}), '2025-01-01'::date + g / ${MEMBERS}, 'sent', now(), now()
     FROM generate_series(0, 2000) g`,
    `INSERT INTO digests (team_id, user_id, local_date, state, next_attempt_at, created_at)
     SELECT 'T0OTHER', 'X' || g, '2025-01-01'::date + g % 400, 'sent', now(), now() FROM generate_series(0, 400000) g`,
    // As a database in use would be: visibility and hint bits settled, statistics fresh.
    'VACUUM ANALYZE',
  ];
  for (const sql of statements) await client.query(sql);
}

/** Erases one member as the app does, in one transaction, timing every statement. */
async function timedErase(
  client: pg.PoolClient,
  userId: string,
): Promise<{ totalMs: number; statements: [number, string][] }> {
  const statements: [number, string][] = [];
  const timed = Object.create(client) as pg.PoolClient;
  timed.query = (async (text: string, params?: unknown[]) => {
    const started = performance.now();
    try {
      return await client.query(text, params);
    } finally {
      statements.push([performance.now() - started, text.replace(/\s+/g, ' ').slice(0, 50)]);
    }
  }) as pg.PoolClient['query'];
  const started = performance.now();
  await client.query('BEGIN');
  try {
    await erase.eraseMember(timed, { teamId: TEAM, userId });
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
  return { totalMs: performance.now() - started, statements };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

runBench('bench:erase', async ({ pool }) => {
  const client = await pool.connect();
  try {
    await seed(client);
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM contacts WHERE user_id = 'U1')::int AS contacts,
              (SELECT count(*) FROM touches WHERE user_id = 'U1')::int AS touches,
              (SELECT count(*) FROM asks WHERE user_id = 'U1')::int AS asks`,
    );
    say(
      `member U1: ${rows[0].contacts} contacts, ${rows[0].touches} touches, ${rows[0].asks} asks, among ${CONTACTS} contacts`,
    );
    await client.query(`SET statement_timeout = ${STATEMENT_LIMIT_MS}`);

    const { totalMs, statements } = await timedErase(client, 'U1');
    const longest = [...statements].sort((a, b) => b[0] - a[0]);
    say(`erase: ${ms(totalMs)} in ${statements.length} statements; the longest:`);
    for (const [t, text] of longest.slice(0, 3)) say(`  ${ms(t)}  ${text}…`);
    const worst = longest[0]?.[0] ?? 0;
    say(
      `target: every statement well inside the ${STATEMENT_LIMIT_MS} ms limit (under a tenth): ${worst < STATEMENT_LIMIT_MS / 10 ? 'PASS' : 'MISS'}`,
    );

    await client.query(`DROP INDEX ${MIGRATION_020_INDEXES.join(', ')}`);
    try {
      const without = await timedErase(client, 'U3');
      say(`without migration 020's indexes: ${ms(without.totalMs)}`);
    } catch (err) {
      say(`without migration 020's indexes: ${(err as Error).message} (the ${STATEMENT_LIMIT_MS} ms limit)`);
    }
  } finally {
    client.release();
  }
});
