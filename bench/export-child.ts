import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { ROOT } from './app';

/**
 * One export as the app runs it, in a process of its own so bench:export can read its peak resident
 * set: `runExport` on the web pool's timeouts (1.5 s a statement), sharing its files through Slack's
 * upload flow to the emulator the bench runs (`shareFiles`, as `/touchbase export` does). Or, with
 * `floor`, the least work any export must do: the member's contacts and touches read in one statement
 * each and written out as JSON lines. Prints one JSON line.
 *
 * argv: export | floor; env: DATABASE_URL, BENCH_TEAM, BENCH_USER, BENCH_API_URL, BENCH_TOKEN, BENCH_CHANNEL.
 */

const load = <T>(module: string): T => require(path.join(ROOT, 'dist', module)) as T;
const exportsUseCase = load<typeof import('../src/usecases/exports')>('usecases/exports.js');
const { shareFiles } = load<typeof import('../src/slack/export-upload')>('slack/export-upload.js');
const { createPool } = load<typeof import('../src/store/db')>('store/db.js');
const { DEFAULT_DATABASE_TIMEOUTS } = load<typeof import('../src/config')>('config.js');
const { createLogger } = load<typeof import('../src/logger')>('logger.js');

const env = (name: string) => process.env[name] ?? '';

async function floor(pool: import('pg').Pool): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'touchbase-export-floor-'));
  try {
    const started = performance.now();
    const out = createWriteStream(path.join(dir, 'floor.json'));
    const member = [env('BENCH_TEAM'), env('BENCH_USER')];
    const contacts = await pool.query('SELECT * FROM contacts WHERE team_id = $1 AND user_id = $2', member);
    const touches = await pool.query('SELECT * FROM touches WHERE team_id = $1 AND user_id = $2', member);
    for (const rows of [contacts.rows, touches.rows]) {
      out.write(rows.map((r) => JSON.stringify(r)).join('\n'));
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    return {
      ms: performance.now() - started,
      contacts: contacts.rowCount ?? 0,
      touches: touches.rowCount ?? 0,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const logger = createLogger({ level: 'warn', pretty: false, toStderr: true });
  const pool = createPool(env('DATABASE_URL'), { max: 10, timeouts: DEFAULT_DATABASE_TIMEOUTS.web, logger });
  try {
    if (process.argv[2] === 'floor') {
      process.stdout.write(`${JSON.stringify(await floor(pool))}\n`);
      return;
    }
    const { rows } = await pool.query(
      `SELECT team_id AS "teamId", user_id AS "userId", tz, tz AS "slackTz", digest_hour AS "digestHour",
              work_days::int[] AS "workDays", tz_override AS "tzOverride", paused_until::text AS "pausedUntil",
              patience_days AS "patienceDays", tz_from_slack AS "tzFromSlack"
       FROM members WHERE team_id = $1 AND user_id = $2`,
      [env('BENCH_TEAM'), env('BENCH_USER')],
    );
    const member = rows[0];
    const client = new WebClient(env('BENCH_TOKEN'), {
      slackApiUrl: env('BENCH_API_URL'),
      retryConfig: { retries: 0 },
    });
    const deps = { db: pool, clock: { now: () => new Date() }, logger };
    let progressCalls = 0;
    let bytes = 0;
    const started = performance.now();
    let builtAt = 0;
    const outcome = await exportsUseCase.runExport(
      deps,
      member,
      async () => {
        progressCalls++;
      },
      async (files) => {
        builtAt = performance.now();
        bytes = files.reduce((sum, f) => sum + f.bytes, 0);
        await shareFiles(client, env('BENCH_CHANNEL'), files);
      },
    );
    if (outcome.kind !== 'done') throw new Error(`the export did not run: ${outcome.kind}`);
    const ended = performance.now();
    process.stdout.write(
      `${JSON.stringify({ ms: ended - started, buildMs: builtAt - started, uploadMs: ended - builtAt, contacts: outcome.contacts, bytes, progressCalls })}\n`,
    );
  } finally {
    await pool.end();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:export's child failed: ${String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  },
);
