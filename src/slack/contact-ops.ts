import type { RespondFn, webApi } from '@slack/bolt';
import { isAskOnly } from '../domain/asks';
import { type LocalDate, localDate } from '../domain/dates';
import { matchName, type NameMatch } from '../domain/names';
import { nextDueOn } from '../domain/schedule';
import { balanceLastYear, balanceWindowStart } from '../domain/touches';
import { pendingAsksOf } from '../store/asks';
import { type Contact, listContacts, setArchived } from '../store/contacts';
import type { Member } from '../store/members';
import { recentTouches, touchesSince } from '../store/touches';
import type { Deps } from './deps';
import { contactModal } from './views/contact-modal';
import {
  archiveConfirmMessage,
  type ChoiceVerb,
  chooseContactMessage,
  contactCardMessage,
  type Message,
  noSuchContactMessage,
  restoredMessage,
  textMessage,
} from './views/messages';
import { touchModal } from './views/touch-modal';
import { transitionModal } from './views/transition-modal';

/** What a contact operation needs from the interaction that asked for it. */
export interface OpContext {
  deps: Deps;
  client: webApi.WebClient;
  member: Member;
  respond: RespondFn;
  triggerId: string | undefined;
}

export function today(ctx: Pick<OpContext, 'deps' | 'member'>) {
  return localDate(ctx.deps.clock.now(), ctx.member.tz);
}

/** Posts a private reply where the member asked, as a new message. */
export async function reply(
  ctx: Pick<OpContext, 'respond'>,
  message: Message,
  replaceOriginal = false,
): Promise<void> {
  await ctx.respond({ response_type: 'ephemeral', replace_original: replaceOriginal, ...message });
}

export async function resolveByName(
  ctx: OpContext,
  query: string,
  archived: boolean,
): Promise<NameMatch<Contact>> {
  return matchName(query, await listContacts(ctx.deps.db, ctx.member, { archived }));
}

/** Opens a modal, telling the member plainly when Slack refuses (most often an expired trigger). */
export async function openModal(
  ctx: OpContext,
  view: Parameters<webApi.WebClient['views']['open']>[0]['view'],
): Promise<void> {
  if (!ctx.triggerId) {
    await reply(ctx, textMessage('I could not open the form from here. Try the slash command instead.'));
    return;
  }
  try {
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view });
  } catch (err) {
    ctx.deps.logger.warn({ err }, 'views.open failed');
    await reply(ctx, textMessage('Slack did not let me open the form in time. Please try again.'));
  }
}

export async function showContact(ctx: OpContext, contact: Contact): Promise<void> {
  const day = today(ctx);
  const [recent, lastYear, pendingAsks] = await Promise.all([
    recentTouches(ctx.deps.db, ctx.member, contact.id, 5),
    touchesSince(ctx.deps.db, ctx.member, contact.id, balanceWindowStart(day)),
    pendingAsksOf(ctx.deps.db, ctx.member, contact.id),
  ]);
  const card = contactCardMessage({
    contact,
    recent,
    balance: balanceLastYear(lastYear, day),
    today: day,
    pendingAsks,
    askOnly: isAskOnly(lastYear, day),
  });
  await reply(ctx, card);
}

export async function openEdit(ctx: OpContext, contact: Contact): Promise<void> {
  await openModal(ctx, contactModal({ contact, privateMetadata: JSON.stringify({ contactId: contact.id }) }));
}

export async function openLog(
  ctx: OpContext,
  contact: Contact | undefined,
  hint?: string,
  from?: { digestOf: LocalDate },
): Promise<void> {
  await openModal(
    ctx,
    touchModal({ contact, today: today(ctx), hint, privateMetadata: from && JSON.stringify(from) }),
  );
}

export async function askToArchive(ctx: OpContext, contact: Contact): Promise<void> {
  if (contact.archived) {
    await reply(
      ctx,
      textMessage(`*${contact.name}* is already archived. \`/touchbase restore\` brings them back.`),
    );
    return;
  }
  await reply(ctx, archiveConfirmMessage(contact));
}

export async function restore(ctx: OpContext, contactId: number, replaceOriginal: boolean): Promise<void> {
  const restored = await setArchived(
    ctx.deps.db,
    ctx.member,
    contactId,
    false,
    nextDueOn,
    ctx.deps.clock.now(),
  );
  if (!restored) {
    await reply(ctx, notYoursMessage());
    return;
  }
  await reply(ctx, restoredMessage(restored, today(ctx)), replaceOriginal);
}

/** The same polite answer for an id that does not exist and one that is someone else's. */
export function notYoursMessage(): Message {
  return textMessage("That contact isn't in your network (it may have been removed). Nothing was changed.");
}

export const VERB_OPS: Record<ChoiceVerb, (ctx: OpContext, contact: Contact) => Promise<void>> = {
  show: showContact,
  edit: openEdit,
  log: (ctx, contact) => openLog(ctx, contact),
  archive: askToArchive,
  restore: (ctx, contact) => restore(ctx, contact.id, false),
  transition: openTransition,
};

export async function openTransition(ctx: OpContext, contact: Contact): Promise<void> {
  await openModal(ctx, transitionModal({ contact, today: today(ctx) }));
}

/** Runs a verb on the contact a typed name means: at once for one, a choice for several. */
export async function withNamedContact(ctx: OpContext, query: string, verb: ChoiceVerb): Promise<void> {
  const archived = verb === 'restore';
  let match = await resolveByName(ctx, query, archived);
  if (match.kind === 'none' && verb === 'show') match = await resolveByName(ctx, query, true);
  if (match.kind === 'none') {
    await reply(ctx, noSuchContactMessage(query, archived));
  } else if (match.kind === 'many') {
    await reply(ctx, chooseContactMessage(query, verb, match.contacts));
  } else {
    await VERB_OPS[verb](ctx, match.contact);
  }
}
