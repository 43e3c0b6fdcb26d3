import { contactCard } from '../../../usecases/contacts';
import { todayFor } from '../../../usecases/deps';
import { getTouch, removeTouch, undoTouches } from '../../../usecases/touch-edits';
import { groupTouchUndoneMessage } from '../../blocks/group-touch';
import { contactCardMessage, textMessage, touchDeletedText } from '../../blocks/messages';
import { esc } from '../../blocks/text';
import { touchEditModal } from '../../blocks/touch-edit-modal';
import type { ListenerContext } from '../context';
import type { ActionHandlers } from './handler';

/** The same answer for a touch already deleted and one that was never the clicker's. */
function goneMessage() {
  return textMessage(
    'That touch is no longer in your network (it may have been deleted). Nothing was changed.',
  );
}

/** Edit and Delete beside each touch on a contact's card, and Undo in a "Logged …" confirmation. */
export const touchActions: ActionHandlers<'editTouch' | 'deleteTouch' | 'undoTouch' | 'undoGroupTouch'> = {
  editTouch: async (ctx, touchId) => {
    const details = await getTouch(ctx.deps, ctx.member, touchId);
    if (!details) return ctx.reply(goneMessage());
    await ctx.openModal(touchEditModal(details));
  },
  deleteTouch: async (ctx: ListenerContext, touchId) => {
    const result = await removeTouch(ctx.deps, ctx.member, touchId, { onlyIfLatest: false });
    if (!result.ok) return ctx.reply(goneMessage());
    // The card is redrawn in place without the touch, its next check-in worked out again.
    const card = await contactCard(ctx.deps, ctx.member, result.contact);
    await ctx.reply(
      contactCardMessage({ ...card, notice: touchDeletedText(result.contact, result.touch, card.today) }),
      { replaceOriginal: true },
    );
  },
  undoTouch: async (ctx, touchId) => {
    const result = await removeTouch(ctx.deps, ctx.member, touchId, { onlyIfLatest: true });
    if (result.ok) {
      const today = todayFor(ctx.deps, ctx.member);
      return ctx.reply(textMessage(touchDeletedText(result.contact, result.touch, today, { undone: true })), {
        replaceOriginal: true,
      });
    }
    if (result.reason === 'not_yours' || !result.contact) return ctx.reply(goneMessage());
    return ctx.reply(tooLateMessage(result.contact.name));
  },
  undoGroupTouch: async (ctx, { t }) => {
    const result = await undoTouches(ctx.deps, ctx.member, t);
    if (result.ok) {
      return ctx.reply(groupTouchUndoneMessage(result.removed, todayFor(ctx.deps, ctx.member)), {
        replaceOriginal: true,
      });
    }
    if (result.reason === 'not_yours' || !result.contact) return ctx.reply(goneMessage());
    return ctx.reply(tooLateMessage(result.contact.name));
  },
};

/** Undo after a newer touch: it would no longer take back just this one. */
function tooLateMessage(contactName: string) {
  const name = esc(contactName);
  return textMessage(
    `You have logged a newer touch with *${name}* since, so Undo would no longer take back just this one. Nothing was changed. To remove it, use *Delete* beside it in \`/touchbase show ${name}\`.`,
  );
}
