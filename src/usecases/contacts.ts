import { isAskOnly } from '../domain/asks';
import type { LocalDate } from '../domain/dates';
import { type DueItem, dueItems } from '../domain/digest';
import type { NameMatch } from '../domain/names';
import { nextDueOn } from '../domain/schedule';
import { describeCallTime } from '../domain/scheduled-calls';
import { type Balance, balanceLastYear, balanceWindowStart } from '../domain/touches';
import { type Ask, balancesSince, pendingAsksOf, touchHistories } from '../store/asks';
import {
  archivedPage,
  contactPage,
  contactsDescribed,
  contactsNamed,
  pickContacts,
  sameNameOrSlackUser,
} from '../store/contact-search';
import {
  type Contact,
  type ContactFields,
  contactsWithSlackUser,
  findContact,
  insertContact,
  lockContact,
  setArchived,
  updateContact,
} from '../store/contacts';
import { inTransaction } from '../store/db';
import { dueCandidates } from '../store/due';
import type { Member, MemberRef } from '../store/members';
import { plannedCallsWith } from '../store/scheduled-calls';
import { recentTouches, type Touch, touchesSince } from '../store/touches';
import { levelSchedule } from './budget';
import { addContactDates, type ContactDate, contactDatesAhead, replaceContactDates } from './contact-dates';
import { todayFor, type UseCaseDeps } from './deps';

export type { Ask, Contact, ContactFields };

/** How many contacts one page of `/touchbase list` shows. */
export const LIST_PAGE_SIZE = 20;
/** How many candidates a name that fits several contacts offers. */
export const NAME_CHOICES = 25;
/** How many of a contact's latest touches its card shows. */
const CARD_TOUCHES = 5;
/** Calls still to come a card lists; one or two is the usual. */
const CARD_CALLS = 3;

/**
 * Adds a contact; the first check-in is one cadence from the day they last talked before
 * (`talkedBeforeOn`, when the member said), else from the day they were added (`addedOn`, today
 * unless the demo backdates it). A day long enough ago makes them due at once.
 */
export async function addContact(
  deps: UseCaseDeps,
  member: Member,
  fields: ContactFields,
  opts: { addedOn?: LocalDate; talkedBeforeOn?: LocalDate | null; dates?: ContactDate[] } = {},
): Promise<Contact> {
  const day = opts.addedOn ?? todayFor(deps, member);
  const talkedBeforeOn = opts.talkedBeforeOn ?? null;
  const schedule = {
    addedOn: day,
    talkedBeforeOn,
    nextDueOn: nextDueOn({
      cadence: fields.cadence,
      addedOn: day,
      lastTouchOn: talkedBeforeOn,
      snoozedUntil: null,
      transitionOn: null,
    }),
  };
  const now = deps.clock.now();
  const dates = opts.dates ?? [];
  const saved = await inTransaction(deps.db, async (tx) => {
    const inserted = await insertContact(tx, member, fields, schedule, now);
    if (dates.length > 0) await addContactDates(tx, member, inserted.id, dates, todayFor(deps, member), now);
    // Someone due at once takes a place in this week's budget.
    await levelSchedule(tx, member, now);
    return inserted;
  });
  deps.logger.info({ contactId: saved.id, mode: 'add' }, 'contact saved');
  return saved;
}

/**
 * Edits one of the member's contacts; a new cadence moves the next check-in. With `dates`, the
 * contact's dates become those. Null when not theirs.
 */
export async function editContact(
  deps: UseCaseDeps,
  member: Member,
  id: number,
  fields: ContactFields,
  dates?: ContactDate[],
): Promise<Contact | null> {
  const now = deps.clock.now();
  const saved = await inTransaction(deps.db, async (tx) => {
    const before = await lockContact(tx, member, id);
    if (!before) return null;
    const updated = await updateContact(tx, member, id, fields, nextDueOn({ ...before, ...fields }), now);
    if (dates) await replaceContactDates(tx, member, id, dates, todayFor(deps, member), now);
    if (updated && before.cadence !== fields.cadence) await levelSchedule(tx, member, now);
    return updated;
  });
  if (saved) deps.logger.info({ contactId: saved.id, mode: 'edit' }, 'contact saved');
  return saved;
}

/** One of the member's active contacts (to remind of, to schedule a call with); null for an archived one or anyone else's. */
export async function activeContact(
  deps: UseCaseDeps,
  member: MemberRef,
  id: number,
): Promise<Contact | null> {
  const contact = await findContact(deps.db, member, id);
  return contact && !contact.archived ? contact : null;
}

/** One of the member's contacts, active or archived; null for anyone else's or none. */
export async function getContact(deps: UseCaseDeps, member: MemberRef, id: number): Promise<Contact | null> {
  return findContact(deps.db, member, id);
}

/**
 * The contact a typed word means among the member's active (or, with `archived`, archived)
 * contacts; with `orArchived`, among the archived ones too when no active one fits. A name wins:
 * only when the word is no one's name does it look in company, role and city, as `list` does, so
 * "show acme" finds the one person at Acme, or offers the choice of those there.
 */
export async function resolveName(
  deps: UseCaseDeps,
  member: MemberRef,
  query: string,
  opts: { archived: boolean; orArchived?: boolean },
): Promise<NameMatch<Contact>> {
  const sets = opts.orArchived && !opts.archived ? [false, true] : [opts.archived];
  for (const lookup of [contactsNamed, contactsDescribed]) {
    for (const archived of sets) {
      // One more than a choice offers, to know whether there are more.
      const match = await lookup(deps.db, member, query, { archived, limit: NAME_CHOICES + 1 });
      if (match.kind === 'none') continue;
      if (match.kind !== 'many' || match.contacts.length <= NAME_CHOICES) return match;
      return { kind: 'many', contacts: match.contacts.slice(0, NAME_CHOICES), more: true };
    }
  }
  return { kind: 'none' };
}

/** The member's active contacts linked to a Slack user (usually one). */
export async function contactsLinkedTo(
  deps: UseCaseDeps,
  member: MemberRef,
  slackUserId: string,
): Promise<Contact[]> {
  return contactsWithSlackUser(deps.db, member, slackUserId);
}

/** The searchable contact picker: active contacts whose name fits, best first. */
export async function pickContact(
  deps: UseCaseDeps,
  member: MemberRef,
  query: string,
  limit: number,
): Promise<Pick<Contact, 'id' | 'name' | 'company'>[]> {
  return pickContacts(deps.db, member, query, limit);
}

/** Whether the member has any active contact at all (someone to log a touch with). */
export async function hasContacts(deps: UseCaseDeps, member: MemberRef): Promise<boolean> {
  return (await pickContacts(deps.db, member, '', 1)).length > 0;
}

export interface ContactCard {
  contact: Contact;
  recent: Touch[];
  balance: Balance;
  today: LocalDate;
  pendingAsks: Ask[];
  askOnly: boolean;
  /** Calls scheduled with them and still to come: the title and when, in words. */
  plannedCalls: { title: string; when: string }[];
  dates: (ContactDate & { occurs: LocalDate })[];
  /** The member's check-ins a week, to say why a moved check-in comes later. */
  weeklyBudget: number | null;
}

/** Everything `show` tells about one contact: recent touches, the year's balance, pending asks, dates. */
export async function contactCard(deps: UseCaseDeps, member: Member, contact: Contact): Promise<ContactCard> {
  const day = todayFor(deps, member);
  const [recent, lastYear, pendingAsks, calls, dates] = await Promise.all([
    recentTouches(deps.db, member, contact.id, CARD_TOUCHES),
    touchesSince(deps.db, member, contact.id, balanceWindowStart(day)),
    pendingAsksOf(deps.db, member, contact.id),
    plannedCallsWith(deps.db, member, contact.id, day, CARD_CALLS),
    contactDatesAhead(deps, member, contact.id, day),
  ]);
  return {
    contact,
    recent,
    balance: balanceLastYear(lastYear, day),
    today: day,
    pendingAsks,
    askOnly: isAskOnly(lastYear, day),
    plannedCalls: calls.map((c) => ({
      title: c.title,
      when: describeCallTime(c.startsAt, c.minutes, c.timeZone),
    })),
    dates,
    weeklyBudget: member.weeklyBudget,
  };
}

/** Archives one of the member's contacts: no more reminders. Null when not theirs. */
export async function archiveContact(
  deps: UseCaseDeps,
  member: MemberRef,
  id: number,
): Promise<Contact | null> {
  const now = deps.clock.now();
  const archived = await inTransaction(deps.db, async (tx) => {
    const done = await setArchived(tx, member, id, true, null, now);
    // Their place in the week's budget goes to the next most overdue.
    if (done) await levelSchedule(tx, member, now);
    return done;
  });
  if (archived) deps.logger.info({ contactId: archived.id }, 'contact archived');
  return archived;
}

/** Brings an archived contact back, due by their cadence as if never archived. Null when not theirs. */
export async function restoreContact(
  deps: UseCaseDeps,
  member: MemberRef,
  id: number,
): Promise<Contact | null> {
  return inTransaction(deps.db, async (tx) => {
    const contact = await lockContact(tx, member, id);
    if (!contact) return null;
    const now = deps.clock.now();
    const restored = await setArchived(tx, member, id, false, nextDueOn(contact), now);
    await levelSchedule(tx, member, now);
    return restored;
  });
}

export interface ContactPage {
  contacts: Contact[];
  total: number;
  /** More than `total` match: a search stops counting once it has enough to page through. */
  more: boolean;
  page: number;
  search: string;
  today: LocalDate;
  balances: Map<number, { gives: number; asks: number }>;
  weeklyBudget: number | null;
}

/** One page of the member's active contacts, most overdue first, optionally searched. */
export async function listContacts(
  deps: UseCaseDeps,
  member: Member,
  search: string,
  page: number,
): Promise<ContactPage> {
  const day = todayFor(deps, member);
  const found = await contactPage(deps.db, member, { search, today: day, page, pageSize: LIST_PAGE_SIZE });
  const balances = await balancesSince(
    deps.db,
    member,
    balanceWindowStart(day),
    found.contacts.map((c) => c.id),
  );
  return { ...found, search, today: day, balances, weeklyBudget: member.weeklyBudget };
}

/**
 * The first `limit` of everyone due for a check-in now, most urgent first (fresh transitions
 * first), each with why, and how many are due in all.
 */
export async function dueNow(
  deps: UseCaseDeps,
  member: Member,
  limit: number,
): Promise<{ items: DueItem[]; total: number; today: LocalDate }> {
  const day = todayFor(deps, member);
  const due = await dueCandidates(deps.db, member, {
    today: day,
    after: null,
    upTo: day,
    limit,
    freshFirst: true,
  });
  // Hints from recent touches, read for the contacts shown only.
  const shown = new Set(
    dueItems(due.rows, day)
      .slice(0, limit)
      .map((i) => i.contactId),
  );
  const histories = await touchHistories(deps.db, member, [...shown], balanceWindowStart(day));
  const items = dueItems(
    due.rows.filter((c) => shown.has(c.id)),
    day,
    histories,
    member.weeklyBudget,
  );
  return { items, total: due.total, today: day };
}

/** How many existing contacts an add warns about at most. */
const SAME_PERSON_SHOWN = 3;

/**
 * The member's contacts (archived ones too) who may be the person about to be added: the same name,
 * ignoring case and accents, or the same Slack user. Empty when they are new.
 */
export async function possibleDuplicates(
  deps: UseCaseDeps,
  member: MemberRef,
  who: Pick<ContactFields, 'name' | 'slackUserId'>,
): Promise<Contact[]> {
  return sameNameOrSlackUser(deps.db, member, who, SAME_PERSON_SHOWN);
}

/** One page of the member's archived contacts, by name. */
export async function listArchived(
  deps: UseCaseDeps,
  member: MemberRef,
  page: number,
): Promise<{ contacts: Contact[]; total: number; page: number }> {
  return archivedPage(deps.db, member, { page, pageSize: LIST_PAGE_SIZE });
}
