import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { Installation } from '@slack/bolt';
import type pg from 'pg';
import { installations, ROOT, type SlackEmulator, secrets, slackEmulator } from './app';
import { runBench, say } from './database';
import { type ChildRun, runMeasured } from './rss';

/**
 * `npm run bench:deliver`: a morning at 09:00 in New York for many workspaces (issue #16). 20,000
 * digests across 400 workspaces of 50 members, sent by the real worker (`node dist/worker/cli.js`, OAuth,
 * a token per workspace) to the Slack emulator in this process, which answers every call after 150 ms
 * and enforces Slack's limits (429 with Retry-After): first with one worker process, then with two.
 *
 * The floor is the time Slack's limits allow: the larger of the busiest workspace's digests at its
 * allowed chat.postMessage pace, and every call at the emulator's latency spread over the configured
 * concurrency, that latency as measured in this run (bare calls at the same concurrency, no worker).
 * Delivery time runs from the first digest planned to the last one recorded sent. A measurement, not a
 * test: it exits 0 whatever the figures, marking each goal PASS or MISS.
 *
 * BENCH_WORKSPACES (400), BENCH_MEMBERS (50 per workspace), BENCH_LATENCY_MS (150),
 * TOUCHBASE_SEND_CONCURRENCY (32) and BENCH_WORKERS ("1,2") change the run; BENCH_DATABASE_URL (or
 * DATABASE_URL) names a server, otherwise an embedded PostgreSQL runs in a temporary folder.
 */

const WORKSPACES = Number(process.env.BENCH_WORKSPACES) || 400;
const MEMBERS = Number(process.env.BENCH_MEMBERS) || 50;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS) || 150;
const CONCURRENCY = Number(process.env.TOUCHBASE_SEND_CONCURRENCY) || 32;
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
/** 09:00:30 in New York (EDT) on Monday 16 March 2026. */
const NOW = '2026-03-16T13:00:30Z';
const ENCRYPTION_KEY = '5f'.repeat(32);
const OAUTH_ENV = {
  SLACK_CLIENT_ID: '1.2',
  SLACK_CLIENT_SECRET: 'bench-secret',
  SLACK_STATE_SECRET: 'bench-state',
};
/** Calls per digest on the first morning: conversations.open (the DM is not kept yet) and chat.postMessage. */
const CALLS_PER_DIGEST = 2;
const RATIO_GOAL = 1.3;
const LIMITED_GOAL_PCT = 1;
const RSS_GOAL_MB = 200;
/** Bare calls timed to measure the emulator's answer time at the configured concurrency. */
const BARE_CALLS = 2_000;

const teamOf = (w: number) => `T${String(w).padStart(5, '0')}`;
const tokenOf = (teamId: string) => `xoxb-bench-${teamId}`;
const userOf = (w: number, m: number) => `U${String(w).padStart(5, '0')}${String(m).padStart(3, '0')}`;
const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const n = (x: number) => x.toLocaleString('en');
const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MB`);

async function seed(pool: pg.Pool): Promise<void> {
  const store = installations.installationStore(
    pool,
    { now: () => new Date() },
    secrets.keyring(ENCRYPTION_KEY),
  );
  for (let w = 0; w < WORKSPACES; w++) {
    const teamId = teamOf(w);
    await store.storeInstallation({
      team: { id: teamId, name: teamId },
      enterprise: undefined,
      user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
      bot: { id: 'B0EMULBOT', userId: 'U0EMULBOT', token: tokenOf(teamId), scopes: ['chat:write'] },
      isEnterpriseInstall: false,
      tokenType: 'bot',
    } as unknown as Installation);
  }
  await pool.query(
    `INSERT INTO members (team_id, user_id, tz, tz_from_slack, created_at)
     SELECT 'T' || lpad(w::text, 5, '0'), 'U' || lpad(w::text, 5, '0') || lpad(m::text, 3, '0'),
            'America/New_York', true, now()
     FROM generate_series(0, $1::int - 1) w, generate_series(0, $2::int - 1) m`,
    [WORKSPACES, MEMBERS],
  );
  await pool.query(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
     SELECT team_id, user_id, 'Contact of ' || user_id, 'monthly', '2026-02-16', '2026-03-16', now(), now()
     FROM members`,
  );
  await pool.query('ANALYZE');
}

/** The emulator's answer time per call at the configured concurrency, with nothing else running. */
async function bareCallSeconds(emulator: SlackEmulator): Promise<number> {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < BARE_CALLS) {
      const i = next++;
      const res = await fetch(`${emulator.apiUrl}auth.test`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokenOf(teamOf(i % WORKSPACES))}` },
      });
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return ((performance.now() - started) / 1000 / BARE_CALLS) * CONCURRENCY;
}

/** `npm run worker`'s node flags (its heap limit), so the bench runs the worker as deployed. */
function workerScriptArgs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { worker: string };
  };
  const [command, ...args] = pkg.scripts.worker.split(/\s+/);
  if (command !== 'node')
    throw new Error(`the worker script does not start with node: ${pkg.scripts.worker}`);
  return args;
}

/** BENCH_PROFILE names a folder for a CPU profile of each worker (node --cpu-prof), written as it stops. */
function profileArgs(): string[] {
  return process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
}

/** The machine's CPU time so far, busy and in all, in clock ticks (the first line of /proc/stat). */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? [];
    const ticks = fields.map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    // idle and iowait are the 4th and 5th.
    return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
  } catch {
    return null;
  }
}

/** Runs `workers` worker processes until every digest is recorded sent (or a generous timeout), then stops them. */
async function deliver(pool: pg.Pool, url: string, emulator: SlackEmulator, workers: number, floorS: number) {
  const total = WORKSPACES * MEMBERS;
  const children: ChildProcess[] = [];
  const runs: Promise<ChildRun>[] = [];
  for (let i = 0; i < workers; i++)
    runs.push(
      runMeasured(process.execPath, [...profileArgs(), ...workerScriptArgs()], {
        cwd: ROOT,
        pollMs: 200,
        onSpawn: (child) => children.push(child),
        env: {
          ...process.env,
          ...OAUTH_ENV,
          DATABASE_URL: url,
          TOUCHBASE_ENCRYPTION_KEY: ENCRYPTION_KEY,
          SLACK_BOT_TOKEN: '',
          SLACK_APP_TOKEN: '',
          SLACK_API_URL: emulator.apiUrl,
          TOUCHBASE_NOW: NOW,
          TOUCHBASE_SEND_CONCURRENCY: String(CONCURRENCY),
          PORT: '0',
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
        },
      }),
    );
  const deadline = Date.now() + Math.max(10 * 60_000, floorS * 4 * 1000);
  let sent = 0;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const { rows } = await pool.query<{ sent: number; open: number }>(
      `SELECT count(*) FILTER (WHERE state = 'sent')::int AS sent,
              count(*) FILTER (WHERE state IN ('pending', 'sending'))::int AS open FROM digests`,
    );
    sent = rows[0]?.sent ?? 0;
    if (sent >= total) break;
  }
  for (const child of children) child.kill('SIGTERM');
  const finished = await Promise.all(runs);
  const { rows } = await pool.query<{ seconds: number; failed: number }>(
    `SELECT extract(epoch FROM max(sent_at) - min(created_at))::float AS seconds,
            count(*) FILTER (WHERE state = 'failed')::int AS failed FROM digests`,
  );
  // How the sends spread over the run: a stall (a pause between ticks, a straggler) shows as a gap.
  const { rows: pace } = await pool.query<{ sent: number }>(
    `WITH start AS (SELECT min(created_at) AS at FROM digests),
     sent AS (
       SELECT floor(extract(epoch FROM d.sent_at - start.at) / 10)::int AS bucket
       FROM digests d, start WHERE d.sent_at IS NOT NULL
     )
     SELECT count(sent.bucket)::int AS sent
     FROM generate_series(0, (SELECT max(bucket) FROM sent)) g LEFT JOIN sent ON sent.bucket = g
     GROUP BY g ORDER BY g`,
  );
  return {
    sent,
    seconds: rows[0]?.seconds ?? Number.NaN,
    failed: rows[0]?.failed ?? 0,
    finished,
    pace: pace.map((r) => r.sent),
  };
}

/** Each member's digests in their DM: none lost, none twice. */
function tally(emulator: SlackEmulator) {
  let lost = 0;
  let duplicated = 0;
  for (let w = 0; w < WORKSPACES; w++)
    for (let m = 0; m < MEMBERS; m++) {
      const count = emulator
        .dmMessages(userOf(w, m))
        .filter(
          (msg) => (msg.metadata as { event_type?: string } | undefined)?.event_type === 'touchbase_digest',
        ).length;
      if (count === 0) lost++;
      if (count > 1) duplicated++;
    }
  return { lost, duplicated };
}

runBench('bench:deliver', async ({ bench, pool, onExit }) => {
  const total = WORKSPACES * MEMBERS;
  say(
    `${n(total)} digests: ${n(WORKSPACES)} workspaces × ${MEMBERS} members at 09:00 in New York; ` +
      `Slack (the emulator) answers each call after ${LATENCY_MS} ms and enforces its limits; ` +
      `TOUCHBASE_SEND_CONCURRENCY ${CONCURRENCY} per worker`,
  );
  let started = performance.now();
  await seed(pool);
  say(
    `seeded ${n(WORKSPACES)} installations, ${n(total)} members and contacts in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const emulator = await slackEmulator.SlackEmulator.start({ latencyMs: LATENCY_MS });
  onExit(() => emulator.stop());
  const perCallS = await bareCallSeconds(emulator);
  const limits = slackEmulator.SLACK_LIMITS;
  const postsPerMinute = limits.postsPerWorkspace?.perMinute ?? Number.POSITIVE_INFINITY;
  const busiestS = (MEMBERS / postsPerMinute) * 60;
  say(
    `the emulator answers a bare call in ${(perCallS * 1000).toFixed(0)} ms at concurrency ${CONCURRENCY} ` +
      `(latency ${LATENCY_MS} ms); Slack allows ${postsPerMinute} posts a minute per workspace, ` +
      `so the busiest workspace needs ${busiestS.toFixed(1)} s`,
  );

  for (const workers of WORKER_COUNTS) {
    emulator.reset();
    emulator.setLatency(LATENCY_MS);
    emulator.setLimits({});
    await pool.query('TRUNCATE digests');
    await pool.query('UPDATE members SET dm_channel_id = NULL');
    const callsS = (total * CALLS_PER_DIGEST * perCallS) / (CONCURRENCY * workers);
    const floorS = Math.max(busiestS, callsS);
    started = performance.now();
    const ticksBefore = machineTicks();
    const benchCpuBefore = process.cpuUsage();
    const run = await deliver(pool, bench.url, emulator, workers, floorS);
    const ticksAfter = machineTicks();
    const benchCpuS = (() => {
      const used = process.cpuUsage(benchCpuBefore);
      return (used.user + used.system) / 1e6;
    })();
    const { lost, duplicated } = tally(emulator);
    const calls = emulator.calls.length;
    const limited = emulator.calls.filter((c) => c.status === 429).length;
    const limitedPct = (limited / Math.max(1, calls)) * 100;
    const peak = Math.max(...run.finished.map((r) => r.peakRssBytes ?? 0));
    const ratio = run.seconds / floorS;
    for (const [i, r] of run.finished.entries())
      if (r.code !== 0) say(`worker ${i + 1} exited with ${r.code}: ${r.stderr.slice(-2000)}`);
    say(
      `${workers} worker${workers > 1 ? 's' : ''}: ${n(run.sent)} of ${n(total)} sent (${run.failed} failed) in ${run.seconds.toFixed(1)} s ` +
        `(watched ${((performance.now() - started) / 1000).toFixed(0)} s); floor ${floorS.toFixed(1)} s ` +
        `(calls ${callsS.toFixed(1)} s, busiest workspace ${busiestS.toFixed(1)} s)`,
    );
    say(`  delivery / floor ${ratio.toFixed(2)} (goal ≤ ${RATIO_GOAL}) ${mark(ratio <= RATIO_GOAL)}`);
    say(`  digests sent in each 10 s: ${run.pace.join(' ')}`);
    say(
      `  429s ${n(limited)} of ${n(calls)} calls, ${limitedPct.toFixed(2)}% (goal < ${LIMITED_GOAL_PCT}%) ${mark(limitedPct < LIMITED_GOAL_PCT)}`,
    );
    say(`  lost ${lost}, duplicated ${duplicated} (goal 0, 0) ${mark(lost === 0 && duplicated === 0)}`);
    if (ticksBefore && ticksAfter) {
      const busyShare = (ticksAfter.busy - ticksBefore.busy) / (ticksAfter.total - ticksBefore.total);
      const workersCpuS = run.finished.reduce((sum, r) => sum + (r.cpuSeconds ?? 0), 0);
      // Where the cores went: a run whose cores were busy all along was held back by CPU, not by Slack.
      say(
        `  CPU: the ${cpus().length} cores ${(busyShare * 100).toFixed(0)}% busy while watched; workers ` +
          `${workersCpuS.toFixed(1)} s (${((workersCpuS / Math.max(1, run.sent)) * 1e6).toFixed(0)} µs a digest), ` +
          `the emulator and this bench ${benchCpuS.toFixed(1)} s, the rest (PostgreSQL, others) ` +
          `${Math.max(0, (ticksAfter.busy - ticksBefore.busy) / 100 - workersCpuS - benchCpuS).toFixed(1)} s`,
      );
    }
    say(
      `  worker peak RSS ${run.finished.map((r) => mb(r.peakRssBytes)).join(', ')} (goal < ${RSS_GOAL_MB} MB) ${mark(peak < RSS_GOAL_MB * 2 ** 20)}`,
    );
  }
});
