import type { types } from '@slack/bolt';
import { addDays, type LocalDate } from '../../domain/dates';
import { truncate } from '../../domain/limits';
import {
  CALL_LENGTHS,
  CALL_TITLE_MAX,
  type CallLength,
  DEFAULT_CALL_LENGTH,
  DEFAULT_CALL_TIME,
  defaultCallTitle,
} from '../../domain/scheduled-calls';
import { MODALS } from '../registry/modals';
import { type Message, textMessage } from './messages';
import { esc, plainText } from './text';

const lengthOption = (minutes: CallLength) => ({ text: plainText(`${minutes} min`), value: String(minutes) });

/**
 * "Schedule a call" with one contact: the day (tomorrow by default), the time in the member's zone
 * (10:00), how long (30 min) and a title ("Catch-up with Dana Lee"). `digestOf` when opened from a
 * digest item.
 */
export function scheduleCallModal(opts: {
  contact: { id: number; name: string };
  today: LocalDate;
  tz: string;
  digestOf?: LocalDate;
}): types.ModalView {
  return {
    type: 'modal',
    callback_id: MODALS.scheduleCall.callbackId,
    private_metadata: MODALS.scheduleCall.metadata.encode({
      contactId: opts.contact.id,
      ...(opts.digestOf ? { digestOf: opts.digestOf } : {}),
    }),
    title: plainText('Schedule a call'),
    submit: plainText('Schedule'),
    close: plainText('Cancel'),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `A call with *${esc(opts.contact.name)}*. The invite comes to your DM as a file.`,
        },
      },
      {
        type: 'input',
        block_id: 'call_on',
        label: plainText('Day'),
        element: { type: 'datepicker', action_id: 'call_on', initial_date: addDays(opts.today, 1) },
      },
      {
        type: 'input',
        block_id: 'call_at',
        label: plainText('Time'),
        hint: plainText(`In your time zone, ${opts.tz}.`),
        element: { type: 'timepicker', action_id: 'call_at', initial_time: DEFAULT_CALL_TIME },
      },
      {
        type: 'input',
        block_id: 'minutes',
        label: plainText('Length'),
        element: {
          type: 'static_select',
          action_id: 'minutes',
          options: CALL_LENGTHS.map(lengthOption),
          initial_option: lengthOption(DEFAULT_CALL_LENGTH),
        },
      },
      {
        type: 'input',
        block_id: 'title',
        label: plainText('Title'),
        element: {
          type: 'plain_text_input',
          action_id: 'title',
          max_length: CALL_TITLE_MAX,
          initial_value: truncate(defaultCallTitle(opts.contact.name), CALL_TITLE_MAX),
        },
      },
    ],
  };
}

/** The DM the invite file comes with. */
export function inviteMessage(title: string, when: string): Message {
  return textMessage(
    `Your invite for *${esc(title)}* on ${esc(when)}: open the file to add it to your calendar.`,
  );
}

/** The invite could not be uploaded even after a retry; the call stays scheduled. */
export function inviteFailedMessage(title: string, when: string): Message {
  return textMessage(
    `*${esc(title)}* on ${esc(when)} is scheduled, but Slack would not take the invite file just now. ` +
      'The call stays planned; add it to your calendar by hand.',
  );
}
