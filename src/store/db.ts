import pg from 'pg';
import type { Logger } from '../logger';
import { startEmbeddedPostgres } from './embedded';

export type Db = pg.Pool;
/** Either the pool or one transaction's client: store functions that can run inside a use case's transaction take this. */
export type Sql = pg.Pool | pg.PoolClient;

// Dates stay the calendar dates they are ('2026-03-02'), never shifted through a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// Counts and ids fit in a JS number for any network a person keeps.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface Database {
  pool: Db;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL when none is given. */
export async function openDatabase(opts: {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  logger: Logger;
  poolSize?: number;
}): Promise<Database> {
  let url = opts.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    const embedded = await startEmbeddedPostgres({
      dataDir: opts.dataDir,
      port: opts.embeddedPgPort,
      database: 'touchbase',
      logger: opts.logger,
    });
    opts.logger.info({ port: opts.embeddedPgPort, dataDir: opts.dataDir }, 'embedded PostgreSQL started');
    url = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => opts.logger.warn({ err }, 'idle database connection failed'));
  return {
    pool,
    close: async () => {
      await pool.end();
      await stopEmbedded?.();
    },
  };
}

/** Whether the database answers (for GET /readyz). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.query('SELECT 1');
}

/** Runs `fn` in a transaction on one client, committing on success and rolling back on error. */
export async function inTransaction<T>(db: Db, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
