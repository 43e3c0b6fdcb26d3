import type { types } from '@slack/bolt';
import type { LocalDate } from '../../domain/dates';
import { type DueItem, dueReason } from '../../domain/digest';
import { ACTIONS } from '../registry/actions';
import { type Message, textMessage } from './messages';
import { esc, mrkdwn, plainText, sentence } from './text';

/** A section per item plus a header stays well under a message's 50 blocks. */
export const DUE_PAGE_SIZE = 40;

/**
 * `/touchbase due`: who is due now, most urgent first, each with why: the first DUE_PAGE_SIZE of
 * `total` (all of `items` when it is left out).
 */
export function dueMessage(items: DueItem[], today: LocalDate, total = items.length): Message {
  if (items.length === 0) return textMessage('Nobody is due right now. Enjoy the quiet.');
  const shown = items.slice(0, DUE_PAGE_SIZE);
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: mrkdwn(`*${total} due now*, most urgent first:`) },
    ...shown.map(
      (item): types.KnownBlock => ({
        type: 'section',
        text: mrkdwn(
          `*${esc(item.name)}*${item.company ? ` · ${esc(item.company)}` : ''}\n${sentence(esc(dueReason(item, today)))}`,
        ),
        accessory: {
          type: 'button',
          ...ACTIONS.showContact.ref(item.contactId, item.contactId),
          text: plainText('Show'),
        },
      }),
    ),
  ];
  if (total > shown.length) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`…and ${total - shown.length} more. \`/touchbase list\` pages through everyone.`)],
    });
  }
  return { text: `${total} due now: ${shown.map((i) => esc(i.name)).join(', ')}`, blocks };
}
