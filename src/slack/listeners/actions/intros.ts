import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { askAgainOn, INTRO_OUTCOME_LABELS, INTRO_OUTCOMES } from '../../../domain/intros';
import { findIntroduction, setIntroOutcome } from '../../../store/intros';
import { notYoursMessage, reply, today } from '../../contact-ops';
import type { Deps } from '../../deps';
import { markDigestItem } from '../../digest-ops';
import { ACTION } from '../../ids';
import { digestDay, parseJsonOrUndefined } from '../../json';
import { ensureMember, memberOfPayload } from '../../member';
import { textMessage } from '../../views/messages';
import { esc } from '../../views/text';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const outcomeRef = z.object({
  i: z.number().int().positive(),
  o: z.enum(INTRO_OUTCOMES),
  d: digestDay.optional(),
});

/** "They connected", "No response yet", "Not a fit": from the digest and `/touchbase intros`. */
export function registerIntroActions(app: App, deps: Deps): void {
  app.action<BlockAction>(new RegExp(`^${ACTION.introOutcome}_[a-z_]+_\\d+$`), async (args: ActionArgs) => {
    await args.ack();
    const { body, client, respond } = args;
    try {
      const member = await ensureMember(deps, client, memberOfPayload(body));
      const ref = outcomeRef.safeParse(
        parseJsonOrUndefined(args.action.type === 'button' ? args.action.value : undefined),
      );
      const intro = ref.success ? await findIntroduction(deps.db, member, ref.data.i) : null;
      if (!ref.success || !intro) return reply({ respond }, notYoursMessage());
      const { o: outcome, d: digestOf } = ref.data;
      const again = askAgainOn(outcome, intro.askedAgain, today({ deps, member }));
      await setIntroOutcome(deps.db, member, intro.id, outcome, again);
      if (digestOf)
        await markDigestItem(deps, client, member, digestOf, `intro:${intro.id}`, {
          action: 'intro_outcome',
          outcome,
        });
      const more = again ? " I'll ask again in two weeks." : '';
      await reply(
        { respond },
        textMessage(
          `Noted for *${esc(intro.fromName)}* and *${esc(intro.toName)}*: ${INTRO_OUTCOME_LABELS[outcome].toLowerCase()}.${more}`,
        ),
      );
    } catch (err) {
      deps.logger.error({ err }, 'introduction outcome failed');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...textMessage('Something went wrong on my side and nothing was changed. Please try again.'),
      });
    }
  });
}
