import { dueNow } from '../../../usecases/contacts';
import { todayFor } from '../../../usecases/deps';
import { recentIntroductions } from '../../../usecases/introductions';
import { startTriage } from '../../../usecases/triage';
import { upcomingTrips } from '../../../usecases/trips';
import { contactModal } from '../../blocks/contact-modal';
import { DUE_PAGE_SIZE, dueMessage } from '../../blocks/due';
import { eraseModal, eraseUsageMessage } from '../../blocks/erase';
import { helpMessage } from '../../blocks/help';
import { importFileModal } from '../../blocks/imports';
import { introsMessage } from '../../blocks/intros';
import { REMIND_EXAMPLE } from '../../blocks/reminders';
import { settingsModal } from '../../blocks/settings-modal';
import { SHARE_EXAMPLE } from '../../blocks/share';
import { triageMessage } from '../../blocks/triage';
import { tripModal, tripsMessage } from '../../blocks/trips';
import { MODALS } from '../../registry/modals';
import type { ListenerContext } from '../context';
import { sendExport } from '../export';
import { sendContactPage, sendShareMatches, withNamedContact } from '../replies';
import { sendCalendarLink } from './calendar';
import { introCommand, logCommand } from './open-forms';
import { remindSubcommand, sendReminders } from './remind';

/** One `/touchbase` subcommand: what help says about it, whether it needs a name, and what it does. */
export interface Subcommand {
  name: string;
  /** How help writes it: `show <name>`, `list [search]`. */
  usage: string;
  example: string;
  does: string;
  /** It acts on one contact: without a name it asks which, in the ack itself. */
  needsName?: boolean;
  /** It only shows something and changes nothing: the member's App Home is not re-published after it. */
  readsOnly?: true;
  /** The longest `arg` taken, when more than a name's (FIELD_LIMITS.commandArg), and what it holds. */
  longArg?: { max: number; holds: string };
  /** Runs after the ack, with the member known; `arg` is the rest of the text, trimmed. */
  run(ctx: ListenerContext, arg: string): Promise<void>;
}

/** Every subcommand, in the order help lists them. Adding one is adding an entry here. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  {
    name: 'add',
    usage: 'add [name]',
    example: '/touchbase add Ada Lovelace',
    does: 'add a contact',
    run: (ctx, name) =>
      ctx.openModal(
        contactModal({
          name,
          today: todayFor(ctx.deps, ctx.member),
          privateMetadata: MODALS.addContact.metadata.encode({}),
        }),
      ),
  },
  {
    name: 'log',
    usage: 'log [name]',
    example: '/touchbase log Ada',
    does: 'log a call, message or meeting',
    run: logCommand,
  },
  {
    name: 'list',
    readsOnly: true,
    usage: 'list [search]',
    example: '/touchbase list acme',
    does: 'your contacts, most overdue first (`list archived`: the archived ones, to restore)',
    run: (ctx, search) => sendContactPage(ctx, search, 0, false),
  },
  {
    name: 'due',
    readsOnly: true,
    usage: 'due',
    example: '/touchbase due',
    does: 'everyone due for a check-in now, most urgent first',
    run: async (ctx) => {
      const { items, total, today } = await dueNow(ctx.deps, ctx.member, DUE_PAGE_SIZE);
      await ctx.reply(dueMessage(items, today, total));
    },
  },
  {
    name: 'show',
    readsOnly: true,
    usage: 'show <name>',
    example: '/touchbase show Ada',
    does: 'one contact, recent touches, gives and asks',
    needsName: true,
    run: (ctx, name) => withNamedContact(ctx, name, 'show'),
  },
  {
    name: 'edit',
    usage: 'edit <name>',
    example: '/touchbase edit Ada',
    does: 'change a contact',
    needsName: true,
    run: (ctx, name) => withNamedContact(ctx, name, 'edit'),
  },
  {
    name: 'archive',
    usage: 'archive <name>',
    example: '/touchbase archive Ada',
    does: 'stop reminders for a contact',
    needsName: true,
    run: (ctx, name) => withNamedContact(ctx, name, 'archive'),
  },
  {
    name: 'restore',
    usage: 'restore <name>',
    example: '/touchbase restore Ada',
    does: 'bring an archived contact back',
    needsName: true,
    run: (ctx, name) => withNamedContact(ctx, name, 'restore'),
  },
  {
    name: 'intro',
    usage: 'intro [name]',
    example: '/touchbase intro Ada',
    does: 'log an introduction you made (a give to both)',
    run: introCommand,
  },
  {
    name: 'intros',
    readsOnly: true,
    usage: 'intros',
    example: '/touchbase intros',
    does: 'your recent introductions and how they went',
    run: async (ctx) =>
      ctx.reply(
        introsMessage(await recentIntroductions(ctx.deps, ctx.member), todayFor(ctx.deps, ctx.member)),
      ),
  },
  {
    name: 'transition',
    usage: 'transition <name>',
    example: '/touchbase transition Ada',
    does: 'note a new job, a lost job or a move: closer touch for 90 days',
    needsName: true,
    run: (ctx, name) => withNamedContact(ctx, name, 'transition'),
  },
  {
    name: 'trip',
    usage: 'trip [city]',
    example: '/touchbase trip Boston',
    does: 'plan a trip or event: who you could meet there',
    run: (ctx, city) => ctx.openModal(tripModal({ city, today: todayFor(ctx.deps, ctx.member) })),
  },
  {
    name: 'trips',
    readsOnly: true,
    usage: 'trips',
    example: '/touchbase trips',
    does: 'your upcoming trips',
    run: async (ctx) => ctx.reply(tripsMessage(await upcomingTrips(ctx.deps, ctx.member))),
  },
  {
    name: 'remind',
    usage: 'remind <name> <when> <what>',
    // A name, a day in words and what to do (REMINDER_WHAT_MAX), with room to spare.
    longArg: { max: 600, holds: 'a reminder can be' },
    example: REMIND_EXAMPLE,
    does: 'a one-off reminder about someone, in that morning’s digest ("Friday", "in 3 days", "on 14 March")',
    run: remindSubcommand,
  },
  {
    name: 'reminders',
    readsOnly: true,
    usage: 'reminders',
    example: '/touchbase reminders',
    does: 'your pending reminders, to cancel one',
    run: sendReminders,
  },
  {
    name: 'settings',
    usage: 'settings',
    example: '/touchbase settings',
    does: 'when reminders come: time, work days, time zone, a pause',
    run: (ctx) => ctx.openModal(settingsModal({ member: ctx.member, today: todayFor(ctx.deps, ctx.member) })),
  },
  {
    name: 'share',
    usage: 'share <what>',
    example: SHARE_EXAMPLE,
    does: 'who could use an opportunity, from their wants and needs',
    run: (ctx, what) => sendShareMatches(ctx, what),
  },
  {
    name: 'import',
    usage: 'import',
    example: '/touchbase import',
    does: 'bring in contacts from LinkedIn, Google, Outlook or a vCard file, with a preview first',
    run: (ctx) => ctx.openModal(importFileModal()),
  },
  {
    name: 'export',
    usage: 'export',
    example: '/touchbase export',
    does: 'your data as two files in your DM: a contacts CSV that `import` reads back, and everything as JSON',
    run: sendExport,
  },
  {
    name: 'calendar',
    usage: 'calendar',
    example: '/touchbase calendar',
    does: 'a private link for your calendar app: check-ins due and trips, by name only',
    run: sendCalendarLink,
  },
  {
    name: 'triage',
    usage: 'triage',
    example: '/touchbase triage',
    does: 'sort imported contacts five at a time: a rhythm for each, no reminders, or archive',
    run: async (ctx) => ctx.reply(triageMessage(await startTriage(ctx.deps, ctx.member))),
  },
  {
    name: 'delete',
    usage: 'delete my data',
    example: '/touchbase delete my data',
    does: 'erase everything touchbase keeps about you, for good (asks first)',
    // Only the whole phrase opens the form: `delete Ada` is no way to erase everything.
    run: (ctx, what) =>
      what.trim().toLowerCase().replace(/\s+/g, ' ') === 'my data'
        ? ctx.openModal(eraseModal())
        : ctx.reply(eraseUsageMessage()),
  },
  {
    name: 'help',
    readsOnly: true,
    usage: 'help',
    example: '/touchbase help',
    does: 'this list',
    // Answered in the ack itself (parse.ts `immediateAnswer`); this serves a direct call.
    run: async (ctx) => ctx.reply(helpMessage(SUBCOMMANDS)),
  },
];
