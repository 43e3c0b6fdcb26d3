import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AskStatus } from '../../../domain/asks';
import { resolveAsk } from '../../../store/asks';
import { notYoursMessage, reply } from '../../contact-ops';
import type { Deps } from '../../deps';
import { markDigestItem } from '../../digest-ops';
import { ACTION } from '../../ids';
import { digestDay, parseJsonOrUndefined } from '../../json';
import { ensureMember, memberOfPayload } from '../../member';
import { textMessage } from '../../views/messages';
import { esc } from '../../views/text';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;
type Resolution = Exclude<AskStatus, 'pending'>;

const askRef = z.object({ a: z.number().int().positive(), d: digestDay.optional() });

const SAID: Record<Resolution, string> = {
  granted: 'granted. Remember to thank them.',
  declined: 'declined. Thanking them for considering it keeps the door open.',
  withdrawn: 'withdrawn.',
};

/** Granted, Declined and Withdrawn: from the confirmation, `show` and the digest. Only the asker's own asks. */
export function registerAskActions(app: App, deps: Deps): void {
  const handler = (status: Resolution) => (args: ActionArgs) => settle(deps, args, status);
  app.action<BlockAction>(new RegExp(`^${ACTION.askGranted}_\\d+$`), handler('granted'));
  app.action<BlockAction>(new RegExp(`^${ACTION.askDeclined}_\\d+$`), handler('declined'));
  app.action<BlockAction>(new RegExp(`^${ACTION.askWithdrawn}_\\d+$`), handler('withdrawn'));
}

async function settle(deps: Deps, args: ActionArgs, status: Resolution): Promise<void> {
  await args.ack();
  const { body, client, respond } = args;
  try {
    const member = await ensureMember(deps, client, memberOfPayload(body));
    const ref = askRef.safeParse(
      parseJsonOrUndefined(args.action.type === 'button' ? args.action.value : undefined),
    );
    const ask = ref.success ? await resolveAsk(deps.db, member, ref.data.a, status, deps.clock.now()) : null;
    if (!ref.success || !ask) return reply({ respond }, notYoursMessage());
    if (ask.status !== status) {
      return reply(
        { respond },
        textMessage(`Your ask to *${esc(ask.contactName)}* was already marked ${ask.status}.`),
      );
    }
    if (ref.data.d)
      await markDigestItem(deps, client, member, ref.data.d, `ask:${ask.id}`, { action: 'resolved', status });
    await reply(
      { respond },
      textMessage(`Your ask to *${esc(ask.contactName)}* (“${esc(ask.what)}”) is marked ${SAID[status]}`),
    );
  } catch (err) {
    deps.logger.error({ err, actionId: args.action.action_id }, 'settling an ask failed');
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...textMessage('Something went wrong on my side and nothing was changed. Please try again.'),
    });
  }
}
