import type { types } from '@slack/bolt';
import { formatDate, type LocalDate } from '../../domain/dates';
import { REMINDER_WHAT_MAX } from '../../domain/reminders';
import type { Reminder } from '../../usecases/reminders';
import { ACTIONS, MENUS } from '../registry/actions';
import { MODALS } from '../registry/modals';
import { type Message, textMessage } from './messages';
import { esc, fallbackText, mrkdwn, plainText, slackDate } from './text';
import { contactOption } from './touch-modal';

/** How `/touchbase remind` is typed, for help and for the answer to an empty one. */
export const REMIND_EXAMPLE = '/touchbase remind Dana Friday send her the deck';

/**
 * "Remind me": about whom (the contact chosen when known), on which day (the picker on the best
 * guess), and what to do. `hint` says why the form opened (mrkdwn, escaped by the caller).
 */
export function reminderModal(opts: {
  contact: { id: number; name: string; company: string | null } | null;
  day: LocalDate;
  what: string;
  hint?: string;
}): types.ModalView {
  const blocks: types.KnownBlock[] = [];
  if (opts.hint) blocks.push({ type: 'context', elements: [mrkdwn(opts.hint)] });
  blocks.push(
    {
      type: 'input',
      block_id: MENUS.contactPicker,
      label: plainText('About'),
      element: {
        type: 'external_select',
        action_id: MENUS.contactPicker,
        min_query_length: 0,
        placeholder: plainText('Type a name'),
        ...(opts.contact ? { initial_option: contactOption(opts.contact) } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'remind_on',
      label: plainText('On'),
      hint: plainText('It comes in that morning’s digest, and the next ones until you mark it done.'),
      element: { type: 'datepicker', action_id: 'remind_on', initial_date: opts.day },
    },
    {
      type: 'input',
      block_id: 'what',
      label: plainText('What to do'),
      element: {
        type: 'plain_text_input',
        action_id: 'what',
        max_length: REMINDER_WHAT_MAX,
        placeholder: plainText('Send her the deck'),
        ...(opts.what ? { initial_value: opts.what } : {}),
      },
    },
  );
  return {
    type: 'modal',
    callback_id: MODALS.setReminder.callbackId,
    private_metadata: MODALS.setReminder.metadata.encode({}),
    title: plainText('Remind me'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks,
  };
}

/**
 * A reminder's day with its weekday, "Friday, March 6th, 2026" in the reader's locale: the day a
 * member picks a reminder for is said back whole, never as "tomorrow" (which reads wrongly after "on").
 */
function reminderDay(date: LocalDate): string {
  const seconds = Date.parse(`${date}T12:00:00Z`) / 1000;
  return `<!date^${seconds}^{date_long}|${formatDate(date)}>`;
}

/** "I'll remind you on Friday, March 6th, 2026 about Dana: send her the deck." */
export function reminderSetMessage(reminder: Reminder): Message {
  return textMessage(
    `I’ll remind you on ${reminderDay(reminder.remindOn)} about *${esc(reminder.contactName)}*: ${esc(reminder.what)}`,
  );
}

/** `/touchbase reminders`: what is pending, soonest first, each with Cancel. */
export function remindersMessage(list: { reminders: Reminder[]; total: number }, notice?: string): Message {
  const head = notice ? `${notice}\n` : '';
  if (list.total === 0) {
    return textMessage(`${head}No reminders pending. Set one with \`${REMIND_EXAMPLE}\`.`);
  }
  const count = list.total === 1 ? 'One reminder pending' : `${list.total} reminders pending`;
  const blocks: types.KnownBlock[] = [{ type: 'section', text: mrkdwn(`${head}*${count}*`) }];
  for (const r of list.reminders) {
    blocks.push({
      type: 'section',
      block_id: `reminder_${r.id}`,
      text: mrkdwn(`${slackDate(r.remindOn)} · *${esc(r.contactName)}*: ${esc(r.what)}`),
      accessory: {
        type: 'button',
        ...ACTIONS.reminderCancel.ref({ r: r.id }, r.id),
        text: plainText('Cancel'),
      },
    });
  }
  if (list.total > list.reminders.length) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`…and ${list.total - list.reminders.length} more, later.`)],
    });
  }
  return { text: fallbackText(`${head}${count}.`), blocks };
}

/** The answer to Cancel: the reminder named, and nothing else changed. */
export function reminderCancelledText(reminder: Reminder): string {
  return `Cancelled the reminder about *${esc(reminder.contactName)}* on ${slackDate(reminder.remindOn)}: ${esc(reminder.what)}`;
}
