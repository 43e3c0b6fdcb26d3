import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { SNOOZE_CHOICES, skipUntil, snoozeUntil } from '../../../domain/digest';
import { nextDueOn } from '../../../domain/schedule';
import { type Contact, findContact, snoozeContact } from '../../../store/contacts';
import { type Digest, findDigest } from '../../../store/digests';
import { notYoursMessage, type OpContext, openLog, reply, showContact, today } from '../../contact-ops';
import type { Deps } from '../../deps';
import { markDigestItem } from '../../digest-ops';
import { ACTION } from '../../ids';
import { digestDay, parseJsonOrUndefined } from '../../json';
import { ensureMember, memberOfPayload } from '../../member';
import { textMessage } from '../../views/messages';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const itemRef = z.object({
  d: digestDay,
  c: z.number().int().positive(),
  s: z.enum(SNOOZE_CHOICES).optional(),
});

interface ItemContext {
  ctx: OpContext;
  digest: Digest;
  contact: Contact;
  snooze?: (typeof SNOOZE_CHOICES)[number];
}

const item = (id: string) => new RegExp(`^${id}_\\d+$`);

/** The digest's buttons. Each value names a digest and a contact; both must be the clicker's own. */
export function registerDigestActions(app: App, deps: Deps): void {
  const on = (fn: (it: ItemContext) => Promise<void>) => (args: ActionArgs) => withItem(deps, args, fn);

  app.action<BlockAction>(
    item(ACTION.digestLog),
    on(({ ctx, digest, contact }) => openLog(ctx, contact, undefined, { digestOf: digest.localDate })),
  );
  app.action<BlockAction>(
    item(ACTION.digestOpen),
    on(({ ctx, contact }) => showContact(ctx, contact)),
  );
  app.action<BlockAction>(
    item(ACTION.digestSnooze),
    on(async ({ ctx, digest, contact, snooze }) => {
      const until = snoozeUntil(today(ctx), snooze ?? '1w');
      if (!(await snoozeContact(deps.db, ctx.member, contact.id, until, nextDueOn, deps.clock.now()))) {
        return reply(ctx, notYoursMessage());
      }
      await markDigestItem(deps, ctx.client, ctx.member, digest.localDate, `due:${contact.id}`, {
        action: 'snoozed',
        until,
      });
    }),
  );
  app.action<BlockAction>(
    item(ACTION.digestSkip),
    on(async ({ ctx, digest, contact }) => {
      const until = skipUntil(today(ctx), contact.cadence);
      if (
        !until ||
        !(await snoozeContact(deps.db, ctx.member, contact.id, until, nextDueOn, deps.clock.now()))
      ) {
        return reply(ctx, notYoursMessage());
      }
      await markDigestItem(deps, ctx.client, ctx.member, digest.localDate, `due:${contact.id}`, {
        action: 'skipped',
        until,
      });
    }),
  );
}

function chosenValue(args: ActionArgs): string | undefined {
  const a = args.action;
  if (a.type === 'button') return a.value;
  if (a.type === 'overflow') return a.selected_option?.value;
  return undefined;
}

async function withItem(deps: Deps, args: ActionArgs, fn: (it: ItemContext) => Promise<void>): Promise<void> {
  await args.ack();
  const { body, client, respond } = args;
  try {
    const member = await ensureMember(deps, client, memberOfPayload(body));
    const ctx: OpContext = { deps, client, member, respond, triggerId: body.trigger_id };
    const ref = itemRef.safeParse(parseJsonOrUndefined(chosenValue(args)));
    const digest = ref.success ? await findDigest(deps.db, member, ref.data.d) : null;
    const contact =
      ref.success && digest?.items.some((i) => i.key === `due:${ref.data.c}`)
        ? await findContact(deps.db, member, ref.data.c)
        : null;
    if (!ref.success || !digest || !contact) return reply(ctx, notYoursMessage());
    await fn({ ctx, digest, contact, snooze: ref.data.s });
  } catch (err) {
    deps.logger.error({ err, actionId: args.action.action_id }, 'digest button failed');
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...textMessage('Something went wrong on my side and nothing was changed. Please try again.'),
    });
  }
}
