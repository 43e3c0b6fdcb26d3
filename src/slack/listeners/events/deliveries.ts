import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { z } from 'zod';
import { firstDelivery } from '../../../usecases/deliveries';
import type { UseCaseDeps } from '../../../usecases/deps';

const eventCallback = z.object({ type: z.literal('event_callback'), event_id: z.string().min(1) });

/**
 * Global middleware: an Events API callback is processed the first time its event_id arrives. Slack
 * retries one it thinks went unanswered (X-Slack-Retry-Num, the same event_id); Bolt has already
 * acked the retry, and this stops it there.
 */
export function processEachEventOnce(deps: UseCaseDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    // Most requests are not events: they go on without a failed parse, whose error costs more.
    if ((body as { type?: unknown }).type !== 'event_callback') return next();
    const event = eventCallback.safeParse(body);
    if (event.success && !(await firstDelivery(deps, `event:${event.data.event_id}`))) {
      deps.logger.info({ eventId: event.data.event_id }, 'an event delivered again, already taken in');
      return;
    }
    await next();
  };
}
