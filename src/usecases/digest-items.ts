import type { LocalDate } from '../domain/dates';
import { datesIn, type ItemOutcome, type SnoozeChoice, skipUntil, snoozeUntil } from '../domain/digest';
import { nextDueOn } from '../domain/schedule';
import { type Contact, findContact, lockContact, setSchedule } from '../store/contacts';
import { inTransaction } from '../store/db';
import { type Digest, findDigest, setDigestItemOutcome } from '../store/digests';
import type { Member, MemberRef } from '../store/members';
import { todayFor, type UseCaseDeps } from './deps';

export type { Digest };

/**
 * Records what the member did about one item of their own digest, so the message can be redrawn
 * truthfully. Returns the digest as it now stands; null when the member has no digest that day.
 */
export async function recordItemOutcome(
  deps: UseCaseDeps,
  member: MemberRef,
  digestOf: LocalDate,
  itemKey: string,
  outcome: ItemOutcome,
): Promise<Digest | null> {
  return setDigestItemOutcome(deps.db, member, digestOf, itemKey, outcome);
}

/**
 * A due item of the member's own digest: the digest of that day must list that contact, and the
 * contact must be theirs. A value copied from someone else's message finds nothing.
 */
export async function digestDueItem(
  deps: UseCaseDeps,
  member: MemberRef,
  digestOf: LocalDate,
  contactId: number,
): Promise<{ digest: Digest; contact: Contact } | null> {
  const digest = await findDigest(deps.db, member, digestOf);
  if (!digest?.items.some((i) => i.key === `due:${contactId}`)) return null;
  const contact = await findContact(deps.db, member, contactId);
  return contact ? { digest, contact } : null;
}

/** A date item (a birthday …) of the member's own digest, about one of their contacts; null otherwise. */
export async function digestDateItem(
  deps: UseCaseDeps,
  member: MemberRef,
  digestOf: LocalDate,
  contactId: number,
): Promise<{ digest: Digest; contact: Contact } | null> {
  const digest = await findDigest(deps.db, member, digestOf);
  if (!digest || !datesIn(digest.items).some((d) => d.contactId === contactId)) return null;
  const contact = await findContact(deps.db, member, contactId);
  return contact ? { digest, contact } : null;
}

/**
 * A touch logged from the digest marks every item it answers: the contact's check-in, their
 * dates of the day, and `alsoKeys` (the "did you talk?" items of the calls it settled). The digest as it now stands; null when the member has no digest that day.
 */
export async function recordLoggedFromDigest(
  deps: UseCaseDeps,
  member: MemberRef,
  digestOf: LocalDate,
  contactId: number,
  on: LocalDate,
  alsoKeys: readonly string[] = [],
): Promise<Digest | null> {
  const digest = await findDigest(deps.db, member, digestOf);
  const keys = (digest?.items ?? [])
    .filter(
      (i) =>
        ((i.kind === 'due' || i.kind === 'date') && i.contactId === contactId) || alsoKeys.includes(i.key),
    )
    .map((i) => i.key);
  let latest: Digest | null = digest;
  for (const key of keys) {
    latest = (await recordItemOutcome(deps, member, digestOf, key, { action: 'logged', on })) ?? latest;
  }
  return latest;
}

/**
 * Snoozes a due item of the member's digest (1 week, 2 weeks or a month from today), or skips this
 * cycle (`skip`: the clock restarts today without a touch), and marks the item. Null when the item
 * or contact is not theirs, or the contact has no cadence to skip.
 */
export async function postponeDueItem(
  deps: UseCaseDeps,
  member: Member,
  digestOf: LocalDate,
  contactId: number,
  how: SnoozeChoice | 'skip',
): Promise<Digest | null> {
  const item = await digestDueItem(deps, member, digestOf, contactId);
  if (!item) return null;
  const today = todayFor(deps, member);
  const until = how === 'skip' ? skipUntil(today, item.contact.cadence) : snoozeUntil(today, how);
  if (!until) return null;
  const snoozed = await inTransaction(deps.db, async (tx) => {
    const contact = await lockContact(tx, member, contactId);
    if (!contact || contact.archived) return null;
    const snoozed = { ...contact, snoozedUntil: until };
    return setSchedule(
      tx,
      member,
      contactId,
      { ...snoozed, nextDueOn: nextDueOn(snoozed) },
      deps.clock.now(),
    );
  });
  if (!snoozed) return null;
  return recordItemOutcome(deps, member, digestOf, `due:${contactId}`, {
    action: how === 'skip' ? 'skipped' : 'snoozed',
    until,
  });
}
