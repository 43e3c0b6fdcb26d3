import { z } from 'zod';
import { DEFAULT_RETENTION_DAYS } from './domain/retention';
import { type Keyring, keyring, SecretError } from './secrets';

/** Where to find the Slack app's credentials, named in every error about them. */
const MANIFEST_HINT = 'create the Slack app from manifest.json (see README, "Create the Slack app")';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A duration in milliseconds from `min` up, `fallback` when unset. */
function milliseconds(fallback: number, min: number) {
  return z.coerce
    .number({ error: `a number of milliseconds, at least ${min}` })
    .int()
    .min(min, `a number of milliseconds, at least ${min}`)
    .default(fallback);
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number({ error: 'a port number from 0 to 65535' }).int().min(0).max(65535).default(3000),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL')
      .optional(),
  ),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  EMBEDDED_PG_PORT: z.coerce
    .number({ error: 'a port number from 1 to 65535' })
    .int()
    .min(1)
    .max(65535)
    .default(54329),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText.pipe(
    z.string().startsWith('xoxb-', 'a bot token starting with xoxb-').optional(),
  ),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  TOUCHBASE_ENCRYPTION_KEY: optionalText,
  TOUCHBASE_ENCRYPTION_KEY_PREVIOUS: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'an app-level token starting with xapp-').optional(),
  ),
  SLACK_API_URL: optionalText.pipe(z.url('an http(s) URL such as http://127.0.0.1:3090/api/').optional()),
  DATABASE_CONNECT_TIMEOUT_MS: milliseconds(1500, 100),
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(1500, 100),
  DATABASE_WORKER_STATEMENT_TIMEOUT_MS: milliseconds(60_000, 100),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(60_000, 1000),
  METRICS_PORT: optionalText
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(z.number({ error: 'a port number from 1 to 65535' }).int().min(1).max(65535).optional()),
  TOUCHBASE_RETENTION_DAYS: z.coerce
    .number({ error: 'a whole number of days, at least 1' })
    .int('a whole number of days, at least 1')
    .min(1, 'a whole number of days, at least 1')
    .default(DEFAULT_RETENTION_DAYS),
  TOUCHBASE_SEND_CONCURRENCY: z.coerce
    .number({ error: 'a whole number from 1 to 256' })
    .int('a whole number from 1 to 256')
    .min(1, 'a whole number from 1 to 256')
    .max(256, 'a whole number from 1 to 256')
    .default(32),
  TOUCHBASE_POST_RATE_PER_WORKSPACE: z.coerce
    .number({ error: 'a whole number of messages a minute, at least 1' })
    .int('a whole number of messages a minute, at least 1')
    .min(1, 'a whole number of messages a minute, at least 1')
    .default(240),
  TOUCHBASE_WORKER: z.enum(['on', 'off'], { error: 'on or off' }).default('on'),
  TOUCHBASE_PUBLIC_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: 'an http(s) URL such as https://touchbase.example.com' }).optional(),
  ),
  TOUCHBASE_NOW: optionalText.pipe(
    z.iso.datetime({ offset: true, message: 'an ISO time such as 2026-03-02T09:00:00Z' }).optional(),
  ),
});

export type SlackAuth =
  | { mode: 'single'; botToken: string }
  | {
      mode: 'oauth';
      clientId: string;
      clientSecret: string;
      stateSecret: string;
      /** Seals the installations (their tokens) kept in PostgreSQL; OAuth never runs without it. */
      keys: Keyring;
    };

/**
 * How long touchbase waits on PostgreSQL. Every wait is bounded, so a database that stops answering
 * (a silent network drops packets without a reset) turns into a plain error, never a hung request.
 */
export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
  /** The server cancels a statement that runs longer; 0: never (migrations). */
  statementMs: number;
  /** The server ends a session that sits this long inside a transaction, releasing its locks. */
  idleInTransactionMs: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  port: number;
  /** When set, /metrics is served on this port only, not on `port` (so it need not be public). */
  metricsPort: number | undefined;
  /** Days a workspace's data is kept after it uninstalls touchbase, and a gone member's. */
  retentionDays: number;
  /** undefined: start the embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** Interactive requests must answer inside Slack's 3 seconds; the worker's bulk statements may run longer. */
  database: { web: DatabaseTimeouts; worker: DatabaseTimeouts };
  slack: {
    signingSecret: string;
    auth: SlackAuth;
    appToken: string | undefined;
    apiUrl: string | undefined;
  };
  /** The instant the app's clock starts at, when set. */
  startAt: Date | undefined;
  /**
   * Where members' calendar apps reach this web process (TOUCHBASE_PUBLIC_URL): feed links start
   * with it. Unset: http://localhost:<port>, which only works on the same machine.
   */
  publicUrl?: string | undefined;
  /** Whether `npm start` also runs the reminder worker (off for web-only processes). */
  runWorker: boolean;
  delivery: DeliveryLimits;
}

/** How fast a worker process sends digests: Slack's limits are the ceiling, these keep under them. */
export interface DeliveryLimits {
  /** Digests one worker process sends at once (TOUCHBASE_SEND_CONCURRENCY). */
  concurrency: number;
  /** chat.postMessage calls a minute one worker process makes into one workspace (TOUCHBASE_POST_RATE_PER_WORKSPACE). */
  postsPerMinutePerWorkspace: number;
}

export class ConfigError extends Error {}

/**
 * Reads and checks the environment; throws a ConfigError whose message is one line naming the
 * variable. A worker-only process sends DMs but receives no requests, so it needs no signing secret.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, role: 'web' | 'worker' = 'web'): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`${name} is invalid: expected ${issue?.message ?? 'a valid value'}`);
  }
  const e = parsed.data;
  if (!e.SLACK_SIGNING_SECRET && role === 'web') {
    throw new ConfigError(`SLACK_SIGNING_SECRET is missing: ${MANIFEST_HINT}, then copy its Signing Secret`);
  }
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    metricsPort: e.METRICS_PORT,
    retentionDays: e.TOUCHBASE_RETENTION_DAYS,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    database: databaseTimeouts(e),
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET ?? '',
      auth: slackAuth(e),
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    },
    startAt: e.TOUCHBASE_NOW ? new Date(e.TOUCHBASE_NOW) : undefined,
    publicUrl: e.TOUCHBASE_PUBLIC_URL,
    runWorker: e.TOUCHBASE_WORKER === 'on',
    delivery: deliveryLimits(e),
  };
}

function deliveryLimits(
  e: Pick<z.infer<typeof envSchema>, 'TOUCHBASE_SEND_CONCURRENCY' | 'TOUCHBASE_POST_RATE_PER_WORKSPACE'>,
): DeliveryLimits {
  return {
    concurrency: e.TOUCHBASE_SEND_CONCURRENCY,
    postsPerMinutePerWorkspace: e.TOUCHBASE_POST_RATE_PER_WORKSPACE,
  };
}

/** The delivery limits when no variable sets them (the sandbox and the tests build their Config by hand). */
export const DEFAULT_DELIVERY_LIMITS: DeliveryLimits = deliveryLimits(
  envSchema.pick({ TOUCHBASE_SEND_CONCURRENCY: true, TOUCHBASE_POST_RATE_PER_WORKSPACE: true }).parse({}),
);

type DatabaseEnv = Pick<
  z.infer<typeof envSchema>,
  | 'DATABASE_CONNECT_TIMEOUT_MS'
  | 'DATABASE_STATEMENT_TIMEOUT_MS'
  | 'DATABASE_WORKER_STATEMENT_TIMEOUT_MS'
  | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'
>;

function databaseTimeouts(e: DatabaseEnv): Config['database'] {
  const web = {
    connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
  return { web, worker: { ...web, statementMs: e.DATABASE_WORKER_STATEMENT_TIMEOUT_MS } };
}

/** The timeouts when no variable sets them (the sandbox and the tests build their Config by hand). */
export const DEFAULT_DATABASE_TIMEOUTS: Config['database'] = databaseTimeouts(
  envSchema
    .pick({
      DATABASE_CONNECT_TIMEOUT_MS: true,
      DATABASE_STATEMENT_TIMEOUT_MS: true,
      DATABASE_WORKER_STATEMENT_TIMEOUT_MS: true,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: true,
    })
    .parse({}),
);

function slackAuth(e: z.infer<typeof envSchema>): SlackAuth {
  if (e.SLACK_BOT_TOKEN) return { mode: 'single', botToken: e.SLACK_BOT_TOKEN };
  if (e.SLACK_CLIENT_ID || e.SLACK_CLIENT_SECRET || e.SLACK_STATE_SECRET) {
    const missing = (['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const).find(
      (k) => !e[k],
    );
    if (missing) {
      throw new ConfigError(
        `${missing} is missing: installing to many workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET`,
      );
    }
    return {
      mode: 'oauth',
      clientId: e.SLACK_CLIENT_ID as string,
      clientSecret: e.SLACK_CLIENT_SECRET as string,
      stateSecret: e.SLACK_STATE_SECRET as string,
      keys: encryptionKeys(e),
    };
  }
  throw new ConfigError(
    `SLACK_BOT_TOKEN is missing: ${MANIFEST_HINT}, install it and copy its Bot User OAuth Token (or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)`,
  );
}

/** The keys that seal installations at rest: TOUCHBASE_ENCRYPTION_KEY, required with OAuth. */
function encryptionKeys(e: {
  TOUCHBASE_ENCRYPTION_KEY?: string | undefined;
  TOUCHBASE_ENCRYPTION_KEY_PREVIOUS?: string | undefined;
}): Keyring {
  if (!e.TOUCHBASE_ENCRYPTION_KEY) {
    throw new ConfigError(
      'TOUCHBASE_ENCRYPTION_KEY is missing: installing to many workspaces keeps their tokens encrypted; generate a key with: openssl rand -base64 32',
    );
  }
  const name = (variable: string, err: unknown) =>
    new ConfigError(`${variable} is invalid: ${err instanceof SecretError ? err.message : String(err)}`);
  try {
    keyring(e.TOUCHBASE_ENCRYPTION_KEY);
  } catch (err) {
    throw name('TOUCHBASE_ENCRYPTION_KEY', err);
  }
  try {
    return keyring(e.TOUCHBASE_ENCRYPTION_KEY, e.TOUCHBASE_ENCRYPTION_KEY_PREVIOUS);
  } catch (err) {
    throw name('TOUCHBASE_ENCRYPTION_KEY_PREVIOUS', err);
  }
}

/** The keys alone, for `npm run rotate-key`, which needs the database and the keys but no Slack credentials. */
export function loadEncryptionKeys(env: NodeJS.ProcessEnv = process.env): Keyring {
  return encryptionKeys({
    TOUCHBASE_ENCRYPTION_KEY: env.TOUCHBASE_ENCRYPTION_KEY?.trim() || undefined,
    TOUCHBASE_ENCRYPTION_KEY_PREVIOUS: env.TOUCHBASE_ENCRYPTION_KEY_PREVIOUS?.trim() || undefined,
  });
}

/** The database part alone, for `npm run migrate`, which needs no Slack credentials. */
export function loadDatabaseConfig(
  env: NodeJS.ProcessEnv = process.env,
): Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort' | 'database' | 'logLevel' | 'env'> {
  const parsed = envSchema
    .pick({
      DATABASE_URL: true,
      DATA_DIR: true,
      EMBEDDED_PG_PORT: true,
      DATABASE_CONNECT_TIMEOUT_MS: true,
      DATABASE_STATEMENT_TIMEOUT_MS: true,
      DATABASE_WORKER_STATEMENT_TIMEOUT_MS: true,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: true,
      LOG_LEVEL: true,
      NODE_ENV: true,
    })
    .safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `${issue?.path.join('.') ?? 'environment'} is invalid: expected ${issue?.message ?? 'a valid value'}`,
    );
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    database: databaseTimeouts(e),
    logLevel: e.LOG_LEVEL,
    env: e.NODE_ENV,
  };
}
