import path from 'node:path';
import { ROOT } from './app';
import { connectionsCsv } from './connections';

/**
 * One import as the app runs it, in a process of its own so bench:import can read its peak resident
 * set: the file made in memory (untimed, as the app would hold the download), then parseImport, the
 * preview (previewImport: the member's contacts read and matched, the plan kept) and Import
 * (runImport: one transaction, in chunks, with a progress callback), each timed. Prints one JSON line.
 *
 * argv: <changed job batches in the file>; env: DATABASE_URL, BENCH_TEAM, BENCH_USER, BENCH_NOW.
 */

const load = <T>(module: string): T => require(path.join(ROOT, 'dist', module)) as T;
const { parseImport } = load<typeof import('../src/imports/parse')>('imports/parse.js');
const imports = load<typeof import('../src/usecases/imports')>('usecases/imports.js');
const { openDatabase } = load<typeof import('../src/store/db')>('store/db.js');
const { createLogger } = load<typeof import('../src/logger')>('logger.js');

async function main(): Promise<void> {
  const changedBatches = Number(process.argv[2] ?? 0);
  const now = new Date(process.env.BENCH_NOW ?? '');
  const member = { teamId: process.env.BENCH_TEAM ?? '', userId: process.env.BENCH_USER ?? '', tz: 'UTC' };
  const logger = createLogger({ level: 'warn', pretty: false, toStderr: true });
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: '',
    embeddedPgPort: 0,
    logger,
  });
  const deps = { db: database.pool, clock: { now: () => now }, logger };
  try {
    const file = connectionsCsv(changedBatches);
    const t0 = performance.now();
    const parsed = parseImport(file);
    if (parsed.kind !== 'people')
      throw new Error(`the bench's file did not parse: ${JSON.stringify(parsed)}`);
    const t1 = performance.now();
    const outcome = await imports.previewImport(deps, member, parsed);
    if (outcome.kind !== 'preview') throw new Error(`no preview: ${JSON.stringify(outcome)}`);
    const t2 = performance.now();
    let progressCalls = 0;
    const run = await imports.runImport(deps, member, outcome.preview.importId, [], async () => {
      progressCalls++;
    });
    if (run.kind !== 'done') throw new Error(`the import did not run: ${run.kind}`);
    const t3 = performance.now();
    process.stdout.write(
      `${JSON.stringify({
        parseMs: t1 - t0,
        planMs: t2 - t1,
        writeMs: t3 - t2,
        counts: outcome.preview.counts,
        summary: run.summary,
        progressCalls,
      })}\n`,
    );
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:import's import failed: ${String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  },
);
