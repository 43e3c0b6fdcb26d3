import type { types } from '@slack/bolt';
import { FIELD_LIMITS, truncate } from '../../domain/limits';
import {
  INTENT_LABELS,
  KIND_LABELS,
  TOUCH_INTENTS,
  TOUCH_KINDS,
  type TouchIntent,
  type TouchKind,
} from '../../domain/touches';
import type { TouchDetails } from '../../usecases/touch-edits';
import { MODALS } from '../registry/modals';
import { whoMrkdwn } from './messages';
import { plainText } from './text';

const kindOption = (k: TouchKind) => ({ text: plainText(KIND_LABELS[k]), value: k });
const intentOption = (i: TouchIntent) => ({ text: plainText(INTENT_LABELS[i]), value: i });

/** "Edit a touch": when, how, why, what was asked and the note, prefilled; the contact stays. */
export function touchEditModal({ touch, contact, ask }: TouchDetails): types.ModalView {
  return {
    type: 'modal',
    callback_id: MODALS.editTouch.callbackId,
    private_metadata: MODALS.editTouch.metadata.encode({ touchId: touch.id }),
    title: plainText('Edit a touch'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `With ${whoMrkdwn(contact)}` }] },
      {
        type: 'input',
        block_id: 'kind',
        label: plainText('How'),
        element: {
          type: 'static_select',
          action_id: 'kind',
          options: TOUCH_KINDS.map(kindOption),
          initial_option: kindOption(touch.kind),
        },
      },
      {
        type: 'input',
        block_id: 'intent',
        label: plainText('Why'),
        element: {
          type: 'radio_buttons',
          action_id: 'intent',
          options: TOUCH_INTENTS.map(intentOption),
          initial_option: intentOption(touch.intent),
        },
      },
      {
        type: 'input',
        block_id: 'touched_on',
        label: plainText('When'),
        element: { type: 'datepicker', action_id: 'touched_on', initial_date: touch.touchedOn },
      },
      {
        type: 'input',
        block_id: 'ask_what',
        optional: true,
        label: plainText('If you asked: what for?'),
        hint: plainText('Changing an ask to a give or catch-up removes the ask.'),
        element: {
          type: 'plain_text_input',
          action_id: 'ask_what',
          max_length: FIELD_LIMITS.askWhat,
          ...(ask ? { initial_value: ask.what } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'note',
        optional: true,
        label: plainText('Note'),
        element: {
          type: 'plain_text_input',
          action_id: 'note',
          multiline: true,
          max_length: FIELD_LIMITS.note,
          ...(touch.note ? { initial_value: truncate(touch.note, FIELD_LIMITS.note) } : {}),
        },
      },
    ],
  };
}
