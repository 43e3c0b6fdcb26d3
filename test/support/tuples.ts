import type pg from 'pg';
import type { Db, Sql } from '../../src/store/db';

/**
 * Tuples PostgreSQL reports read from `table` and its indexes by `work`, run alone on one connection
 * inside a transaction that is rolled back: what a statement's plan costs, counted, not timed.
 */
export async function tuplesRead(
  db: Db,
  table: string,
  work: (sql: Sql) => Promise<unknown>,
): Promise<number> {
  const client: pg.PoolClient = await db.connect();
  const count = async () => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT sum(pg_stat_get_xact_tuples_returned(r.oid) + pg_stat_get_xact_tuples_fetched(r.oid))::int AS n
       FROM pg_class r
       WHERE r.oid = $1::regclass OR r.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = $1::regclass)`,
      [table],
    );
    return rows[0]?.n ?? 0;
  };
  try {
    await client.query('BEGIN');
    const before = await count();
    await work(client);
    return (await count()) - before;
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}
