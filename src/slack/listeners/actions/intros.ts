import { INTRO_OUTCOME_LABELS, type IntroOutcome } from '../../../domain/intros';
import { todayFor } from '../../../usecases/deps';
import { recordIntroOutcome, undoIntroduction } from '../../../usecases/introductions';
import { introUndoneMessage } from '../../blocks/intros';
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

export const introActions: ActionHandlers<'introOutcome' | 'homeIntroOutcome' | 'undoIntro'> = {
  introOutcome: outcome,
  homeIntroOutcome: outcome,
  /** Undo on "Logged your introduction …": only while each give is still that person's latest touch. */
  undoIntro: async (ctx, { i, t }) => {
    const result = await undoIntroduction(ctx.deps, ctx.member, i, t);
    if (result.ok) {
      const today = todayFor(ctx.deps, ctx.member);
      return ctx.reply(introUndoneMessage(result.intro, result.removed, today), { replaceOriginal: true });
    }
    if (result.reason === 'not_latest' && result.contact) {
      return ctx.reply(
        textMessage(
          `You have logged a newer touch with *${esc(result.contact.name)}* since, so Undo would no longer take back just this introduction. Nothing was changed.`,
        ),
      );
    }
    return ctx.reply(
      textMessage(
        'That introduction is no longer in your network (it may have been undone). Nothing was changed.',
      ),
    );
  },
};
