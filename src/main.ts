import { Registry } from 'prom-client';
import { createApp } from './app';
import { type Clock, clockStartingAt, systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { openDatabase } from './store/db';
import { MigrationError, migrate } from './store/migrate';
import { workerDeps } from './worker/deps';
import { startScheduler } from './worker/scheduler';

/** `npm start`: migrations, then the Slack app and, unless TOUCHBASE_WORKER=off, the reminder worker, until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, pretty: config.env !== 'production' });
  let clock: Clock = systemClock;
  if (config.startAt) {
    clock = clockStartingAt(config.startAt);
    logger.warn(
      { startAt: config.startAt.toISOString() },
      'TOUCHBASE_NOW is set: the clock starts at that instant, not the real time',
    );
  }
  const database = await openDatabase({ ...config, logger });
  // A refused migration ends the process: the embedded PostgreSQL, when it runs, is stopped first.
  await migrate(database.pool, logger).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  const metrics = new Registry();
  const app = createApp({ config, db: database.pool, logger, clock, metrics });
  await app.start(config.port);
  const worker = config.runWorker
    ? startScheduler(workerDeps({ config, db: database.pool, logger, clock, registry: metrics }), logger)
    : undefined;
  logger.info(
    {
      port: config.port,
      socketMode: Boolean(config.slack.appToken),
      worker: config.runWorker ? 'on' : 'off',
    },
    config.runWorker
      ? 'touchbase is running: web app and reminder worker'
      : 'touchbase is running: web app only (TOUCHBASE_WORKER=off); reminders come from `npm run worker`',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.stop().catch((err: unknown) => logger.warn({ err }, 'error while stopping the Slack app'));
    await worker?.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof MigrationError) {
    process.stderr.write(`touchbase: ${err.message}\n`);
  } else {
    process.stderr.write(`touchbase failed to start: ${String((err as Error)?.stack ?? err)}\n`);
  }
  process.exit(1);
});
