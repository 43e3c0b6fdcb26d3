import type { types } from '@slack/bolt';
import { formatDate, type LocalDate } from '../../domain/dates';
import { type DigestItem, dueReason, SNOOZE_CHOICES, SNOOZE_LABELS } from '../../domain/digest';
import { ACTION } from '../ids';
import type { Message } from './messages';
import { esc, mrkdwn, plainText } from './text';

export interface DigestView {
  id: number;
  items: DigestItem[];
  moreCount: number;
}

/** A button's claim about which digest item it acts on; always checked against the clicker's own data. */
export interface DigestRef {
  d: number;
  c: number;
}

function outcomeText(item: DigestItem): string | null {
  const o = item.outcome;
  if (!o) return null;
  if (o.action === 'logged') return `:white_check_mark: Logged a touch (${formatDate(o.on)}).`;
  if (o.action === 'snoozed') return `:zzz: Snoozed until ${formatDate(o.until)}.`;
  return `:fast_forward: Skipped this cycle; next check-in ${formatDate(o.until)}.`;
}

function itemBlocks(digestId: number, item: DigestItem, index: number, today: LocalDate): types.KnownBlock[] {
  const who = `*${esc(item.name)}*${item.company ? ` · ${esc(item.company)}` : ''}`;
  const done = outcomeText(item);
  if (done) return [{ type: 'section', text: mrkdwn(`~${who}~\n${done}`) }];
  const ref = (extra: Record<string, string> = {}) =>
    JSON.stringify({ d: digestId, c: item.contactId, ...extra });
  return [
    { type: 'section', text: mrkdwn(`${who}\n${dueReason(item, today)}`) },
    {
      type: 'actions',
      block_id: `digest_item_${index}`,
      elements: [
        {
          type: 'button',
          action_id: `${ACTION.digestLog}_${index}`,
          text: plainText('Log it'),
          style: 'primary',
          value: ref(),
        },
        {
          type: 'overflow',
          action_id: `${ACTION.digestSnooze}_${index}`,
          options: SNOOZE_CHOICES.map((s) => ({
            text: plainText(`Snooze ${SNOOZE_LABELS[s]}`),
            value: ref({ s }),
          })),
        },
        {
          type: 'button',
          action_id: `${ACTION.digestSkip}_${index}`,
          text: plainText('Skip this cycle'),
          value: ref(),
        },
        { type: 'button', action_id: `${ACTION.digestOpen}_${index}`, text: plainText('Open'), value: ref() },
      ],
    },
  ];
}

/** The morning digest: who is due and why, most urgent first, with what to do about each. */
export function digestMessage(digest: DigestView, today: LocalDate): Message {
  const total = digest.items.length + digest.moreCount;
  const heading = total === 1 ? 'One check-in is due today.' : `${total} check-ins are due today.`;
  const blocks: types.KnownBlock[] = [{ type: 'section', text: mrkdwn(`:wave: Good morning! ${heading}`) }];
  digest.items.forEach((item, i) => {
    blocks.push({ type: 'divider' }, ...itemBlocks(digest.id, item, i, today));
  });
  if (digest.moreCount > 0) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`…and ${digest.moreCount} more. See them all with \`/touchbase due\`.`)],
    });
  }
  const names = digest.items.map((i) => i.name).join(', ');
  return { text: `${heading} ${names}${digest.moreCount ? ` and ${digest.moreCount} more` : ''}.`, blocks };
}
