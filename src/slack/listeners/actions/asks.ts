import { type AskResolution, settleAsk } from '../../../usecases/asks';
import { withAskSettled } from '../../blocks/asks';
import { notYoursMessage, textMessage } from '../../blocks/messages';
import { esc } from '../../blocks/text';
import type { ListenerContext } from '../context';
import { redrawDigest } from '../replies';
import type { ActionHandlers } from './handler';

const SAID: Record<AskResolution, string> = {
  granted: 'granted. Remember to thank them.',
  declined: 'declined. Thanking them for considering it keeps the door open.',
  withdrawn: 'withdrawn.',
};

/**
 * Granted, Declined and Withdrawn: from the confirmation, `show`, the digest and the Home. Only the
 * asker's own asks. A click in a message Slack sends back (the confirmation DM) rewrites that
 * message in place, its buttons replaced by the outcome; elsewhere the answer is a reply.
 */
function settle(status: AskResolution) {
  return async (ctx: ListenerContext, ref: { a: number; d?: string }) => {
    const result = await settleAsk(ctx.deps, ctx.member, ref.a, status, ref.d ?? null);
    if (!result.ok) return ctx.reply(notYoursMessage());
    const { ask } = result;
    const outcome = result.settledNow
      ? `:white_check_mark: Your ask to *${esc(ask.contactName)}* (“${esc(ask.what)}”) is marked ${SAID[status]}`
      : `Your ask to *${esc(ask.contactName)}* (“${esc(ask.what)}”) was already marked ${ask.status}.`;
    const inPlace = !ref.d && ctx.clickedIn ? withAskSettled(ctx.clickedIn, ask.id, outcome) : null;
    if (inPlace) {
      return ctx.reply({ text: outcome.replaceAll('*', ''), blocks: inPlace }, { replaceOriginal: true });
    }
    if (result.settledNow) await redrawDigest(ctx, result.digest);
    await ctx.reply(textMessage(outcome));
  };
}

export const askActions: ActionHandlers<
  'askGranted' | 'askDeclined' | 'askWithdrawn' | 'homeAskGranted' | 'homeAskDeclined' | 'homeAskWithdrawn'
> = {
  askGranted: settle('granted'),
  askDeclined: settle('declined'),
  askWithdrawn: settle('withdrawn'),
  homeAskGranted: settle('granted'),
  homeAskDeclined: settle('declined'),
  homeAskWithdrawn: settle('withdrawn'),
};
