import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SlackEmulator } from '../../src/dev/slack-emulator';
import { LATEST_MIGRATION } from '../../src/store/migrate';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** A migration newer than this release knows. */
const FUTURE = LATEST_MIGRATION + 1;

const root = path.resolve(__dirname, '..', '..');
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !k.startsWith('SLACK_') && !k.startsWith('TOUCHBASE_') && k !== 'DATABASE_URL',
  ),
);
const slackEnv = {
  SLACK_SIGNING_SECRET: 'test-signing-secret',
  SLACK_BOT_TOKEN: 'xoxb-test-token',
};

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

  test('npm run build leaves the production app in dist/ and none of src/dev', () => {
    // Global setup ran `npm run build`. tsc compiles whatever an included file imports, excluded or
    // not, so dist/dev would also appear if a production module imported from src/dev.
    expect(existsSync(path.join(root, 'dist', 'main.js'))).toBe(true);
    expect(existsSync(path.join(root, 'dist', 'worker', 'cli.js'))).toBe(true);
    expect(existsSync(path.join(root, 'dist', 'dev'))).toBe(false);
  });
});

describe('a database migrated by a newer release', () => {
  const refusal = `touchbase: the database schema is at migration ${FUTURE} but this touchbase only knows up to ${LATEST_MIGRATION}: run the newer release, or point DATABASE_URL at another database\n`;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.pool.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
      FUTURE,
      `${FUTURE}_from_the_future.sql`,
    ]);
  });
  afterAll(() => database.drop());

  test.each([
    ['npm run migrate', 'dist/store/migrate-cli.js', {}],
    ['npm start', 'dist/main.js', slackEnv],
  ])('%s refuses it with one line and exits 1', (_, script, env) => {
    const run = spawnSync('node', [script], {
      cwd: root,
      env: { ...cleanEnv, ...env, DATABASE_URL: database.url, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe(refusal);
    expect(run.status).toBe(1);
  });
});

describe('npm start with TOUCHBASE_WORKER', () => {
  // Monday 16 March 2026, 09:30 in Berlin: the member's digest hour (09:00) has come, and a contact is due.
  const NOW = '2026-03-16T08:30:00Z';
  /** How long after start a process is watched; the worker's first tick runs as it starts. */
  const WATCH_MS = 5_000;
  let database: TestDatabase;
  let emulator: SlackEmulator;
  beforeAll(async () => {
    database = await createTestDatabase();
    emulator = await SlackEmulator.start({ teamId: 'T0ALPHA' });
    await database.pool.query(
      `INSERT INTO members (team_id, user_id, tz, tz_from_slack, created_at)
       VALUES ('T0ALPHA', 'U0001', 'Europe/Berlin', true, now())`,
    );
    await database.pool.query(
      `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
       VALUES ('T0ALPHA', 'U0001', 'Grace Hopper', 'biweekly', '2026-03-02', '2026-03-16', now(), now())`,
    );
  });
  afterAll(async () => {
    await emulator.stop();
    await database.drop();
  });

  /** `node dist/main.js` until it logs that it runs; returns that log line (JSON, as in production). */
  async function start(
    worker: 'on' | 'off',
  ): Promise<{ child: ChildProcessWithoutNullStreams; running: Record<string, unknown> }> {
    const child = spawn('node', ['dist/main.js'], {
      cwd: root,
      env: {
        ...cleanEnv,
        ...slackEnv,
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: database.url,
        PORT: '0',
        TOUCHBASE_NOW: NOW,
        TOUCHBASE_WORKER: worker,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
      },
    });
    let output = '';
    const running = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`touchbase did not start:\n${output}`)), 20_000);
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk;
      });
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
        const line = output.split('\n').find((l) => l.includes('"msg":"touchbase is running'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`touchbase exited with ${code}:\n${output}`));
      });
    });
    return { child, running };
  }

  function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
    return new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }

  const digestPosts = () => emulator.callsTo('chat.postMessage').filter((c) => c.ok);

  test('off serves the app but sends no digest; on, the same database gets its digest at once', async () => {
    const web = await start('off');
    try {
      expect(web.running).toMatchObject({
        worker: 'off',
        msg: 'touchbase is running: web app only (TOUCHBASE_WORKER=off); reminders come from `npm run worker`',
      });
      await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
      expect(digestPosts()).toHaveLength(0);
      const { rows } = await database.pool.query('SELECT count(*)::int AS n FROM digests');
      expect(rows[0].n).toBe(0);
    } finally {
      expect(await stop(web.child)).toBe(0);
    }

    const both = await start('on');
    try {
      expect(both.running).toMatchObject({
        worker: 'on',
        msg: 'touchbase is running: web app and reminder worker',
      });
      const post = await emulator.waitForCall('chat.postMessage', undefined, WATCH_MS);
      expect(String(post.args.text)).toContain('Grace Hopper');
      expect(digestPosts()).toHaveLength(1);
    } finally {
      expect(await stop(both.child)).toBe(0);
    }
  }, 60_000);
});
