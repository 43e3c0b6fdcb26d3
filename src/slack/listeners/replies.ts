import { addDays, type LocalDate } from '../../domain/dates';
import type { TouchIntent, TouchKind } from '../../domain/touches';
import { contactDates } from '../../usecases/contact-dates';
import {
  type Contact,
  contactCard,
  hasContacts,
  listArchived,
  listContacts,
  resolveName,
  restoreContact,
} from '../../usecases/contacts';
import { todayFor } from '../../usecases/deps';
import type { Digest } from '../../usecases/digest-items';
import { shareMatches } from '../../usecases/shares';
import { contactModal, firstContactModal } from '../blocks/contact-modal';
import { digestMessage } from '../blocks/digest';
import {
  ARCHIVED,
  alreadyArchivedMessage,
  archiveConfirmMessage,
  archivedListMessage,
  type ChoiceVerb,
  chooseContactMessage,
  contactCardMessage,
  contactListMessage,
  noSuchContactMessage,
  notYoursMessage,
  restoredMessage,
} from '../blocks/messages';
import { reminderModal } from '../blocks/reminders';
import { noShareMatchMessage, shareMatchesMessage, shareUsageMessage } from '../blocks/share';
import { touchModal } from '../blocks/touch-modal';
import { transitionModal } from '../blocks/transition-modal';
import { MODALS } from '../registry/modals';
import type { ListenerContext } from './context';

/**
 * The answers several listeners give alike (a command, a button on a card, a choice between
 * namesakes): each calls a use case and renders, nothing more.
 */

export async function showContact(ctx: ListenerContext, contact: Contact): Promise<void> {
  await ctx.reply(contactCardMessage(await contactCard(ctx.deps, ctx.member, contact)));
}

export async function openEdit(ctx: ListenerContext, contact: Contact): Promise<void> {
  await ctx.openModal(
    contactModal({
      contact,
      dates: await contactDates(ctx.deps, ctx.member, contact.id),
      today: todayFor(ctx.deps, ctx.member),
      privateMetadata: MODALS.editContact.metadata.encode({ contactId: contact.id }),
    }),
  );
}

/**
 * The log form, the contact preselected when given. With no contact to pick from at all, the add
 * form instead (with `name`, the name typed, if any).
 */
export async function openLog(
  ctx: ListenerContext,
  contact: Contact | undefined,
  opts: {
    hint?: string;
    digestOf?: LocalDate;
    note?: string;
    kind?: TouchKind;
    intent?: TouchIntent;
    name?: string;
    /** The day the form proposes, when not today (a scheduled call's day). */
    touchedOn?: LocalDate;
  } = {},
): Promise<void> {
  if (!contact && !(await hasContacts(ctx.deps, ctx.member))) {
    return ctx.openModal(firstContactModal(opts.name, todayFor(ctx.deps, ctx.member)));
  }
  await ctx.openModal(
    touchModal({
      contact,
      today: todayFor(ctx.deps, ctx.member),
      touchedOn: opts.touchedOn,
      hint: opts.hint,
      note: opts.note,
      kind: opts.kind,
      intent: opts.intent,
      privateMetadata: MODALS.logTouch.metadata.encode(opts.digestOf ? { digestOf: opts.digestOf } : {}),
    }),
  );
}

/** The reminder form about one contact, on tomorrow. */
export async function openReminder(ctx: ListenerContext, contact: Contact): Promise<void> {
  await ctx.openModal(reminderModal({ contact, day: addDays(todayFor(ctx.deps, ctx.member), 1), what: '' }));
}

export async function openTransition(ctx: ListenerContext, contact: Contact): Promise<void> {
  await ctx.openModal(transitionModal({ contact, today: todayFor(ctx.deps, ctx.member) }));
}

export async function askToArchive(ctx: ListenerContext, contact: Contact): Promise<void> {
  if (contact.archived) {
    await ctx.reply(alreadyArchivedMessage(contact));
    return;
  }
  await ctx.reply(archiveConfirmMessage(contact));
}

export async function restore(
  ctx: ListenerContext,
  contactId: number,
  replaceOriginal: boolean,
): Promise<void> {
  const restored = await restoreContact(ctx.deps, ctx.member, contactId);
  if (!restored) return ctx.reply(notYoursMessage());
  await ctx.reply(restoredMessage(restored, todayFor(ctx.deps, ctx.member)), { replaceOriginal });
}

/** What each verb does once the contact is known. */
export const VERBS: Record<ChoiceVerb, (ctx: ListenerContext, contact: Contact) => Promise<void>> = {
  show: showContact,
  edit: openEdit,
  log: (ctx, contact) => openLog(ctx, contact),
  archive: askToArchive,
  restore: (ctx, contact) => restore(ctx, contact.id, false),
  transition: openTransition,
};

/**
 * Runs a verb on the contact a typed name (or company, role or city) means: at once for one, a
 * choice for several.
 */
export async function withNamedContact(ctx: ListenerContext, query: string, verb: ChoiceVerb): Promise<void> {
  const archived = verb === 'restore';
  const match = await resolveName(ctx.deps, ctx.member, query, { archived, orArchived: verb === 'show' });
  if (match.kind === 'none') return ctx.reply(noSuchContactMessage(query, archived));
  if (match.kind === 'many') return ctx.reply(chooseContactMessage(query, verb, match));
  await VERBS[verb](ctx, match.contact);
}

/**
 * One page of the member's contacts, most overdue first (`archived`: the archived ones, by name);
 * the paging buttons redraw it in place.
 */
export async function sendContactPage(
  ctx: ListenerContext,
  search: string,
  page: number,
  replaceOriginal: boolean,
): Promise<void> {
  if (search.trim().toLowerCase() === ARCHIVED) {
    return ctx.reply(archivedListMessage(await listArchived(ctx.deps, ctx.member, page)), {
      replaceOriginal,
    });
  }
  const found = await listContacts(ctx.deps, ctx.member, search, page);
  await ctx.reply(contactListMessage(found), { replaceOriginal });
}

/**
 * `/touchbase share <what>`: the member's contacts whose wants and needs fit, best first. After a
 * Mark as shared click the same answer is redrawn in place, with the give just logged confirmed.
 */
export async function sendShareMatches(
  ctx: ListenerContext,
  what: string,
  opts: { replaceOriginal?: boolean; logged?: Pick<Contact, 'name' | 'nextDueOn'> } = {},
): Promise<void> {
  if (!what) return ctx.reply(shareUsageMessage());
  const { matches, total, today } = await shareMatches(ctx.deps, ctx.member, what);
  if (total === 0 && !opts.logged) {
    return ctx.reply(noShareMatchMessage(), { replaceOriginal: opts.replaceOriginal });
  }
  return ctx.reply(shareMatchesMessage({ what, matches, total, today, logged: opts.logged }), {
    replaceOriginal: opts.replaceOriginal,
  });
}

/**
 * Rewrites a digest message in place (chat.update) after the member dealt with one of its items,
 * so the DM never shows as due what has been done. A failure is logged: the change itself is saved.
 */
export async function redrawDigest(ctx: ListenerContext, digest: Digest | null): Promise<void> {
  if (!digest?.channelId || !digest.messageTs) return;
  const message = digestMessage(digest);
  try {
    await ctx.client.chat.update({
      channel: digest.channelId,
      ts: digest.messageTs,
      text: message.text,
      blocks: message.blocks,
    });
  } catch (err) {
    ctx.deps.logger.warn({ err, digestOf: digest.localDate }, 'could not update the digest message');
  }
}
