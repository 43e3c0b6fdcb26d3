import type { AskStatus } from '../domain/asks';
import type { LocalDate } from '../domain/dates';
import { type Ask, resolveAsk } from '../store/asks';
import type { MemberRef } from '../store/members';
import type { UseCaseDeps } from './deps';
import { type Digest, recordItemOutcome } from './digest-items';

export type AskResolution = Exclude<AskStatus, 'pending'>;

export type SettleResult =
  | {
      ok: true;
      ask: Ask;
      /** False when the ask had already been settled (it keeps its first answer). */
      settledNow: boolean;
      digest: Digest | null;
    }
  | { ok: false; reason: 'not_yours' };

/**
 * Marks the member's own pending ask granted, declined or withdrawn, and the digest item it came
 * from (when it came from one) as dealt with.
 */
export async function settleAsk(
  deps: UseCaseDeps,
  member: MemberRef,
  askId: number,
  status: AskResolution,
  fromDigest: LocalDate | null,
): Promise<SettleResult> {
  const ask = await resolveAsk(deps.db, member, askId, status, deps.clock.now());
  if (!ask) return { ok: false, reason: 'not_yours' };
  const settledNow = ask.status === status;
  deps.logger.info({ askId: ask.id, status: ask.status }, 'ask settled');
  const digest =
    settledNow && fromDigest
      ? await recordItemOutcome(deps, member, fromDigest, `ask:${ask.id}`, { action: 'resolved', status })
      : null;
  return { ok: true, ask, settledNow, digest };
}
