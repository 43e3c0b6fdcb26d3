import type { LocalDate } from '../domain/dates';
import {
  askAgainOn,
  type IntroOutcome,
  type IntroProblem,
  introFollowUpOn,
  introProblem,
} from '../domain/intros';
import { FIELD_LIMITS, truncate } from '../domain/limits';
import type { Contact } from '../store/contacts';
import { inTransaction } from '../store/db';
import {
  deleteIntroduction,
  findIntroduction,
  type Introduction,
  insertIntroduction,
  type NewIntroduction,
  recentIntroductions as recentOf,
  setIntroOutcome,
} from '../store/intros';
import type { Member, MemberRef } from '../store/members';
import { findTouch, type Touch } from '../store/touches';
import { todayFor, type UseCaseDeps } from './deps';
import { type Digest, recordItemOutcome } from './digest-items';
import { undoneOrRolledBack, undoTouchesIn } from './touch-edits';
import { touchContact } from './touches';

export type { Introduction };

/** How many introductions `/touchbase intros` lists. */
export const INTROS_SHOWN = 10;

/** Who was introduced to whom (a contact, or an organisation or opportunity by name), how, why and when. */
export type IntroInput = Omit<NewIntroduction, 'followUpOn'>;

export type IntroResult =
  | {
      ok: true;
      intro: Introduction /** The gives it recorded, one per side that is a contact. */;
      touchIds: number[];
    }
  | { ok: false; reason: 'not_yours' }
  | { ok: false; reason: 'problem'; problem: IntroProblem };

/** Thrown inside the transaction to undo a half-made introduction. */
class NotYours extends Error {}

/**
 * Logs an introduction and a give with each side that is one of the member's contacts (their
 * clocks move, their balance improves), all or nothing; the "how did it go?" comes 14 days later.
 */
export async function logIntroduction(
  deps: UseCaseDeps,
  member: MemberRef,
  input: IntroInput,
): Promise<IntroResult> {
  const problem = introProblem(input);
  if (problem) return { ok: false, reason: 'problem', problem };
  const now = deps.clock.now();
  const why = input.why ? `: ${input.why}` : '';
  const notes = new Map<number, string>([[input.fromContactId, `Introduced them${why}`]]);
  if (input.toContactId) notes.set(input.toContactId, `Was introduced to someone${why}`);
  try {
    const touchIds: number[] = [];
    const intro = await inTransaction(deps.db, async (tx) => {
      for (const [contactId, note] of notes) {
        const touched = await touchContact(
          tx,
          member,
          {
            contactId,
            touchedOn: input.introducedOn,
            kind: 'message',
            intent: 'give',
            note: truncate(note, FIELD_LIMITS.note),
          },
          now,
        );
        // Another member's contact, or one archived meanwhile: undo the whole introduction.
        if (!touched) throw new NotYours();
        touchIds.push(touched.touch.id);
      }
      return insertIntroduction(
        tx,
        member,
        { ...input, followUpOn: introFollowUpOn(input.introducedOn) },
        now,
      );
    });
    deps.logger.info({ introId: intro.id }, 'introduction logged');
    return { ok: true, intro, touchIds };
  } catch (err) {
    if (err instanceof NotYours) return { ok: false, reason: 'not_yours' };
    throw err;
  }
}

export type UndoIntroResult =
  | { ok: true; intro: Introduction; removed: { touch: Touch; contact: Contact }[] }
  | { ok: false; reason: 'not_yours' | 'not_latest'; contact?: Contact };

/**
 * Takes an introduction back: the introduction and the give it recorded with each side, while each
 * give is still that person's latest touch; all or nothing. `touchIds` are only claims: each must
 * be the member's own give with one side of this very introduction.
 */
export async function undoIntroduction(
  deps: UseCaseDeps,
  member: MemberRef,
  introId: number,
  touchIds: number[],
): Promise<UndoIntroResult> {
  const result = await inTransaction(deps.db, async (tx): Promise<UndoIntroResult> => {
    const intro = await findIntroduction(tx, member, introId);
    if (!intro) return { ok: false, reason: 'not_yours' };
    const sides = new Set([intro.fromContactId, intro.toContactId]);
    for (const id of touchIds) {
      const touch = await findTouch(tx, member, id);
      if (!touch || !sides.has(touch.contactId)) return { ok: false, reason: 'not_yours' };
    }
    const undone = await undoTouchesIn(tx, member, touchIds, deps.clock.now());
    if (!undone.ok) return undone;
    await deleteIntroduction(tx, member, intro.id);
    return { ok: true, intro, removed: undone.removed };
  }).catch(undoneOrRolledBack);
  if (result.ok) deps.logger.info({ introId }, 'introduction undone');
  return result as UndoIntroResult;
}

/** The member's latest introductions, newest first. */
export async function recentIntroductions(deps: UseCaseDeps, member: MemberRef): Promise<Introduction[]> {
  return recentOf(deps.db, member, INTROS_SHOWN);
}

export type OutcomeResult =
  | {
      ok: true;
      intro: Introduction;
      outcome: IntroOutcome;
      askAgainOn: LocalDate | null;
      digest: Digest | null;
    }
  | { ok: false; reason: 'not_yours' };

/**
 * Records how an introduction went. The first "no response yet" schedules one more "how did it
 * go?" two weeks on; a second does not.
 */
export async function recordIntroOutcome(
  deps: UseCaseDeps,
  member: Member,
  introId: number,
  outcome: IntroOutcome,
  fromDigest: LocalDate | null,
): Promise<OutcomeResult> {
  const intro = await findIntroduction(deps.db, member, introId);
  if (!intro) return { ok: false, reason: 'not_yours' };
  const again = askAgainOn(outcome, intro.askedAgain, todayFor(deps, member));
  const updated = (await setIntroOutcome(deps.db, member, intro.id, outcome, again)) ?? intro;
  deps.logger.info({ introId: intro.id, outcome }, 'introduction outcome');
  const digest = fromDigest
    ? await recordItemOutcome(deps, member, fromDigest, `intro:${intro.id}`, {
        action: 'intro_outcome',
        outcome,
      })
    : null;
  return { ok: true, intro: updated, outcome, askAgainOn: again, digest };
}
