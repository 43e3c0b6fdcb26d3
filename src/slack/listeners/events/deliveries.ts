import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { z } from 'zod';
import { firstDelivery } from '../../../usecases/deliveries';
import type { UseCaseDeps } from '../../../usecases/deps';

const eventCallback = z.object({ type: z.literal('event_callback'), event_id: z.string().min(1) });
const slashCommand = z.object({ command: z.string(), trigger_id: z.string().min(1) });

/**
 * Global middleware: an Events API callback is processed the first time its event_id arrives. Slack
 * retries one it thinks went unanswered (X-Slack-Retry-Num, the same event_id); Bolt has already
 * acked the retry, and this stops it there. The same goes for a slash command, by its trigger_id.
 */
export function processEachEventOnce(deps: UseCaseDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, next } = args;
    const event = eventCallback.safeParse(body);
    if (event.success && !(await firstDelivery(deps, `event:${event.data.event_id}`))) {
      deps.logger.info({ eventId: event.data.event_id }, 'an event delivered again, already taken in');
      return;
    }
    // A slash command carries no id of its own, but each invocation gets its own trigger_id: the
    // same request sent again (a replay inside the signature's 5 minutes) is acked and not run twice.
    const command = slashCommand.safeParse(body);
    if (command.success && !(await firstDelivery(deps, `command:${command.data.trigger_id}`))) {
      deps.logger.info(
        { command: command.data.command },
        'a slash command delivered again, already taken in',
      );
      await (args as { ack?: () => Promise<void> }).ack?.();
      return;
    }
    await next();
  };
}
