import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { type Contact, findContact, setArchived } from '../../../store/contacts';
import {
  askToArchive,
  notYoursMessage,
  type OpContext,
  openEdit,
  openLog,
  openTransition,
  reply,
  restore,
  showContact,
  VERB_OPS,
} from '../../contact-ops';
import type { Deps } from '../../deps';
import { ACTION } from '../../ids';
import { parseJsonOrUndefined } from '../../json';
import { ensureMember, memberOfPayload } from '../../member';
import { archivedMessage, type ChoiceVerb, textMessage } from '../../views/messages';
import { sendContactList } from '../commands';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const contactIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const pageSchema = z.object({ q: z.string().max(500), p: z.number().int().min(0).max(10_000) });

/**
 * Buttons carry a contact id in their value. A value is only a claim: every handler loads the
 * contact through the member-scoped store, so a replayed or crafted id from another member's
 * message finds nothing and changes nothing.
 */
export function registerActions(app: App, deps: Deps): void {
  const onContact = (op: (ctx: OpContext, contact: Contact) => Promise<void>) => async (args: ActionArgs) =>
    withActionContext(deps, args, async (ctx, value) => {
      const contact = await findContact(deps.db, ctx.member, value);
      if (!contact) return reply(ctx, notYoursMessage());
      return op(ctx, contact);
    });

  app.action<BlockAction>(new RegExp(`^${ACTION.showContact}_\\d+$`), onContact(showContact));
  app.action<BlockAction>(
    ACTION.logFromContact,
    onContact((ctx, c) => openLog(ctx, c)),
  );
  app.action<BlockAction>(ACTION.editFromContact, onContact(openEdit));
  app.action<BlockAction>(ACTION.archiveFromContact, onContact(askToArchive));
  app.action<BlockAction>(ACTION.transitionFromContact, onContact(openTransition));
  app.action<BlockAction>(
    new RegExp(`^${ACTION.choosePrefix}_(show|edit|log|archive|restore|transition)_\\d+$`),
    async (args) => {
      const verb = args.action.action_id.split('_')[1] as ChoiceVerb;
      return onContact(VERB_OPS[verb])(args);
    },
  );

  app.action<BlockAction>(ACTION.confirmArchive, async (args) =>
    withActionContext(deps, args, async (ctx, id) => {
      const archived = await setArchived(deps.db, ctx.member, id, true, () => null, deps.clock.now());
      if (!archived) return reply(ctx, notYoursMessage(), true);
      return reply(ctx, archivedMessage(archived), true);
    }),
  );
  app.action<BlockAction>(ACTION.cancelArchive, async (args) =>
    withActionContext(deps, args, async (ctx, id) => {
      const contact = await findContact(deps.db, ctx.member, id);
      return reply(
        ctx,
        contact ? textMessage(`Kept *${contact.name}*. Nothing was changed.`) : notYoursMessage(),
        true,
      );
    }),
  );
  app.action<BlockAction>(ACTION.undoArchive, async (args) =>
    withActionContext(deps, args, (ctx, id) => restore(ctx, id, true)),
  );

  app.action<BlockAction>(new RegExp(`^${ACTION.listPage}_`), async (args) => {
    await args.ack();
    const parsed = pageSchema.safeParse(parseJsonOrUndefined(buttonValue(args)));
    await runAction(deps, args, async (ctx) => {
      if (!parsed.success)
        return reply(ctx, textMessage('That button is out of date. Try `/touchbase list` again.'));
      return sendContactList(ctx, parsed.data.q, parsed.data.p, true);
    });
  });
}

function buttonValue(args: ActionArgs): string | undefined {
  return args.action.type === 'button' ? args.action.value : undefined;
}

/** Acks, then runs `fn` with the member and the contact id from the button's value. */
async function withActionContext(
  deps: Deps,
  args: ActionArgs,
  fn: (ctx: OpContext, contactId: number) => Promise<void>,
): Promise<void> {
  await args.ack();
  const id = contactIdSchema.safeParse(buttonValue(args));
  await runAction(deps, args, async (ctx) => {
    if (!id.success) return reply(ctx, notYoursMessage());
    return fn(ctx, id.data);
  });
}

async function runAction(deps: Deps, args: ActionArgs, fn: (ctx: OpContext) => Promise<void>): Promise<void> {
  const { body, client, respond } = args;
  try {
    const member = await ensureMember(deps, client, memberOfPayload(body));
    await fn({ deps, client, member, respond, triggerId: body.trigger_id });
  } catch (err) {
    deps.logger.error({ err, actionId: args.action.action_id }, 'button failed');
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...textMessage('Something went wrong on my side and nothing was changed. Please try again.'),
    });
  }
}
