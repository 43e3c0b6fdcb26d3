import type { types } from '@slack/bolt';
import type { TouchDetails } from '../../usecases/touch-edits';
import { MODALS } from '../registry/modals';
import { whoMrkdwn } from './messages';
import { plainText } from './text';
import { touchDetailInputs } from './touch-modal';

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
      ...touchDetailInputs(
        { ...touch, askWhat: ask?.what ?? null },
        'Changing an ask to a give or catch-up removes the ask.',
      ),
    ],
  };
}
