import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { SlackDriver } from '../../src/dev/slack-driver';
import { preciseNow, SlackEmulator } from '../../src/dev/slack-emulator';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { allText } from '../support/flows';

/**
 * `npm start` while Slack cannot be reached (issue #14): the process stays up, says once per
 * attempt that it is waiting for Slack, answers /healthz and, with 503, /readyz, and becomes ready
 * by itself once Slack answers. A token Slack refuses ends it with one line. The built app runs as
 * a real process; Slack is the emulator, started late on the port the app was given.
 */

const root = path.resolve(__dirname, '..', '..');
const SIGNING_SECRET = 'test-signing-secret';
const ALICE = { teamId: 'T0ALPHA', userId: 'U0ALICE' };
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

interface Running {
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** Everything the process wrote so far, stdout and stderr. */
  output(): string;
  /** Resolves once the output holds a line matching `pattern`; rejects if the process exits first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** `node dist/main.js` with its Slack Web API at `slackPort`, where nothing may listen yet. */
async function startApp(slackPort: number): Promise<Running> {
  const port = await freePort();
  const child = spawn('node', ['dist/main.js'], {
    cwd: root,
    env: {
      ...cleanEnv,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
      DATABASE_URL: database.url,
      PORT: String(port),
      TOUCHBASE_WORKER: 'off',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
    },
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk;
    for (const l of listeners) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const waitForLine = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = output.split('\n').find((l) => pattern.test(l));
        if (!line) return;
        done();
        resolve(line);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void exited.then((code) => {
        if (!listeners.has(check)) return;
        done();
        reject(new Error(`touchbase exited with ${code} before ${pattern}:\n${output}`));
      });
      check();
    });
  return { child, port, output: () => output, waitForLine, exited };
}

async function get(app: Running, route: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${app.port}${route}`);
  return { status: res.status, body: await res.json() };
}

/** The log messages (pino JSON lines) of the process, in order. */
function messages(app: Running): string[] {
  return app
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => (JSON.parse(l) as { msg: string }).msg);
}

test('Slack unreachable at start: the app waits, retries with backoff, and becomes ready once Slack answers', async () => {
  const slackPort = await freePort();
  const app = await startApp(slackPort);
  let emulator: SlackEmulator | undefined;
  try {
    await app.waitForLine(/touchbase is running/);
    await app.waitForLine(/Slack did not answer auth\.test \(attempt 2\): ECONNREFUSED; retrying in 2 s/);
    expect(await get(app, '/healthz')).toEqual({ status: 200, body: { ok: true } });
    expect(await get(app, '/readyz')).toEqual({ status: 503, body: { ok: false, slack: 'not yet reached' } });

    // Slack comes back, first answering 503 as it recovers.
    emulator = await SlackEmulator.start({ teamId: ALICE.teamId, port: slackPort });
    emulator.failNext('auth.test', { status: 503 });
    await app.waitForLine(/Slack did not answer auth\.test \(attempt \d\): HTTP 503; retrying in \d+ s/);
    await app.waitForLine(/Slack answered auth\.test: ready/, 30_000);
    expect(await get(app, '/readyz')).toEqual({ status: 200, body: { ok: true } });

    // One line per attempt, doubling pauses, and no stack trace.
    const waits = messages(app).filter((m) => m.startsWith('Slack did not answer auth.test'));
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(waits.map((m) => Number(/retrying in (\d+) s/.exec(m)?.[1]))).toEqual(
      waits.map((_, i) => Math.min(2 ** i, 30)),
    );
    expect(app.output()).not.toMatch(/\n\s+at /);

    // A member's command now works end to end.
    const driver = new SlackDriver({
      eventsUrl: `http://127.0.0.1:${app.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      emulator,
    });
    const t = preciseNow();
    const res = await driver.slashCommand(ALICE, 'list');
    expect(res.status).toBe(200);
    const post = await emulator.waitForResponsePost((p) => p.at >= t);
    expect(allText(post.body)).not.toMatch(/went wrong|couldn't/);
  } finally {
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    await emulator?.stop();
  }
}, 60_000);

test('a token Slack refuses ends the process with one line and exit code 1', async () => {
  const emulator = await SlackEmulator.start({ teamId: ALICE.teamId });
  try {
    emulator.failNext('auth.test', { error: 'invalid_auth' });
    const app = await startApp(Number(new URL(emulator.apiUrl).port));
    expect(await app.exited).toBe(1);
    expect(app.output()).toMatch(
      /^touchbase: Slack refused SLACK_BOT_TOKEN \(auth\.test: invalid_auth\): copy the Bot User OAuth Token again/m,
    );
    expect(app.output()).not.toMatch(/\n\s+at /);
    expect(messages(app).filter((m) => m.startsWith('Slack did not answer'))).toEqual([]);
  } finally {
    await emulator.stop();
  }
}, 30_000);
