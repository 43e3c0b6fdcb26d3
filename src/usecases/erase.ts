import type { LocalDate } from '../domain/dates';
import { composeHome, type HomeModel } from '../domain/home';
import { inTransaction } from '../store/db';
import { deleteContact, type Erased, eraseMember } from '../store/erase';
import type { Member, MemberRef } from '../store/members';
import type { Contact } from './contacts';
import { todayFor, type UseCaseDeps } from './deps';

export type { Erased };

/**
 * `/touchbase delete my data`: every row of the member's, in one transaction (all or nothing),
 * pending digests with them. Logged by counts only: what was erased stays erased in the logs too.
 */
export async function eraseMemberData(deps: UseCaseDeps, member: MemberRef): Promise<Erased> {
  const erased = await inTransaction(deps.db, (tx) => eraseMember(tx, member));
  deps.logger.info({ userId: member.userId, ...erased }, 'member data erased');
  return erased;
}

/**
 * The App Home of a member with nothing stored, to publish after an erase: composed from nothing,
 * so drawing it neither reads nor writes the database.
 */
export function emptyHome(
  deps: UseCaseDeps,
  member: Pick<Member, 'tz'>,
): { home: HomeModel; today: LocalDate } {
  const today = todayFor(deps, member);
  const home = composeHome(
    { contacts: [], asks: [], intros: [], trips: [], balance: { gives: 0, asks: 0, catchUps: 0 } },
    today,
  );
  return { home, today };
}

/**
 * Deletes one of the member's contacts for good (not archived): their touches, the asks with those,
 * transitions, trip plans and introductions go with them. Null when the member has no such contact.
 */
export async function deleteContactForGood(
  deps: UseCaseDeps,
  member: MemberRef,
  id: number,
): Promise<{ contact: Contact; touches: number } | null> {
  const deleted = await inTransaction(deps.db, (tx) => deleteContact(tx, member, id));
  if (deleted) deps.logger.info({ contactId: id, touches: deleted.touches }, 'contact deleted for good');
  return deleted;
}
