import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { dueItems } from '../../../domain/digest';
import { foldName } from '../../../domain/names';
import { byUrgency } from '../../../domain/schedule';
import { balanceWindowStart } from '../../../domain/touches';
import { balancesSince } from '../../../store/asks';
import { type Contact, listContacts } from '../../../store/contacts';
import { loadDigestInput } from '../../../store/digests';
import { recentIntroductions } from '../../../store/intros';
import { upcomingTrips } from '../../../store/trips';
import {
  type OpContext,
  openLog,
  openModal,
  reply,
  resolveByName,
  today,
  withNamedContact,
} from '../../contact-ops';
import type { Deps } from '../../deps';
import { ensureMember } from '../../member';
import { sendShareMatches } from '../../share-ops';
import { contactModal } from '../../views/contact-modal';
import { dueMessage } from '../../views/due';
import { introModal } from '../../views/intro-modal';
import { INTROS_SHOWN, introsMessage } from '../../views/intros';
import {
  contactListMessage,
  helpMessage,
  LIST_PAGE_SIZE,
  textMessage,
  unknownCommandMessage,
} from '../../views/messages';
import { settingsModal } from '../../views/settings-modal';
import { tripModal, tripsMessage } from '../../views/trips';
import { MAX_ARG_LENGTH, parseCommand, type Subcommand } from './parse';

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** Subcommands that need a name, with how to ask for it. */
const NEEDS_NAME: Partial<Record<Subcommand, string>> = {
  show: '/touchbase show Ada',
  edit: '/touchbase edit Ada',
  archive: '/touchbase archive Ada',
  restore: '/touchbase restore Ada',
  transition: '/touchbase transition Ada',
};

export function registerCommands(app: App, deps: Deps): void {
  app.command('/touchbase', async (args) => touchbase(deps, args));
}

/**
 * `/touchbase`: help and usage are answered in the ack itself; everything else acks at once
 * and then reads the database and talks to Slack, well inside the 3-second limit.
 */
async function touchbase(deps: Deps, { command, ack, respond, client }: CommandArgs): Promise<void> {
  const parsed = parseCommand(command.text);
  if (parsed.kind === 'unknown') {
    await ack({ response_type: 'ephemeral', ...unknownCommandMessage(parsed.word) });
    return;
  }
  const { sub, arg } = parsed;
  if (sub === 'help') {
    await ack({ response_type: 'ephemeral', ...helpMessage() });
    return;
  }
  if (arg.length > MAX_ARG_LENGTH) {
    await ack({
      response_type: 'ephemeral',
      ...textMessage(
        `That is longer than any name I keep (${MAX_ARG_LENGTH} characters at most). Nothing was changed.`,
      ),
    });
    return;
  }
  const example = NEEDS_NAME[sub];
  if (example && !arg) {
    await ack({ response_type: 'ephemeral', ...textMessage(`Which contact? For example \`${example}\`.`) });
    return;
  }
  await ack();
  try {
    const member = await ensureMember(deps, client, { teamId: command.team_id, userId: command.user_id });
    const ctx: OpContext = { deps, client, member, respond, triggerId: command.trigger_id };
    await SUBCOMMANDS[sub](ctx, arg);
  } catch (err) {
    deps.logger.error({ err, sub }, '/touchbase failed');
    await respond({
      response_type: 'ephemeral',
      ...textMessage(
        'Something went wrong on my side and nothing was changed. Please try again in a moment.',
      ),
    });
  }
}

const SUBCOMMANDS: Record<Exclude<Subcommand, 'help'>, (ctx: OpContext, arg: string) => Promise<void>> = {
  add: (ctx, name) => openModal(ctx, contactModal({ name, privateMetadata: '{}' })),
  log: logCommand,
  list: (ctx, search) => sendContactList(ctx, search, 0, false),
  due: sendDue,
  show: (ctx, name) => withNamedContact(ctx, name, 'show'),
  edit: (ctx, name) => withNamedContact(ctx, name, 'edit'),
  archive: (ctx, name) => withNamedContact(ctx, name, 'archive'),
  restore: (ctx, name) => withNamedContact(ctx, name, 'restore'),
  settings: (ctx) => openModal(ctx, settingsModal({ member: ctx.member, today: today(ctx) })),
  share: (ctx, what) => sendShareMatches(ctx, what),
  intro: introCommand,
  intros: async (ctx) =>
    reply(ctx, introsMessage(await recentIntroductions(ctx.deps.db, ctx.member, INTROS_SHOWN), today(ctx))),
  transition: (ctx, name) => withNamedContact(ctx, name, 'transition'),
  trip: (ctx, city) => openModal(ctx, tripModal({ city, today: today(ctx) })),
  trips: async (ctx) => reply(ctx, tripsMessage(await upcomingTrips(ctx.deps.db, ctx.member, today(ctx)))),
};

/** Opens "Log an introduction", with the person introduced preselected when the name fits one contact. */
async function introCommand(ctx: OpContext, name: string): Promise<void> {
  const match = name ? await resolveByName(ctx, name, false) : undefined;
  await openModal(
    ctx,
    introModal({ today: today(ctx), from: match?.kind === 'one' ? match.contact : undefined }),
  );
}

/** Opens the log modal, preselecting the contact when the name fits exactly one. */
async function logCommand(ctx: OpContext, name: string): Promise<void> {
  if (!name) return openLog(ctx, undefined);
  const match = await resolveByName(ctx, name, false);
  if (match.kind === 'one') return openLog(ctx, match.contact);
  const hint =
    match.kind === 'many'
      ? `${match.contacts.length} contacts match “${name}”: pick one below.`
      : `No contact matches “${name}” yet: pick one below, or add them with \`/touchbase add ${name}\`.`;
  return openLog(ctx, undefined, hint);
}

function matchesSearch(c: Contact, search: string): boolean {
  const q = foldName(search);
  return [c.name, c.company, c.role, c.city].some((f) => f && foldName(f).includes(q));
}

/** Everything due now, most urgent first, each with why. */
async function sendDue(ctx: OpContext): Promise<void> {
  const day = today(ctx);
  const input = await loadDigestInput(ctx.deps.db, ctx.member, day);
  await reply(ctx, dueMessage(dueItems(input.contacts, day, input.histories), day));
}

/** One page of the member's contacts, most overdue first. Shared with the paging buttons. */
export async function sendContactList(
  ctx: OpContext,
  search: string,
  page: number,
  replaceOriginal: boolean,
): Promise<void> {
  const day = today(ctx);
  const all = await listContacts(ctx.deps.db, ctx.member, { archived: false });
  const matching = byUrgency(search ? all.filter((c) => matchesSearch(c, search)) : all, day);
  const pages = Math.max(1, Math.ceil(matching.length / LIST_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const contacts = matching.slice(current * LIST_PAGE_SIZE, (current + 1) * LIST_PAGE_SIZE);
  const balances = await balancesSince(ctx.deps.db, ctx.member, balanceWindowStart(day));
  await reply(
    ctx,
    contactListMessage({ contacts, total: matching.length, page: current, search, today: day, balances }),
    replaceOriginal,
  );
}
