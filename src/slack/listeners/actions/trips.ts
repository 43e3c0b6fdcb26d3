import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { cancelTrip, findTrip, planToMeet } from '../../../store/trips';
import { notYoursMessage, type OpContext, openModal, reply } from '../../contact-ops';
import type { Deps } from '../../deps';
import { ACTION } from '../../ids';
import { parseJsonOrUndefined } from '../../json';
import { ensureMember, memberOfPayload } from '../../member';
import { textMessage } from '../../views/messages';
import { tripMetModal, tripPlannedMessage, tripTitle } from '../../views/trips';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const tripRef = z.object({ t: z.number().int().positive(), c: z.number().int().positive().optional() });

/** Plan to meet, Cancel trip, and Log whom I met. Each value is only a claim: the trip must be the clicker's. */
export function registerTripActions(app: App, deps: Deps): void {
  const on =
    (fn: (ctx: OpContext, ref: z.infer<typeof tripRef>) => Promise<void>) => async (args: ActionArgs) => {
      await args.ack();
      const { body, client, respond } = args;
      try {
        const member = await ensureMember(deps, client, memberOfPayload(body));
        const ref = tripRef.safeParse(
          parseJsonOrUndefined(args.action.type === 'button' ? args.action.value : undefined),
        );
        const ctx: OpContext = { deps, client, member, respond, triggerId: body.trigger_id };
        if (!ref.success) return reply(ctx, notYoursMessage());
        await fn(ctx, ref.data);
      } catch (err) {
        deps.logger.error({ err, actionId: args.action.action_id }, 'trip button failed');
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...textMessage('Something went wrong on my side and nothing was changed. Please try again.'),
        });
      }
    };

  app.action<BlockAction>(
    new RegExp(`^${ACTION.planToMeet}_\\d+_\\d+$`),
    on(async (ctx, ref) => {
      if (!ref.c || !(await planToMeet(deps.db, ctx.member, ref.t, ref.c)))
        return reply(ctx, notYoursMessage());
      const trip = await findTrip(deps.db, ctx.member, ref.t);
      if (trip) await reply(ctx, tripPlannedMessage(trip, new Map()), true);
    }),
  );
  app.action<BlockAction>(
    new RegExp(`^${ACTION.cancelTrip}_\\d+$`),
    on(async (ctx, ref) => {
      const trip = await cancelTrip(deps.db, ctx.member, ref.t, deps.clock.now());
      if (!trip) return reply(ctx, notYoursMessage());
      await reply(ctx, textMessage(`Cancelled your trip to ${tripTitle(trip)}. No more reminders about it.`));
    }),
  );
  app.action<BlockAction>(
    new RegExp(`^${ACTION.logTripMet}_\\d+$`),
    on(async (ctx, ref) => {
      const trip = await findTrip(deps.db, ctx.member, ref.t);
      if (!trip) return reply(ctx, notYoursMessage());
      await openModal(ctx, tripMetModal(trip));
    }),
  );
}
