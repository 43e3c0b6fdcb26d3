import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { type Clock, clockStartingAt, systemClock } from '../clock';
import { type Config, ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { answerMetrics, startMetricsServer } from '../metrics-server';
import { migrationTimeouts, openDatabase } from '../store/db';
import { sealPlaintextAtStart } from '../store/installations';
import { MigrationError, migrate } from '../store/migrate';
import { workerDeps, workerPoolSize } from './deps';
import { startScheduler } from './scheduler';
import { previewTick, runTick } from './tick';

const USAGE = 'usage: npm run worker -- [--once] [--now <ISO time>] [--dry-run]';

/**
 * `npm run worker`: the reminder worker alone, for deployments that run web and worker
 * processes separately. `--once` runs a single tick at `--now` (default: the clock) and exits;
 * `--dry-run` prints what each member would be sent, and sends and changes nothing.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      once: { type: 'boolean' },
      now: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values['dry-run'] && !values.once) throw new ConfigError(`--dry-run goes with --once (${USAGE})`);
  const config = loadConfig(process.env, 'worker');
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.env !== 'production',
    toStderr: true,
  });
  const startAt = values.now ? new Date(values.now) : config.startAt;
  if (startAt && Number.isNaN(startAt.getTime()))
    throw new ConfigError(`--now is invalid: expected an ISO time (${USAGE})`);
  const clock: Clock = startAt ? clockStartingAt(startAt) : systemClock;
  if (startAt)
    logger.warn(
      { startAt: startAt.toISOString() },
      'the worker clock starts at a given instant, not the real time',
    );

  const database = await openDatabase({
    ...config,
    logger,
    poolSize: 1,
    timeouts: migrationTimeouts(config),
  });
  try {
    await migrate(database.pool, logger);
    await sealPlaintextAtStart(config.slack.auth, database.pool, logger);
    const registry = new Registry();
    const db = database.addPool({ max: workerPoolSize(config), timeouts: config.database.worker });
    const deps = workerDeps({ config, db, logger, clock, registry });
    if (values.once && values['dry-run']) {
      const lines = await previewTick(deps);
      process.stdout.write(lines.length ? `${lines.join('\n')}\n` : 'nothing to send\n');
      return;
    }
    if (values.once) {
      const report = await runTick(deps);
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    collectDefaultMetrics({ register: registry });
    await runForever(deps, registry, config, logger);
  } finally {
    await database.close();
  }
}

/**
 * Ticks every minute until SIGINT/SIGTERM, serving /healthz on PORT, and /metrics there too, or on
 * METRICS_PORT only when it is set.
 */
async function runForever(
  deps: ReturnType<typeof workerDeps>,
  registry: Registry,
  config: Pick<Config, 'port' | 'metricsPort'>,
  logger: ReturnType<typeof createLogger>,
) {
  const scheduler = startScheduler(deps, logger);
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    } else if (config.metricsPort || !answerMetrics(registry, req, res)) {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  const metricsServer = config.metricsPort
    ? await startMetricsServer(registry, config.metricsPort, logger)
    : undefined;
  logger.info({ port: config.port, metricsPort: config.metricsPort }, 'reminder worker running');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  logger.info('reminder worker stopping');
  await scheduler.stop();
  await new Promise((resolve) => server.close(resolve));
  if (metricsServer) await new Promise((resolve) => metricsServer.close(resolve));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      err instanceof ConfigError || err instanceof MigrationError
        ? `touchbase worker: ${err.message}\n`
        : `touchbase worker failed: ${String((err as Error)?.stack ?? err)}\n`,
    );
    process.exit(1);
  },
);
