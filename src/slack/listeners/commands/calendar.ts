import { calendarLink } from '../../../usecases/calendar';
import { calendarLinkMessage, calendarLiveMessage, calendarUsageMessage } from '../../blocks/calendar';
import type { ListenerContext } from '../context';

/** `/touchbase calendar`: the feed's link the first time; after that, that it is on (the link is shown once). */
export async function sendCalendarLink(ctx: ListenerContext, arg: string): Promise<void> {
  if (arg) return ctx.reply(calendarUsageMessage(arg));
  const link = await calendarLink(ctx.deps, ctx.member);
  await ctx.reply(link.kind === 'created' ? calendarLinkMessage(link.url) : calendarLiveMessage(link.since));
}
