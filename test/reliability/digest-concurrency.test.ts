import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Installation } from '@slack/bolt';
import type { RecordedCall } from '../../src/dev/slack-emulator';
import { installationStore } from '../../src/store/installations';
import { ENCRYPTION_KEY, type Harness, OAUTH, startHarness } from '../support/harness';

/**
 * Issue #16: digests go out many at once, with Slack's limits as the only ceiling. Slack (the emulator)
 * enforces its limits here; the worker must stay within them, share the work between processes without
 * sending anything twice, open each member's DM once, and let a 429 in one workspace hold up only that
 * workspace.
 */

const root = path.resolve(__dirname, '..', '..');
const WORKSPACES = ['T0WORK1', 'T0WORK2', 'T0WORK3', 'T0WORK4'];
const PER_WORKSPACE = 50;
const tokenOf = (teamId: string) => `xoxb-${teamId.toLowerCase()}-token`;
const membersOf = (teamId: string) =>
  Array.from({ length: PER_WORKSPACE }, (_, i) => `U${teamId.slice(-1)}${String(i).padStart(3, '0')}`);
const everyone = WORKSPACES.flatMap((teamId) => membersOf(teamId).map((userId) => ({ teamId, userId })));

let h: Harness;
const running = new Set<ChildProcess>();
beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z', auth: OAUTH });
  const installations = installationStore(h.database.pool, h.clock, OAUTH.keys);
  for (const teamId of WORKSPACES)
    await installations.storeInstallation({
      team: { id: teamId, name: teamId },
      enterprise: undefined,
      user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
      bot: {
        id: h.emulator.botId,
        userId: h.emulator.botUserId,
        token: tokenOf(teamId),
        scopes: ['chat:write'],
      },
      isEnterpriseInstall: false,
      tokenType: 'bot',
    } as unknown as Installation);
});
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await h.stop();
});
beforeEach(async () => {
  h.emulator.reset();
  await h.database.pool.query('DELETE FROM digests; DELETE FROM contacts; DELETE FROM members');
});

/** Members (Berlin, digests at 09:00) each with one contact due on `dueOn`, and still due after. */
async function seed(members: { teamId: string; userId: string }[], dueOn: string): Promise<void> {
  await h.database.pool.query(
    `INSERT INTO members (team_id, user_id, tz, tz_from_slack, created_at)
     SELECT t, u, 'Europe/Berlin', true, now() FROM unnest($1::text[], $2::text[]) AS m(t, u)`,
    [members.map((m) => m.teamId), members.map((m) => m.userId)],
  );
  await h.database.pool.query(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
     SELECT t, u, 'Contact of ' || u, 'biweekly', '2026-03-02', $3::date, now(), now()
     FROM unnest($1::text[], $2::text[]) AS m(t, u)`,
    [members.map((m) => m.teamId), members.map((m) => m.userId), dueOn],
  );
}

/** `npm run worker` in OAuth mode (each workspace its own token), its clock starting at `now`. */
function startWorker(now: string, env: Record<string, string> = {}) {
  const child = spawn('node', ['dist/worker/cli.js'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: h.database.url,
      SLACK_CLIENT_ID: OAUTH.clientId,
      SLACK_CLIENT_SECRET: OAUTH.clientSecret,
      SLACK_STATE_SECRET: OAUTH.stateSecret,
      TOUCHBASE_ENCRYPTION_KEY: ENCRYPTION_KEY,
      SLACK_API_URL: h.emulator.apiUrl,
      TOUCHBASE_NOW: now,
      PORT: '0',
      LOG_LEVEL: 'warn',
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
  return {
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const isDigest = (message: { metadata?: unknown }) =>
  (message.metadata as { event_type?: string } | undefined)?.event_type === 'touchbase_digest';
const digestsIn = (userId: string) => h.emulator.dmMessages(userId).filter(isDigest);

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition() && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
}

/** Each member's digests in their DM, counted: none lost, none twice. */
function tally(expectedEach: number) {
  const counts = everyone.map((m) => digestsIn(m.userId).length);
  return {
    lost: counts.filter((n) => n < expectedEach).length,
    duplicated: counts.filter((n) => n > expectedEach).length,
  };
}

const opensOf = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'conversations.open');

test('2 workers, 200 digests across 4 workspaces with Slack limits on: 0 lost, 0 duplicated, under 1% 429s; each DM opened once across two days', async () => {
  h.emulator.setLatency(30);
  h.emulator.setLimits({});
  await seed(everyone, '2026-03-16');
  // Two workers share each workspace's pace: each keeps to half of Slack's 300 a minute.
  const env = { TOUCHBASE_POST_RATE_PER_WORKSPACE: '120' };

  const day = async (now: string, expectedEach: number) => {
    const workers = [startWorker(now, env), startWorker(now, env)];
    await waitUntil(() => everyone.every((m) => digestsIn(m.userId).length >= expectedEach), 90_000);
    await Promise.all(workers.map((w) => w.stop()));
    for (const w of workers) expect(w.stderr()).not.toMatch(/"level":(50|60)/);
  };

  await day('2026-03-16T08:00:30Z', 1); // Monday 09:00:30 in Berlin
  const monday = [...h.emulator.calls];
  // A day passes: Slack's allowances have filled up again (seconds here, not a day).
  h.emulator.setLimits({});
  // The same contacts are still due on Tuesday: a second digest each.
  await day('2026-03-17T08:00:30Z', 2);
  const tuesday = h.emulator.calls.slice(monday.length);

  expect(tally(2)).toEqual({ lost: 0, duplicated: 0 });
  const limited = h.emulator.calls.filter((c) => c.status === 429).length;
  process.stdout.write(
    `digest-concurrency: ${everyone.length} members × 2 days, ${h.emulator.calls.length} calls, ${limited} answered 429, ` +
      `${opensOf(monday).length} conversations.open on Monday, ${opensOf(tuesday).length} on Tuesday\n`,
  );
  expect(limited).toBeLessThanOrEqual(h.emulator.calls.length * 0.01);
  // conversations.open once per member: on Monday, each member's DM once; on Tuesday, the kept channel.
  const openedFor = opensOf(monday)
    .filter((c) => c.ok)
    .map((c) => `${c.token}/${c.args.users}`);
  expect(new Set(openedFor).size).toBe(everyone.length);
  expect(openedFor).toHaveLength(everyone.length);
  expect(opensOf(tuesday)).toEqual([]);
  // Each post went into its member's workspace with that workspace's token.
  for (const post of h.emulator.callsTo('chat.postMessage').filter((c) => c.ok)) {
    const payload = (post.args.metadata as { event_payload: { team_id: string } }).event_payload;
    expect(post.token).toBe(tokenOf(payload.team_id));
  }
  const { rows } = await h.database.pool.query(
    `SELECT state, count(*)::int AS n FROM digests GROUP BY state`,
  );
  expect(rows).toEqual([{ state: 'sent', n: everyone.length * 2 }]);
}, 240_000);

test("a 429 for workspace A delays only A: B's digests go out while A waits out its Retry-After", async () => {
  const [A, B] = WORKSPACES as [string, string];
  const members = everyone.filter((m) => m.teamId === A || m.teamId === B).filter((_, i) => i % 5 === 0);
  await seed(members, '2026-03-16');
  const RETRY_AFTER_S = 5;
  h.emulator.rateLimit('chat.postMessage', RETRY_AFTER_S, { token: tokenOf(A) });
  const limitedUntil = Date.now() + RETRY_AFTER_S * 1000;

  const report = await h.tick('2026-03-16T08:00:30Z');
  expect(report).toMatchObject({ sent: members.length, failed: 0, retried: 0 });

  const posts = h.emulator.callsTo('chat.postMessage').filter((c) => c.ok);
  const postsOf = (teamId: string) => posts.filter((c) => c.token === tokenOf(teamId)).map((c) => c.at);
  // All of B's went out while A was still held back, and A's once its Retry-After had passed.
  expect(Math.max(...postsOf(B))).toBeLessThan(limitedUntil);
  expect(Math.min(...postsOf(A))).toBeGreaterThanOrEqual(limitedUntil - 1000);
  // A's digests waited on the gate: a 429 closed A's chat.postMessage, not every call A's members make.
  const refusedForA = h.emulator.calls.filter((c) => c.status === 429);
  expect(refusedForA.every((c) => c.token === tokenOf(A) && c.method === 'chat.postMessage')).toBe(true);
  expect(tally(1)).toEqual({ lost: 0, duplicated: 0 });
  function tally(expectedEach: number) {
    const counts = members.map((m) => digestsIn(m.userId).length);
    return {
      lost: counts.filter((n) => n < expectedEach).length,
      duplicated: counts.filter((n) => n > expectedEach).length,
    };
  }
}, 60_000);

test('the DM channel is kept for a week, and opened afresh once when Slack answers channel_not_found', async () => {
  const member = { teamId: WORKSPACES[0] as string, userId: 'U0KEEP' };
  await seed([member], '2026-03-16');
  const kept = async () =>
    (
      await h.database.pool.query<{ dm: string | null }>(
        'SELECT dm_channel_id AS dm FROM members WHERE user_id = $1',
        [member.userId],
      )
    ).rows[0]?.dm;
  const postsTo = () =>
    h.emulator.callsTo('chat.postMessage').map((c) => `${c.args.channel} ${c.error ?? 'ok'}`);

  await h.tick('2026-03-16T08:00:30Z');
  const first = h.emulator.dmChannelId(member.userId);
  expect(await kept()).toBe(first);
  await h.tick('2026-03-17T08:00:30Z');
  expect(h.emulator.callsTo('conversations.open')).toHaveLength(1);
  expect(postsTo()).toEqual([`${first} ok`, `${first} ok`]);

  // Slack gives the DM a new id: the kept one answers channel_not_found.
  const { after } = h.emulator.renewDmChannel(member.userId);
  const report = await h.tick('2026-03-18T08:00:30Z');
  expect(report).toMatchObject({ sent: 1, retried: 0, failed: 0 });
  expect(postsTo().slice(2)).toEqual([`${first} channel_not_found`, `${after} ok`]);
  expect(h.emulator.callsTo('conversations.open')).toHaveLength(2);
  expect(await kept()).toBe(after);
  await h.tick('2026-03-19T08:00:30Z');
  expect(h.emulator.callsTo('conversations.open')).toHaveLength(2);
  expect(digestsIn(member.userId)).toHaveLength(4);
  // A week after it was last opened, the DM is opened again: only conversations.open tells that a
  // member's account is gone (Slack still accepts posts into their DM).
  await h.tick('2026-03-24T08:00:30Z');
  expect(h.emulator.callsTo('conversations.open')).toHaveLength(2);
  await h.tick('2026-03-25T08:00:30Z');
  expect(h.emulator.callsTo('conversations.open')).toHaveLength(3);
  expect(digestsIn(member.userId)).toHaveLength(6);
});
