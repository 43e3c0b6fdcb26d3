import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { embedded, logging, migrations } from './app';

export interface BenchDatabase {
  /** Connection URL of the fresh database made for this run. */
  url: string;
  /** Where it runs: the server named by BENCH_DATABASE_URL / DATABASE_URL, or an embedded one. */
  server: string;
  /** Drops the database and, for the embedded server, stops it and removes its files. */
  drop(): Promise<void>;
}

export const quietLogger = logging.createLogger({ level: 'warn', pretty: false, toStderr: true });

/**
 * A fresh, migrated database for one run: on the server named by BENCH_DATABASE_URL (or
 * DATABASE_URL), else on an embedded PostgreSQL started in a temporary folder.
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  let adminUrl: string;
  let server: string;
  let stop = async () => {};
  if (given) {
    adminUrl = given;
    server = `${new URL(given).host}, from BENCH_DATABASE_URL or DATABASE_URL`;
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'touchbase-bench-pg-'));
    await embedded.allowPostgresUserToReach([dir]);
    const port = await freePort();
    const pgServer = await embedded.startEmbeddedPostgres({
      dataDir: dir,
      port,
      database: 'postgres',
      logger: quietLogger,
    });
    adminUrl = pgServer.adminUrl;
    server = `embedded, 127.0.0.1:${port}`;
    stop = async () => {
      await pgServer.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const name = `touchbase_bench_${randomBytes(5).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  try {
    await migrations.migrate(pool, quietLogger);
  } finally {
    await pool.end();
  }
  return {
    url: url.toString(),
    server,
    async drop() {
      try {
        await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      } finally {
        await stop();
      }
    },
  };
}

async function withAdmin(url: string, fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** What a benchmark's body gets: its fresh database, one connection to it, and a way to add cleanup. */
export interface BenchRun {
  bench: BenchDatabase;
  pool: pg.Pool;
  /** Runs at the end, before the database is dropped (an emulator to stop, say). */
  onExit(cleanup: () => Promise<void>): void;
}

/** Prints a line of a benchmark's report. */
export const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Runs one benchmark (`npm run <name>`) on a fresh database: prints the server's settings first
 * and the whole run's time last, drops the database however it ends (Ctrl-C included), and exits
 * 0, or 1 with the error, so a run never leaves a server or a database behind.
 */
export function runBench(name: string, body: (run: BenchRun) => Promise<void>): void {
  const main = async () => {
    const started = performance.now();
    const bench = await createBenchDatabase();
    const pool = new pg.Pool({ connectionString: bench.url, max: 1 });
    const extra: (() => Promise<void>)[] = [];
    const cleanup = async () => {
      for (const fn of extra.reverse()) await fn().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await bench.drop();
    };
    const interrupted = () => {
      void cleanup().finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    try {
      const { rows } = await pool.query(
        `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS sb,
                current_setting('work_mem') AS wm, current_setting('jit') AS jit`,
      );
      const s = rows[0];
      say(
        `PostgreSQL ${s.version} (${bench.server}); shared_buffers ${s.sb}, work_mem ${s.wm}, jit ${s.jit}`,
      );
      await body({ bench, pool, onExit: (fn) => extra.push(fn) });
      say(`(whole bench ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    } finally {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
      await cleanup();
    }
  };
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${name} failed: ${String((err as Error)?.stack ?? err)}\n`);
      process.exit(1);
    },
  );
}
