import type { LocalDate } from '../domain/dates';
import { nextDueOn } from '../domain/schedule';
import type { TransitionKind } from '../domain/transitions';
import { type Contact, lockContact, setJob, setSchedule } from '../store/contacts';
import { inTransaction } from '../store/db';
import type { MemberRef } from '../store/members';
import { insertTransition } from '../store/transitions';
import type { UseCaseDeps } from './deps';

export interface TransitionInput {
  contactId: number;
  kind: TransitionKind;
  notedOn: LocalDate;
  note: string | null;
  /** Where they work now and as what, as the member confirmed them; a change updates the contact. */
  job?: { company: string | null; role: string | null };
}

/**
 * Notes a transition in the life of the member's own active contact: a check-in comes due at once
 * and the cadence tightens for 90 days. The latest transition is the one that shapes the schedule;
 * an older one noted late is kept but changes nothing. A company or role the member changed in the
 * same form is saved with it. Null when the contact is not theirs.
 */
export async function noteTransition(
  deps: UseCaseDeps,
  member: MemberRef,
  input: TransitionInput,
): Promise<Contact | null> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const contact = await lockContact(tx, member, input.contactId);
    if (!contact || contact.archived) return null;
    await insertTransition(tx, member, input, now);
    const job = input.job;
    if (job && (job.company !== contact.company || job.role !== contact.role)) {
      await setJob(tx, member, contact.id, job, now);
    }
    const latest =
      contact.transitionOn && contact.transitionOn > input.notedOn
        ? contact
        : { ...contact, transitionKind: input.kind, transitionOn: input.notedOn };
    return setSchedule(tx, member, contact.id, { ...latest, nextDueOn: nextDueOn(latest) }, now);
  });
}
