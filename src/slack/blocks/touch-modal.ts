import type { types } from '@slack/bolt';
import type { LocalDate } from '../../domain/dates';
import { FIELD_LIMITS, truncate } from '../../domain/limits';
import {
  INTENT_LABELS,
  KIND_LABELS,
  MAX_PEOPLE_PER_TOUCH,
  TOUCH_INTENTS,
  TOUCH_KINDS,
  type TouchIntent,
  type TouchKind,
} from '../../domain/touches';
import { MENUS } from '../registry/actions';
import { MODALS } from '../registry/modals';
import { plainText } from './text';

export function contactOption(c: { id: number; name: string; company: string | null }) {
  const label = c.company ? `${c.name} (${c.company})` : c.name;
  return { text: plainText(truncate(label, 75)), value: String(c.id) };
}

const kindOption = (k: TouchKind) => ({ text: plainText(KIND_LABELS[k]), value: k });
const intentOption = (i: TouchIntent) => ({ text: plainText(INTENT_LABELS[i]), value: i });

/**
 * How, why, when, what was asked and the note: the inputs the log form and the edit form share,
 * prefilled with `initial`. Their block ids are the fields the submissions read.
 */
export function touchDetailInputs(
  initial: {
    kind: TouchKind;
    intent: TouchIntent;
    touchedOn: LocalDate;
    askWhat: string | null;
    note: string | null;
  },
  askHint: string,
): types.KnownBlock[] {
  return [
    {
      type: 'input',
      block_id: 'kind',
      label: plainText('How'),
      element: {
        type: 'static_select',
        action_id: 'kind',
        options: TOUCH_KINDS.map(kindOption),
        initial_option: kindOption(initial.kind),
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
        initial_option: intentOption(initial.intent),
      },
    },
    {
      type: 'input',
      block_id: 'touched_on',
      label: plainText('When'),
      element: { type: 'datepicker', action_id: 'touched_on', initial_date: initial.touchedOn },
    },
    {
      type: 'input',
      block_id: 'ask_what',
      optional: true,
      label: plainText('If you asked: what for?'),
      hint: plainText(askHint),
      element: {
        type: 'plain_text_input',
        action_id: 'ask_what',
        max_length: FIELD_LIMITS.askWhat,
        ...(initial.askWhat ? { initial_value: initial.askWhat } : {}),
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
        ...(initial.note ? { initial_value: truncate(initial.note, FIELD_LIMITS.note) } : {}),
      },
    },
  ];
}

/** "Log a touch": with whom (one or more, searchable), how, why, when and a note. */
export function touchModal(opts: {
  contact?: { id: number; name: string; company: string | null };
  today: LocalDate;
  /** The day proposed, when not today. */
  touchedOn?: LocalDate;
  hint?: string;
  note?: string;
  /** How they were in touch, when the form is opened from one (a Slack message); a call otherwise. */
  kind?: TouchKind;
  /** Why, when the form is opened for one (a birthday's message is a give); a catch-up otherwise. */
  intent?: TouchIntent;
  /** Where the log was started from, e.g. a digest item to mark done once logged. */
  privateMetadata?: string;
}): types.ModalView {
  const blocks: types.KnownBlock[] = [];
  if (opts.hint) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: opts.hint }] });
  blocks.push(
    {
      type: 'input',
      block_id: 'contact',
      label: plainText('Who'),
      hint: plainText('One or more: a dinner or a group call is logged with each of them.'),
      element: {
        type: 'multi_external_select',
        action_id: MENUS.contactPicker,
        min_query_length: 0,
        max_selected_items: MAX_PEOPLE_PER_TOUCH,
        placeholder: plainText('Type a name'),
        ...(opts.contact ? { initial_options: [contactOption(opts.contact)] } : {}),
      },
    },
    ...touchDetailInputs(
      {
        kind: opts.kind ?? 'call',
        intent: opts.intent ?? 'catch_up',
        touchedOn: opts.touchedOn ?? opts.today,
        askWhat: null,
        note: opts.note ?? null,
      },
      'For an ask, a few words. It stays pending until you mark it granted, declined or withdrawn.',
    ),
    {
      type: 'input',
      block_id: 'note_to_wants',
      optional: true,
      label: plainText('Wants and needs'),
      element: {
        type: 'checkboxes',
        action_id: 'note_to_wants',
        options: [{ text: plainText('Add this note to their wants and needs'), value: 'yes' }],
      },
    },
  );
  return {
    type: 'modal',
    callback_id: MODALS.logTouch.callbackId,
    ...(opts.privateMetadata ? { private_metadata: opts.privateMetadata } : {}),
    title: plainText('Log a touch'),
    submit: plainText('Log it'),
    close: plainText('Cancel'),
    blocks,
  };
}
