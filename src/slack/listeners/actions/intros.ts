import { INTRO_OUTCOME_LABELS, type IntroOutcome } from '../../../domain/intros';
import { recordIntroOutcome } from '../../../usecases/introductions';
import { notYoursMessage, textMessage } from '../../blocks/messages';
import { esc } from '../../blocks/text';
import type { ListenerContext } from '../context';
import { redrawDigest } from '../replies';
import type { ActionHandlers } from './handler';

/** "They connected", "No response yet", "Not a fit": from the digest, `/touchbase intros` and the Home. */
async function outcome(ctx: ListenerContext, ref: { i: number; o: IntroOutcome; d?: string }): Promise<void> {
  const result = await recordIntroOutcome(ctx.deps, ctx.member, ref.i, ref.o, ref.d ?? null);
  if (!result.ok) return ctx.reply(notYoursMessage());
  await redrawDigest(ctx, result.digest);
  const more = result.askAgainOn ? " I'll ask again in two weeks." : '';
  await ctx.reply(
    textMessage(
      `Noted for *${esc(result.intro.fromName)}* and *${esc(result.intro.toName)}*: ${INTRO_OUTCOME_LABELS[ref.o].toLowerCase()}.${more}`,
    ),
  );
}

export const introActions: ActionHandlers<'introOutcome' | 'homeIntroOutcome'> = {
  introOutcome: outcome,
  homeIntroOutcome: outcome,
};
