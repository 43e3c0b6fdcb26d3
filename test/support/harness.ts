import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createApp, type TouchbaseApp } from '../../src/app';
import { type Clock, clockStartingAt } from '../../src/clock';
import {
  type Config,
  DEFAULT_DATABASE_TIMEOUTS,
  DEFAULT_DELIVERY_LIMITS,
  type SlackAuth,
} from '../../src/config';
import { SlackDriver } from '../../src/dev/slack-driver';
import { SlackEmulator } from '../../src/dev/slack-emulator';
import { DEFAULT_RETENTION_DAYS } from '../../src/domain/retention';
import { createLogger, type Logger } from '../../src/logger';
import { keyring } from '../../src/secrets';
import { createPool } from '../../src/store/db';
import { workerDeps } from '../../src/worker/deps';
import { runTick, type TickReport } from '../../src/worker/tick';
import { createTestDatabase, silentLogger, type TestDatabase } from './database';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
/** The app's bot token: the emulator's file host answers only this one. */
export const BOT_TOKEN = 'xoxb-test-token';
/** TOUCHBASE_ENCRYPTION_KEY of the tests' OAuth mode (32 bytes as 64 hex characters). */
export const ENCRYPTION_KEY = '5f'.repeat(32);
/** OAuth mode (install to many workspaces), as SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and TOUCHBASE_ENCRYPTION_KEY set it. */
export const OAUTH: Extract<SlackAuth, { mode: 'oauth' }> = {
  mode: 'oauth',
  clientId: '1.2',
  clientSecret: 'client-secret',
  stateSecret: 'state-secret',
  keys: keyring(ENCRYPTION_KEY),
};
/** The app-level token that turns on Socket Mode (`startHarness({ socketMode: true })`). */
export const APP_TOKEN = 'xapp-test-token';

export interface Harness {
  emulator: SlackEmulator;
  driver: SlackDriver;
  app: TouchbaseApp;
  database: TestDatabase;
  config: Config;
  /** The one clock of the app and its worker, as TOUCHBASE_NOW sets it; `setNow` moves it. */
  clock: Clock;
  setNow(iso: string): void;
  /** One reminder tick at `iso` (the clock moves there first), like `npm run worker -- --once --now`. */
  tick(iso: string): Promise<TickReport>;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The real Bolt app on a fresh database, its Web API calls going to the local Slack emulator,
 * driven over HTTP with requests signed as Slack signs them. `startAt` plays TOUCHBASE_NOW;
 * `logger` receives the app's logs (silent by default); `auth` OAuth mode instead of the one bot token
 * (the test then stores its workspaces' installations). With `socketMode`, the app connects to the
 * emulator's Socket Mode link (SLACK_APP_TOKEN set) and the driver sends its requests as envelopes
 * over it; `baseUrl` still serves /healthz, /readyz, /metrics. `appDatabaseUrl(url)` gives the app
 * another way to the same database (a proxy in between), on a pool with the production timeouts;
 * the test and the worker keep the direct one.
 */
export async function startHarness(
  opts: {
    startAt?: string;
    logger?: Logger;
    auth?: SlackAuth;
    socketMode?: boolean;
    appDatabaseUrl?: (url: string) => string;
  } = {},
): Promise<Harness> {
  const database = await createTestDatabase();
  const emulator = await SlackEmulator.start({ teamId: 'T0ALPHA', botToken: BOT_TOKEN });
  const config: Config = {
    env: 'test',
    logLevel: 'silent',
    port: 0,
    metricsPort: undefined,
    retentionDays: DEFAULT_RETENTION_DAYS,
    databaseUrl: database.url,
    dataDir: './data',
    embeddedPgPort: 0,
    database: DEFAULT_DATABASE_TIMEOUTS,
    slack: {
      signingSecret: SIGNING_SECRET,
      auth: opts.auth ?? { mode: 'single', botToken: BOT_TOKEN },
      appToken: opts.socketMode ? APP_TOKEN : undefined,
      apiUrl: emulator.apiUrl,
    },
    startAt: opts.startAt ? new Date(opts.startAt) : undefined,
    runWorker: false,
    delivery: DEFAULT_DELIVERY_LIMITS,
  };
  let current = clockStartingAt(config.startAt ?? new Date());
  const clock: Clock = { now: () => current.now() };
  const setNow = (iso: string) => {
    current = clockStartingAt(new Date(iso));
  };
  const metrics = new Registry();
  // TEST_LOG_LEVEL=debug npx jest … shows the app's logs while debugging a test.
  // A test that asserts what operators read passes its own logger (the fuzz test fails on any error line).
  const logger =
    opts.logger ??
    (process.env.TEST_LOG_LEVEL
      ? createLogger({ level: process.env.TEST_LOG_LEVEL, pretty: false })
      : silentLogger);
  const appDb = opts.appDatabaseUrl
    ? createPool(opts.appDatabaseUrl(database.url), { max: 10, timeouts: config.database.web, logger })
    : database.pool;
  const app = createApp({ config, db: appDb, logger, clock, metrics });
  const worker = workerDeps({ config, db: database.pool, logger, clock, registry: metrics });
  const server = await app.start(0);
  if (!server) throw new Error('the app did not start an HTTP server');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const driver = new SlackDriver(
    opts.socketMode
      ? { socketMode: true, emulator }
      : { eventsUrl: `${baseUrl}/slack/events`, signingSecret: SIGNING_SECRET, emulator },
  );
  return {
    emulator,
    driver,
    app,
    database,
    config,
    clock,
    setNow,
    async tick(iso: string) {
      setNow(iso);
      return runTick(worker);
    },
    baseUrl,
    async stop() {
      await app.stop();
      if (appDb !== database.pool) await appDb.end();
      await emulator.stop();
      await database.drop();
    },
  };
}
