import type { Cadence } from '../domain/cadence';
import type { LocalDate } from '../domain/dates';
import type { DigestItem } from '../domain/digest';
import {
  carriedContacts,
  type FatigueChoice,
  fatigueWindowStart,
  longerCadences,
  withFatigueQuestion,
} from '../domain/fatigue';
import { nextDueOn } from '../domain/schedule';
import { lockContact, setArchived, setCadence } from '../store/contacts';
import { inTransaction } from '../store/db';
import { type Digest, type DigestKey, findDigest, lockDigest } from '../store/digests';
import { fatigueFacts, recordCarried, saveFatigueAnswer, setDigestFatigueChoice } from '../store/fatigue';
import type { Member, MemberRef } from '../store/members';
import { todayFor, type UseCaseDeps } from './deps';

/** A digest's items, with the nudge-fatigue question on the contact that calls for it (if any). */
export async function withFatigueQuestionFor(
  deps: UseCaseDeps,
  digest: DigestKey,
  items: DigestItem[],
): Promise<DigestItem[]> {
  const carried = carriedContacts(items);
  if (carried.length === 0) return items;
  const today = digest.localDate;
  const facts = await fatigueFacts(deps.db, digest, carried, fatigueWindowStart(today), today);
  return withFatigueQuestion(items, facts, today);
}

/** What a sent digest carried, for the next digests to count (written with its mark: markDigestSent). */
export function carriedBy(
  items: DigestItem[],
  localDate: LocalDate,
): { carried: number[]; keepFrom: LocalDate } {
  return { carried: carriedContacts(items), keepFrom: fatigueWindowStart(localDate) };
}

/**
 * Records that the member's digests of `days` carried these contacts of theirs and nothing was done
 * about them, as the worker records a sent digest: the sandbox's demo network starts with that
 * history, as if touchbase had been reminding for a while.
 */
export async function recordIgnoredDigests(
  deps: UseCaseDeps,
  member: MemberRef,
  days: LocalDate[],
  contactIds: number[],
): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    for (const localDate of days) {
      await recordCarried(tx, { ...member, localDate }, contactIds, fatigueWindowStart(localDate));
    }
  });
}

export type FatigueAnswerRequest =
  | { answer: 'keep' }
  | { answer: 'less_often'; cadence: Cadence }
  | { answer: 'archive' };

/**
 * The member answers the question their own digest of `digestOf` asked about one of their contacts:
 * keep the rhythm, move to a longer one, or archive. The answer is remembered (the count of ignored
 * digests starts again from today) and shown in place of the question. A second answer to a question
 * already answered changes nothing. Null, and nothing written, when that digest did not ask about
 * that contact of theirs, or the rhythm is not a longer one.
 */
export async function answerFatigue(
  deps: UseCaseDeps,
  member: Member,
  digestOf: LocalDate,
  contactId: number,
  request: FatigueAnswerRequest,
): Promise<Digest | null> {
  const itemKey = `due:${contactId}`;
  const today = todayFor(deps, member);
  const answered = await inTransaction(deps.db, async (tx) => {
    // The digest first, then the contact: the order the digest's other buttons and erase lock them.
    // Two different answers clicked at once are taken one after the other: the second finds the first.
    const digest = await lockDigest(tx, member, digestOf);
    const item = digest?.items.find((i) => i.key === itemKey);
    if (item?.kind !== 'due' || !item.fatigue) return false;
    if (item.fatigue.choice) return true;
    const contact = await lockContact(tx, member, contactId);
    if (!contact || contact.archived) return false;
    if (request.answer === 'less_often' && !longerCadences(contact.cadence).includes(request.cadence)) {
      return false;
    }
    if (!(await saveFatigueAnswer(tx, member, contactId, request.answer, today))) return false;
    let choice: FatigueChoice;
    if (request.answer === 'keep') {
      choice = { answer: 'keep', cadence: contact.cadence };
    } else if (request.answer === 'less_often') {
      const slower = { ...contact, cadence: request.cadence };
      await setCadence(tx, member, contactId, request.cadence, nextDueOn(slower), deps.clock.now());
      choice = { answer: 'less_often', cadence: request.cadence };
    } else {
      await setArchived(tx, member, contactId, true, null, deps.clock.now());
      choice = { answer: 'archive' };
    }
    await setDigestFatigueChoice(tx, member, digestOf, itemKey, choice);
    deps.logger.info({ contactId, answer: request.answer }, 'nudge fatigue answered');
    return true;
  });
  return answered ? findDigest(deps.db, member, digestOf) : null;
}
