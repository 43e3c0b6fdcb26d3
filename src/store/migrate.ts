import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import type { Db } from './db';

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'migrations');

/** Any constant works; it only has to be the same in every process that migrates. */
const MIGRATION_LOCK_KEY = 7_305_811_001;

const FILE_PATTERN = /^(\d{3,})_[a-z0-9_]+\.sql$/;

/**
 * Applies the numbered SQL files in `migrations/` that have not run yet, each in its own
 * transaction. A session advisory lock serialises processes that start at the same time:
 * the second waits, then finds nothing left to do.
 */
export async function migrate(db: Db, logger: Logger, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => FILE_PATTERN.test(f)).sort();
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
    const applied: string[] = [];
    for (const file of files) {
      const version = Number(FILE_PATTERN.exec(file)?.[1]);
      if (done.has(version)) continue;
      const sql = await readFile(path.join(dir, file), 'utf8');
      await client.query('BEGIN');
      try {
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
