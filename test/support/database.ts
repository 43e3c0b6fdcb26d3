import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createLogger } from '../../src/logger';
import { type Db, SESSION_OPTIONS } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';

export const silentLogger = createLogger({ level: 'silent', pretty: false });

export interface TestDatabase {
  url: string;
  pool: Db;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TOUCHBASE_TEST_ADMIN_URL;
  if (!url) throw new Error('TOUCHBASE_TEST_ADMIN_URL is unset: run the tests with `npm test`');
  return url;
}

/** A fresh, migrated database for one test file, on the run's PostgreSQL server. */
export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `touchbase_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  // With the app's connection settings, so every test reads on the plans the app runs (generic ones).
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10, options: SESSION_OPTIONS });
  // pool.end() resolves before its clients' connections have closed, so the forced drop in drop()
  // can reach one of them first: that "terminating connection" (57P01) is the drop, not a failure.
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P01') throw err;
  });
  if (opts.migrate ?? true) await migrate(pool, silentLogger);
  return {
    url: url.toString(),
    pool,
    async drop() {
      await pool.end();
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/**
 * Resolves once some statement on the database waits for a lock: the test's open transaction holds
 * it, and the code under test has reached the statement the test means to race.
 */
export async function untilALockWait(db: Db): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no statement waited for a lock');
}
