import type { types } from '@slack/bolt';
import type { Contact } from '../../usecases/contacts';
import type { Erased } from '../../usecases/erase';
import { MODALS } from '../registry/modals';
import { type Message, textMessage, whoMrkdwn } from './messages';
import { mrkdwn, plainText } from './text';

/** The word the member types to confirm erasing everything: trimmed, any case. */
export const ERASE_WORD = 'delete';
/** The block_id and action_id of the field it is typed in. */
export const ERASE_FIELD = 'erase_word';

export const ERASE_REFUSED = 'Type the word delete to confirm, or close this form to keep your data.';

/** `/touchbase delete my data`: what goes, that it cannot be undone, and the word to type. */
export function eraseModal(): types.ModalView {
  return {
    type: 'modal',
    callback_id: MODALS.eraseData.callbackId,
    private_metadata: MODALS.eraseData.metadata.encode({}),
    title: plainText('Delete my data'),
    submit: plainText('Delete everything'),
    close: plainText('Keep my data'),
    blocks: [
      {
        type: 'section',
        text: mrkdwn(
          'This deletes everything touchbase keeps about you: all your contacts and their notes, every touch, ask, introduction, transition and trip, your reminders (a digest not yet sent will not come) and your settings.',
        ),
      },
      {
        type: 'section',
        text: mrkdwn(
          '*It cannot be undone.* Want a copy first? Close this and run `/touchbase export`. Messages touchbase already sent you stay in Slack; delete them there if you like.',
        ),
      },
      {
        type: 'input',
        block_id: ERASE_FIELD,
        label: plainText(`Type "${ERASE_WORD}" to confirm`),
        element: {
          type: 'plain_text_input',
          action_id: ERASE_FIELD,
          max_length: 20,
          placeholder: plainText(ERASE_WORD),
        },
      },
    ],
  };
}

/** `/touchbase delete` with anything but "my data": how to erase everything, and how to delete one contact. */
export function eraseUsageMessage(): Message {
  return textMessage(
    'To delete everything touchbase keeps about you, type `/touchbase delete my data` (it asks first). To delete one contact for good, open them with `/touchbase show <name>` and press *Delete contact*.',
  );
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The DM once everything is erased. */
export function erasedMessage(erased: Erased): Message {
  return textMessage(
    `:wastebasket: Your touchbase data is deleted: ${count(erased.contacts, 'contact')}, ${count(erased.touches, 'touch', 'touches')}, and with them every ask, introduction, transition, trip, reminder and setting. ` +
      'Nothing of it is kept. If you use touchbase again, you start afresh.',
  );
}

/** The DM when the erase failed: one transaction, so nothing was deleted. */
export function eraseFailedMessage(): Message {
  return textMessage(
    "I couldn't delete your data just now, so nothing was deleted. Please try `/touchbase delete my data` again in a moment.",
  );
}

/** The answer to **Delete contact** on a contact's card: "Dana Lee and their 12 touches are deleted for good." */
export function contactDeletedMessage(deleted: {
  contact: Pick<Contact, 'name' | 'company' | 'city'>;
  touches: number;
}): Message {
  const who = whoMrkdwn(deleted.contact);
  return textMessage(
    deleted.touches === 0
      ? `:wastebasket: ${who} is deleted for good.`
      : `:wastebasket: ${who} and ${deleted.touches === 1 ? 'the one touch with them are' : `their ${count(deleted.touches, 'touch', 'touches')} are`} deleted for good.`,
  );
}
