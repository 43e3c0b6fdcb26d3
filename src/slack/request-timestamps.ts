import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Slack's own limit for a request's signed timestamp, either way from now. */
const MAX_SKEW_S = 5 * 60;

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Bolt's receiver refuses a signed timestamp more than 5 minutes old but not one from the future,
 * which would let a captured request be replayed for as long as its stamp lies ahead. This puts a
 * check in front of the server's request handling: a Slack timestamp more than 5 minutes ahead of
 * this machine's time (the same wall clock Bolt checks staleness against, not the app's clock) is
 * answered 401, as a bad signature is, before anything reads the body.
 */
export function refuseFutureTimestamps(server: Server): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const stamped = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(stamped) && stamped > Math.floor(Date.now() / 1000) + MAX_SKEW_S) {
      res.writeHead(401);
      res.end();
      return;
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
}
