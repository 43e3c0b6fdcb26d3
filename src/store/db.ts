import pg from 'pg';
import type { DatabaseTimeouts } from '../config';
import type { Logger } from '../logger';
import { startEmbeddedPostgres } from './embedded';

export type Db = pg.Pool;
/** Either the pool or one transaction's client: store functions that can run inside a use case's transaction take this. */
export type Sql = pg.Pool | pg.PoolClient;

// Dates stay the calendar dates they are ('2026-03-02'), never shifted through a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// Counts and ids fit in a JS number for any network a person keeps.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * A statement PostgreSQL keeps prepared on each connection under `name`, with one generic plan (made
 * without the values) that every later call runs: a hot statement is planned once per connection,
 * not at every call. The digest composer's and the App Home's reads cost more to plan than to run
 * (about 3 ms of planning against 0.3 ms of execution for `dueCandidates`), and at 09:00 planning
 * was most of PostgreSQL's work (bench:deliver).
 *
 * The pools force the generic plan (plan_cache_mode, createPool). Left to choose, PostgreSQL kept
 * planning anew at every call any statement whose generic plan it estimated dearer than the plans
 * made for the values, which was most of the interactive reads (the picker, the list's search, the
 * Home's): bench:interactive's picker spent 2.2 ms a call, 0.85 ms on the generic plan. So a
 * generic plan must be right for a member of any size, not only the average member it is made for:
 * test/store/generic-plans reads the hot statements on it and counts the rows they touch. A
 * statement sent without a name is planned for its values each time.
 *
 * The text must be the same at every call: one name, one text (pg refuses another).
 */
export function prepared(name: string, text: string, values?: unknown[]): pg.QueryConfig {
  return values === undefined ? { name, text } : { name, text, values };
}

export interface Database {
  pool: Db;
  /** Another pool on the same database with other timeouts (the worker's beside the web's); closed with it. */
  addPool(opts: { max: number; timeouts?: DatabaseTimeouts }): Db;
  close(): Promise<void>;
}

/**
 * Settings every connection of the app starts with. No JIT: it compiles any statement whose
 * estimate passes jit_above_cost, and the Home's and `due`'s short reads of a 20,000-contact network
 * estimate that high (a set-returning function counts as 100 rows): 50-60 ms compiling a statement
 * that runs in 3 (bench:interactive, PG 15). Generic plans for prepared statements from their first
 * run (see `prepared`).
 */
export const SESSION_OPTIONS = '-c jit=off -c plan_cache_mode=force_generic_plan';

/**
 * How much longer than the server's statement timeout the client waits for an answer. The server's
 * own cancel normally comes first and leaves the connection usable; this guard catches a network
 * that has gone silent, where no answer, not even the cancel, will ever arrive.
 */
const QUERY_GUARD_MS = 500;

/** TCP keepalive probes on idle connections, so a connection whose peer vanished is noticed and replaced. */
const KEEPALIVE_DELAY_MS = 10_000;

/**
 * A pool whose every wait is bounded by `timeouts`: connecting (and waiting for a free connection),
 * each statement on the server, each answer on the client, and time idle inside a transaction.
 * A statement limit of 0 leaves statements unbounded (migrations, which must never be cut short).
 */
export function createPool(
  url: string,
  opts: { max: number; timeouts?: DatabaseTimeouts; logger: Logger },
): Db {
  const t = opts.timeouts;
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
    options: SESSION_OPTIONS,
    ...(t
      ? {
          connectionTimeoutMillis: t.connectMs,
          ...(t.idleInTransactionMs > 0
            ? { idle_in_transaction_session_timeout: t.idleInTransactionMs }
            : {}),
          ...(t.statementMs > 0
            ? { statement_timeout: t.statementMs, query_timeout: t.statementMs + QUERY_GUARD_MS }
            : {}),
        }
      : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => opts.logger.warn({ err }, 'idle database connection failed'));
  resumeAfterArrivedIo(pool);
  return pool;
}

/** Callers waiting to resume, oldest first; one resumes per turn of the event loop. */
const resumptions: (() => void)[] = [];

/** Resumes the oldest waiting caller, and schedules the next one for the following turn. */
function resumeOne(): void {
  resumptions.shift()?.();
  // An immediate set from the check phase runs in the next turn, after that turn's I/O.
  if (resumptions.length > 0) setImmediate(resumeOne);
}

/**
 * Resolves in the event loop's check phase, after the I/O callbacks of the current turn, and no
 * sooner than every caller already waiting: at most one resumes per turn, so a request arriving
 * while several answers are ready waits behind one page's work, not all of them.
 */
const afterArrivedIo = () =>
  new Promise<void>((resolve) => {
    if (resumptions.push(resolve) === 1) setImmediate(resumeOne);
  });

/**
 * Makes the code waiting on a statement resume only once the I/O that arrived with its answer has
 * been handled. An answer's caller renders a page or a Home (milliseconds of work) as soon as it
 * resumes; resumed straight from the socket's callback, that work ran ahead of Slack requests that
 * had arrived in the same turn of the event loop, and each of their acks waited behind it. Deferred
 * to the check phase, the requests are acked first. Resumed one per turn, a request that arrives
 * while one caller works is acked before the next caller starts (bench:interactive: commands' ack
 * p50 went from 0.9–1.7 × the bare Bolt app’s to 0.5–0.7 ×). It costs one `setImmediate` per
 * statement.
 */
function resumeAfterArrivedIo(pool: pg.Pool): void {
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown> | undefined;
  pool.query = ((...args: unknown[]) => {
    const answer = query(...args);
    // The callback form (not used here, but pg's own) returns nothing to wait on.
    if (!answer) return answer;
    return answer.then(
      async (result) => {
        await afterArrivedIo();
        return result;
      },
      async (err: unknown) => {
        await afterArrivedIo();
        throw err;
      },
    );
  }) as typeof pool.query;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL when none is given. */
export async function openDatabase(opts: {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  logger: Logger;
  poolSize?: number;
  timeouts?: DatabaseTimeouts;
}): Promise<Database> {
  let url = opts.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    const embedded = await startEmbeddedPostgres({
      dataDir: opts.dataDir,
      port: opts.embeddedPgPort,
      database: 'touchbase',
      logger: opts.logger,
    });
    opts.logger.info({ port: opts.embeddedPgPort, dataDir: opts.dataDir }, 'embedded PostgreSQL started');
    url = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const connectionString = url;
  const pool = createPool(url, { max: opts.poolSize ?? 10, timeouts: opts.timeouts, logger: opts.logger });
  const pools = [pool];
  return {
    pool,
    addPool: (more) => {
      const extra = createPool(connectionString, { ...more, logger: opts.logger });
      pools.push(extra);
      return extra;
    },
    close: async () => {
      await Promise.all(pools.map((p) => p.end()));
      await stopEmbedded?.();
    },
  };
}

/** Migrations wait as long as a statement takes (an index on a big table), but not for a connection. */
export function migrationTimeouts(config: { database: { web: DatabaseTimeouts } }): DatabaseTimeouts {
  return { connectMs: config.database.web.connectMs, statementMs: 0, idleInTransactionMs: 0 };
}

/** Whether the database answers (for GET /readyz). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.query('SELECT 1');
}

/**
 * Whether `err` says the database could not be reached or did not answer in time (as opposed to
 * refusing a statement), so the member can be told plainly and the connection thrown away.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  // Duck-typed: a socket's error may come from another realm than this module's Error (jest's vm).
  if (typeof err !== 'object' || err === null || typeof (err as Error).message !== 'string') return false;
  if (err instanceof pg.DatabaseError) {
    // 57014: cancelled by statement_timeout; 57P01-57P03: the server is shutting down or not accepting connections.
    return err.code === '57014' || err.code === '57P01' || err.code === '57P02' || err.code === '57P03';
  }
  const { code, message } = err as NodeJS.ErrnoException;
  return (
    message === 'Query read timeout' ||
    /^Connection terminated|timeout exceeded when trying to connect/.test(message) ||
    (typeof code === 'string' && /^E[A-Z]+$/.test(code))
  );
}

/**
 * Runs `fn` in a transaction on one client, committing on success and rolling back on error. A
 * client whose connection failed or went silent is thrown away rather than returned to the pool:
 * it may still be waiting for an answer that will never come, and a ROLLBACK on it would wait too
 * (the server rolls back on its own when the connection goes, or at idle_in_transaction_session_timeout).
 */
export async function inTransaction<T>(db: Db, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  // A connection lost between two statements is reported as an event: without a listener it would
  // end the process. The next statement on the client fails anyway, which is where it is handled.
  let lost: Error | undefined;
  const onLost = (err: Error) => {
    lost = err;
  };
  client.on('error', onLost);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    if (lost || isConnectionFailure(err)) broken = lost ?? (err as Error);
    else await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.off('error', onLost);
    client.release(broken);
  }
}

/** The connection itself failed (not a statement the server refused): the client is unusable. */
function isConnectionFailure(err: unknown): boolean {
  return isDatabaseUnavailable(err) && !(err instanceof pg.DatabaseError);
}
