import { todayFor } from '../../../usecases/deps';
import { introModal } from '../../blocks/intro-modal';
import type { ListenerContext } from '../context';

/** The global shortcut "Log an introduction": opens the form while the trigger lives. */
export async function logIntroduction(ctx: ListenerContext): Promise<void> {
  await ctx.openModal(introModal({ today: todayFor(ctx.deps, ctx.member) }));
}
