import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import type { Db } from './db';

/** migrations/ sits two levels above this module both in src/store and in dist/store (and dist-dev/store). */
export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'migrations');

/**
 * The number of the last file in migrations/ this code was written against. A deployment that pairs
 * the code with another release's migrations/ folder is refused at start rather than half-working.
 */
export const LATEST_MIGRATION = 33;

/** Any constant works; it only has to be the same in every process that migrates. */
const MIGRATION_LOCK_KEY = 7_305_811_001;

const FILE_PATTERN = /^(\d{3,})_[a-z0-9_]+\.sql$/;

/** Migrations that cannot be applied as they stand; the message is one line saying what to do. */
export class MigrationError extends Error {}

interface MigrationFile {
  version: number;
  file: string;
}

/**
 * Applies the numbered SQL files in `dir` that have not run yet, in numeric order, each in its own
 * transaction. A session advisory lock serialises processes that start at the same time: the second
 * waits, then finds nothing left to do. Refuses a gap or a repeated number among the files, a project
 * folder that does not end at LATEST_MIGRATION, and a database already migrated past the last file.
 */
export async function migrate(db: Db, logger: Logger, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await readMigrationFiles(dir);
  const known = files.at(-1)?.version ?? 0;
  if (dir === MIGRATIONS_DIR && known !== LATEST_MIGRATION) {
    throw new MigrationError(
      `${dir} ends at migration ${known} but this touchbase was built for migration ${LATEST_MIGRATION}: deploy the migrations/ folder of the same release`,
    );
  }
  const client = await db.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const newest = Math.max(0, ...done);
    if (newest > known) {
      throw new MigrationError(
        `the database schema is at migration ${newest} but this touchbase only knows up to ${known}: run the newer release, or point DATABASE_URL at another database`,
      );
    }
    const applied: string[] = [];
    for (const { version, file } of files) {
      if (done.has(version)) continue;
      const sql = await readFile(path.join(dir, file), 'utf8');
      await client.query('BEGIN');
      try {
        // A long migration (an index on a big table) must finish, whatever statement_timeout the
        // server or the role sets by default.
        await client.query('SET LOCAL statement_timeout = 0');
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1::integer, $2::text)', [
          version,
          file,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file} failed: ${(err as Error).message}`);
      }
      logger.info({ migration: file }, 'migration applied');
      applied.push(file);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

/**
 * The numbered files of `dir` in numeric order (as text, 1000 would sort before 999). Their numbers
 * must run 1, 2, 3… with none missing and none used twice: a missing number is usually a file lost
 * in a merge, and of two files with one number, schema_migrations (keyed by the number) would let
 * only the first ever run.
 */
async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const files = (await readdir(dir))
    .flatMap((file) => {
      const number = FILE_PATTERN.exec(file)?.[1];
      return number === undefined ? [] : [{ version: Number(number), file }];
    })
    .sort((a, b) => a.version - b.version || a.file.localeCompare(b.file));
  files.forEach(({ version, file }, index) => {
    const previous = files[index - 1];
    if (previous?.version === version) {
      throw new MigrationError(
        `${previous.file} and ${file} in ${dir} share migration number ${version}: give each its own number`,
      );
    }
    const expected = index + 1;
    if (version !== expected) {
      throw new MigrationError(
        `migrations must be numbered 1, 2, 3… with no gap: ${dir} has ${file} where migration ${expected} should be`,
      );
    }
  });
  return files;
}
