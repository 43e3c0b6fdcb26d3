import type { LocalDate } from '../domain/dates';
import type { TouchIntent, TouchKind } from '../domain/touches';
import { appendWantsNeeds, type Contact } from '../store/contacts';
import { inTransaction } from '../store/db';
import type { Digest } from '../store/digests';
import type { Member } from '../store/members';
import type { UseCaseDeps } from './deps';
import { recordLoggedFromDigest } from './digest-items';
import { type Touch, touchContact } from './touches';

export interface GroupTouchInput {
  /** Two or more of the member's contacts, each of whom gets the touch. */
  contactIds: number[];
  touchedOn: LocalDate;
  kind: TouchKind;
  /** A give or a catch-up: an ask is of one person, so it is logged with `logTouch`. */
  intent: Exclude<TouchIntent, 'ask'>;
  note: string | null;
  noteToWantsNeeds: boolean;
  fromDigest: LocalDate | null;
}

export type GroupTouchResult =
  | {
      ok: true;
      /** Each person with their new clock, in the order picked. */
      logged: { contact: Contact; touch: Touch }[];
      digest: Digest | null;
    }
  | { ok: false; reason: 'not_yours' };

/** Thrown inside the transaction to undo every touch already written when one person is not the member's. */
class NotYours extends Error {}

/**
 * One touch with several people (a dinner, a group call): each gets the touch and their clock moves,
 * all in one transaction, so either everyone is logged or no one is. The digest items of any of them
 * that the log settles are marked.
 */
export async function logGroupTouch(
  deps: UseCaseDeps,
  member: Member,
  input: GroupTouchInput,
): Promise<GroupTouchResult> {
  const now = deps.clock.now();
  const ids = [...new Set(input.contactIds)];
  let logged: { contact: Contact; touch: Touch; settledCalls: number[] }[];
  try {
    logged = await inTransaction(deps.db, async (tx) => {
      const done: { contact: Contact; touch: Touch; settledCalls: number[] }[] = [];
      // Locked in id order, so two logs naming the same people never wait on each other in a circle.
      for (const contactId of [...ids].sort((a, b) => a - b)) {
        const one = await touchContact(
          tx,
          member,
          { contactId, touchedOn: input.touchedOn, kind: input.kind, intent: input.intent, note: input.note },
          now,
        );
        if (!one) throw new NotYours();
        if (input.note && input.noteToWantsNeeds) {
          await appendWantsNeeds(tx, member, contactId, input.note, now);
        }
        done.push(one);
      }
      const byId = new Map(done.map((d) => [d.contact.id, d]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    });
  } catch (err) {
    if (err instanceof NotYours) return { ok: false, reason: 'not_yours' };
    throw err;
  }
  deps.logger.info({ contacts: logged.length, intent: input.intent }, 'group touch logged');
  let digest: Digest | null = null;
  if (input.fromDigest) {
    for (const { contact, settledCalls } of logged) {
      // Each person's check-in and dates, and the "did you talk?" of any call with them it settled.
      const calls = settledCalls.map((id) => `call:${id}`);
      digest =
        (await recordLoggedFromDigest(deps, member, input.fromDigest, contact.id, input.touchedOn, calls)) ??
        digest;
    }
  }
  return { ok: true, logged, digest };
}
