import type { types } from '@slack/bolt';
import { ACTION } from '../ids';
import { plainText } from './text';

/** Buttons to settle a pending ask; `digestId` lets the digest message update in place. */
export function askButtons(askId: number, digestId?: number): types.Button[] {
  const value = JSON.stringify(digestId ? { a: askId, d: digestId } : { a: askId });
  return [
    {
      type: 'button',
      action_id: `${ACTION.askGranted}_${askId}`,
      text: plainText('Granted'),
      style: 'primary',
      value,
    },
    { type: 'button', action_id: `${ACTION.askDeclined}_${askId}`, text: plainText('Declined'), value },
    { type: 'button', action_id: `${ACTION.askWithdrawn}_${askId}`, text: plainText('Withdrawn'), value },
  ];
}
