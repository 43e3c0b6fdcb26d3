import { cancelTrip, getTrip, planToMeet } from '../../../usecases/trips';
import { notYoursMessage, textMessage } from '../../blocks/messages';
import { tripMetModal, tripPlannedMessage, tripTitle } from '../../blocks/trips';
import type { ActionHandlers } from './handler';

/** Plan to meet, Cancel trip, and Log whom I met. Each value is only a claim: the trip must be the clicker's. */
export const tripActions: ActionHandlers<'planToMeet' | 'cancelTrip' | 'logTripMet'> = {
  planToMeet: async (ctx, { t, c }) => {
    const trip = await planToMeet(ctx.deps, ctx.member, t, c);
    if (!trip) return ctx.reply(notYoursMessage());
    await ctx.reply(tripPlannedMessage(trip, new Map()), { replaceOriginal: true });
  },
  cancelTrip: async (ctx, { t }) => {
    const trip = await cancelTrip(ctx.deps, ctx.member, t);
    if (!trip) return ctx.reply(notYoursMessage());
    await ctx.reply(textMessage(`Cancelled your trip to ${tripTitle(trip)}. No more reminders about it.`));
  },
  logTripMet: async (ctx, { t, d }) => {
    const trip = await getTrip(ctx.deps, ctx.member, t);
    if (!trip) return ctx.reply(notYoursMessage());
    await ctx.openModal(tripMetModal(trip, d));
  },
};
