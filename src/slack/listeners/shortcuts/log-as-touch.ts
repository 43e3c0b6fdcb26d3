import type { SlackShortcut } from '@slack/bolt';
import { z } from 'zod';
import { cleanText } from '../../../domain/text-input';
import { contactsLinkedTo } from '../../../usecases/contacts';
import type { ListenerContext } from '../context';
import { openLog } from '../replies';

/** The parts of the message the shortcut was used on that the log form takes. */
const shortcutMessage = z.object({
  // A Slack user id, as it goes into a mention (<@…>) in the form's hint.
  user: z
    .string()
    .regex(/^[UWB][A-Z0-9]{2,20}$/)
    .optional()
    .catch(undefined),
  text: z.string().optional(),
});

/**
 * "Log as a touch" on a message: the log form with the message as its note and How set to Message. The author is
 * preselected only when exactly one of the member's own active contacts is linked to that Slack user.
 */
export async function logAsTouch(ctx: ListenerContext, shortcut: SlackShortcut): Promise<void> {
  const message = shortcutMessage.safeParse(
    shortcut.type === 'message_action' ? shortcut.message : undefined,
  );
  const author = message.success ? message.data.user : undefined;
  const linked = author ? await contactsLinkedTo(ctx.deps, ctx.member, author) : [];
  const hint =
    linked.length > 1
      ? `${linked.length} of your contacts are linked to <@${author}>: pick one below.`
      : undefined;
  const text = message.success ? cleanText(unescapeSlack(message.data.text ?? '')) : '';
  // The log form cuts the note to the field's limit.
  // A Slack message is itself the touch: How starts at Message.
  await openLog(ctx, linked.length === 1 ? linked[0] : undefined, {
    hint,
    note: text || undefined,
    kind: 'message',
  });
}

/** Slack escapes these three in message text; the note is plain text. */
function unescapeSlack(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
