import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { type Harness, startHarness } from '../support/harness';

/**
 * A worker killed with SIGKILL in the middle of sending the morning's digests, then another
 * worker started: every member gets exactly one digest, within two minutes of the kill.
 */

const root = path.resolve(__dirname, '..', '..');
const MEMBERS = 40;
/** Slack answering slowly, so that the kill lands mid-delivery. */
const LATENCY_MS = 150;
/** The kill comes right as Slack answers this many digest posts: the last one is not recorded yet. */
const POSTS_BEFORE_KILL = 8;
const START = new Date('2026-03-16T08:00:30Z'); // 09:00:30 in Berlin, a Monday
const users = Array.from({ length: MEMBERS }, (_, i) => `U${String(i + 1).padStart(4, '0')}`);

let h: Harness;
const running = new Set<ChildProcess>();
beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  await h.database.pool.query(
    `INSERT INTO members (team_id, user_id, tz, tz_from_slack, created_at)
     SELECT 'T0ALPHA', u, 'Europe/Berlin', true, now() FROM unnest($1::text[]) u`,
    [users],
  );
  await h.database.pool.query(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
     SELECT 'T0ALPHA', u, 'Contact of ' || u, 'biweekly', '2026-03-02', '2026-03-16', now(), now()
     FROM unnest($1::text[]) u`,
    [users],
  );
  for (const method of ['conversations.open', 'conversations.history', 'chat.postMessage'])
    h.emulator.delay(method, LATENCY_MS);
});
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await h.stop();
});

/** `npm run worker` (no --once): ticks until stopped, its clock starting at `now`. */
function startWorker(
  now: Date,
  env: Record<string, string> = {},
): { child: ChildProcess; stderr: () => string; exited: Promise<void> } {
  const child = spawn('node', ['dist/worker/cli.js'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: h.database.url,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: h.emulator.apiUrl,
      SLACK_SIGNING_SECRET: '',
      TOUCHBASE_NOW: now.toISOString(),
      PORT: '0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  return { child, stderr: () => stderr, exited };
}

const isDigest = (message: { metadata?: unknown }) =>
  (message.metadata as { event_type?: string } | undefined)?.event_type === 'touchbase_digest';
const digestsIn = (userId: string) => h.emulator.dmMessages(userId).filter(isDigest);
const membersServed = () => users.filter((u) => digestsIn(u).length > 0).length;

/** Polls (running `probe` first each time) until `condition` holds or `timeoutMs` has passed. */
async function waitUntil(
  condition: () => boolean,
  timeoutMs: number,
  probe: () => Promise<void> = async () => undefined,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await probe();
    if (condition() || Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('SIGKILL mid-delivery, then another worker: 0 lost, 0 duplicated, all delivered within 2 minutes of the kill', async () => {
  const firstStarted = Date.now();
  const first = startWorker(START);
  let posts = 0;
  await h.emulator.waitForCall('chat.postMessage', () => ++posts === POSTS_BEFORE_KILL, 30_000);
  first.child.kill('SIGKILL');
  const killedAt = Date.now();
  await first.exited;
  const deliveredBeforeKill = membersServed();
  expect(deliveredBeforeKill).toBeGreaterThanOrEqual(POSTS_BEFORE_KILL);
  expect(deliveredBeforeKill).toBeLessThan(MEMBERS);

  // The second worker's clock goes on from where the first one's would be now.
  const second = startWorker(new Date(START.getTime() + (Date.now() - firstStarted)));
  await waitUntil(() => membersServed() === MEMBERS, 120_000);
  const finishedAfterS = (Date.now() - killedAt) / 1000;
  second.child.kill('SIGTERM');
  await second.exited;

  const reconciled = second
    .stderr()
    .split('\n')
    .filter((line) => line.includes('digest found in the DM from an earlier attempt')).length;
  const counts = users.map((u) => digestsIn(u).length);
  const lost = counts.filter((n) => n === 0).length;
  const duplicated = counts.filter((n) => n > 1).length;
  process.stdout.write(
    `digest-crash: ${deliveredBeforeKill} delivered before the kill, ${reconciled} reconciled from history, ` +
      `${lost} lost, ${duplicated} duplicated, all ${MEMBERS} delivered ${finishedAfterS.toFixed(1)} s after the kill\n`,
  );
  expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  expect(finishedAfterS).toBeLessThan(120);
  const { rows } = await h.database.pool.query(
    `SELECT state, count(*)::int AS n FROM digests GROUP BY state`,
  );
  expect(rows).toEqual([{ state: 'sent', n: MEMBERS }]);
  // Every digest row points at the one message its member got.
  const { rows: sent } = await h.database.pool.query<{ user_id: string; message_ts: string }>(
    'SELECT user_id, message_ts FROM digests',
  );
  for (const row of sent) expect(digestsIn(row.user_id).map((m) => m.ts)).toEqual([row.message_ts]);
}, 180_000);

test("a live sender's leases are renewed every 20 s while Slack is slow, so its digests are not taken over", async () => {
  // The first test's members are still due on the 17th: these must be the only digests in the queue.
  await h.database.pool.query(`DELETE FROM contacts`);
  const slow = ['U0SLOW1', 'U0SLOW2', 'U0SLOW3'];
  await h.database.pool.query(
    `INSERT INTO members (team_id, user_id, tz, created_at) SELECT 'T0ALPHA', u, 'UTC', now() FROM unnest($1::text[]) u`,
    [slow],
  );
  await h.database.pool.query(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
     SELECT 'T0ALPHA', u, 'Slow Slack', 'biweekly', '2026-03-03', '2026-03-17', now(), now() FROM unnest($1::text[]) u`,
    [slow],
  );
  // Each post takes 12 s (under the client's 15-second timeout), and the sender sends one at a time,
  // holding the next one claimed while it waits its turn: the second digest it claimed is still
  // being sent at its first 20-second heartbeat, which must renew its lease.
  h.emulator.delay('chat.postMessage', 12_000);
  const worker = startWorker(new Date('2026-03-17T09:00:00Z'), { TOUCHBASE_SEND_CONCURRENCY: '1' });
  /** The latest lease among the digests of the first claim still being sent (a later claim's is newer anyway). */
  let firstClaim: string[] = [];
  const latestLease = async () =>
    (
      await h.database.pool.query<{ at: Date | null; users: string[] | null }>(
        `SELECT max(lease_until) AS at, array_agg(user_id) AS users FROM digests
         WHERE user_id = ANY($1::text[]) AND state = 'sending'`,
        [firstClaim.length > 0 ? firstClaim : slow],
      )
    ).rows[0] ?? { at: null, users: null };
  let claimed: Date | null = null;
  await waitUntil(
    () => claimed !== null,
    10_000,
    async () => {
      const first = await latestLease();
      claimed = first.at;
      firstClaim = first.users ?? [];
    },
  );
  if (!claimed) throw new Error('the worker did not claim the digests');
  const firstLease = (claimed as Date).getTime();
  let renewed: number | undefined;
  await waitUntil(
    () => renewed !== undefined,
    28_000,
    async () => {
      const { at } = await latestLease();
      if (at && at.getTime() > firstLease) renewed = at.getTime();
    },
  );
  worker.child.kill('SIGKILL');
  await worker.exited;
  h.emulator.delay('chat.postMessage', 0);
  // The heartbeat (every 20 s) pushed the lease on by about as much, while the posts were slow.
  expect(((renewed ?? firstLease) - firstLease) / 1000).toBeGreaterThanOrEqual(15);
}, 60_000);
