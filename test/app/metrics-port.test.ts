import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { SlackEmulator } from '../../src/dev/slack-emulator';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * METRICS_PORT: /metrics on a port of its own, so it need not be public with /slack/events. The
 * built processes, as operators run them: `npm start` (dist/main.js) and `npm run worker`.
 */

const root = path.resolve(__dirname, '..', '..');
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !k.startsWith('SLACK_') && !k.startsWith('TOUCHBASE_') && k !== 'DATABASE_URL',
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

let emulator: SlackEmulator;
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  emulator = await SlackEmulator.start({ teamId: 'T0ALPHA', botToken: 'xoxb-test-token' });
});
afterAll(async () => {
  await emulator.stop();
  await database.drop();
});

/** Starts a built script until it logs `ready`; stops it after `fn`, which must end with exit 0. */
async function running(
  script: string,
  env: Record<string, string>,
  ready: string,
  fn: () => Promise<void>,
): Promise<void> {
  const child: ChildProcessWithoutNullStreams = spawn('node', [script], {
    cwd: root,
    env: {
      ...cleanEnv,
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: database.url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 20_000);
    const seen = (chunk: Buffer) => {
      output += chunk;
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
  try {
    await fn();
  } finally {
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  }
}

const get = async (port: number, route: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${route}`);
  return { status: res.status, body: await res.text() };
};

test.each([
  ['npm start', 'dist/main.js', 'touchbase is running'],
  ['npm run worker', 'dist/worker/cli.js', 'reminder worker running'],
])(
  '%s with METRICS_PORT: /metrics answers there only, not on PORT',
  async (_, script, ready) => {
    const port = await freePort();
    const metricsPort = await freePort();
    await running(script, { PORT: String(port), METRICS_PORT: String(metricsPort) }, ready, async () => {
      expect((await get(port, '/healthz')).status).toBe(200);
      expect((await get(port, '/metrics')).status).toBe(404);
      const metrics = await get(metricsPort, '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.body).toMatch(/^touchbase_digests_planned_total \d+$/m);
      expect((await get(metricsPort, '/slack/events')).status).toBe(404);
    });
  },
  60_000,
);

test('without METRICS_PORT, /metrics stays on PORT', async () => {
  const port = await freePort();
  await running('dist/main.js', { PORT: String(port) }, 'touchbase is running', async () => {
    const metrics = await get(port, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/^touchbase_digests_planned_total \d+$/m);
  });
}, 60_000);
