import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { ROOT } from './app';
import {
  connectionsCsv,
  EXISTING,
  existingContacts,
  JOB_CHANGES_PER_BATCH,
  MATCHED,
  NAMESAKES,
  ROWS,
} from './connections';
import { runBench, say } from './database';
import { runMeasured } from './rss';

/**
 * `npm run bench:import`: a 30,000-row LinkedIn Connections.csv (made in memory) imported by a member
 * who already has 10,000 contacts, as the app does it (parseImport, previewImport, runImport), each
 * run in a child process started with the app's own node flags, whose peak resident set is read.
 * Timed against the least work any import must do, in the same run, interleaved: the same parsed rows
 * written into contacts by one multi-row INSERT (`INSERT … SELECT … FROM unnest($arrays)`, the
 * cheapest bulk write pg allows: the driver has no COPY FROM STDIN without another dependency). Then
 * the same file again with 500 job changes each time, against the same floor. A measurement, not a
 * test: it marks each target PASS or MISS and exits 0 whatever the figures.
 *
 * BENCH_DATABASE_URL (or DATABASE_URL) names a server to run on (a fresh database is created and
 * dropped); otherwise an embedded PostgreSQL runs in a temporary folder. BENCH_REPS sets the
 * repetitions (3, after one warm-up).
 */

const load = <T>(module: string): T => require(path.join(ROOT, 'dist', module)) as T;
const { parseImport } = load<typeof import('../src/imports/parse')>('imports/parse.js');
type Person = import('../src/imports/types').ImportedPerson;

const TEAM = 'T0BENCH';
const USER = 'U0IMPORT';
const NOW = new Date('2026-03-02T10:00:00Z');
const TODAY = '2026-03-02';
const WARMUP = 1;
const REPS = Number(process.env.BENCH_REPS) || 3;
const RATIO_TARGET = 3;
const RSS_TARGET_MB = 200;

const n = (x: number) => x.toLocaleString('en');
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** The member and their 10,000 contacts, one statement each (arrays through unnest). */
async function seed(pool: pg.Pool): Promise<void> {
  await pool.query(`INSERT INTO members (team_id, user_id, tz, created_at) VALUES ($1, $2, 'UTC', $3)`, [
    TEAM,
    USER,
    NOW,
  ]);
  const existing = existingContacts();
  const col = <K extends keyof (typeof existing)[number]>(k: K) => existing.map((c) => c[k]);
  await pool.query(
    `INSERT INTO contacts (team_id, user_id, name, company, role, email, profile_url, cadence, added_on,
                           next_due_on, created_at, updated_at)
     SELECT $1::text, $2::text, name, company, role, email, profile_url, cadence, $9::date - 700,
            CASE WHEN cadence <> 'none' THEN $9::date + (ord % 90)::int END, $10::timestamptz, $10::timestamptz
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY
          AS c(name, company, role, email, profile_url, cadence, ord)`,
    [
      TEAM,
      USER,
      col('name'),
      col('company'),
      col('role'),
      col('email'),
      col('profileUrl'),
      col('cadence'),
      TODAY,
      NOW,
    ],
  );
  await pool.query('VACUUM ANALYZE contacts');
}

/** The floor: the parsed rows written as the import writes new people, in one statement and one transaction. */
async function floor(pool: pg.Pool, people: Person[]): Promise<number> {
  const col = <K extends keyof Person>(k: K) => people.map((p) => p[k]);
  const client = await pool.connect();
  try {
    const started = performance.now();
    await client.query('BEGIN');
    const { rowCount } = await client.query(
      `INSERT INTO contacts (team_id, user_id, name, company, role, city, email, profile_url, known_since, birthday,
                             cadence, added_on, source, unsorted, created_at, updated_at)
       SELECT $1::text, $2::text, name, company, role, city, email, profile_url, known_since, birthday,
              'none', $11::date, 'linkedin', true, $12::timestamptz, $12::timestamptz
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::text[])
            AS p(name, company, role, city, email, profile_url, known_since, birthday)`,
      [
        TEAM,
        USER,
        col('name'),
        col('company'),
        col('role'),
        col('city'),
        col('email'),
        col('profileUrl'),
        col('connectedOn'),
        col('birthday'),
        TODAY,
        NOW,
      ],
    );
    await client.query('COMMIT');
    const took = performance.now() - started;
    if (rowCount !== people.length) throw new Error(`the floor wrote ${rowCount} rows of ${people.length}`);
    return took;
  } finally {
    client.release();
  }
}

/** Undoes what a timed run wrote (untimed): the contacts it added, the details it filled, its import. */
async function undo(pool: pg.Pool, lastSeededId: number, importsBefore: number): Promise<void> {
  await pool.query('DELETE FROM contacts WHERE id > $1', [lastSeededId]);
  await pool.query('UPDATE contacts SET known_since = NULL WHERE known_since IS NOT NULL');
  await pool.query('DELETE FROM imports WHERE id > $1', [importsBefore]);
  await pool.query('VACUUM ANALYZE contacts, imports');
}

async function maxId(pool: pg.Pool, table: 'contacts' | 'imports'): Promise<number> {
  const { rows } = await pool.query<{ id: number | null }>(`SELECT max(id)::int AS id FROM ${table}`);
  return rows[0]?.id ?? 0;
}

interface ImportRun {
  parseMs: number;
  planMs: number;
  writeMs: number;
  totalMs: number;
  peakMb: number | null;
  counts: Record<string, number>;
  summary: Record<string, number>;
  progressCalls: number;
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

async function importInChild(url: string, changedBatches: number): Promise<ImportRun> {
  const run = await runMeasured(
    process.execPath,
    [...appNodeFlags(), path.join(__dirname, 'import-child.js'), String(changedBatches)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url,
        BENCH_TEAM: TEAM,
        BENCH_USER: USER,
        BENCH_NOW: NOW.toISOString(),
        NODE_ENV: 'production',
      },
      pollMs: 20,
    },
  );
  if (run.code !== 0) throw new Error(`the import exited with ${run.code}:\n${run.stderr}`);
  const report = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
  return {
    ...report,
    totalMs: report.parseMs + report.planMs + report.writeMs,
    peakMb: run.peakRssBytes === null ? null : run.peakRssBytes / 2 ** 20,
  };
}

function describe(
  label: string,
  runs: ImportRun[],
  floors: number[],
): { ratio: number; peakMb: number | null } {
  const m = (k: 'parseMs' | 'planMs' | 'writeMs' | 'totalMs') => median(runs.map((r) => r[k]));
  const floorMs = median(floors);
  const ratio = m('totalMs') / floorMs;
  const peaks = runs.map((r) => r.peakMb).filter((x): x is number => x !== null);
  const peakMb = peaks.length ? Math.max(...peaks) : null;
  const last = runs[runs.length - 1];
  say(`\n== ${label}`);
  say(`preview: ${JSON.stringify(last?.counts)}; written: ${JSON.stringify(last?.summary)}`);
  say(
    `import median ${ms(m('totalMs'))} (parse ${ms(m('parseMs'))}, preview ${ms(m('planMs'))}, ` +
      `write ${ms(m('writeMs'))}; ${last?.progressCalls} progress updates)  runs: ${runs.map((r) => r.totalMs.toFixed(0)).join(' ')}`,
  );
  say(`floor  median ${ms(floorMs)}  runs: ${floors.map((x) => x.toFixed(0)).join(' ')}`);
  say(`ratio ${ratio.toFixed(2)} (target ≤ ${RATIO_TARGET})  ${mark(ratio <= RATIO_TARGET)}`);
  say(
    peakMb === null
      ? 'peak RSS: n/a (no /proc here)'
      : `peak RSS of the importing process: ${peakMb.toFixed(1)} MB (target < ${RSS_TARGET_MB} MB)  ${mark(peakMb < RSS_TARGET_MB)}`,
  );
  return { ratio, peakMb };
}

runBench('bench:import', async ({ bench, pool }) => {
  await seed(pool);
  const lastSeededId = await maxId(pool, 'contacts');
  const file = connectionsCsv();
  const parsed = parseImport(file);
  if (parsed.kind !== 'people') throw new Error('the bench file did not parse');
  say(
    `seed: 1 member with ${n(EXISTING)} contacts (${n(MATCHED)} of them in the file by profile URL, email or ` +
      `name and company; ${n(NAMESAKES)} namesakes at other companies). File: ${n(ROWS)} LinkedIn rows, ` +
      `${(file.length / 2 ** 20).toFixed(1)} MB, ${n(parsed.people.length)} people read`,
  );

  // First import, from the same state each time: interleaved with the floor, alternating which goes first.
  const firstRuns: ImportRun[] = [];
  const firstFloors: number[] = [];
  for (let i = 0; i < WARMUP + REPS; i++) {
    const last = i === WARMUP + REPS - 1;
    const importsBefore = await maxId(pool, 'imports');
    const doFloor = async () => {
      const took = await floor(pool, parsed.people);
      await undo(pool, lastSeededId, importsBefore);
      if (i >= WARMUP) firstFloors.push(took);
    };
    // The last floor goes first: the last import stays.
    const floorFirst = i % 2 === 1 || last;
    if (floorFirst) await doFloor();
    const run = await importInChild(bench.url, 0);
    if (i >= WARMUP) firstRuns.push(run);
    // The re-imports start from the last import.
    if (last) await pool.query('VACUUM ANALYZE contacts, imports');
    else await undo(pool, lastSeededId, importsBefore);
    if (!floorFirst) await doFloor();
  }
  const first = describe(
    `first import: ${n(ROWS)} rows into ${n(EXISTING)} contacts`,
    firstRuns,
    firstFloors,
  );

  // Re-imports: run k's file has batch k's 500 new jobs (and the earlier batches' already recorded).
  const againRuns: ImportRun[] = [];
  const againFloors: number[] = [];
  for (let k = 1; k <= WARMUP + REPS; k++) {
    const afterImport = await maxId(pool, 'contacts');
    const doFloor = async () => {
      const took = await floor(pool, parsed.people);
      await pool.query('DELETE FROM contacts WHERE id > $1', [afterImport]);
      await pool.query('VACUUM ANALYZE contacts');
      if (k > WARMUP) againFloors.push(took);
    };
    if (k % 2) await doFloor();
    const run = await importInChild(bench.url, k);
    if (run.summary.jobChanges !== JOB_CHANGES_PER_BATCH)
      throw new Error(`re-import ${k} found ${run.summary.jobChanges} job changes`);
    await pool.query('VACUUM ANALYZE contacts, transitions, imports');
    if (k > WARMUP) againRuns.push(run);
    if (k % 2 === 0) await doFloor();
  }
  const again = describe(
    `re-import: the same ${n(ROWS)} rows with ${JOB_CHANGES_PER_BATCH} job changes`,
    againRuns,
    againFloors,
  );

  say('\n== bench:import summary');
  say(
    `first import  ratio ${first.ratio.toFixed(2)} (≤ ${RATIO_TARGET}) ${mark(first.ratio <= RATIO_TARGET)}`,
  );
  say(
    `re-import     ratio ${again.ratio.toFixed(2)} (≤ ${RATIO_TARGET}) ${mark(again.ratio <= RATIO_TARGET)}`,
  );
  const peak = Math.max(first.peakMb ?? 0, again.peakMb ?? 0);
  say(`peak RSS      ${peak.toFixed(1)} MB (< ${RSS_TARGET_MB}) ${mark(peak < RSS_TARGET_MB)}`);
});
