import type { Server } from 'node:http';
import { App, type CustomRoute } from '@slack/bolt';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './logger';
import { boltLogger } from './slack/bolt-logger';
import { registerListeners } from './slack/listeners';
import { refuseFutureTimestamps } from './slack/request-timestamps';
import { type Db, pingDatabase } from './store/db';
import { installationStore } from './store/installations';

/** The bot scopes touchbase asks for when installed through OAuth; manifest.json lists the same. */
export const BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'users:read', 'files:read'];

export interface TouchbaseApp {
  bolt: App;
  metrics: Registry;
  /** Starts listening (HTTP on `port`, or Socket Mode plus the HTTP routes on `port`). */
  start(port: number): Promise<Server | undefined>;
  stop(): Promise<void>;
}

/** Wires Bolt to the listeners and the operational routes; `app.ts` only wires. */
export function createApp(opts: {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  metrics?: Registry;
}): TouchbaseApp {
  const { config, db, logger, clock } = opts;
  const metrics = opts.metrics ?? new Registry();
  collectDefaultMetrics({ register: metrics });

  const customRoutes: CustomRoute[] = [
    { path: '/healthz', method: 'GET', handler: (_req, res) => json(res, 200, { ok: true }) },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        pingDatabase(db).then(
          () => json(res, 200, { ok: true }),
          (err: Error) => {
            logger.warn({ err }, 'readiness check: database does not answer');
            json(res, 503, { ok: false, error: 'database unavailable' });
          },
        );
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        metrics.metrics().then((body) => {
          res.writeHead(200, { 'content-type': metrics.contentType });
          res.end(body);
        });
      },
    },
  ];

  const { slack } = config;
  const auth =
    slack.auth.mode === 'single'
      ? { token: slack.auth.botToken }
      : {
          clientId: slack.auth.clientId,
          clientSecret: slack.auth.clientSecret,
          stateSecret: slack.auth.stateSecret,
          scopes: BOT_SCOPES,
          installationStore: installationStore(db, clock),
          installerOptions: { directInstall: true, ...(slack.appToken ? { port: config.port } : {}) },
        };
  const bolt = new App({
    signingSecret: slack.signingSecret,
    ...auth,
    ...(slack.appToken
      ? { socketMode: true, appToken: slack.appToken, installerOptions: { port: config.port } }
      : {}),
    customRoutes,
    logger: boltLogger(logger),
    clientOptions: {
      ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
      // Interactive calls are worthless after Slack's 3-second window: fail fast, tell the member.
      retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 400 },
      timeout: 10_000,
    },
  });
  bolt.error(async (err) => {
    logger.error({ err }, 'unhandled error in a Slack listener');
  });

  registerListeners(bolt, { db, logger, clock });

  return {
    bolt,
    metrics,
    async start(port: number) {
      const started = (await bolt.start(port)) as Server | undefined;
      const server = started && typeof started.address === 'function' ? started : undefined;
      if (server) refuseFutureTimestamps(server);
      return server;
    },
    async stop() {
      await bolt.stop();
    },
  };
}

function json(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
