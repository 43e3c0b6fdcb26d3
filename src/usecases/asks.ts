import type { AskStatus } from '../domain/asks';
import type { LocalDate } from '../domain/dates';
import { withAskStatus } from '../domain/digest';
import { type Ask, resolveAsk } from '../store/asks';
import { inTransaction } from '../store/db';
import { lockDigest, setDigestItems } from '../store/digests';
import type { MemberRef } from '../store/members';
import type { UseCaseDeps } from './deps';
import type { Digest } from './digest-items';

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
    settledNow && fromDigest ? await markAskInDigest(deps, member, fromDigest, ask.id, status) : null;
  return { ok: true, ask, settledNow, digest };
}

/** Marks the ask settled in the digest that suggested it; the row is locked so two quick clicks both count. */
async function markAskInDigest(
  deps: UseCaseDeps,
  member: MemberRef,
  digestOf: LocalDate,
  askId: number,
  status: AskResolution,
): Promise<Digest | null> {
  return inTransaction(deps.db, async (tx) => {
    const digest = await lockDigest(tx, member, digestOf);
    if (!digest) return null;
    const items = withAskStatus(digest.items, askId, status);
    await setDigestItems(tx, digest, items, digest.moreCount);
    return { ...digest, items };
  });
}
