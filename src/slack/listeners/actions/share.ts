import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { afterTouch, nextDueOn } from '../../../domain/schedule';
import { recordTouch } from '../../../store/touches';
import { notYoursMessage, type OpContext, reply, today } from '../../contact-ops';
import type { Deps } from '../../deps';
import { ACTION } from '../../ids';
import { parseJsonOrUndefined } from '../../json';
import { ensureMember, memberOfPayload } from '../../member';
import { sendShareMatches, shareNote } from '../../share-ops';
import { textMessage } from '../../views/messages';
import { MAX_ARG_LENGTH } from '../commands/parse';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const shareRef = z.object({
  c: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  w: z.string().trim().min(1).max(MAX_ARG_LENGTH),
});

/** Mark as shared, from a `/touchbase share` answer. */
export function registerShareActions(app: App, deps: Deps): void {
  app.action<BlockAction>(new RegExp(`^${ACTION.markShared}_\\d+$`), (args) => markShared(deps, args));
}

/**
 * Logs a give (a message, today in the member's zone, noted "Shared: <what>") with the contact the
 * button names, which moves their clock, then redraws the answer with them ticked. The contact id is
 * only a claim: recordTouch finds it among the clicker's own active contacts or stores nothing.
 */
async function markShared(deps: Deps, args: ActionArgs): Promise<void> {
  await args.ack();
  const { body, client, respond } = args;
  try {
    const member = await ensureMember(deps, client, memberOfPayload(body));
    const ctx: OpContext = { deps, client, member, respond, triggerId: body.trigger_id };
    const ref = shareRef.safeParse(
      parseJsonOrUndefined(args.action.type === 'button' ? args.action.value : undefined),
    );
    if (!ref.success) return reply(ctx, notYoursMessage());
    const day = today(ctx);
    const saved = await recordTouch(
      deps.db,
      member,
      { contactId: ref.data.c, touchedOn: day, kind: 'message', intent: 'give', note: shareNote(ref.data.w) },
      (state) => {
        const next = afterTouch(state, day);
        return { lastTouchOn: next.lastTouchOn, snoozedUntil: next.snoozedUntil, nextDueOn: nextDueOn(next) };
      },
      deps.clock.now(),
    );
    if (!saved) return reply(ctx, notYoursMessage());
    deps.logger.info({ contactId: saved.contact.id }, 'share logged');
    return sendShareMatches(ctx, ref.data.w, { replaceOriginal: true, logged: saved.contact });
  } catch (err) {
    deps.logger.error({ err, actionId: args.action.action_id }, 'marking a share failed');
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...textMessage('Something went wrong on my side and nothing was changed. Please try again.'),
    });
  }
}
