import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { claimKey, completeKey, findKey, purgeKeys, releaseKey } from '../store/idempotency';
import type { MemberRef } from '../store/members';
import type { UseCaseDeps } from './deps';

/**
 * What became of a request carrying an idempotency key:
 * - `first`: it ran, and what it answered is kept for its repeats;
 * - `repeat`: an earlier request with the same key already did it; `answer` is what that one answered;
 * - `busy`: the earlier request is still at work after the wait (it will answer itself).
 */
export type Once<T, A> = { kind: 'first'; result: T } | { kind: 'repeat'; answer: A } | { kind: 'busy' };

/**
 * A repeat waits this long for the first request to finish before answering plainly: well inside
 * Slack's 3 seconds, counting the time the request took to get here.
 */
const WAIT_MS = 1500;
const POLL_MS = 40;
/**
 * A pending claim older than this belongs to a request that died mid-way (every click and
 * submission answers within seconds; an import's confirmation runs longer but guards itself by
 * its own state): a retry may take it over rather than be refused for a day.
 */
const STALE_MS = 10 * 60_000;
/** Keys outlive Slack's 5-minute replay window and a late click on an old message. */
const REMEMBER_MS = 24 * 60 * 60_000;

/**
 * Runs `run` once per member and key, however many times Slack delivers (or the member clicks) it,
 * concurrently or not. The key is claimed before `run` and kept with `answerOf(result)`, what the
 * request answered, once `run` is done; a repeat gets that answer instead of running. `answerOf`
 * answering null means nothing was written (a form sent back with errors): the key is released, as
 * it is when `run` throws, so the member's next try runs.
 */
export async function onlyOnce<T, A>(
  deps: UseCaseDeps,
  member: MemberRef,
  key: string,
  run: () => Promise<T>,
  answerOf: (result: T) => A | null,
): Promise<Once<T, A>> {
  const hashed = createHash('sha256').update(key).digest('base64url');
  const waitUntil = Date.now() + WAIT_MS;
  for (;;) {
    const now = deps.clock.now();
    if (await claimKey(deps.db, member, hashed, now, new Date(now.getTime() - STALE_MS))) {
      return { kind: 'first', result: await runClaimed(deps, member, hashed, run, answerOf) };
    }
    const stored = await findKey(deps.db, member, hashed);
    if (stored?.state === 'done') {
      deps.logger.info({ userId: member.userId }, 'a repeated click or submission, answered as the first');
      return { kind: 'repeat', answer: stored.answer as A };
    }
    // Pending: the first is at work. Gone: it failed and released the key, so claim it again.
    if (stored && Date.now() >= waitUntil) return { kind: 'busy' };
    if (stored) await sleep(POLL_MS);
  }
}

async function runClaimed<T, A>(
  deps: UseCaseDeps,
  member: MemberRef,
  key: string,
  run: () => Promise<T>,
  answerOf: (result: T) => A | null,
): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (err) {
    await releaseKey(deps.db, member, key).catch((e: unknown) =>
      deps.logger.warn({ err: e }, 'could not release an idempotency key'),
    );
    throw err;
  }
  const answer = answerOf(result);
  try {
    if (answer === null) await releaseKey(deps.db, member, key);
    else await completeKey(deps.db, member, key, answer);
  } catch (err) {
    // The write itself is stored; a repeat meanwhile waits, then hears that it is still at work.
    deps.logger.warn({ err }, 'could not record what a click or submission answered');
  }
  return result;
}

/** The worker's tick forgets keys older than a day. */
export async function forgetOldKeys(deps: UseCaseDeps): Promise<number> {
  return purgeKeys(deps.db, new Date(deps.clock.now().getTime() - REMEMBER_MS));
}
