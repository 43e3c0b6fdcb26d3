import type { LocalDate } from '../domain/dates';
import { FIELD_LIMITS, truncate } from '../domain/limits';
import type { Contact } from '../store/contacts';
import { inTransaction } from '../store/db';
import type { Member } from '../store/members';
import { type ExcerptPart, type ShareMatch, wantsNeedsMatches } from '../store/shares';
import { todayFor, type UseCaseDeps } from './deps';
import { touchContact } from './touches';

export type { ExcerptPart, ShareMatch };

/** How many people one answer lists; the rest are counted. */
export const SHARE_MATCHES_SHOWN = 10;

/** The note a share is logged with; a later answer for the same words knows who already has it by it. */
export function shareNote(what: string): string {
  return truncate(`Shared: ${what}`, FIELD_LIMITS.note);
}

/** Who could use a fellowship, event, article or job: contacts whose wants and needs fit, best first. */
export async function shareMatches(
  deps: UseCaseDeps,
  member: Member,
  what: string,
): Promise<{ matches: ShareMatch[]; total: number; today: LocalDate }> {
  const found = await wantsNeedsMatches(deps.db, member, what, {
    limit: SHARE_MATCHES_SHOWN,
    note: shareNote(what),
  });
  return { ...found, today: todayFor(deps, member) };
}

/**
 * Logs a give (a message, today, noted "Shared: <what>") with the member's own active contact,
 * which moves their clock. Null, and nothing written, when the contact is not theirs.
 */
export async function markShared(
  deps: UseCaseDeps,
  member: Member,
  contactId: number,
  what: string,
): Promise<Contact | null> {
  const done = await inTransaction(deps.db, (tx) =>
    touchContact(
      tx,
      member,
      {
        contactId,
        touchedOn: todayFor(deps, member),
        kind: 'message',
        intent: 'give',
        note: shareNote(what),
      },
      deps.clock.now(),
    ),
  );
  if (done) deps.logger.info({ contactId }, 'share logged');
  return done?.contact ?? null;
}
