import type { AllMiddlewareArgs, App, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { contactsWithSlackUser } from '../../../store/contacts';
import { type OpContext, openModal, reply, today } from '../../contact-ops';
import type { Deps } from '../../deps';
import { CALLBACK } from '../../ids';
import { ensureMember, memberOfPayload } from '../../member';
import { textMessage } from '../../views/messages';
import { touchModal } from '../../views/touch-modal';

type ShortcutArgs = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>;

/** The parts of the message the shortcut was used on that the log form takes. */
const shortcutMessage = z.object({
  user: z.string().max(40).optional(),
  text: z.string().optional(),
});

/** "Log as a touch" on a message: the log form with the message as its note, its author preselected. */
export function registerLogAsTouch(app: App, deps: Deps): void {
  app.shortcut<MessageShortcut>({ callback_id: CALLBACK.logAsTouch, type: 'message_action' }, (args) =>
    logAsTouch(deps, args),
  );
}

/**
 * Acks at once, then opens the log form (the trigger lasts 3 seconds). The author is preselected only
 * when exactly one of the member's own active contacts is linked to that Slack user.
 */
async function logAsTouch(deps: Deps, { ack, shortcut, client, respond }: ShortcutArgs): Promise<void> {
  await ack();
  try {
    const member = await ensureMember(deps, client, memberOfPayload(shortcut));
    const ctx: OpContext = { deps, client, member, respond, triggerId: shortcut.trigger_id };
    const message = shortcutMessage.safeParse(shortcut.message);
    const author = message.success ? message.data.user : undefined;
    const linked = author ? await contactsWithSlackUser(deps.db, member, author) : [];
    const hint =
      linked.length > 1
        ? `${linked.length} of your contacts are linked to <@${author}>: pick one below.`
        : undefined;
    const text = message.success ? unescapeSlack(message.data.text ?? '').trim() : '';
    // touchModal cuts the note to the form's limit.
    await openModal(
      ctx,
      touchModal({
        contact: linked.length === 1 ? linked[0] : undefined,
        today: today(ctx),
        hint,
        note: text || undefined,
      }),
    );
  } catch (err) {
    deps.logger.error({ err }, 'log as a touch failed');
    await reply(
      { respond },
      textMessage('Something went wrong on my side and nothing was changed. Please try again.'),
    );
  }
}

/** Slack escapes these three in message text; the note is plain text. */
function unescapeSlack(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
