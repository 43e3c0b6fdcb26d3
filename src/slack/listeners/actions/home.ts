import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AskStatus } from '../../../domain/asks';
import { askAgainOn, INTRO_OUTCOMES } from '../../../domain/intros';
import { resolveAsk } from '../../../store/asks';
import { findContact, setArchived } from '../../../store/contacts';
import { findIntroduction, setIntroOutcome } from '../../../store/intros';
import { type OpContext, openLog, openModal, today } from '../../contact-ops';
import type { Deps } from '../../deps';
import { homeRespond } from '../../home';
import { ACTION } from '../../ids';
import { parseJsonOrUndefined } from '../../json';
import { ensureMember, memberOfPayload } from '../../member';
import { contactModal } from '../../views/contact-modal';
import { introModal } from '../../views/intro-modal';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;
type Resolution = Exclude<AskStatus, 'pending'>;

const contactIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const askRef = z.object({ a: z.number().int().positive() });
const outcomeRef = z.object({ i: z.number().int().positive(), o: z.enum(INTRO_OUTCOMES) });

const RESOLUTIONS: Record<string, Resolution> = {
  [ACTION.askGranted]: 'granted',
  [ACTION.askDeclined]: 'declined',
  [ACTION.askWithdrawn]: 'withdrawn',
};

/**
 * The App Home's buttons. Values carry ids that are only claims: every one is looked up through the
 * member-scoped store, so a crafted id finds nothing of anyone else's. The answer to each is the
 * refreshed Home (src/slack/home.ts refreshes it once the handler is done).
 */
export function registerHomeActions(app: App, deps: Deps): void {
  const on = (fn: (ctx: OpContext, value: string | undefined) => Promise<void>) => (args: ActionArgs) =>
    withHomeContext(deps, args, fn);

  app.action<BlockAction>(
    ACTION.homeAddContact,
    on((ctx) => openModal(ctx, contactModal({ privateMetadata: '{}' }))),
  );
  app.action<BlockAction>(
    ACTION.homeLogTouch,
    on((ctx) => openLog(ctx, undefined)),
  );
  app.action<BlockAction>(
    ACTION.homeLogIntro,
    on((ctx) => openModal(ctx, introModal({ today: today(ctx) }))),
  );

  const logContact = on(async (ctx, value) => {
    const id = contactIdSchema.safeParse(value);
    const contact = id.success ? await findContact(deps.db, ctx.member, id.data) : null;
    if (!contact || contact.archived) return notFound(deps, ctx, value);
    return openLog(ctx, contact);
  });
  app.action<BlockAction>(new RegExp(`^${ACTION.homeLogContact}_(due|week|transition)_\\d+$`), logContact);
  app.action<BlockAction>(new RegExp(`^${ACTION.homeReconnect}_\\d+$`), logContact);

  app.action<BlockAction>(
    new RegExp(`^${ACTION.homeArchive}_\\d+$`),
    on(async (ctx, value) => {
      const id = contactIdSchema.safeParse(value);
      const archived = id.success
        ? await setArchived(deps.db, ctx.member, id.data, true, () => null, deps.clock.now())
        : null;
      if (!archived) return notFound(deps, ctx, value);
      deps.logger.info({ contactId: archived.id }, 'contact archived from the Home');
    }),
  );

  const asks = Object.keys(RESOLUTIONS).join('|');
  app.action<BlockAction>(new RegExp(`^${ACTION.homeCopyPrefix}(${asks})_\\d+$`), async (args) => {
    const base = args.action.action_id.slice(ACTION.homeCopyPrefix.length).replace(/_\d+$/, '');
    const status = RESOLUTIONS[base];
    return withHomeContext(deps, args, async (ctx, value) => {
      const ref = askRef.safeParse(parseJsonOrUndefined(value));
      const ask =
        ref.success && status
          ? await resolveAsk(deps.db, ctx.member, ref.data.a, status, deps.clock.now())
          : null;
      if (!ask) return notFound(deps, ctx, value);
      deps.logger.info({ askId: ask.id, status: ask.status }, 'ask settled from the Home');
    });
  });

  app.action<BlockAction>(
    new RegExp(`^${ACTION.homeCopyPrefix}${ACTION.introOutcome}_[a-z_]+_\\d+$`),
    on(async (ctx, value) => {
      const ref = outcomeRef.safeParse(parseJsonOrUndefined(value));
      const intro = ref.success ? await findIntroduction(deps.db, ctx.member, ref.data.i) : null;
      if (!ref.success || !intro) return notFound(deps, ctx, value);
      const again = askAgainOn(ref.data.o, intro.askedAgain, today(ctx));
      await setIntroOutcome(deps.db, ctx.member, intro.id, ref.data.o, again);
      deps.logger.info({ introId: intro.id, outcome: ref.data.o }, 'introduction outcome from the Home');
    }),
  );
}

/** Nothing of the member's answers to that id: nothing changes, and the refreshed Home shows what is. */
async function notFound(deps: Deps, ctx: OpContext, value: string | undefined): Promise<void> {
  deps.logger.info({ userId: ctx.member.userId, value }, 'Home button for nothing of the member’s');
}

/** Acks, then runs `fn` for the member with the button's value; a failure is logged, never thrown. */
async function withHomeContext(
  deps: Deps,
  args: ActionArgs,
  fn: (ctx: OpContext, value: string | undefined) => Promise<void>,
): Promise<void> {
  await args.ack();
  const { body, client } = args;
  try {
    const member = await ensureMember(deps, client, memberOfPayload(body));
    // Bolt leaves `respond` unset in the Home tab (no response_url there).
    const respond = (args as Partial<ActionArgs>).respond ?? homeRespond(deps);
    const ctx: OpContext = { deps, client, member, respond, triggerId: body.trigger_id };
    await fn(ctx, args.action.type === 'button' ? args.action.value : undefined);
  } catch (err) {
    deps.logger.error({ err, actionId: args.action.action_id }, 'Home button failed');
  }
}
