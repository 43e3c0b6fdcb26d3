import { truncate } from '../../../domain/limits';
import { hasContacts } from '../../../usecases/contacts';
import { listReminders, type RemindCommandResult, remindCommand } from '../../../usecases/reminders';
import { textMessage } from '../../blocks/messages';
import { REMIND_EXAMPLE, reminderModal, reminderSetMessage, remindersMessage } from '../../blocks/reminders';
import { esc } from '../../blocks/text';
import type { ListenerContext } from '../context';

/** `/touchbase reminders`, and `remind` with nothing after it: what is pending, each with Cancel. */
export async function sendReminders(ctx: ListenerContext): Promise<void> {
  await ctx.reply(remindersMessage(await listReminders(ctx.deps, ctx.member)));
}

/** Why the form opened instead of saving: the name, then the day, then what to do. */
function formHint(form: Extract<RemindCommandResult, { kind: 'form' }>): string {
  const name = esc(truncate(form.name, 100));
  if (form.match === 'none')
    return `No contact matches “${name}” yet: pick one below, or add them with \`/touchbase add ${name}\`.`;
  if (form.match === 'many') return `Several contacts match “${name}”: pick one below.`;
  if (form.when.kind === 'unclear') return 'I could not tell which day you meant: pick it below.';
  return 'What should I remind you of? Say it below.';
}

/**
 * `/touchbase remind <name> <when> <what>`: saved and said back at once when all three are clear;
 * otherwise the form, filled with what was understood.
 */
export async function remindSubcommand(ctx: ListenerContext, text: string): Promise<void> {
  if (!text) return sendReminders(ctx);
  if (!(await hasContacts(ctx.deps, ctx.member))) {
    return ctx.reply(
      textMessage(
        `A reminder is about one of your contacts, and you have none yet. Add one with \`/touchbase add\`, then try \`${REMIND_EXAMPLE}\`.`,
      ),
    );
  }
  const result = await remindCommand(ctx.deps, ctx.member, text);
  if (result.kind === 'set') return ctx.reply(reminderSetMessage(result.reminder));
  await ctx.openModal(
    reminderModal({ contact: result.contact, day: result.day, what: result.what, hint: formHint(result) }),
  );
}
