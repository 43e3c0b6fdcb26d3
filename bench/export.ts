import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { ROOT, slackEmulator } from './app';
import { runBench, say } from './database';
import { runMeasured } from './rss';

/**
 * `npm run bench:export`: `/touchbase export` for a member with 20,000 contacts and 100,000 touches
 * (with asks, transitions, introductions and trips), among four other members as large, then for one
 * with twice that, each export in a child process started with the app's node flags, on the web pool's
 * 1.5 s statement limit, sharing its two files through Slack's upload flow to a local emulator. Timed
 * against the least work any export must do, in the same run, interleaved: the member's contacts and
 * touches read in one statement each and written out as JSON lines. Prints the ratio, the progress
 * updates, the files' size and the exporting process's peak resident set, which should not grow with
 * the network (the export reads a page at a time and writes as it reads). A measurement, not a test.
 */

const TEAM = 'T0BENCH';
const BOT_TOKEN = 'xoxb-bench-export';
const WARMUP = 1;
const REPS = Number(process.env.BENCH_REPS) || 3;
const NOW = new Date('2026-03-02T10:00:00Z');

const n = (x: number) => x.toLocaleString('en');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** A member with `contacts` contacts, five touches each, an ask on every fourth touch of intent ask, … */
async function seedMember(pool: pg.Pool, userId: string, contacts: number): Promise<void> {
  const member = [TEAM, userId];
  await pool.query(`INSERT INTO members (team_id, user_id, tz, created_at) VALUES ($1, $2, 'UTC', $3)`, [
    ...member,
    NOW,
  ]);
  await pool.query(
    `INSERT INTO contacts (team_id, user_id, name, company, role, city, cadence, how_met, wants_needs, added_on,
                           last_touch_on, next_due_on, email, profile_url, created_at, updated_at)
     SELECT $1, $2, 'Contact ' || n,
            (ARRAY['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli'])[n % 5 + 1],
            (ARRAY['Engineer', 'Designer', 'Founder', 'Investor'])[n % 4 + 1],
            (ARRAY['Berlin', 'Lisbon', 'New York', 'Nairobi'])[n % 4 + 1],
            (ARRAY['biweekly', 'monthly', 'quarterly', 'semiannual', 'yearly', 'none'])[n % 6 + 1],
            'Met at a meetup, talked about their work',
            'Looking for a co-founder, "seed" funding, and a good designer',
            date '2024-01-01', date '2026-01-01' + n % 60, date '2026-03-01' + n % 90,
            CASE WHEN n % 3 = 0 THEN 'person' || n || '@example.com' END,
            CASE WHEN n % 2 = 0 THEN 'https://www.linkedin.com/in/person-' || n END, $4, $4
     FROM generate_series(1, $3::int) n`,
    [...member, contacts, NOW],
  );
  await pool.query(
    `INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, note, created_at)
     SELECT c.team_id, c.user_id, c.id, date '2025-01-01' + ((c.id * 7 + k * 37) % 400)::int,
            (ARRAY['call', 'video', 'in_person', 'message', 'email', 'event'])[(c.id + k) % 6 + 1],
            (ARRAY['give', 'ask', 'catch_up'])[(c.id + k) % 3 + 1], 'Talked about their plans, part ' || k, $3
     FROM contacts c, generate_series(1, 5) k WHERE c.team_id = $1 AND c.user_id = $2`,
    [...member, NOW],
  );
  await pool.query(
    `INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, follow_up_on, created_at)
     SELECT team_id, user_id, contact_id, id, 'an introduction', touched_on, touched_on + 10, $3
     FROM touches WHERE team_id = $1 AND user_id = $2 AND intent = 'ask' AND id % 4 = 0`,
    [...member, NOW],
  );
  await pool.query(
    `INSERT INTO transitions (team_id, user_id, contact_id, kind, noted_on, note, created_at)
     SELECT team_id, user_id, id, 'new_job', date '2026-02-01', 'A new role', $3
     FROM contacts WHERE team_id = $1 AND user_id = $2 AND id % 10 = 0`,
    [...member, NOW],
  );
  await pool.query(
    `INSERT INTO introductions (team_id, user_id, from_contact_id, to_name, kind, introduced_on, follow_up_on, created_at)
     SELECT team_id, user_id, id, 'A fellowship', 'other', date '2026-02-01', date '2026-02-15', $3
     FROM contacts WHERE team_id = $1 AND user_id = $2 AND id % 50 = 0`,
    [...member, NOW],
  );
  await pool.query(
    `INSERT INTO trips (team_id, user_id, city, starts_on, ends_on, reach_out_on, met_prompt_on, created_at)
     SELECT $1, $2, 'Lisbon', date '2026-05-01' + k, date '2026-05-03' + k, date '2026-04-17' + k,
            date '2026-05-04' + k, $3
     FROM generate_series(1, 50) k`,
    [...member, NOW],
  );
}

/** The app's node flags: the start script's, `node` and its entry point taken off. */
function appNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`the start script does not start with node: ${pkg.scripts.start}`);
  return args.filter((a) => a.startsWith('-'));
}

interface ChildReport {
  ms: number;
  buildMs?: number;
  uploadMs?: number;
  bytes?: number;
  progressCalls?: number;
  contacts?: number;
  peakMb: number | null;
}

async function inChild(mode: 'export' | 'floor', env: NodeJS.ProcessEnv): Promise<ChildReport> {
  const run = await runMeasured(
    process.execPath,
    [...appNodeFlags(), path.join(__dirname, 'export-child.js'), mode],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, NODE_ENV: 'production' },
      pollMs: 20,
    },
  );
  if (run.code !== 0) throw new Error(`the ${mode} exited with ${run.code}:\n${run.stderr}`);
  const report = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
  return { ...report, peakMb: run.peakRssBytes === null ? null : run.peakRssBytes / 2 ** 20 };
}

runBench('bench:export', async ({ bench, pool, onExit }) => {
  const emulator = await slackEmulator.SlackEmulator.start({ teamId: TEAM, botToken: BOT_TOKEN });
  onExit(() => emulator.stop());
  const sizes = [
    { userId: 'U0EXPORT', contacts: 20_000 },
    { userId: 'U0DOUBLE', contacts: 40_000 },
  ];
  for (const { userId, contacts } of sizes) await seedMember(pool, userId, contacts);
  for (let i = 0; i < 4; i++) await seedMember(pool, `U0OTHER${i}`, 20_000);
  await pool.query('VACUUM ANALYZE');
  const { rows } = await pool.query<{ contacts: number; touches: number }>(
    `SELECT (SELECT count(*)::int FROM contacts) AS contacts, (SELECT count(*)::int FROM touches) AS touches`,
  );
  say(`seed: ${n(rows[0]?.contacts ?? 0)} contacts and ${n(rows[0]?.touches ?? 0)} touches over 6 members`);

  const peaks: number[] = [];
  for (const { userId, contacts } of sizes) {
    const env = {
      DATABASE_URL: bench.url,
      BENCH_TEAM: TEAM,
      BENCH_USER: userId,
      BENCH_API_URL: emulator.apiUrl,
      BENCH_TOKEN: BOT_TOKEN,
      BENCH_CHANNEL: emulator.dmChannelId(userId),
    };
    const exports: ChildReport[] = [];
    const floors: ChildReport[] = [];
    for (let i = 0; i < WARMUP + REPS; i++) {
      const floorFirst = i % 2 === 1;
      if (floorFirst) floors.push(await inChild('floor', env));
      exports.push(await inChild('export', env));
      // The emulator keeps what it was sent; forget it between runs.
      emulator.reset();
      if (!floorFirst) floors.push(await inChild('floor', env));
    }
    const timed = exports.slice(WARMUP);
    const floorMs = median(floors.slice(WARMUP).map((f) => f.ms));
    const exportMs = median(timed.map((r) => r.ms));
    const last = timed.at(-1) as ChildReport;
    const peak = Math.max(...timed.map((r) => r.peakMb ?? 0));
    const floorPeak = Math.max(...floors.slice(WARMUP).map((r) => r.peakMb ?? 0));
    peaks.push(peak);
    say(`\n== ${n(contacts)} contacts, ${n(contacts * 5)} touches`);
    say(
      `export median ${exportMs.toFixed(0)} ms (build ${median(timed.map((r) => r.buildMs ?? 0)).toFixed(0)} ms, ` +
        `upload ${median(timed.map((r) => r.uploadMs ?? 0)).toFixed(0)} ms); files ${((last.bytes ?? 0) / 2 ** 20).toFixed(1)} MB; ` +
        `${last.progressCalls} progress steps  runs: ${timed.map((r) => r.ms.toFixed(0)).join(' ')}`,
    );
    say(`floor  median ${floorMs.toFixed(0)} ms (one read of contacts and touches, written as JSON lines)`);
    say(`ratio ${(exportMs / floorMs).toFixed(2)}`);
    say(`peak RSS: export ${peak.toFixed(1)} MB, floor (everything in memory) ${floorPeak.toFixed(1)} MB`);
  }
  say('\n== bench:export summary');
  say(
    `peak RSS at 20k contacts ${peaks[0]?.toFixed(1)} MB, at 40k ${peaks[1]?.toFixed(1)} MB: ` +
      `${(((peaks[1] ?? 0) / (peaks[0] ?? 1) - 1) * 100).toFixed(0)}% more for twice the network`,
  );
});
