import type { AskWarning } from '../domain/asks';
import { askWarnings, followUpOn } from '../domain/asks';
import type { LocalDate } from '../domain/dates';
import { afterTouch, nextDueOn } from '../domain/schedule';
import type { TouchIntent, TouchKind } from '../domain/touches';
import { pendingAsksOf, touchHistory } from '../store/asks';
import { appendWantsNeeds, type Contact, lockContact, setSchedule } from '../store/contacts';
import { inTransaction, type Sql } from '../store/db';
import type { Digest } from '../store/digests';
import type { Member, MemberRef } from '../store/members';
import { settleCallsByTouch } from '../store/scheduled-calls';
import { insertAsk, insertTouch, type NewTouch, type Touch } from '../store/touches';
import { levelSchedule } from './budget';
import type { UseCaseDeps } from './deps';
import { recordLoggedFromDigest } from './digest-items';

export type { Touch };

/**
 * Inside a use case's transaction: records a touch with the member's own active contact and moves
 * its clock by the schedule rules (the latest touch counts; a later snooze still holds). A call
 * scheduled with them that had begun by the touch's day counts as held (`settledCalls`), so the
 * digest does not ask "did you talk?" about it. Null, and nothing written, when the member has no
 * such active contact.
 */
export async function touchContact(
  tx: Sql,
  member: MemberRef,
  touch: NewTouch,
  now: Date,
): Promise<{ touch: Touch; contact: Contact; settledCalls: number[] } | null> {
  const contact = await lockContact(tx, member, touch.contactId);
  if (!contact || contact.archived) return null;
  const inserted = await insertTouch(tx, member, touch, now);
  const next = afterTouch(contact, touch.touchedOn);
  const moved = await setSchedule(
    tx,
    member,
    contact.id,
    { ...contact, ...next, nextDueOn: nextDueOn(next) },
    now,
  );
  const settledCalls = await settleCallsByTouch(tx, member, contact.id, touch.touchedOn);
  await levelSchedule(tx, member, now);
  return { touch: inserted, contact: moved as Contact, settledCalls };
}

export interface TouchInput {
  contactId: number;
  touchedOn: LocalDate;
  kind: TouchKind;
  intent: TouchIntent;
  note: string | null;
  /** For an ask: what was asked for (required then). */
  askWhat: string | null;
  /** Add the note to the contact's wants and needs too. */
  noteToWantsNeeds: boolean;
  /** The digest the log was started from, whose item it settles. */
  fromDigest: LocalDate | null;
}

export type LogTouchResult =
  | {
      ok: true;
      contact: Contact;
      touch: Touch;
      askId: number | null;
      /** The ask rules' warnings, from the history before this touch; never a refusal. */
      warnings: AskWarning[];
      /** The digest whose item this settled, as it now stands (to redraw its message). */
      digest: Digest | null;
    }
  | { ok: false; reason: 'not_yours' };

/**
 * Logs a touch: the touch, the contact's new clock, the ask (for an ask), the wants and needs line,
 * all in one transaction; then marks the digest item it came from. The ask rules read the history
 * as it was before this touch, under the contact's lock.
 */
export async function logTouch(
  deps: UseCaseDeps,
  member: Member,
  input: TouchInput,
): Promise<LogTouchResult> {
  const now = deps.clock.now();
  const saved = await inTransaction(deps.db, async (tx) => {
    const before =
      input.intent === 'ask'
        ? await Promise.all([
            touchHistory(tx, member, input.contactId),
            pendingAsksOf(tx, member, input.contactId),
          ])
        : null;
    const done = await touchContact(
      tx,
      member,
      {
        contactId: input.contactId,
        touchedOn: input.touchedOn,
        kind: input.kind,
        intent: input.intent,
        note: input.note,
      },
      now,
    );
    if (!done) return null;
    const askId =
      input.intent === 'ask' && input.askWhat
        ? await insertAsk(
            tx,
            member,
            {
              touch: done.touch,
              what: input.askWhat,
              followUpOn: followUpOn(input.touchedOn, member.patienceDays),
            },
            now,
          )
        : null;
    if (input.note && input.noteToWantsNeeds) {
      await appendWantsNeeds(tx, member, input.contactId, input.note, now);
    }
    const warnings = before
      ? askWarnings(
          {
            history: before[0],
            cadence: done.contact.cadence,
            addedOn: done.contact.addedOn,
            pendingAsks: before[1].map((a) => a.what),
          },
          input.touchedOn,
        )
      : [];
    return { ...done, askId, warnings };
  });
  if (!saved) return { ok: false, reason: 'not_yours' };
  deps.logger.info({ contactId: saved.contact.id, intent: input.intent }, 'touch logged');
  if (saved.warnings.length) {
    deps.logger.info(
      { contactId: saved.contact.id, warnings: saved.warnings.map((w) => w.kind) },
      'ask warnings',
    );
  }
  // The digest item may be the contact's check-in, their dates, or a "did you talk?" about a call with them.
  const digest = input.fromDigest
    ? await recordLoggedFromDigest(
        deps,
        member,
        input.fromDigest,
        saved.contact.id,
        input.touchedOn,
        saved.settledCalls.map((id) => `call:${id}`),
      )
    : null;
  return { ok: true, ...saved, digest };
}
