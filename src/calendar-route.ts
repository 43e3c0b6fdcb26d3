import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { calendarFor } from './usecases/calendar';
import type { UseCaseDeps } from './usecases/deps';

/**
 * The whole feed answers within this, or 503: each statement already has the web pool's limits,
 * and this caps the few of them together, so a calendar app never hangs on a slow database.
 */
const FEED_BUDGET_MS = 4000;

/** Calendar apps and proxies must not keep a copy: the link is a secret and may be revoked. */
const PRIVATE = { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' };

/**
 * `GET /calendar/<token>.ics` (and HEAD): a member's private feed. Any token that opens no feed
 * (wrong, revoked, malformed, not ending in .ics) gets a bare 404 after the same hash and lookup,
 * so the answer says nothing about which it was.
 */
export function calendarRoute(deps: UseCaseDeps): CustomRoute {
  return {
    path: '/calendar/:file',
    method: ['GET', 'HEAD'],
    handler: (req, res) => {
      const file = String((req as { params?: Record<string, unknown> }).params?.file ?? '');
      const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
      const head = req.method === 'HEAD';
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
    },
  };
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
