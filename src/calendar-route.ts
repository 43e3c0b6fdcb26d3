import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { calendarFor } from './usecases/calendar';
import type { UseCaseDeps } from './usecases/deps';

/**
 * The whole feed answers within this, or 503: each statement already has the web pool's limits,
 * and this caps the few of them together, so a calendar app never hangs on a slow database.
 */
const FEED_BUDGET_MS = 4000;

/** Calendar apps and proxies must not keep a copy: the link is a secret and may be revoked. */
const PRIVATE = { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' };

/** Where feeds are served: `/calendar/<token>.ics`. */
const PREFIX = '/calendar/';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves `GET /calendar/<token>.ics` (and HEAD), a member's private feed, on the web process's HTTP
 * server, in front of Bolt's receiver (in Socket Mode too, on the port that serves health). Not a
 * Bolt custom route: Bolt percent-decodes a route's parameters and a malformed escape (`%E0%A4%A`)
 * throws inside it, a 500 over HTTP and an unhandled rejection in Socket Mode's server. Here the
 * path is read as sent: a token is base64url and never escaped. Any token that opens no feed
 * (wrong, revoked, malformed, not ending in .ics) gets a bare 404 after the same hash and lookup,
 * so the answer says nothing about which it was.
 */
export function serveCalendarFeeds(server: Server, deps: UseCaseDeps): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(PREFIX)) {
      for (const listener of listeners) listener.call(server, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return empty(res, 405, { allow: 'GET, HEAD' });
    const file = path.slice(PREFIX.length);
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    answerFeed(deps, token, req.method === 'HEAD', res);
  });
}

function answerFeed(deps: UseCaseDeps, token: string, head: boolean, res: ServerResponse): void {
  withinBudget(calendarFor(deps, token)).then(
    (ics) => {
      if (ics === null) return empty(res, 404);
      const body = Buffer.from(ics, 'utf8');
      res.writeHead(200, {
        ...PRIVATE,
        'content-type': 'text/calendar; charset=utf-8',
        'content-length': body.length,
        'content-disposition': 'inline; filename="touchbase.ics"',
      });
      res.end(head ? undefined : body);
    },
    (err: Error) => {
      deps.logger.warn({ err }, 'calendar feed: the database did not answer');
      empty(res, 503, { 'retry-after': '60' });
    },
  );
}

function empty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...PRIVATE, ...headers, 'content-length': 0 });
  res.end();
}

function withinBudget<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${FEED_BUDGET_MS / 1000} s`)),
      FEED_BUDGET_MS,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
