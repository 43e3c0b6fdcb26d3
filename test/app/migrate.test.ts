import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { LATEST_MIGRATION, MIGRATIONS_DIR, MigrationError, migrate } from '../../src/store/migrate';
import { createTestDatabase, silentLogger, type TestDatabase } from '../support/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(() => database.drop());

/** A folder of migration files, each `name: sql`, removed after the test. */
const folders: string[] = [];
function migrationsFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'touchbase-migrations-'));
  folders.push(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(path.join(dir, name), sql);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database of its own on the run's server, for a test that must not touch the shared one. */
async function withDatabase(fn: (db: TestDatabase) => Promise<void>): Promise<void> {
  const db = await createTestDatabase({ migrate: false });
  try {
    await fn(db);
  } finally {
    await db.drop();
  }
}

test('processes starting at once apply each migration exactly once', async () => {
  const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: database.url, max: 1 }));
  try {
    const results = await Promise.all(pools.map((p) => migrate(p, silentLogger)));
    const applied = results.flat();
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied).size).toBe(applied.length);
    const { rows } = await database.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0].n).toBe(applied.length);
    expect(await migrate(database.pool, silentLogger)).toEqual([]);
  } finally {
    await Promise.all(pools.map((p) => p.end()));
  }
});

test('this release knows migrations 1 to 33, one file each, and applies them all', async () => {
  expect(LATEST_MIGRATION).toBe(33);
  const numbers = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => Number(f.split('_')[0]))
    .sort((a, b) => a - b);
  expect(numbers).toEqual([
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
    30, 31, 32, 33,
  ]);
  // The first test migrated this database through the project's folder.
  const { rows } = await database.pool.query('SELECT max(version)::int AS v FROM schema_migrations');
  expect(rows[0].v).toBe(33);
});

test('migrations run in numeric order, not text order', async () => {
  const files: Record<string, string> = {};
  for (let n = 1; n <= 9; n++) {
    files[`00${n}_step.sql`] = `INSERT INTO steps (n) VALUES (${n})`;
  }
  files['001_step.sql'] = 'CREATE TABLE steps (seq serial, n integer); INSERT INTO steps (n) VALUES (1)';
  // As text, "0010_…" sorts before "002_…"; as a number it comes after 9.
  files['0010_step.sql'] = 'INSERT INTO steps (n) VALUES (10)';
  await withDatabase(async (db) => {
    const applied = await migrate(db.pool, silentLogger, migrationsFolder(files));
    expect(applied.at(-1)).toBe('0010_step.sql');
    const { rows } = await db.pool.query('SELECT array_agg(n ORDER BY seq) AS ns FROM steps');
    expect(rows[0].ns).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

test('a gap in the numbers is refused, before anything is applied', async () => {
  const dir = migrationsFolder({
    '001_a.sql': 'CREATE TABLE gap_a (n integer)',
    '002_b.sql': 'CREATE TABLE gap_b (n integer)',
    '004_d.sql': 'CREATE TABLE gap_d (n integer)',
  });
  await withDatabase(async (db) => {
    const refused = migrate(db.pool, silentLogger, dir);
    await expect(refused).rejects.toThrow(MigrationError);
    await expect(refused).rejects.toThrow(
      `migrations must be numbered 1, 2, 3… with no gap: ${dir} has 004_d.sql where migration 3 should be`,
    );
    const { rows } = await db.pool.query("SELECT to_regclass('gap_a') AS t");
    expect(rows[0].t).toBeNull();
  });
});

test('two files with one number are refused', async () => {
  const dir = migrationsFolder({
    '001_a.sql': 'SELECT 1',
    '002_b.sql': 'SELECT 1',
    '002_c.sql': 'SELECT 1',
  });
  const refused = migrate(database.pool, silentLogger, dir);
  await expect(refused).rejects.toThrow(MigrationError);
  await expect(refused).rejects.toThrow(
    `002_b.sql and 002_c.sql in ${dir} share migration number 2: give each its own number`,
  );
});

test('a database migrated past the last file this code has is refused with one line', async () => {
  await withDatabase(async (db) => {
    await migrate(db.pool, silentLogger);
    await db.pool.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
      LATEST_MIGRATION + 1,
      `${LATEST_MIGRATION + 1}_from_the_future.sql`,
    ]);
    const refused = migrate(db.pool, silentLogger);
    await expect(refused).rejects.toThrow(MigrationError);
    await expect(refused).rejects.toThrow(
      `the database schema is at migration ${LATEST_MIGRATION + 1} but this touchbase only knows up to ${LATEST_MIGRATION}: run the newer release, or point DATABASE_URL at another database`,
    );
  });
});
