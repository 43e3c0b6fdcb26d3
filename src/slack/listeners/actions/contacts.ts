import {
  archiveContact,
  type Contact,
  getContact,
  listArchived,
  restoreContact,
} from '../../../usecases/contacts';
import { todayFor } from '../../../usecases/deps';
import { deleteContactForGood } from '../../../usecases/erase';
import { contactDeletedMessage } from '../../blocks/erase';
import {
  archivedListMessage,
  archivedMessage,
  type ChoiceVerb,
  notYoursMessage,
  restoredText,
  textMessage,
  whoMrkdwn,
} from '../../blocks/messages';
import type { ListenerContext } from '../context';
import {
  askToArchive,
  openEdit,
  openLog,
  openReminder,
  openTransition,
  restore,
  sendContactPage,
  showContact,
  VERBS,
} from '../replies';
import type { ActionHandlers } from './handler';

/** Runs `op` on the contact a button names, when it is the clicker's own; a claim on anyone else's finds nothing. */
function onContact(op: (ctx: ListenerContext, contact: Contact) => Promise<void>) {
  return async (ctx: ListenerContext, id: number) => {
    const contact = await getContact(ctx.deps, ctx.member, id);
    return contact ? op(ctx, contact) : ctx.reply(notYoursMessage());
  };
}

/** The buttons on a contact's card, in the list, and in the confirmations about one contact. */
export const contactActions: ActionHandlers<
  | 'showContact'
  | 'logFromContact'
  | 'editFromContact'
  | 'archiveFromContact'
  | 'transitionFromContact'
  | 'remindFromContact'
  | 'deleteContact'
  | 'confirmArchive'
  | 'cancelArchive'
  | 'undoArchive'
  | 'restoreFromList'
  | 'listPage'
  | 'choose'
> = {
  showContact: onContact(showContact),
  logFromContact: onContact((ctx, c) => openLog(ctx, c)),
  editFromContact: onContact(openEdit),
  archiveFromContact: onContact(askToArchive),
  transitionFromContact: onContact(openTransition),
  remindFromContact: onContact(openReminder),
  choose: async (ctx, id, suffix) => {
    const verb = suffix.split('_')[0] as ChoiceVerb;
    // Own keys only: `toString_7` names no verb.
    if (!Object.hasOwn(VERBS, verb)) return ctx.reply(notYoursMessage());
    return onContact(VERBS[verb])(ctx, id);
  },
  // Slack's confirmation dialog asked first; the card is replaced by what was deleted.
  deleteContact: async (ctx, id) => {
    const deleted = await deleteContactForGood(ctx.deps, ctx.member, id);
    return ctx.reply(deleted ? contactDeletedMessage(deleted) : notYoursMessage(), { replaceOriginal: true });
  },
  confirmArchive: async (ctx, id) => {
    const archived = await archiveContact(ctx.deps, ctx.member, id);
    return ctx.reply(archived ? archivedMessage(archived) : notYoursMessage(), { replaceOriginal: true });
  },
  cancelArchive: async (ctx, id) => {
    const contact = await getContact(ctx.deps, ctx.member, id);
    return ctx.reply(
      contact ? textMessage(`Kept ${whoMrkdwn(contact)}. Nothing was changed.`) : notYoursMessage(),
      { replaceOriginal: true },
    );
  },
  undoArchive: (ctx, id) => restore(ctx, id, true),
  restoreFromList: async (ctx, id) => {
    const restored = await restoreContact(ctx.deps, ctx.member, id);
    if (!restored) return ctx.reply(notYoursMessage());
    // The list redrawn in place without them, so the next one is a click away.
    const page = await listArchived(ctx.deps, ctx.member, 0);
    const notice = restoredText(restored, todayFor(ctx.deps, ctx.member));
    return ctx.reply(archivedListMessage({ ...page, notice }), { replaceOriginal: true });
  },
  listPage: (ctx, { q, p }) => sendContactPage(ctx, q, p, true),
};
