import { formatDate, type LocalDate } from '../domain/dates';
import type { NameMatch } from '../domain/names';
import {
  isReminderDay,
  pickerDay,
  REMINDER_WHAT_MAX,
  type ReminderWhen,
  reminderHorizon,
  splitReminder,
} from '../domain/reminders';
import { cleanLine } from '../domain/text-input';
import type { Contact } from '../store/contacts';
import type { MemberRef } from '../store/members';
import {
  closeReminder,
  findReminder,
  insertReminder,
  pendingReminders,
  type Reminder,
} from '../store/reminders';
import { resolveName } from './contacts';
import { todayFor, type UseCaseDeps } from './deps';
import { type Digest, recordItemOutcome } from './digest-items';

export type { Reminder };

/** How many pending reminders `/touchbase reminders` lists. */
export const REMINDERS_LISTED = 20;

/** A name is at most this many words: `remind Dana Lee send the deck` tries "Dana Lee send the" down to "Dana". */
const NAME_WORDS = 4;

export interface ReminderInput {
  contactId: number;
  remindOn: LocalDate;
  what: string;
}

export type ReminderProblem = { field: 'contact' | 'remind_on' | 'what'; message: string };

export type SetReminderResult = { ok: true; reminder: Reminder } | { ok: false; problems: ReminderProblem[] };

/** Saves a reminder about one of the member's contacts, on a day from today to the horizon. */
export async function setReminder(
  deps: UseCaseDeps,
  member: MemberRef & { tz: string },
  input: ReminderInput,
): Promise<SetReminderResult> {
  const today = todayFor(deps, member);
  const what = cleanLine(input.what);
  const problems: ReminderProblem[] = [];
  if (!what) problems.push({ field: 'what', message: 'Say what to do, in a few words.' });
  if (Array.from(what).length > REMINDER_WHAT_MAX)
    problems.push({ field: 'what', message: `At most ${REMINDER_WHAT_MAX} characters.` });
  if (!isReminderDay(input.remindOn, today)) {
    problems.push({
      field: 'remind_on',
      message:
        input.remindOn < today
          ? 'That day has passed: pick today or a later day.'
          : `Pick a day up to ${formatDate(reminderHorizon(today))}: further off, set it nearer the time.`,
    });
  }
  if (problems.length) return { ok: false, problems };
  const reminder = await insertReminder(
    deps.db,
    member,
    { contactId: input.contactId, remindOn: input.remindOn, what },
    deps.clock.now(),
  );
  if (!reminder)
    return { ok: false, problems: [{ field: 'contact', message: 'Pick one of your contacts.' }] };
  deps.logger.info({ reminderId: reminder.id }, 'reminder set');
  return { ok: true, reminder };
}

/**
 * `/touchbase remind <name> <when> <what>`: saved at once when the name fits one contact, the day is
 * clear and there is something to do; otherwise what the form opens with (the contact when one fits,
 * the best day, what was typed) and, when the name did not fit one contact, the match to explain why.
 */
export type RemindCommandResult =
  | { kind: 'set'; reminder: Reminder }
  | {
      kind: 'form';
      contact: Contact | null;
      day: LocalDate;
      what: string;
      name: string;
      match: NameMatch<Contact>['kind'];
      /** Why the form opened, when the name fitted: the date or what to do was missing or unclear. */
      when: ReminderWhen;
    };

export async function remindCommand(
  deps: UseCaseDeps,
  member: MemberRef & { tz: string },
  text: string,
): Promise<RemindCommandResult> {
  const today = todayFor(deps, member);
  const parts = splitReminder(text, today);
  const { name, what, match } =
    parts.when.kind === 'unclear' && parts.what === ''
      ? await leadingName(deps, member, parts.name)
      : { ...parts, match: await resolveName(deps, member, parts.name, { archived: false }) };
  const day = pickerDay(parts.when, today);
  if (match.kind === 'one' && parts.when.kind === 'day' && what) {
    const set = await setReminder(deps, member, {
      contactId: match.contact.id,
      remindOn: parts.when.on,
      what,
    });
    if (set.ok) return { kind: 'set', reminder: set.reminder };
  }
  return {
    kind: 'form',
    contact: match.kind === 'one' ? match.contact : null,
    day,
    what: Array.from(what).slice(0, REMINDER_WHAT_MAX).join(''),
    name,
    match: match.kind,
    when: parts.when,
  };
}

/**
 * With no date in the text, which leading words name a contact: the longest that fits anyone
 * (up to NAME_WORDS), the rest being what to do. None fits: the first word, for the answer.
 */
async function leadingName(
  deps: UseCaseDeps,
  member: MemberRef,
  text: string,
): Promise<{ name: string; what: string; match: NameMatch<Contact> }> {
  const words = text.split(/\s+/).filter(Boolean);
  for (let n = Math.min(NAME_WORDS, words.length); n >= 1; n--) {
    const name = words.slice(0, n).join(' ');
    const match = await resolveName(deps, member, name, { archived: false });
    if (match.kind !== 'none') return { name, what: words.slice(n).join(' '), match };
  }
  return { name: words[0] ?? '', what: words.slice(1).join(' '), match: { kind: 'none' } };
}

/** The member's pending reminders, soonest first. */
export async function listReminders(
  deps: UseCaseDeps,
  member: MemberRef,
): Promise<{ reminders: Reminder[]; total: number }> {
  return pendingReminders(deps.db, member, REMINDERS_LISTED);
}

/** One of the member's own reminders; null when not theirs. */
export async function getReminder(
  deps: UseCaseDeps,
  member: MemberRef,
  id: number,
): Promise<Reminder | null> {
  return findReminder(deps.db, member, id);
}

/** Cancels one of the member's pending reminders; null when not theirs or no longer pending. */
export async function cancelReminder(
  deps: UseCaseDeps,
  member: MemberRef,
  id: number,
): Promise<Reminder | null> {
  return closeReminder(deps.db, member, id, 'cancelled', deps.clock.now());
}

/**
 * Marks one of the member's reminders done, and the digest item it came in (when `digestOf`) so
 * the message can be redrawn. Null when not theirs or no longer pending. The contact's next
 * check-in stays as it was: a reminder is not a touch.
 */
export async function completeReminder(
  deps: UseCaseDeps,
  member: MemberRef & { tz: string },
  id: number,
  digestOf: LocalDate | null,
): Promise<{ reminder: Reminder; digest: Digest | null } | null> {
  const reminder = await closeReminder(deps.db, member, id, 'done', deps.clock.now());
  if (!reminder) return null;
  const digest = digestOf
    ? await recordItemOutcome(deps, member, digestOf, `reminder:${id}`, {
        action: 'done',
        on: todayFor(deps, member),
      })
    : null;
  return { reminder, digest };
}
