import { followUpOn } from '../domain/asks';
import { type LocalDate, maxDate } from '../domain/dates';
import { nextDueOn } from '../domain/schedule';
import type { TouchIntent, TouchKind } from '../domain/touches';
import { type Ask, askOfTouch, deleteAskOfTouch, updateAskOfTouch } from '../store/asks';
import { type Contact, findContact, lockContact, setSchedule } from '../store/contacts';
import { inTransaction, type Sql } from '../store/db';
import type { Member, MemberRef } from '../store/members';
import {
  deleteTouch,
  findTouch,
  insertAsk,
  latestTouchOn,
  recentTouches,
  type Touch,
  updateTouch,
} from '../store/touches';
import type { UseCaseDeps } from './deps';

/**
 * Inside a use case's transaction, with the contact locked: sets the contact's clock from the
 * touches that remain (the latest one counts; none leaves the day they were added), after a touch
 * was edited or deleted. Snoozes and transitions hold; an archived contact stays without a due date.
 */
export async function recomputeClock(
  tx: Sql,
  member: MemberRef,
  contact: Contact,
  now: Date,
): Promise<Contact> {
  const latest = await latestTouchOn(tx, member, contact.id);
  // "When did you last talk?", said on adding, counts as a touch that was never logged.
  const talked = contact.talkedBeforeOn;
  const lastTouchOn = latest && talked ? maxDate(latest, talked) : (latest ?? talked);
  const next = { ...contact, lastTouchOn };
  const moved = await setSchedule(
    tx,
    member,
    contact.id,
    { ...next, nextDueOn: contact.archived ? null : nextDueOn(next) },
    now,
  );
  return moved as Contact;
}

/**
 * Locks the contact a touch belongs to, then reads the touch again under that lock (a delete or
 * edit at the same moment has then either happened or waits). Null when the member has no such touch.
 */
async function lockTouch(
  tx: Sql,
  member: MemberRef,
  touchId: number,
): Promise<{ touch: Touch; contact: Contact } | null> {
  const seen = await findTouch(tx, member, touchId);
  if (!seen) return null;
  const contact = await lockContact(tx, member, seen.contactId);
  const touch = contact ? await findTouch(tx, member, touchId) : null;
  return contact && touch ? { touch, contact } : null;
}

export interface TouchDetails {
  touch: Touch;
  contact: Contact;
  /** The ask the touch recorded, when it was one. */
  ask: Ask | null;
}

/** One of the member's touches with its contact and ask, to prefill its edit form; null when not theirs. */
export async function getTouch(
  deps: UseCaseDeps,
  member: MemberRef,
  touchId: number,
): Promise<TouchDetails | null> {
  const touch = await findTouch(deps.db, member, touchId);
  if (!touch) return null;
  const [contact, ask] = await Promise.all([
    findContact(deps.db, member, touch.contactId),
    askOfTouch(deps.db, member, touchId),
  ]);
  return contact ? { touch, contact, ask } : null;
}

export type RemoveTouchResult =
  | { ok: true; touch: Touch; contact: Contact }
  /** not_yours: no such touch of the member's (or it is already gone); not_latest: undo came too late. */
  | { ok: false; reason: 'not_yours' | 'not_latest'; contact?: Contact };

/**
 * Deletes one of the member's touches (its ask goes with it) and recomputes the contact's clock.
 * `onlyIfLatest` is Undo: it deletes only while the touch is still the contact's latest, so an undo
 * clicked after newer touches were logged changes nothing.
 */
export async function removeTouch(
  deps: UseCaseDeps,
  member: MemberRef,
  touchId: number,
  opts: { onlyIfLatest: boolean },
): Promise<RemoveTouchResult> {
  const result = await inTransaction(deps.db, async (tx): Promise<RemoveTouchResult> => {
    const found = await lockTouch(tx, member, touchId);
    if (!found) return { ok: false, reason: 'not_yours' };
    if (opts.onlyIfLatest) {
      const [latest] = await recentTouches(tx, member, found.contact.id, 1);
      if (latest?.id !== touchId) return { ok: false, reason: 'not_latest', contact: found.contact };
    }
    await deleteTouch(tx, member, touchId);
    const contact = await recomputeClock(tx, member, found.contact, deps.clock.now());
    return { ok: true, touch: found.touch, contact };
  });
  if (result.ok) deps.logger.info({ contactId: result.contact.id, undo: opts.onlyIfLatest }, 'touch deleted');
  return result;
}

export type RemoveTouchesResult =
  | { ok: true; removed: { touch: Touch; contact: Contact }[] }
  /** not_latest: a newer touch was logged with `contact` since; nothing was removed. */
  | { ok: false; reason: 'not_yours' | 'not_latest'; contact?: Contact };

/**
 * Undo of a touch logged with several people: removes every one of its touches, each only while it
 * is still that person's latest, all or none in one transaction, and recomputes each clock.
 */
export async function undoTouches(
  deps: UseCaseDeps,
  member: MemberRef,
  touchIds: number[],
): Promise<RemoveTouchesResult> {
  const result = await inTransaction(deps.db, (tx) =>
    undoTouchesIn(tx, member, touchIds, deps.clock.now()),
  ).catch(undoneOrRolledBack);
  if (result.ok) deps.logger.info({ touches: result.removed.length }, 'touches undone');
  return result;
}

/**
 * Inside a use case's transaction: removes each touch while it is still its contact's latest and
 * recomputes each clock; throws (rolling the transaction back) when one is not, or not the member's.
 */
export async function undoTouchesIn(
  tx: Sql,
  member: MemberRef,
  touchIds: number[],
  now: Date,
): Promise<RemoveTouchesResult> {
  const removed: { touch: Touch; contact: Contact }[] = [];
  // In id order, as they were logged, so two undos never wait on each other in a circle.
  for (const touchId of [...new Set(touchIds)].sort((a, b) => a - b)) {
    const found = await lockTouch(tx, member, touchId);
    if (!found) return rollback({ ok: false, reason: 'not_yours' });
    const [latest] = await recentTouches(tx, member, found.contact.id, 1);
    if (latest?.id !== touchId) return rollback({ ok: false, reason: 'not_latest', contact: found.contact });
    await deleteTouch(tx, member, touchId);
    removed.push({ touch: found.touch, contact: await recomputeClock(tx, member, found.contact, now) });
  }
  return { ok: true, removed };
}

/** The answer a rolled-back undo carries; any other error goes on. */
export function undoneOrRolledBack(err: unknown): RemoveTouchesResult {
  if (err instanceof Rollback) return err.result;
  throw err;
}

/** Thrown to roll a half-done undo back, carrying what to answer. */
class Rollback extends Error {
  constructor(readonly result: RemoveTouchesResult) {
    super('rolled back');
  }
}

function rollback(result: RemoveTouchesResult): never {
  throw new Rollback(result);
}

export interface TouchEdit {
  touchedOn: LocalDate;
  kind: TouchKind;
  intent: TouchIntent;
  note: string | null;
  /** For an ask: what was asked for (required then). */
  askWhat: string | null;
}

export type EditTouchResult =
  | { ok: true; touch: Touch; contact: Contact }
  | { ok: false; reason: 'not_yours' };

/**
 * Rewrites one of the member's touches and recomputes the contact's clock. Its ask follows: a
 * touch that stays an ask keeps its ask's status with the new wording and date (the patient
 * follow-up counts from the new date); one that becomes an ask gets a pending ask; one that is no
 * longer an ask loses it.
 */
export async function editTouch(
  deps: UseCaseDeps,
  member: Member,
  touchId: number,
  edit: TouchEdit,
): Promise<EditTouchResult> {
  const now = deps.clock.now();
  const result = await inTransaction(deps.db, async (tx): Promise<EditTouchResult> => {
    const found = await lockTouch(tx, member, touchId);
    if (!found) return { ok: false, reason: 'not_yours' };
    const touch = (await updateTouch(tx, member, touchId, edit)) as Touch;
    const ask = await askOfTouch(tx, member, touchId);
    if (edit.intent === 'ask' && edit.askWhat) {
      const when = { askedOn: edit.touchedOn, followUpOn: followUpOn(edit.touchedOn, member.patienceDays) };
      if (ask) await updateAskOfTouch(tx, member, touchId, { what: edit.askWhat, ...when });
      else await insertAsk(tx, member, { touch, what: edit.askWhat, followUpOn: when.followUpOn }, now);
    } else if (ask) {
      await deleteAskOfTouch(tx, member, touchId);
    }
    const contact = await recomputeClock(tx, member, found.contact, now);
    return { ok: true, touch, contact };
  });
  if (result.ok) deps.logger.info({ contactId: result.contact.id }, 'touch edited');
  return result;
}
