import { composeDigest, type DigestItem, itemAsks } from '../domain/digest';
import { markFollowedUp } from '../store/asks';
import { inTransaction } from '../store/db';
import {
  claimDigests,
  type Digest,
  type DigestKey,
  loadDigestInput,
  markDigestEmpty,
  markDigestFailed,
  markDigestRetry,
  markDigestSent,
  planDigests,
  previewDigests,
  setDigestItems,
} from '../store/digests';
import { markIntrosFollowedUp } from '../store/intros';
import { markTripPrompted } from '../store/trips';
import type { UseCaseDeps } from './deps';

export type { Digest, DigestKey };

/**
 * The reminder worker's steps, each a use case: plan the digests whose morning has come, claim a
 * batch to send, compose one, and record how its delivery went. Slack itself is the worker's part.
 */

/** Records one pending digest per member whose digest time has come with something due. */
export async function planDue(deps: UseCaseDeps): Promise<{ dueContacts: number; planned: number }> {
  return planDigests(deps.db, deps.clock.now());
}

/** Claims up to `limit` digests ready to send, each held for `leaseMs` while it is sent. */
export async function claimBatch(deps: UseCaseDeps, leaseMs: number, limit: number): Promise<Digest[]> {
  return claimDigests(deps.db, deps.clock.now(), leaseMs, limit);
}

/**
 * What a claimed digest says, worked out afresh at each attempt so a retry never reminds about
 * someone the member has since talked to; saved before posting, so recording the send is one small
 * write. Null (and the digest closed as empty) when nothing is due any more.
 */
export async function composeClaimed(
  deps: UseCaseDeps,
  digest: Digest,
): Promise<{ items: DigestItem[]; moreCount: number } | null> {
  const composed = composeDigest(await loadDigestInput(deps.db, digest, digest.localDate), digest.localDate);
  if (composed.items.length === 0) {
    await markDigestEmpty(deps.db, digest);
    return null;
  }
  await setDigestItems(deps.db, digest, composed.items, composed.moreCount);
  return composed;
}

/**
 * Slack has the message: records it as sent, with where it is (so buttons can update it in place),
 * and marks the follow-ups and trip prompts it carried as asked, so each comes once. One
 * transaction: a crash leaves either all of it or none.
 */
export async function recordSent(
  deps: UseCaseDeps,
  digest: Digest,
  items: DigestItem[],
  posted: { channelId: string; ts: string },
): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    await markDigestSent(tx, digest, posted.channelId, posted.ts, deps.clock.now());
    const asks = items.flatMap((i) => itemAsks(i).map((a) => a.askId));
    await markFollowedUp(tx, digest, asks, digest.localDate);
    const intros = items.flatMap((i) => (i.kind === 'intro_follow_up' ? [i.introId] : []));
    await markIntrosFollowedUp(tx, digest, intros, digest.localDate);
    const prompts = items.flatMap((i) => (i.kind === 'trip' ? [{ tripId: i.tripId, prompt: i.prompt }] : []));
    await markTripPrompted(tx, digest, prompts, digest.localDate);
  });
}

/** Delivery failed for now: try again at `retryAt`. */
export async function recordRetry(
  deps: UseCaseDeps,
  digest: Digest,
  retryAt: Date,
  reason: string,
): Promise<void> {
  await markDigestRetry(deps.db, digest, retryAt, reason);
}

/** Delivery failed for good (Slack refused, or a day of retries ran out). */
export async function recordFailure(deps: UseCaseDeps, digest: Digest, reason: string): Promise<void> {
  await markDigestFailed(deps.db, digest, reason);
}

/** --dry-run: what the next tick would send, per member; reads only. */
export async function previewDue(
  deps: UseCaseDeps,
): Promise<{ key: DigestKey; items: DigestItem[]; moreCount: number }[]> {
  const keys = await previewDigests(deps.db, deps.clock.now());
  const previews = [];
  for (const key of keys) {
    const composed = composeDigest(await loadDigestInput(deps.db, key, key.localDate), key.localDate);
    previews.push({ key, ...composed });
  }
  return previews;
}
