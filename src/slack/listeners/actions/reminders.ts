import { activeContact } from '../../../usecases/contacts';
import { cancelReminder, completeReminder, getReminder, listReminders } from '../../../usecases/reminders';
import { notYoursMessage, textMessage } from '../../blocks/messages';
import { reminderCancelledText, remindersMessage } from '../../blocks/reminders';
import type { ListenerContext } from '../context';
import { openLog, redrawDigest } from '../replies';
import type { ActionHandlers } from './handler';

/** A click on a reminder that is the member's but no longer pending: said plainly, nothing changed. */
async function notPending(ctx: ListenerContext, id: number): Promise<void> {
  const reminder = await getReminder(ctx.deps, ctx.member, id);
  if (!reminder) return ctx.reply(notYoursMessage());
  await ctx.reply(
    textMessage(
      reminder.done ? 'That reminder is already done.' : 'That reminder was cancelled. Nothing was changed.',
    ),
  );
}

/** Done and Log it in the digest, Cancel in the list. Each value is only a claim: the reminder must be the clicker's. */
export const reminderActions: ActionHandlers<'reminderDone' | 'reminderLog' | 'reminderCancel'> = {
  reminderDone: async (ctx, { r, d }) => {
    const done = await completeReminder(ctx.deps, ctx.member, r, d ?? null);
    if (!done) return notPending(ctx, r);
    if (done.digest) return redrawDigest(ctx, done.digest);
    await ctx.reply(textMessage('Done. That reminder will not come again.'));
  },
  /** Marks the reminder done and opens the log form about its contact, with what it said as the note. */
  reminderLog: async (ctx, { r, d }) => {
    const reminder = await getReminder(ctx.deps, ctx.member, r);
    if (!reminder || reminder.cancelled) return ctx.reply(notYoursMessage());
    const done = reminder.done ? null : await completeReminder(ctx.deps, ctx.member, r, d ?? null);
    const contact = await activeContact(ctx.deps, ctx.member, reminder.contactId);
    await openLog(ctx, contact ?? undefined, { note: reminder.what, ...(d ? { digestOf: d } : {}) });
    await redrawDigest(ctx, done?.digest ?? null);
  },
  reminderCancel: async (ctx, { r }) => {
    const cancelled = await cancelReminder(ctx.deps, ctx.member, r);
    if (!cancelled) return notPending(ctx, r);
    const list = await listReminders(ctx.deps, ctx.member);
    await ctx.reply(remindersMessage(list, reminderCancelledText(cancelled)), { replaceOriginal: true });
  },
};
