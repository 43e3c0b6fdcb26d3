import { type ComposedDigest, composeDigest, type DigestItem, datesIn, itemAsks } from '../domain/digest';
import { askedContacts } from '../domain/fatigue';
import { markFollowedUp } from '../store/asks';
import { weeklyBudgetOf } from '../store/budget';
import { inTransaction, type Sql } from '../store/db';
import {
  type ClaimedDigest,
  claimDigests,
  type Digest,
  type DigestClaim,
  type DigestKey,
  type DigestOutlook,
  digestExists,
  digestOutlook,
  dropDigestOfErased,
  earliestLeaseEnd,
  extendLeases,
  loadDigestInput,
  markDigestEmpty,
  markDigestFailed,
  markDigestRetry,
  markDigestSent,
  pauseWorkspaceSends,
  planDigests,
  previewDigests,
  releaseDigestUntried,
  resumeWorkspaceSends,
  saveClaimedDigestItems,
  setDmChannel,
  stopMemberDigests,
} from '../store/digests';
import { recordFatigueAsked } from '../store/fatigue';
import { markIntrosFollowedUp } from '../store/intros';
import { markCallsAsked } from '../store/scheduled-calls';
import { markTripPrompted } from '../store/trips';
import { markDatesTold, movePassedDatesOn } from './contact-dates';
import type { UseCaseDeps } from './deps';
import { carriedBy, withFatigueQuestionFor } from './fatigue';

export type { ClaimedDigest, Digest, DigestClaim, DigestKey };

/**
 * The reminder worker's steps, each a use case: plan the digests whose morning has come, claim a
 * batch to send, compose one, and record how its delivery went. Slack itself is the worker's part.
 */

/** Records one pending digest per member whose digest time has come with something due. */
export async function planDue(deps: UseCaseDeps): Promise<{ dueContacts: number; planned: number }> {
  return planDigests(deps.db, deps.clock.now());
}

/** Claims up to `limit` digests ready to send, each held for `leaseMs` while it is sent. */
export async function claimBatch(
  deps: UseCaseDeps,
  leaseMs: number,
  limit: number,
): Promise<ClaimedDigest[]> {
  return claimDigests(deps.db, deps.clock.now(), leaseMs, limit);
}

/**
 * Forgets the member's kept DM channel (Slack answered channel_not_found), so the next send opens it
 * afresh. A channel opened for a digest is kept when the digest is recorded sent.
 */
export async function forgetDmChannel(deps: UseCaseDeps, digest: DigestKey): Promise<void> {
  await setDmChannel(deps.db, digest, null, null);
}

/** Keeps the digests a live sender still holds its own for another `leaseMs`. */
export async function renewLeases(
  deps: UseCaseDeps,
  claims: DigestClaim[],
  leaseMs: number,
): Promise<number> {
  return extendLeases(deps.db, claims, new Date(deps.clock.now().getTime() + leaseMs));
}

/** When the first lease now held runs out (a dead sender's digests can be taken then). */
export async function nextLeaseEnd(deps: UseCaseDeps): Promise<Date | null> {
  return earliestLeaseEnd(deps.db);
}

/**
 * What a claimed digest says, worked out afresh at each attempt so a retry never reminds about
 * someone the member has since talked to; saved before posting, so recording the send is one small
 * write and a later attempt that finds the message in Slack knows what it said. Null (and the
 * digest closed as empty) when nothing is due any more, or when the claim was lost.
 */
export async function composeClaimed(deps: UseCaseDeps, digest: DigestClaim): Promise<ComposedDigest | null> {
  const outlook = await digestOutlook(deps.db, digest, digest.localDate);
  if (outlook?.dates) await movePassedDatesOn(deps, digest, digest.localDate);
  const composed = outlook ? await composeWithFatigue(deps, digest, outlook) : { items: [], moreCount: 0 };
  if (composed.items.length === 0) {
    // Nothing due may mean nobody there: a digest planned as its member erased their data goes too.
    if (await dropDigestOfErased(deps.db, digest)) return null;
    if (!(await markDigestEmpty(deps.db, digest))) lostClaim(deps, digest, 'closing it as empty');
    return null;
  }
  if (!(await saveClaimedDigestItems(deps.db, digest, composed))) {
    lostClaim(deps, digest, 'composing it');
    return null;
  }
  return composed;
}

/** The digest's items by the digest rules, then the nudge-fatigue question where one is due. */
async function composeWithFatigue(
  deps: UseCaseDeps,
  digest: DigestKey,
  outlook: DigestOutlook,
): Promise<ComposedDigest> {
  const input = await loadDigestInput(deps.db, digest, digest.localDate, outlook);
  // Only a check-in the budget moved needs the budget, to say so.
  if (input.contacts.some((c) => c.leveledTo)) input.weeklyBudget = await weeklyBudgetOf(deps.db, digest);
  const composed = composeDigest(input, digest.localDate);
  return { ...composed, items: await withFatigueQuestionFor(deps, digest, composed.items) };
}

/**
 * Slack has the message: records it as sent, with where it is (so buttons can update it in place),
 * the member's DM channel when it was opened for this digest, and the due contacts it carried, in one
 * statement. What else it carried is marked with it, in one transaction (a crash leaves all or none):
 * follow-ups, trip prompts, calls and dates as asked or told, so each comes once, any nudge-fatigue
 * question it asked, and a workspace whose sends were paused works again. False, and nothing
 * written, when the claim was lost to another sender.
 */
export async function recordSent(
  deps: UseCaseDeps,
  digest: ClaimedDigest,
  items: DigestItem[],
  posted: { channelId: string; ts: string; dmOpened: boolean },
): Promise<boolean> {
  const asks = items.flatMap((i) => itemAsks(i).map((a) => a.askId));
  const intros = items.flatMap((i) => (i.kind === 'intro_follow_up' ? [i.introId] : []));
  const prompts = items.flatMap((i) => (i.kind === 'trip' ? [{ tripId: i.tripId, prompt: i.prompt }] : []));
  const calls = items.flatMap((i) => (i.kind === 'call' ? [i.callId] : []));
  const dates = datesIn(items);
  const asked = askedContacts(items);
  // Most digests carry only due contacts: their record is the one statement, with no transaction
  // around it (each round trip after the post holds the digest's slot).
  const alone =
    !asks.length &&
    !intros.length &&
    !prompts.length &&
    !calls.length &&
    !dates.length &&
    !asked.length &&
    !digest.workspacePaused;
  const record = async (sql: Sql) => {
    const marked = await markDigestSent(sql, digest, {
      ...posted,
      sentAt: deps.clock.now(),
      ...carriedBy(items, digest.localDate),
    });
    if (!marked || alone) return marked;
    await markFollowedUp(sql, digest, asks, digest.localDate);
    await markIntrosFollowedUp(sql, digest, intros, digest.localDate);
    await markTripPrompted(sql, digest, prompts, digest.localDate);
    await recordFatigueAsked(sql, digest, asked);
    await markCallsAsked(sql, digest, calls, digest.localDate);
    await markDatesTold(sql, digest, dates);
    if (digest.workspacePaused) await resumeWorkspaceSends(sql, digest.teamId);
    return true;
  };
  const recorded = alone ? await record(deps.db) : await inTransaction(deps.db, record);
  if (!recorded) lostClaim(deps, digest, 'recording it as sent');
  return recorded;
}

/**
 * Whether the member erased their data (`/touchbase delete my data`) after this digest was claimed:
 * its row went with everything else, where a claim lost to another sender leaves the row there.
 */
export async function erasedSinceClaim(deps: UseCaseDeps, digest: DigestKey): Promise<boolean> {
  return !(await digestExists(deps.db, digest));
}

/** Delivery failed for now: try again at `retryAt`. */
export async function recordRetry(
  deps: UseCaseDeps,
  digest: DigestClaim,
  retryAt: Date,
  reason: string,
): Promise<void> {
  if (!(await markDigestRetry(deps.db, digest, retryAt, reason)))
    lostClaim(deps, digest, 'scheduling a retry');
}

/** Delivery failed for good (Slack refused, or a day of retries ran out). */
export async function recordFailure(deps: UseCaseDeps, digest: DigestClaim, reason: string): Promise<void> {
  if (!(await markDigestFailed(deps.db, digest, reason))) lostClaim(deps, digest, 'recording a failure');
}

/**
 * Slack cannot reach the member (they left, were deactivated, cannot be sent a DM): this digest
 * fails and no more are planned for them until they use touchbase again. One transaction.
 */
export async function stopMemberForUnreachable(
  deps: UseCaseDeps,
  digest: DigestClaim,
  reason: string,
): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    if (!(await markDigestFailed(tx, digest, reason))) return lostClaim(deps, digest, 'stopping the member');
    await stopMemberDigests(tx, digest, reason, deps.clock.now());
  });
}

/**
 * The workspace's bot token was refused: its sends pause until `retryAt` (or a new installation),
 * and this digest goes back to pending, its attempt not counted, so nothing is given up on.
 */
export async function pauseWorkspace(
  deps: UseCaseDeps,
  digest: DigestClaim,
  reason: string,
  retryAt: Date,
): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    await pauseWorkspaceSends(tx, digest.teamId, reason, deps.clock.now(), retryAt);
    if (!(await releaseDigestUntried(tx, digest, reason))) lostClaim(deps, digest, 'pausing its workspace');
  });
}

/** Gives a claimed digest back untried (its workspace was paused meanwhile). */
export async function releaseUntried(deps: UseCaseDeps, digest: DigestClaim, reason: string): Promise<void> {
  if (!(await releaseDigestUntried(deps.db, digest, reason))) lostClaim(deps, digest, 'giving it back');
}

/**
 * The sender's lease ran out while it was stalled and another sender owns the digest now: what
 * this one was about to write is dropped, since the new owner's state is the true one.
 */
function lostClaim(deps: UseCaseDeps, digest: DigestClaim, doing: string): void {
  deps.logger.warn(
    { digest: `${digest.teamId}/${digest.userId}/${digest.localDate}`, attempt: digest.attempts },
    `digest no longer held by this sender (its lease ran out); not ${doing}`,
  );
}

/** --dry-run: what the next tick would send, per member; reads only. */
export async function previewDue(deps: UseCaseDeps): Promise<({ key: DigestKey } & ComposedDigest)[]> {
  const keys = await previewDigests(deps.db, deps.clock.now());
  const previews = [];
  for (const key of keys) {
    const outlook = await digestOutlook(deps.db, key, key.localDate);
    if (outlook) previews.push({ key, ...(await composeWithFatigue(deps, key, outlook)) });
  }
  return previews;
}
