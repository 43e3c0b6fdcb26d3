import { addDays, type LocalDate, localDate, minDate } from '../domain/dates';
import { inviteIcs } from '../domain/ics-invite';
import { nextDueOn } from '../domain/schedule';
import {
  askOn,
  type CallLength,
  type CallProblem,
  callProblems,
  describeCallTime,
  zonedInstant,
} from '../domain/scheduled-calls';
import { type Contact, lockContact, setSchedule } from '../store/contacts';
import { inTransaction } from '../store/db';
import type { Member, MemberRef } from '../store/members';
import { findCall, insertCall, type ScheduledCall, setCallOutcome } from '../store/scheduled-calls';
import { todayFor, type UseCaseDeps } from './deps';
import { type Digest, recordItemOutcome } from './digest-items';

export type { ScheduledCall };

export interface CallInput {
  contactId: number;
  day: LocalDate;
  time: string;
  minutes: CallLength;
  title: string;
  /** The digest whose item it was scheduled from, to mark that item. */
  fromDigest: LocalDate | null;
}

export type ScheduleResult =
  | { ok: true; call: ScheduledCall; contact: Contact; digest: Digest | null }
  | { ok: false; problems: CallProblem[] }
  | { ok: false; reason: 'not_yours' };

/**
 * Schedules a call with one of the member's active contacts, at a wall-clock time in the member's
 * zone. The check-in counts as planned: the contact's clock is held (a snooze) until the day after
 * the call, when the digest asks "did you talk?". One transaction: the call and the held clock.
 */
export async function scheduleCall(
  deps: UseCaseDeps,
  member: Member,
  input: CallInput,
): Promise<ScheduleResult> {
  const now = deps.clock.now();
  const problems = callProblems({ day: input.day, time: input.time, title: input.title, tz: member.tz }, now);
  if (problems.length) return { ok: false, problems };
  const startsAt = zonedInstant(input.day, input.time, member.tz);
  const asked = askOn(startsAt, member.tz);
  const saved = await inTransaction(deps.db, async (tx) => {
    const contact = await lockContact(tx, member, input.contactId);
    if (!contact || contact.archived) return null;
    const call = await insertCall(
      tx,
      member,
      {
        contactId: contact.id,
        startsAt,
        minutes: input.minutes,
        timeZone: member.tz,
        askOn: asked,
        title: input.title,
      },
      now,
    );
    if (!call) return null;
    const held = {
      ...contact,
      snoozedUntil: contact.snoozedUntil && contact.snoozedUntil > asked ? contact.snoozedUntil : asked,
    };
    const moved = await setSchedule(tx, member, contact.id, { ...held, nextDueOn: nextDueOn(held) }, now);
    return { call, contact: moved as Contact };
  });
  if (!saved) return { ok: false, reason: 'not_yours' };
  deps.logger.info({ callId: saved.call.id, contactId: saved.contact.id }, 'call scheduled');
  const digest = input.fromDigest
    ? await recordItemOutcome(deps, member, input.fromDigest, `due:${saved.contact.id}`, {
        action: 'scheduled',
        when: describeCallTime(saved.call.startsAt, saved.call.minutes, saved.call.timeZone),
      })
    : null;
  return { ok: true, ...saved, digest };
}

/** The invite as a file: a name and its RFC 5545 text. */
export interface InviteFile {
  name: string;
  content: string;
  /** "Tue 10 Mar, 10:00–10:30 (Europe/Berlin)", for the DM that carries it. */
  when: string;
}

/**
 * The `.ics` invite for a call: the member as organizer when Slack gave their email, the contact
 * as attendee when theirs is known. Its UID is the call's own, so importing it twice keeps one event.
 */
export function inviteFile(
  deps: UseCaseDeps,
  member: MemberRef,
  call: ScheduledCall,
  contact: Pick<Contact, 'name' | 'email'>,
  organizer: { name: string; email: string } | null,
): InviteFile {
  const content = inviteIcs({
    uid: `call-${call.id}-${member.teamId}-${member.userId}@touchbase`,
    stamp: deps.clock.now(),
    startsAt: call.startsAt,
    minutes: call.minutes,
    summary: call.title,
    organizer,
    attendee: contact.email ? { name: contact.name, email: contact.email } : null,
  });
  return {
    name: `${localDate(call.startsAt, call.timeZone)} ${call.title.replace(/[\\/:*?"<>|]/g, '-')}.ics`,
    content,
    when: describeCallTime(call.startsAt, call.minutes, call.timeZone),
  };
}

/** A call of the member's own that "did you talk?" asks about; null for anyone else's. */
export async function getCall(
  deps: UseCaseDeps,
  member: MemberRef,
  id: number,
): Promise<ScheduledCall | null> {
  return findCall(deps.db, member, id);
}

/**
 * "Didn't happen": the call is answered, the hold on the contact's clock goes and they are due
 * again from today, and the digest item (when clicked in one) says so. Null when the call is not the
 * member's or was answered already (a touch logged with them since, say).
 */
export async function callDidntHappen(
  deps: UseCaseDeps,
  member: Member,
  callId: number,
  digestOf: LocalDate | null,
): Promise<{ call: ScheduledCall; digest: Digest | null } | null> {
  const today = todayFor(deps, member);
  const call = await inTransaction(deps.db, async (tx) => {
    const found = await findCall(tx, member, callId);
    if (!found) return null;
    const contact = await lockContact(tx, member, found.contactId);
    const answered = await setCallOutcome(tx, member, callId, 'didnt_happen');
    if (!answered || !contact) return null;
    const released = { ...contact, snoozedUntil: null };
    const due = nextDueOn(released);
    // Due again now, whatever the cadence would say: the planned check-in did not take place.
    await setSchedule(
      tx,
      member,
      contact.id,
      { ...released, nextDueOn: due ? minDate(due, today) : today },
      deps.clock.now(),
    );
    return answered;
  });
  if (!call) return null;
  const digest = digestOf
    ? await recordItemOutcome(deps, member, digestOf, `call:${callId}`, { action: 'didnt_happen' })
    : null;
  return { call, digest };
}

/** The day the log form is dated to when "Log it" answers a call: the call's own day. */
export function callDay(call: ScheduledCall): LocalDate {
  return addDays(call.askOn, -1);
}
