import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { notYoursMessage, staleButtonMessage, textMessage } from '../../blocks/messages';
import { ACTIONS, type ActionKey, findAction } from '../../registry/actions';
import { noCodec } from '../../registry/codec';
import { listenerContext } from '../context';
import { askActions } from './asks';
import { contactActions } from './contacts';
import { digestActions } from './digest';
import type { ActionHandler, ActionHandlers } from './handler';
import { homeActions } from './home-tab';
import { importActions } from './imports';
import { introActions } from './intros';
import { shareActions } from './share';
import { touchActions } from './touches';
import { triageActions } from './triage';
import { tripActions } from './trips';

/** One handler for every entry of ACTIONS: the compiler refuses a button without one. */
const HANDLERS: ActionHandlers<ActionKey> = {
  ...contactActions,
  ...digestActions,
  ...askActions,
  ...introActions,
  ...tripActions,
  ...shareActions,
  ...homeActions,
  ...touchActions,
  ...triageActions,
  ...importActions,
};

/** A value that does not decode is stale or crafted; a few buttons say so more helpfully than "not yours". */
const STALE_VALUE: Partial<Record<ActionKey, string>> = {
  listPage: 'That button is out of date. Try `/touchbase list` again.',
};

/**
 * Every button and menu click, one dispatcher: the middleware has acked and put the member on the
 * context; this finds the registry entry by action_id, decodes its value, and runs its handler. A
 * click on something touchbase no longer makes gets a plain answer, never Slack's timeout.
 */
export function registerActions(app: App): void {
  app.action<BlockAction>(
    { type: 'block_actions' },
    async ({ action, context }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
      const ctx = listenerContext(context);
      const found = findAction(action.action_id);
      if (!found) {
        ctx.deps.logger.info({ actionId: action.action_id }, 'a click on a button touchbase no longer makes');
        return ctx.reply(staleButtonMessage());
      }
      const def = ACTIONS[found.key];
      const raw =
        action.type === 'button'
          ? action.value
          : action.type === 'overflow'
            ? action.selected_option?.value
            : undefined;
      const value = def.codec.decode(raw);
      if (value === null && def.codec !== noCodec) {
        const stale = STALE_VALUE[found.key];
        return ctx.reply(stale ? textMessage(stale) : notYoursMessage());
      }
      const handler = HANDLERS[found.key] as ActionHandler<ActionKey>;
      await handler(ctx, value as never, found.suffix);
    },
  );
}
