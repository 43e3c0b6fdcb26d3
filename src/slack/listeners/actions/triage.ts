import {
  keepAllTheRest,
  setLastTalked,
  sortContact,
  startTriage,
  triageBatch,
} from '../../../usecases/triage';
import { notYoursMessage } from '../../blocks/messages';
import { keptRestMessage, triageMessage } from '../../blocks/triage';
import type { ListenerContext } from '../context';
import type { ActionHandlers } from './handler';

/** The triage message redrawn in place with the same people, as they stand now. */
async function redraw(ctx: ListenerContext, batch: number[]): Promise<void> {
  await ctx.reply(triageMessage(await triageBatch(ctx.deps, ctx.member, batch)), { replaceOriginal: true });
}

/**
 * Triage's buttons. A contact id is only a claim: one that is not the member's changes nothing and
 * leaves the message as it was.
 */
export const triageActions: ActionHandlers<
  'triageSort' | 'triageTalked' | 'triageNext' | 'triageKeepRest' | 'homeTriage'
> = {
  triageSort: async (ctx, { c, s, b }) => {
    if (!(await sortContact(ctx.deps, ctx.member, c, s))) return ctx.reply(notYoursMessage());
    return redraw(ctx, b);
  },
  triageTalked: async (ctx, { c, t, b }) => {
    if (!(await setLastTalked(ctx.deps, ctx.member, c, t))) return ctx.reply(notYoursMessage());
    return redraw(ctx, b);
  },
  triageNext: async (ctx) =>
    ctx.reply(triageMessage(await startTriage(ctx.deps, ctx.member)), { replaceOriginal: true }),
  triageKeepRest: async (ctx) =>
    ctx.reply(keptRestMessage(await keepAllTheRest(ctx.deps, ctx.member)), { replaceOriginal: true }),
  // The Home has no response_url, and the import summary it also sits under stays as it is: triage
  // arrives as a DM of its own, where each click updates it in place.
  homeTriage: async (ctx) => ctx.dm(triageMessage(await startTriage(ctx.deps, ctx.member))),
};
