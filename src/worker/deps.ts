import type { Registry } from 'prom-client';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Db } from '../store/db';
import { workerMetrics } from './metrics';
import { RateGate, workerClients } from './slack-calls';
import type { WorkerDeps } from './tick';

/**
 * Connections for the worker's pool: a digest spends most of its time waiting on Slack, so one
 * connection serves two digests in flight; never fewer than the four ticks needed before.
 */
export function workerPoolSize(config: Pick<Config, 'delivery'>): number {
  return Math.max(4, Math.ceil(config.delivery.concurrency / 2));
}

/** Everything a tick needs, from the app's configuration. */
export function workerDeps(opts: {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  registry: Registry;
}): WorkerDeps {
  return {
    db: opts.db,
    logger: opts.logger.child({ component: 'worker' }),
    clock: opts.clock,
    clientFor: workerClients({
      auth: opts.config.slack.auth,
      apiUrl: opts.config.slack.apiUrl,
      db: opts.db,
      clock: opts.clock,
    }),
    gate: new RateGate(opts.config.delivery),
    concurrency: opts.config.delivery.concurrency,
    metrics: workerMetrics(opts.registry),
    retentionDays: opts.config.retentionDays,
  };
}
