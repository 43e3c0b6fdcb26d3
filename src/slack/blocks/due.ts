import type { types } from '@slack/bolt';
import type { LocalDate } from '../../domain/dates';
import { type DueItem, dueReason } from '../../domain/digest';
import { ACTIONS } from '../registry/actions';
import { type Message, textMessage } from './messages';
import { esc, mrkdwn, plainText, sentence } from './text';

/** A section per item plus a header stays well under a message's 50 blocks. */
export const DUE_PAGE_SIZE = 40;

/** `/touchbase due`: everything due now, most urgent first, each with why. */
export function dueMessage(items: DueItem[], today: LocalDate): Message {
  if (items.length === 0) return textMessage('Nobody is due right now. Enjoy the quiet.');
  const shown = items.slice(0, DUE_PAGE_SIZE);
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: mrkdwn(`*${items.length} due now*, most urgent first:`) },
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
  if (items.length > shown.length) {
    blocks.push({
      type: 'context',
      elements: [
        mrkdwn(`…and ${items.length - shown.length} more. \`/touchbase list\` pages through everyone.`),
      ],
    });
  }
  return { text: `${items.length} due now: ${shown.map((i) => esc(i.name)).join(', ')}`, blocks };
}
