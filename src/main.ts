import { Registry } from 'prom-client';
import { createApp } from './app';
import { type Clock, clockStartingAt, systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startMetricsServer } from './metrics-server';
import { migrationTimeouts, openDatabase } from './store/db';
import { sealPlaintextAtStart } from './store/installations';
import { MigrationError, migrate } from './store/migrate';
import { workerDeps, workerPoolSize } from './worker/deps';
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
  // The first pool only migrates: its statements have no time limit, so a long migration finishes.
  const database = await openDatabase({
    ...config,
    logger,
    poolSize: 1,
    timeouts: migrationTimeouts(config),
  });
  // A refused migration ends the process: the embedded PostgreSQL, when it runs, is stopped first.
  await migrate(database.pool, logger)
    .then(() => sealPlaintextAtStart(config.slack.auth, database.pool, logger))
    .catch(async (err: unknown) => {
      await database.close();
      throw err;
    });
  // Requests answer inside Slack's 3 seconds; the worker's bulk statements get their own, longer limit.
  const web = database.addPool({ max: 10, timeouts: config.database.web });
  const metrics = new Registry();
  const app = createApp({ config, db: web, logger, clock, metrics });
  await app.start(config.port);
  const metricsServer = config.metricsPort
    ? await startMetricsServer(metrics, config.metricsPort, logger)
    : undefined;
  const worker = config.runWorker
    ? startScheduler(
        workerDeps({
          config,
          db: database.addPool({ max: workerPoolSize(config), timeouts: config.database.worker }),
          logger,
          clock,
          registry: metrics,
        }),
        logger,
      )
    : undefined;
  logger.info(
    {
      port: config.port,
      metricsPort: config.metricsPort,
      socketMode: Boolean(config.slack.appToken),
      worker: config.runWorker ? 'on' : 'off',
    },
    config.runWorker
      ? 'touchbase is running: web app and reminder worker'
      : 'touchbase is running: web app only (TOUCHBASE_WORKER=off); reminders come from `npm run worker`',
  );

  let stopping = false;
  const shutdown = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.stop().catch((err: unknown) => logger.warn({ err }, 'error while stopping the Slack app'));
    await worker?.stop();
    if (metricsServer) await new Promise((resolve) => metricsServer.close(resolve));
    await database.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // A token Slack refuses will not fix itself: one line, and the process ends.
  app.slackReached().catch((err: unknown) => {
    process.stderr.write(`touchbase: ${(err as Error).message}\n`);
    void shutdown('Slack refused the token', 1);
  });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof MigrationError) {
    process.stderr.write(`touchbase: ${err.message}\n`);
  } else {
    process.stderr.write(`touchbase failed to start: ${String((err as Error)?.stack ?? err)}\n`);
  }
  process.exit(1);
});
