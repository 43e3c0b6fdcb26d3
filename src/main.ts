import { Registry } from 'prom-client';
import { createApp } from './app';
import { type Clock, clockStartingAt, systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { openDatabase } from './store/db';
import { migrate } from './store/migrate';
import { workerDeps } from './worker/deps';
import { startScheduler } from './worker/scheduler';

/** `npm start`: migrations, then the Slack app, until SIGINT/SIGTERM. */
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
  await migrate(database.pool, logger);
  const metrics = new Registry();
  const app = createApp({ config, db: database.pool, logger, clock, metrics });
  await app.start(config.port);
  const worker = startScheduler(
    workerDeps({ config, db: database.pool, logger, clock, registry: metrics }),
    logger,
  );
  logger.info({ port: config.port, socketMode: Boolean(config.slack.appToken) }, 'touchbase is running');

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
  if (err instanceof ConfigError) {
    process.stderr.write(`touchbase: ${err.message}\n`);
  } else {
    process.stderr.write(`touchbase failed to start: ${String((err as Error)?.stack ?? err)}\n`);
  }
  process.exit(1);
});
