import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { App, type CustomRoute } from '@slack/bolt';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './logger';
import { boltLogger } from './slack/bolt-logger';
import { registerListeners } from './slack/listeners';
import { gatedFetch, WorkspaceRateGate } from './slack/rate-gate';
import { type SocketModeLink, socketModeLink } from './slack/socket-mode';
import { type Db, pingDatabase } from './store/db';
import { installationStore } from './store/installations';

/** The bot scopes touchbase asks for when installed through OAuth; manifest.json lists the same. */
export const BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'im:history', 'users:read', 'files:read'];

/** How long stopping waits for Socket Mode's close handshake. */
const CLOSE_WAIT_MS = 2000;

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

  // Set once Bolt is wired below: in Socket Mode the app is ready only while its socket is open.
  let socket: SocketModeLink | undefined;
  const customRoutes: CustomRoute[] = [
    { path: '/healthz', method: 'GET', handler: (_req, res) => json(res, 200, { ok: true }) },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        if (socket && !socket.isConnected()) {
          json(res, 503, { ok: false, slack: 'socket reconnecting' });
          return;
        }
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
  const oauth =
    slack.auth.mode === 'oauth'
      ? {
          clientId: slack.auth.clientId,
          clientSecret: slack.auth.clientSecret,
          stateSecret: slack.auth.stateSecret,
          scopes: BOT_SCOPES,
          installationStore: installationStore(db, clock),
        }
      : undefined;
  const logForBolt = boltLogger(logger);
  socket = slack.appToken
    ? socketModeLink({
        appToken: slack.appToken,
        apiUrl: slack.apiUrl,
        port: config.port,
        customRoutes,
        logger,
        boltLogger: logForBolt,
        oauth,
      })
    : undefined;
  if (socket) {
    const link = socket;
    new Gauge({
      name: 'touchbase_slack_socket_connected',
      help: '1 while the Socket Mode connection to Slack is open, 0 while it reconnects',
      registers: [metrics],
      collect() {
        this.set(link.isConnected() ? 1 : 0);
      },
    });
  }
  const auth = slack.auth.mode === 'single' ? { token: slack.auth.botToken } : {};
  const bolt = new App({
    ...auth,
    ...(socket
      ? { socketMode: true, receiver: socket.receiver }
      : {
          signingSecret: slack.signingSecret,
          customRoutes,
          ...(oauth ? { ...oauth, installerOptions: { directInstall: true } } : {}),
        }),
    logger: logForBolt,
    clientOptions: {
      ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
      // Interactive calls are worthless after Slack's 3-second window: fail fast, tell the member.
      retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 400 },
      timeout: 10_000,
      // A 429 must not pause the client's whole queue (every member of the workspace behind one
      // rate-limited method): it is thrown at once, and the gate holds back only that workspace's method.
      rejectRateLimitedCalls: true,
      fetch: gatedFetch(new WorkspaceRateGate(), logger),
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
      if (socket) {
        // Socket Mode listens for the HTTP routes on config.port and resolves once Slack's socket is open.
        await bolt.start();
        return socket.httpServer();
      }
      const server = (await bolt.start(port)) as Server | undefined;
      return server && typeof server.address === 'function' ? server : undefined;
    },
    async stop() {
      if (socket) {
        // Bolt does not wait for the socket's close handshake, which leaves its timers running;
        // wait for it here, but briefly: Slack may keep the TCP connection open after its close frame.
        await Promise.race([
          socket.receiver.client.disconnect(),
          sleep(CLOSE_WAIT_MS, undefined, { ref: false }),
        ]);
      }
      await bolt.stop();
    },
  };
}

function json(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
