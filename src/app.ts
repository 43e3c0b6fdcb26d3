import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { App, type CustomRoute, webApi } from '@slack/bolt';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { serveCalendarFeeds } from './calendar-route';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './logger';
import { answerMetrics } from './metrics-server';
import { boltLogger } from './slack/bolt-logger';
import { registerListeners } from './slack/listeners';
import { gatedFetch, WorkspaceRateGate } from './slack/rate-gate';
import { refuseFutureTimestamps } from './slack/request-timestamps';
import { silentWebApiLogger } from './slack/silent-web-api-logger';
import { type SocketModeLink, socketModeLink } from './slack/socket-mode';
import { type Db, pingDatabase } from './store/db';
import { installationStore } from './store/installations';

const { ErrorCode } = webApi;

/** The bot scopes touchbase asks for when installed through OAuth; manifest.json lists the same. */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  'im:history',
  'users:read',
  // The member's email, as the organizer of a call invite they schedule (left out without it).
  'users:read.email',
  'files:read',
  'files:write',
];

/** How long stopping waits for Socket Mode's close handshake. */
const CLOSE_WAIT_MS = 2000;

export interface TouchbaseApp {
  bolt: App;
  metrics: Registry;
  /** Starts listening (HTTP on `port`, or Socket Mode plus the HTTP routes on `port`). */
  start(port: number): Promise<Server | undefined>;
  /**
   * Settles once Slack has answered auth.test (at once when there is nothing to ask), after start();
   * rejects with a SlackRefusedError when Slack refuses the token.
   */
  slackReached(): Promise<void>;
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
  // One token over HTTP: Bolt asks Slack who the bot is (auth.test) in init(), which start() retries
  // while Slack cannot be reached, serving /healthz and /readyz meanwhile. Socket Mode and OAuth start as Bolt does.
  const deferAuth = config.slack.auth.mode === 'single' && !config.slack.appToken;
  let slackReached = !deferAuth;
  let stopped = false;
  let wakeRetry: (() => void) | undefined;
  let reaching: Promise<void> = Promise.resolve();
  const deps = {
    db,
    logger,
    clock,
    publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    ...(config.slack.auth.mode === 'oauth' ? { installationKeys: config.slack.auth.keys } : {}),
  };
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
        if (!slackReached) return json(res, 503, { ok: false, slack: 'not yet reached' });
        withTimeout(pingDatabase(db), READINESS_BUDGET_MS).then(
          () => json(res, 200, { ok: true }),
          (err: Error) => {
            logger.warn({ err }, 'readiness check: database does not answer');
            json(res, 503, { ok: false, database: `did not answer: ${err.message}` });
          },
        );
      },
    },
  ];
  // With METRICS_PORT, /metrics is served there only (main.ts), not next to Slack's public requests.
  if (!config.metricsPort)
    customRoutes.push({
      path: '/metrics',
      method: 'GET',
      handler: (req, res) => answerMetrics(metrics, req, res),
    });

  const { slack } = config;
  const oauth =
    slack.auth.mode === 'oauth'
      ? {
          clientId: slack.auth.clientId,
          clientSecret: slack.auth.clientSecret,
          stateSecret: slack.auth.stateSecret,
          scopes: BOT_SCOPES,
          installationStore: installationStore(db, clock, slack.auth.keys),
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
          deferInitialization: deferAuth,
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

  registerListeners(bolt, deps);

  // Bolt's own client logs each failed request; while Slack is away, one line per attempt says it all.
  const probe = new webApi.WebClient(undefined, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    logger: silentWebApiLogger,
    retryConfig: { retries: 0 },
    timeout: 10_000,
  });
  const askSlack = async () => {
    if (slack.auth.mode === 'single') await probe.auth.test({ token: slack.auth.botToken });
    await bolt.init();
  };

  /** Asks Slack who the bot is until it answers, with capped backoff; a refused token ends it (throws). */
  async function reachSlack(firstAttempt: Promise<void>): Promise<void> {
    let attempt = firstAttempt;
    for (let n = 1; ; n++) {
      try {
        await attempt;
        slackReached = true;
        if (n > 1) logger.info({ attempt: n }, 'Slack answered auth.test: ready');
        return;
      } catch (err) {
        if (stopped) return;
        const refusal = permanentRefusal(err);
        if (refusal) throw new SlackRefusedError(refusal);
        const delay = Math.min(AUTH_RETRY_FIRST_MS * 2 ** (n - 1), AUTH_RETRY_MAX_MS);
        logger.warn(
          `Slack did not answer auth.test (attempt ${n}): ${slackFailure(err)}; retrying in ${delay / 1000} s`,
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wakeRetry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (stopped) return;
        attempt = askSlack();
      }
    }
  }

  return {
    bolt,
    metrics,
    async start(port: number) {
      if (socket) {
        // Socket Mode listens for the HTTP routes on config.port and resolves once Slack's socket is open.
        await bolt.start();
        const server = socket.httpServer();
        if (server) serveCalendarFeeds(server, deps);
        return server;
      }
      if (!deferAuth) {
        const started = (await bolt.start(port)) as Server | undefined;
        const server = started && typeof started.address === 'function' ? started : undefined;
        if (server) {
          refuseFutureTimestamps(server);
          serveCalendarFeeds(server, deps);
        }
        return server;
      }
      // Bolt's start() refuses an app not yet initialised, so its receiver is started directly: the
      // operational routes answer while auth.test waits for Slack.
      const receiver = (bolt as unknown as { receiver: { start(port: number): Promise<Server> } }).receiver;
      const server = await receiver.start(port);
      refuseFutureTimestamps(server);
      serveCalendarFeeds(server, deps);
      const first = askSlack();
      reaching = reachSlack(first);
      // The caller hears a refusal through slackReached(); until it asks, the rejection is not unhandled.
      reaching.catch(() => undefined);
      // When Slack answers the first time, start() returns ready, as it always did; otherwise the
      // retries go on behind it and slackReached() tells when they end.
      await first.catch(() => undefined);
      return server;
    },
    slackReached: () => reaching,
    async stop() {
      stopped = true;
      wakeRetry?.();
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

/** Slack refused the bot token for good (a wrong or revoked token will not fix itself). */
export class SlackRefusedError extends Error {}

/** The first pause before auth.test is asked again; each one doubles up to the cap. */
const AUTH_RETRY_FIRST_MS = 1000;
const AUTH_RETRY_MAX_MS = 30_000;

/** /readyz answers within 2 seconds even when the database does not. */
const READINESS_BUDGET_MS = 1500;

/** Errors that mean Slack is up but refuses this token, so retrying cannot help. */
const REFUSALS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'team_disabled',
]);

function permanentRefusal(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } };
  const word = e.code === ErrorCode.PlatformError ? e.data?.error : undefined;
  return word && REFUSALS.has(word)
    ? `Slack refused SLACK_BOT_TOKEN (auth.test: ${word}): copy the Bot User OAuth Token again from the Slack app's OAuth & Permissions page`
    : undefined;
}

/** What went wrong reaching Slack, in a few words: a network error code, an HTTP status or Slack's error word. */
function slackFailure(err: unknown): string {
  const e = err as {
    code?: string;
    original?: { code?: string; message?: string };
    statusCode?: number;
    data?: { error?: string };
  };
  if (e.code === ErrorCode.RequestError) {
    // fetch reports the network's error code (ECONNREFUSED, ENOTFOUND…) as its cause.
    const cause = (e.original as { cause?: { code?: string } } | undefined)?.cause;
    return e.original?.code ?? cause?.code ?? e.original?.message ?? 'no answer';
  }
  if (e.code === ErrorCode.HTTPError) return `HTTP ${e.statusCode}`;
  if (e.code === ErrorCode.PlatformError) return e.data?.error ?? 'an error';
  if (e.code === ErrorCode.RateLimitedError) return 'rate limited';
  return (err as Error)?.message ?? String(err);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function json(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
