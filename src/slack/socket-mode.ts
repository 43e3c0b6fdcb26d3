import type { Server } from 'node:http';
import {
  type Logger as BoltLogger,
  type CustomRoute,
  type InstallationStore,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import type { Logger } from '../logger';

/**
 * How the Socket Mode client asks `apps.connections.open` for a new link: for as long as it takes,
 * backing off from 1 s to at most 30 s between tries. @slack/socket-mode treats an HTTP error (a
 * 503 while Slack is having a bad day) from that call as fatal and, during a reconnect, lets it end
 * the process as an unhandled rejection; retried inside the Web API client it never reaches there.
 */
const RECONNECT_RETRY: webApi.RetryOptions = {
  forever: true,
  factor: 2,
  minTimeout: 1000,
  maxTimeout: 30_000,
};

/** The key under which a Socket Mode envelope's id reaches Bolt's context (see `onceByEnvelope`). */
export const ENVELOPE_ID = 'socketEnvelopeId';

export interface SocketModeLink {
  receiver: SocketModeReceiver;
  /** True while a WebSocket to Slack is open; false before the first one and while reconnecting. */
  isConnected(): boolean;
  /** The server for the HTTP routes (health, readiness, metrics, OAuth install) on `port`, once started. */
  httpServer(): Server | undefined;
}

/**
 * Bolt's Socket Mode receiver, built here rather than by Bolt so that its client gets its own
 * Web API options (Bolt hands it the app's, whose one quick retry suits interactive calls but
 * gives up on Slack during a reconnect), and so that each request reaches the listeners with
 * its envelope id, by which a redelivered envelope is recognised. (Bolt's receiver gives the same
 * Web API options to its OAuth installer, so with OAuth an install also waits out a Slack outage.)
 */
export function socketModeLink(opts: {
  appToken: string;
  apiUrl: string | undefined;
  port: number;
  customRoutes: CustomRoute[];
  logger: Logger;
  boltLogger: BoltLogger;
  oauth?: {
    clientId: string;
    clientSecret: string;
    stateSecret: string;
    scopes: string[];
    installationStore: InstallationStore;
  };
}): SocketModeLink {
  const receiver = new SocketModeReceiver({
    appToken: opts.appToken,
    logger: opts.boltLogger,
    customRoutes: opts.customRoutes,
    ...opts.oauth,
    installerOptions: {
      port: opts.port,
      directInstall: true,
      clientOptions: {
        ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
        retryConfig: RECONNECT_RETRY,
        timeout: 10_000,
      },
    },
    customPropertiesExtractor: (args: { envelope_id?: unknown }) =>
      typeof args.envelope_id === 'string' ? { [ENVELOPE_ID]: args.envelope_id } : {},
  });
  let connected = false;
  let everConnected = false;
  receiver.client.on('connected', () => {
    connected = true;
    if (everConnected) opts.logger.info('Socket Mode: reconnected to Slack');
    everConnected = true;
  });
  receiver.client.on('close', () => {
    if (!connected) return;
    connected = false;
    opts.logger.warn('Socket Mode: the connection to Slack closed; reconnecting');
  });
  return {
    receiver,
    isConnected: () => connected,
    // Bolt keeps the server it listens on to itself.
    httpServer: () => (receiver as unknown as { httpServer?: Server }).httpServer,
  };
}
