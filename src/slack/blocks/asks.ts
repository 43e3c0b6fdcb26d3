import type { types } from '@slack/bolt';
import type { LocalDate } from '../../domain/dates';
import { ACTIONS } from '../registry/actions';
import { mrkdwn, plainText } from './text';

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

/** The block holding an ask's buttons in a message, so a click can find and replace it. */
export function askBlockId(askId: number): string {
  return `ask_${askId}`;
}

/** The line naming the ask just above its buttons, replaced together with them. */
export function askNoteBlockId(askId: number): string {
  return `ask_note_${askId}`;
}

/**
 * The message an ask's button was clicked in, with that ask's buttons (and the line naming it)
 * replaced by `outcome`: what was chosen shows where it was chosen. Null when the message holds
 * no buttons for that ask.
 */
export function withAskSettled(
  blocks: types.KnownBlock[],
  askId: number,
  outcome: string,
): types.KnownBlock[] | null {
  const at = blocks.findIndex((b) => b.block_id === askBlockId(askId));
  if (at < 0) return null;
  const noteBefore = blocks[at - 1]?.block_id === askNoteBlockId(askId);
  const settled: types.ContextBlock = {
    type: 'context',
    block_id: askBlockId(askId),
    elements: [mrkdwn(outcome)],
  };
  return [...blocks.slice(0, noteBefore ? at - 1 : at), settled, ...blocks.slice(at + 1)];
}
