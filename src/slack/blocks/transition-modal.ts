import type { types } from '@slack/bolt';
import type { LocalDate } from '../../domain/dates';
import { FIELD_LIMITS } from '../../domain/limits';
import { TRANSITION_KINDS, TRANSITION_LABELS, type TransitionKind } from '../../domain/transitions';
import { MODALS } from '../registry/modals';
import { esc, mrkdwn, plainText } from './text';

/** An optional text field, prefilled with what touchbase knows now. */
function nowField(id: string, label: string, initial: string | null | undefined, max: number, hint?: string) {
  return {
    type: 'input' as const,
    block_id: id,
    optional: true,
    label: plainText(label),
    ...(hint ? { hint: plainText(hint) } : {}),
    element: {
      type: 'plain_text_input' as const,
      action_id: id,
      max_length: max,
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

/**
 * "Note a transition" for one contact: what changed, when, a note, and (for a new job) where they
 * work now and as what, prefilled, so the contact is brought up to date in the same step.
 */
export function transitionModal(opts: {
  contact: { id: number; name: string; company?: string | null; role?: string | null };
  today: LocalDate;
}): types.ModalView {
  const kindOption = (k: TransitionKind) => ({ text: plainText(TRANSITION_LABELS[k]), value: k });
  return {
    type: 'modal',
    callback_id: MODALS.noteTransition.callbackId,
    private_metadata: MODALS.noteTransition.metadata.encode({ contactId: opts.contact.id }),
    title: plainText('Note a transition'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      {
        type: 'section',
        text: mrkdwn(
          `A change in *${esc(opts.contact.name)}*'s life: touchbase suggests a check-in this week and keeps in closer touch (at least monthly) for 90 days.`,
        ),
      },
      {
        type: 'input',
        block_id: 'transition_kind',
        label: plainText('What changed'),
        element: {
          type: 'radio_buttons',
          action_id: 'transition_kind',
          options: TRANSITION_KINDS.map(kindOption),
        },
      },
      {
        type: 'input',
        block_id: 'transition_on',
        label: plainText('When you heard'),
        element: { type: 'datepicker', action_id: 'transition_on', initial_date: opts.today },
      },
      nowField(
        'transition_company',
        'Company now',
        opts.contact.company,
        FIELD_LIMITS.company,
        'For a new job: where they work now. Left as it is, nothing changes.',
      ),
      nowField('transition_role', 'Role now', opts.contact.role, FIELD_LIMITS.role),
      {
        type: 'input',
        block_id: 'transition_note',
        optional: true,
        label: plainText('Note'),
        element: {
          type: 'plain_text_input',
          action_id: 'transition_note',
          multiline: true,
          max_length: FIELD_LIMITS.transitionNote,
        },
      },
    ],
  };
}
