import { markShared } from '../../../usecases/shares';
import { notYoursMessage } from '../../blocks/messages';
import { sendShareMatches } from '../replies';
import type { ActionHandlers } from './handler';

/**
 * Mark as shared, from a `/touchbase share` answer: logs a give with the contact the button names
 * (only among the clicker's own), then redraws the answer with them ticked.
 */
export const shareActions: ActionHandlers<'markShared'> = {
  markShared: async (ctx, { c, w }) => {
    const contact = await markShared(ctx.deps, ctx.member, c, w);
    if (!contact) return ctx.reply(notYoursMessage());
    return sendShareMatches(ctx, w, { replaceOriginal: true, logged: contact });
  },
};
