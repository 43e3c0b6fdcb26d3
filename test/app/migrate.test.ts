import pg from 'pg';
import { migrate } from '../../src/store/migrate';
import { createTestDatabase, silentLogger, type TestDatabase } from '../support/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(() => database.drop());

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
