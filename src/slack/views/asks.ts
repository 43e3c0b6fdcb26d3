import type { types } from '@slack/bolt';
import type { LocalDate } from '../../domain/dates';
import { ACTION } from '../ids';
import { plainText } from './text';

/** Buttons to settle a pending ask; `digestOf` (the digest's day) lets the digest message update in place. */
export function askButtons(askId: number, digestOf?: LocalDate): types.Button[] {
  const value = JSON.stringify(digestOf ? { a: askId, d: digestOf } : { a: askId });
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
