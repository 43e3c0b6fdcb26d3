import type { LocalDate } from '../domain/dates';
import { nextDueOn } from '../domain/schedule';
import {
  type LastTalked,
  lastTalkedOn,
  TRIAGE_BATCH,
  type TriageSort,
  triageCadence,
} from '../domain/triage';
import { type Contact, lockContact } from '../store/contacts';
import { inTransaction } from '../store/db';
import type { Member, MemberRef } from '../store/members';
import {
  contactsByIds,
  countUnsorted,
  keepWithoutReminders,
  lockUnsorted,
  setTalkedBefore,
  sortUnsorted,
  unsortedContacts,
} from '../store/triage';
import { levelSchedule } from './budget';
import { todayFor, type UseCaseDeps } from './deps';
import { recomputeClock } from './touch-edits';

/** One screen of triage: the people shown (sorted ones stay until the batch is done) and how many are left. */
export interface TriageBatch {
  people: Contact[];
  /** Unsorted contacts left in the whole network, those shown included. */
  remaining: number;
  today: LocalDate;
}

/** The first five of the member's unsorted contacts, most recently connected first. */
export async function startTriage(deps: UseCaseDeps, member: Member): Promise<TriageBatch> {
  const [people, remaining] = await Promise.all([
    unsortedContacts(deps.db, member, TRIAGE_BATCH),
    countUnsorted(deps.db, member),
  ]);
  return { people, remaining, today: todayFor(deps, member) };
}

/**
 * The batch a triage message shows, as it stands now, in the message's order. Ids are claims from
 * a button: only the member's own contacts come back.
 */
export async function triageBatch(deps: UseCaseDeps, member: Member, ids: number[]): Promise<TriageBatch> {
  const [found, remaining] = await Promise.all([
    contactsByIds(deps.db, member, ids),
    countUnsorted(deps.db, member),
  ]);
  const byId = new Map(found.map((c) => [c.id, c]));
  const people = ids.flatMap((id) => byId.get(id) ?? []);
  return { people, remaining, today: todayFor(deps, member) };
}

/**
 * Gives an unsorted contact a rhythm (the first check-in one cadence after they last talked, or
 * after they were added), keeps them without reminders, or archives them. One already sorted is
 * left as it is, so a repeated click changes nothing. Null when the contact is not the member's.
 */
export async function sortContact(
  deps: UseCaseDeps,
  member: MemberRef,
  id: number,
  sort: TriageSort,
): Promise<Contact | null> {
  const sorted = await inTransaction(deps.db, async (tx) => {
    const contact = await lockContact(tx, member, id);
    if (!contact) return null;
    if (!contact.unsorted || contact.archived) return contact;
    const cadence = triageCadence(sort);
    const now = deps.clock.now();
    const done = await sortUnsorted(
      tx,
      member,
      id,
      cadence === null
        ? { cadence: contact.cadence, nextDueOn: null, archive: true }
        : { cadence, nextDueOn: nextDueOn({ ...contact, cadence }), archive: false },
      now,
    );
    await levelSchedule(tx, member, now);
    return done;
  });
  if (sorted) deps.logger.info({ contactId: id, sort }, 'contact triaged');
  return sorted;
}

/**
 * When the member last talked with someone triage shows: counted as a touch, as on adding a
 * contact, so the first check-in is that day plus the cadence. Null when the contact is not one of
 * the member's active ones.
 */
export async function setLastTalked(
  deps: UseCaseDeps,
  member: Member,
  id: number,
  choice: LastTalked,
): Promise<Contact | null> {
  const talked = lastTalkedOn(choice, todayFor(deps, member));
  return inTransaction(deps.db, async (tx) => {
    const contact = await lockContact(tx, member, id);
    if (!contact || contact.archived) return null;
    const now = deps.clock.now();
    await setTalkedBefore(tx, member, id, talked, now);
    const recomputed = await recomputeClock(tx, member, { ...contact, talkedBeforeOn: talked }, now);
    await levelSchedule(tx, member, now);
    return recomputed;
  });
}

/** Ends triage: every contact still unsorted is kept without reminders. Answers how many were. */
export async function keepAllTheRest(deps: UseCaseDeps, member: MemberRef): Promise<number> {
  const kept = await inTransaction(deps.db, async (tx) => {
    const rest = await lockUnsorted(tx, member);
    const plan = rest.map((c) => ({ id: c.id, nextDueOn: nextDueOn({ ...c, cadence: 'none' }) }));
    return keepWithoutReminders(tx, member, plan, deps.clock.now());
  });
  deps.logger.info({ kept }, 'the rest of triage kept without reminders');
  return kept;
}
