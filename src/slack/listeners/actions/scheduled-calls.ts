import { activeContact } from '../../../usecases/contacts';
import { todayFor } from '../../../usecases/deps';
import { digestDueItem } from '../../../usecases/digest-items';
import { callDay, callDidntHappen, getCall } from '../../../usecases/scheduled-calls';
import { notYoursMessage, textMessage } from '../../blocks/messages';
import { scheduleCallModal } from '../../blocks/schedule-call';
import { esc } from '../../blocks/text';
import { openLog, redrawDigest } from '../replies';
import type { ActionHandlers } from './handler';

/**
 * **Schedule** (on a digest item or a contact's card) and the digest's "did you talk?" about a
 * scheduled call. Each value is only a claim: the contact, digest and call must be the clicker's.
 */
export const scheduledCallActions: ActionHandlers<
  'digestSchedule' | 'scheduleFromContact' | 'callLog' | 'callDidntHappen'
> = {
  digestSchedule: async (ctx, { d, c }) => {
    const item = await digestDueItem(ctx.deps, ctx.member, d, c);
    if (!item || item.contact.archived) return ctx.reply(notYoursMessage());
    const today = todayFor(ctx.deps, ctx.member);
    await ctx.openModal(scheduleCallModal({ contact: item.contact, today, tz: ctx.member.tz, digestOf: d }));
  },
  scheduleFromContact: async (ctx, id) => {
    const contact = await activeContact(ctx.deps, ctx.member, id);
    if (!contact) return ctx.reply(notYoursMessage());
    const today = todayFor(ctx.deps, ctx.member);
    await ctx.openModal(scheduleCallModal({ contact, today, tz: ctx.member.tz }));
  },
  callLog: async (ctx, { k, d }) => {
    const call = await getCall(ctx.deps, ctx.member, k);
    if (!call) return ctx.reply(notYoursMessage());
    const contact = await activeContact(ctx.deps, ctx.member, call.contactId);
    if (!contact) return ctx.reply(notYoursMessage());
    await openLog(ctx, contact, { digestOf: d, touchedOn: callDay(call) });
  },
  callDidntHappen: async (ctx, { k, d }) => {
    const answered = await callDidntHappen(ctx.deps, ctx.member, k, d ?? null);
    if (!answered) {
      const call = await getCall(ctx.deps, ctx.member, k);
      return ctx.reply(
        call ? textMessage('That call was already answered; nothing changed.') : notYoursMessage(),
      );
    }
    if (answered.digest) return redrawDigest(ctx, answered.digest);
    await ctx.reply(
      textMessage(`Noted: no call with *${esc(answered.call.contactName)}*. They are due again.`),
    );
  },
};
