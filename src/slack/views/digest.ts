import type { types } from '@slack/bolt';
import { formatDate, type LocalDate } from '../../domain/dates';
import { type DigestItem, dueReason, followUpText, SNOOZE_CHOICES, SNOOZE_LABELS } from '../../domain/digest';
import { ACTION } from '../ids';
import { askButtons } from './asks';
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

const RESOLVED_LABELS = { granted: 'granted', declined: 'declined', withdrawn: 'withdrawn' } as const;

function outcomeText(item: DigestItem): string | null {
  const o = item.outcome;
  if (!o) return null;
  if (o.action === 'logged') return `:white_check_mark: Logged a touch (${formatDate(o.on)}).`;
  if (o.action === 'snoozed') return `:zzz: Snoozed until ${formatDate(o.until)}.`;
  if (o.action === 'skipped')
    return `:fast_forward: Skipped this cycle; next check-in ${formatDate(o.until)}.`;
  return `:white_check_mark: Marked ${RESOLVED_LABELS[o.status]}.`;
}

function itemBlocks(digestId: number, item: DigestItem, index: number, today: LocalDate): types.KnownBlock[] {
  const company = item.kind === 'due' && item.company ? ` · ${esc(item.company)}` : '';
  const who = `*${esc(item.name)}*${company}`;
  const done = outcomeText(item);
  if (done) return [{ type: 'section', text: mrkdwn(`~${who}~\n${done}`) }];
  if (item.kind === 'ask_follow_up') {
    return [
      { type: 'section', text: mrkdwn(`:hourglass: ${who}\n${esc(followUpText(item, today))}`) },
      { type: 'actions', block_id: `digest_item_${index}`, elements: askButtons(item.askId, digestId) },
    ];
  }
  const ref = (extra: Record<string, string> = {}) =>
    JSON.stringify({ d: digestId, c: item.contactId, ...extra });
  const flag = item.askOnly ? ' :warning:' : '';
  return [
    { type: 'section', text: mrkdwn(`${who}${flag}\n${dueReason(item, today)}`) },
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
  const checkIns = digest.items.filter((i) => i.kind === 'due').length + digest.moreCount;
  const followUps = digest.items.length - digest.items.filter((i) => i.kind === 'due').length;
  const parts = [
    checkIns === 1
      ? 'One check-in is due today.'
      : checkIns > 1
        ? `${checkIns} check-ins are due today.`
        : '',
    followUps === 1
      ? 'One ask has waited long enough for a follow-up.'
      : followUps > 1
        ? `${followUps} asks have waited long enough for a follow-up.`
        : '',
  ];
  const heading = parts.filter(Boolean).join(' ');
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
