import { addDays } from '../../../domain/dates';
import type { TouchIntent, TouchKind } from '../../../domain/touches';
import { archiveContact, getContact } from '../../../usecases/contacts';
import { todayFor } from '../../../usecases/deps';
import { contactModal } from '../../blocks/contact-modal';
import { introModal } from '../../blocks/intro-modal';
import { reminderModal } from '../../blocks/reminders';
import { MODALS } from '../../registry/modals';
import type { ListenerContext } from '../context';
import { openLog } from '../replies';
import type { ActionHandlers } from './handler';

/** Nothing of the member's answers to that id: nothing changes, and the refreshed Home shows what is. */
function notFound(ctx: ListenerContext, id: number): void {
  ctx.deps.logger.info({ userId: ctx.member.userId, id }, 'Home button for nothing of the member’s');
}

async function logContact(
  ctx: ListenerContext,
  id: number,
  preset: { kind?: TouchKind; intent?: TouchIntent } = {},
): Promise<void> {
  const contact = await getContact(ctx.deps, ctx.member, id);
  if (!contact || contact.archived) return notFound(ctx, id);
  return openLog(ctx, contact, preset);
}

/**
 * The App Home's own buttons. Ids are only claims, looked up among the member's own; the answer to
 * each is the refreshed Home (the refresh middleware publishes it once the handler is done).
 */
export const homeActions: ActionHandlers<
  | 'homeAddContact'
  | 'homeLogTouch'
  | 'homeLogIntro'
  | 'homeRemind'
  | 'homeLogContact'
  | 'homeReconnect'
  | 'homeArchive'
> = {
  homeAddContact: (ctx) =>
    ctx.openModal(
      contactModal({
        today: todayFor(ctx.deps, ctx.member),
        privateMetadata: MODALS.addContact.metadata.encode({}),
      }),
    ),
  homeLogTouch: (ctx) => openLog(ctx, undefined),
  homeLogIntro: (ctx) => ctx.openModal(introModal({ today: todayFor(ctx.deps, ctx.member) })),
  homeRemind: (ctx) =>
    ctx.openModal(
      reminderModal({ contact: null, day: addDays(todayFor(ctx.deps, ctx.member), 1), what: '' }),
    ),
  // Beside a birthday or another date (suffix `date_<date id>`), the touch is a message that gives.
  homeLogContact: (ctx, id, suffix) =>
    logContact(ctx, id, suffix.startsWith('date_') ? { kind: 'message', intent: 'give' } : {}),
  homeReconnect: (ctx, id) => logContact(ctx, id),
  homeArchive: async (ctx, id) => {
    if (!(await archiveContact(ctx.deps, ctx.member, id))) notFound(ctx, id);
  },
};
