import { type AskResolution, settleAsk } from '../../../usecases/asks';
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

/** Granted, Declined and Withdrawn: from the confirmation, `show`, the digest and the Home. Only the asker's own asks. */
function settle(status: AskResolution) {
  return async (ctx: ListenerContext, ref: { a: number; d?: string }) => {
    const result = await settleAsk(ctx.deps, ctx.member, ref.a, status, ref.d ?? null);
    if (!result.ok) return ctx.reply(notYoursMessage());
    const { ask } = result;
    if (!result.settledNow) {
      return ctx.reply(
        textMessage(`Your ask to *${esc(ask.contactName)}* was already marked ${ask.status}.`),
      );
    }
    await redrawDigest(ctx, result.digest);
    await ctx.reply(
      textMessage(`Your ask to *${esc(ask.contactName)}* (“${esc(ask.what)}”) is marked ${SAID[status]}`),
    );
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
