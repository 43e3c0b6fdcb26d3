import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPool, inTransaction, isDatabaseUnavailable, migrationTimeouts } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { createTestDatabase, silentLogger, type TestDatabase } from '../support/database';

/**
 * The statement limits cut what should be cut and nothing else: a slow statement of a request is
 * cancelled by PostgreSQL and its connection stays usable; a long migration runs to the end even
 * where the database sets a statement limit of its own.
 */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(() => database.drop());

const REQUEST = { connectMs: 1500, statementMs: 300, idleInTransactionMs: 5000 };

test("a request's statement past its limit fails plainly, and the same connection serves the next one", async () => {
  const pool = createPool(database.url, { max: 1, timeouts: REQUEST, logger: silentLogger });
  const backend = async () =>
    (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
  try {
    const before = await backend();
    const failed = await inTransaction(pool, (tx) => tx.query('SELECT pg_sleep(2)')).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(failed)).toBe(true);
    expect((failed as { code?: string }).code).toBe('57014');
    expect(await backend()).toBe(before);
  } finally {
    await pool.end();
  }
});

test('a migration longer than the statement limit the database sets still completes', async () => {
  const name = new URL(database.url).pathname.slice(1);
  await database.pool.query(`ALTER DATABASE ${name} SET statement_timeout = '200ms'`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'touchbase-migrations-'));
  writeFileSync(path.join(dir, '001_slow.sql'), 'SELECT pg_sleep(0.6); CREATE TABLE slow_done (id integer);');
  const pool = createPool(database.url, {
    max: 1,
    timeouts: migrationTimeouts({ database: { web: REQUEST } }),
    logger: silentLogger,
  });
  try {
    expect(await migrate(pool, silentLogger, dir)).toEqual(['001_slow.sql']);
    const { rows } = await pool.query("SELECT to_regclass('slow_done') IS NOT NULL AS made");
    expect(rows[0]).toEqual({ made: true });
  } finally {
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the app's connections never JIT-compile a statement, whatever its estimate", async () => {
  const pool = createPool(database.url, { max: 1, timeouts: REQUEST, logger: silentLogger });
  try {
    expect((await pool.query<{ jit: string }>('SHOW jit')).rows[0]?.jit).toBe('off');
    // Estimated far past jit_above_cost: a server built with JIT would plan to compile it (tens of ms).
    const { rows } = await pool.query<{ 'QUERY PLAN': [Record<string, unknown>] }>(
      'EXPLAIN (FORMAT JSON) SELECT sum(g) FROM generate_series(1, 30000000) g',
    );
    const plan = rows[0]?.['QUERY PLAN'][0] ?? {};
    expect(plan.Plan).toBeDefined();
    expect(plan.JIT).toBeUndefined();
  } finally {
    await pool.end();
  }
});
