import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !k.startsWith('SLACK_') && k !== 'DATABASE_URL' && k !== 'TOUCHBASE_NOW',
  ),
);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('the built app from the command line', () => {
  test('npm start without Slack credentials exits non-zero, naming the variables and manifest.json', () => {
    const run = spawnSync('node', ['dist/main.js'], {
      cwd: root,
      env: { ...cleanEnv, SLACK_SIGNING_SECRET: 'set' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/SLACK_BOT_TOKEN is missing/);
    expect(run.stderr).toContain('manifest.json');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('npm run migrate with no DATABASE_URL starts the embedded PostgreSQL under DATA_DIR, twice', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'touchbase-cli-'));
    chmodSync(dataDir, 0o755);
    try {
      const env = {
        ...cleanEnv,
        DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(await freePort()),
        NODE_ENV: 'production',
      };
      const first = spawnSync('node', ['dist/store/migrate-cli.js'], {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/"migration":"001_members_contacts_touches.sql"/);
      const second = spawnSync('node', ['dist/store/migrate-cli.js'], {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(0);
      expect(second.stdout).toMatch(/database is up to date/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
