import { resolveName } from '../../../usecases/contacts';
import { todayFor } from '../../../usecases/deps';
import { introModal } from '../../blocks/intro-modal';
import { esc, escCode } from '../../blocks/text';
import type { ListenerContext } from '../context';
import { openLog } from '../replies';

/** Opens "Log an introduction", with the person introduced preselected when the name fits one contact. */
export async function introCommand(ctx: ListenerContext, name: string): Promise<void> {
  const match = name ? await resolveName(ctx.deps, ctx.member, name, { archived: false }) : undefined;
  await ctx.openModal(
    introModal({
      today: todayFor(ctx.deps, ctx.member),
      from: match?.kind === 'one' ? match.contact : undefined,
    }),
  );
}

/** Opens the log modal, preselecting the contact when the name fits exactly one. */
export async function logCommand(ctx: ListenerContext, name: string): Promise<void> {
  if (!name) return openLog(ctx, undefined);
  const match = await resolveName(ctx.deps, ctx.member, name, { archived: false });
  if (match.kind === 'one') return openLog(ctx, match.contact);
  const hint =
    match.kind === 'many'
      ? `${match.more ? 'Many' : match.contacts.length} contacts match “${esc(name)}”: pick one below.`
      : `No contact matches “${esc(name)}” yet: pick one below, or add them with \`/touchbase add ${escCode(name)}\`.`;
  return openLog(ctx, undefined, { hint, name });
}
