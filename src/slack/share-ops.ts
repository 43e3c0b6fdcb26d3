import { wantsNeedsMatches } from '../store/shares';
import type { TouchedContact } from '../store/touches';
import { type OpContext, reply, today } from './contact-ops';
import { noShareMatchMessage, shareMatchesMessage, shareUsageMessage } from './views/share';
import { truncate } from './views/text';
import { NOTE_LIMIT } from './views/touch-modal';

/** How many people one answer lists; the rest are counted. */
export const SHARE_MATCHES_SHOWN = 10;

/** The note a share is logged with; a later answer for the same words knows who already has it by it. */
export function shareNote(what: string): string {
  return truncate(`Shared: ${what}`, NOTE_LIMIT);
}

/**
 * `/touchbase share <what>`: the member's contacts whose wants and needs fit, best first. After a
 * Mark as shared click the same answer is redrawn in place, with the give just logged confirmed.
 */
export async function sendShareMatches(
  ctx: OpContext,
  what: string,
  opts: { replaceOriginal?: boolean; logged?: Pick<TouchedContact, 'name' | 'nextDueOn'> } = {},
): Promise<void> {
  if (!what) return reply(ctx, shareUsageMessage());
  const { matches, total } = await wantsNeedsMatches(ctx.deps.db, ctx.member, what, {
    limit: SHARE_MATCHES_SHOWN,
    note: shareNote(what),
  });
  if (total === 0 && !opts.logged) return reply(ctx, noShareMatchMessage(), opts.replaceOriginal);
  return reply(
    ctx,
    shareMatchesMessage({ what, matches, total, today: today(ctx), logged: opts.logged }),
    opts.replaceOriginal,
  );
}
