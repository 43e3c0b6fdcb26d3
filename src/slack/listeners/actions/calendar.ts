import { renewCalendarLink, turnOffCalendar } from '../../../usecases/calendar';
import {
  calendarLinkAlreadyMadeMessage,
  calendarLinkMadeElsewhereMessage,
  calendarLinkMessage,
  calendarTurnedOffMessage,
} from '../../blocks/calendar';
import type { ActionHandlers } from './handler';

/** New link and Turn off, under `/touchbase calendar`'s answer. */
export const calendarActions: ActionHandlers<'calendarNewLink' | 'calendarTurnOff'> = {
  calendarNewLink: async (ctx) => {
    const url = await renewCalendarLink(ctx.deps, ctx.member);
    if (url === null) return ctx.reply(calendarLinkMadeElsewhereMessage());
    // The link is a secret: a repeat of the click is told where it is, and the link is never kept.
    await ctx.reply(calendarLinkMessage(url, { replaced: true }), {
      replaceOriginal: true,
      repeatAs: calendarLinkAlreadyMadeMessage(),
    });
  },
  calendarTurnOff: async (ctx) => {
    const wasOn = await turnOffCalendar(ctx.deps, ctx.member);
    await ctx.reply(calendarTurnedOffMessage(wasOn), { replaceOriginal: true });
  },
};
