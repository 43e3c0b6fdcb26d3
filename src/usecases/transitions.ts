import type { LocalDate } from '../domain/dates';
import { nextDueOn } from '../domain/schedule';
import type { TransitionKind } from '../domain/transitions';
import { type Contact, lockContact, setJob, setSchedule } from '../store/contacts';
import { inTransaction } from '../store/db';
import type { MemberRef } from '../store/members';
import { insertTransition, setLatestPreviousJob } from '../store/transitions';
import { levelSchedule } from './budget';
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
 * same form is saved with it, and for a new job, what they were before. Null when the contact is not theirs.
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
    const job = input.job;
    const jobChanged = job !== undefined && (job.company !== contact.company || job.role !== contact.role);
    // Kept as data, so the digest can say "now CTO at Globex (was Engineer at Acme)".
    const previous =
      input.kind === 'new_job' && jobChanged ? { company: contact.company, role: contact.role } : null;
    await insertTransition(tx, member, { ...input, previous }, now);
    if (job && jobChanged) await setJob(tx, member, contact.id, job, now);
    const isLatest = !(contact.transitionOn && contact.transitionOn > input.notedOn);
    if (isLatest) await setLatestPreviousJob(tx, member, contact.id, previous, now);
    const latest = isLatest
      ? { ...contact, transitionKind: input.kind, transitionOn: input.notedOn }
      : contact;
    const saved = await setSchedule(tx, member, contact.id, { ...latest, nextDueOn: nextDueOn(latest) }, now);
    // The transition's check-in is never moved, but it takes a place in its week's budget.
    await levelSchedule(tx, member, now);
    return saved;
  });
}
