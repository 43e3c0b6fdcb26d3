import type { types } from '@slack/bolt';
import type { LocalDate } from '../../domain/dates';
import { ACTIONS } from '../registry/actions';
import { plainText } from './text';

/**
 * Buttons to settle a pending ask; `digestOf` (the digest's day) lets the digest message update in
 * place. In the App Home they are the Home's own (it has no response_url; the refreshed Home answers).
 */
export function askButtons(askId: number, digestOf?: LocalDate, inHome = false): types.Button[] {
  const value = digestOf ? { a: askId, d: digestOf } : { a: askId };
  const [granted, declined, withdrawn] = inHome
    ? [ACTIONS.homeAskGranted, ACTIONS.homeAskDeclined, ACTIONS.homeAskWithdrawn]
    : [ACTIONS.askGranted, ACTIONS.askDeclined, ACTIONS.askWithdrawn];
  return [
    { type: 'button', ...granted.ref(value, askId), text: plainText('Granted'), style: 'primary' },
    { type: 'button', ...declined.ref(value, askId), text: plainText('Declined') },
    { type: 'button', ...withdrawn.ref(value, askId), text: plainText('Withdrawn') },
  ];
}
