import { spawn } from 'node:child_process';
import path from 'node:path';
import { type Harness, startHarness } from '../support/harness';

const root = path.resolve(__dirname, '..', '..');
const MEMBERS = 30;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  // Thirty members in Berlin, each with one contact due on Monday 16 March.
  await h.database.pool.query(
    `INSERT INTO members (team_id, user_id, tz, tz_from_slack, created_at)
     SELECT 'T0ALPHA', 'U' || lpad(n::text, 4, '0'), 'Europe/Berlin', true, now() FROM generate_series(1, $1::int) n`,
    [MEMBERS],
  );
  await h.database.pool.query(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
     SELECT 'T0ALPHA', 'U' || lpad(n::text, 4, '0'), 'Contact ' || n, 'biweekly', '2026-03-02', '2026-03-16', now(), now()
     FROM generate_series(1, $1::int) n`,
    [MEMBERS],
  );
});
afterAll(() => h.stop());

function worker(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['dist/worker/cli.js', ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: h.database.url,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_API_URL: h.emulator.apiUrl,
        SLACK_SIGNING_SECRET: '',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const posts = () => h.emulator.callsTo('chat.postMessage').filter((c) => c.ok);

describe('npm run worker -- --once', () => {
  test('--dry-run prints what each member would get, and sends and changes nothing', async () => {
    const run = await worker(['--once', '--now', '2026-03-16T08:30:00Z', '--dry-run']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(MEMBERS);
    expect(lines[0]).toBe('T0ALPHA/U0001 (2026-03-16): One check-in is due today. Contact 1.');
    expect(posts()).toHaveLength(0);
    const { rows } = await h.database.pool.query('SELECT count(*)::int AS n FROM digests');
    expect(rows[0].n).toBe(0);
  });

  test('before 09:00 local a tick sends nothing', async () => {
    const run = await worker(['--once', '--now', '2026-03-16T07:59:00Z']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ planned: 0, sent: 0 });
    expect(posts()).toHaveLength(0);
  });

  test('two worker processes started on the same tick send exactly one digest per member', async () => {
    const [a, b] = await Promise.all([
      worker(['--once', '--now', '2026-03-16T08:00:00Z']),
      worker(['--once', '--now', '2026-03-16T08:00:00Z']),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const reports = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect(reports[0].sent + reports[1].sent).toBe(MEMBERS);
    expect(reports[0].planned + reports[1].planned).toBe(MEMBERS);
    const channels = posts().map((c) => c.args.channel);
    expect(channels).toHaveLength(MEMBERS);
    expect(new Set(channels).size).toBe(MEMBERS);
  });

  test('a bad --now is refused with a clear message', async () => {
    const run = await worker(['--once', '--now', 'soon']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--now is invalid: expected an ISO time/);
  });
});
