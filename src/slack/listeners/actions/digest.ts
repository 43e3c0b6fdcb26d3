import { digestDateItem, digestDueItem, postponeDueItem } from '../../../usecases/digest-items';
import { notYoursMessage } from '../../blocks/messages';
import { openLog, redrawDigest, showContact } from '../replies';
import type { ActionHandlers } from './handler';

/** The digest's buttons. Each value names a digest and a contact; both must be the clicker's own. */
export const digestActions: ActionHandlers<
  'digestLog' | 'digestOpen' | 'digestSnooze' | 'digestSkip' | 'digestLogDate'
> = {
  digestLog: async (ctx, { d, c }) => {
    const item = await digestDueItem(ctx.deps, ctx.member, d, c);
    if (!item) return ctx.reply(notYoursMessage());
    return openLog(ctx, item.contact, { digestOf: d });
  },
  /** A birthday's touch is a message that gives: the form opens set to that. */
  digestLogDate: async (ctx, { d, c }) => {
    const item = await digestDateItem(ctx.deps, ctx.member, d, c);
    if (!item) return ctx.reply(notYoursMessage());
    return openLog(ctx, item.contact, { digestOf: d, kind: 'message', intent: 'give' });
  },
  digestOpen: async (ctx, { d, c }) => {
    const item = await digestDueItem(ctx.deps, ctx.member, d, c);
    if (!item) return ctx.reply(notYoursMessage());
    return showContact(ctx, item.contact);
  },
  digestSnooze: async (ctx, { d, c, s }) => {
    const digest = await postponeDueItem(ctx.deps, ctx.member, d, c, s ?? '1w');
    return digest ? redrawDigest(ctx, digest) : ctx.reply(notYoursMessage());
  },
  digestSkip: async (ctx, { d, c }) => {
    const digest = await postponeDueItem(ctx.deps, ctx.member, d, c, 'skip');
    return digest ? redrawDigest(ctx, digest) : ctx.reply(notYoursMessage());
  },
};
