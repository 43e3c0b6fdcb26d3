import type { LocalDate } from '../../src/domain/dates';
import type { Db } from '../../src/store/db';
import { digestOutlook, loadDigestInput } from '../../src/store/digests';
import type { MemberRef } from '../../src/store/members';

/** The composer's input as the worker reads it: the member's outlook first, then what it names. */
export async function digestInputOf(db: Db, member: MemberRef, localDate: LocalDate) {
  const outlook = await digestOutlook(db, member, localDate);
  if (!outlook) throw new Error(`no member ${member.teamId}/${member.userId}`);
  return loadDigestInput(db, member, localDate, outlook);
}
