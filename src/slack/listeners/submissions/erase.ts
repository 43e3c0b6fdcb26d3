import { emptyHome, eraseMemberData } from '../../../usecases/erase';
import {
  ERASE_FIELD,
  ERASE_REFUSED,
  ERASE_WORD,
  erasedMessage,
  eraseFailedMessage,
} from '../../blocks/erase';
import { publishHome } from '../../home-publisher';
import type { ListenerContext } from '../context';
import { flattenState } from './fields';
import { closed, errors, type SubmissionHandlers } from './submission';

/**
 * `/touchbase delete my data`: the form closes once the word is right, and the erase runs after the
 * ack, since a large network takes longer than Slack waits for an answer. What follows reads and
 * writes nothing of the member's, so nothing of theirs is stored again: the Home is drawn from
 * nothing, and the confirmation goes to their DM (a submission has no reply URL).
 */
export const eraseSubmissions: SubmissionHandlers<'eraseData'> = {
  eraseData: async (ctx, view) => {
    if (!confirmsErase(flattenState(view)[ERASE_FIELD])) return errors({ [ERASE_FIELD]: ERASE_REFUSED });
    return closed(() => eraseAndConfirm(ctx));
  },
};

/** Whether what the member typed confirms the erase: "delete", with any spaces around, in any case. */
function confirmsErase(typed: string | null | undefined): boolean {
  return (typed ?? '').trim().toLowerCase() === ERASE_WORD;
}

async function eraseAndConfirm(ctx: ListenerContext): Promise<void> {
  let erased: Awaited<ReturnType<typeof eraseMemberData>>;
  try {
    erased = await eraseMemberData(ctx.deps, ctx.member);
  } catch (err) {
    ctx.deps.logger.error(
      { err, userId: ctx.member.userId },
      'could not erase member data; nothing was deleted',
    );
    return ctx.dm(eraseFailedMessage());
  }
  try {
    await publishHome(ctx.member, ctx.client, async () => emptyHome(ctx.deps, ctx.member));
  } catch (err) {
    ctx.deps.logger.warn({ err, userId: ctx.member.userId }, 'could not publish the empty App Home');
  }
  await ctx.dm(erasedMessage(erased));
}
