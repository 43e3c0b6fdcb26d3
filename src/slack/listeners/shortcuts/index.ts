import type { AllMiddlewareArgs, App, SlackShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { textMessage } from '../../blocks/messages';
import { SHORTCUTS } from '../../registry/modals';
import { type ListenerContext, listenerContext } from '../context';
import { logAsTouch } from './log-as-touch';
import { logIntroduction } from './log-introduction';

type ShortcutId = (typeof SHORTCUTS)[keyof typeof SHORTCUTS];

/** Each shortcut of manifest.json, by callback_id: the middleware has acked; the trigger lasts 3 seconds. */
const HANDLERS: Record<ShortcutId, (ctx: ListenerContext, shortcut: SlackShortcut) => Promise<void>> = {
  [SHORTCUTS.logAsTouch]: logAsTouch,
  [SHORTCUTS.logIntroduction]: logIntroduction,
};

export function registerShortcuts(app: App): void {
  app.shortcut({}, async ({ shortcut, context }: AllMiddlewareArgs & SlackShortcutMiddlewareArgs) => {
    const ctx = listenerContext(context);
    // Own keys only: a callback_id such as `toString` names no shortcut.
    if (Object.hasOwn(HANDLERS, shortcut.callback_id)) {
      return HANDLERS[shortcut.callback_id as ShortcutId](ctx, shortcut);
    }
    ctx.deps.logger.info({ callbackId: shortcut.callback_id }, 'a shortcut touchbase no longer has');
    await ctx.reply(
      textMessage(
        "That shortcut isn't one touchbase has any more, so nothing happened. `/touchbase help` lists what you can do.",
      ),
    );
  });
}
