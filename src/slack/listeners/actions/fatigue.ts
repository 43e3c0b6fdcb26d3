import { answerFatigue } from '../../../usecases/fatigue';
import { notYoursMessage } from '../../blocks/messages';
import { redrawDigest } from '../replies';
import type { ActionHandlers } from './handler';

/**
 * The nudge-fatigue question in a digest: keep the rhythm, check in less often, or archive. The
 * value names the digest and the contact; both must be the clicker's own.
 */
export const fatigueActions: ActionHandlers<'digestFatigue'> = {
  digestFatigue: async (ctx, { d, c, a, k }) => {
    // "Less often" always comes with the rhythm picked from the menu; a value without one is crafted.
    const request = a === 'less_often' ? (k ? { answer: a, cadence: k } : null) : { answer: a };
    const digest = request && (await answerFatigue(ctx.deps, ctx.member, d, c, request));
    return digest ? redrawDigest(ctx, digest) : ctx.reply(notYoursMessage());
  },
};
