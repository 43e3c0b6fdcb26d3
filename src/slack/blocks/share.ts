import type { types } from '@slack/bolt';
import type { LocalDate } from '../../domain/dates';
import { truncate } from '../../domain/limits';
import type { Contact } from '../../usecases/contacts';
import type { ExcerptPart, ShareMatch } from '../../usecases/shares';
import { ACTIONS } from '../registry/actions';
import { type Message, nextCheckIn, textMessage } from './messages';
import { esc, mrkdwn, plainText, slackDate } from './text';

const EXCERPT_MAX = 500;

export const SHARE_EXAMPLE = '/touchbase share seed-stage fintech investor intro';

/** What a "Mark as shared" button carries: the contact (a claim, checked on click) and what was shared. */
export interface ShareRef {
  c: number;
  w: string;
}

export function shareUsageMessage(): Message {
  return textMessage(`What are you sharing? For example \`${SHARE_EXAMPLE}\`.`);
}

export function noShareMatchMessage(): Message {
  return textMessage("Nobody's wants and needs mention that yet. Add them with `/touchbase edit <name>`.");
}

/** A matching excerpt as a quote, at most EXCERPT_MAX characters, its matching words in bold. */
function quoted(excerpt: ExcerptPart[]): string {
  let room = EXCERPT_MAX;
  const shown: string[] = [];
  for (const part of excerpt) {
    if (room <= 0) break;
    const text = truncate(part.text, room);
    room -= text.length;
    shown.push(part.matched ? `*${esc(text)}*` : esc(text));
  }
  return `> ${shown.join('').trim().replaceAll('\n', '\n> ')}`;
}

function sharedLine(m: ShareMatch, today: LocalDate): string {
  const when = m.sharedOn && m.sharedOn !== today ? ` (${slackDate(m.sharedOn)})` : '';
  return `Shared with *${esc(m.name)}* ✓${when}`;
}

/**
 * The people whose wants and needs fit what the member is sharing, best first: each with the
 * matching words and a **Mark as shared** button, or a ✓ once this very thing was shared with them.
 * At most 10 sections plus a header and two context lines, well under Slack's 50 blocks.
 */
export function shareMatchesMessage(opts: {
  what: string;
  matches: ShareMatch[];
  total: number;
  today: LocalDate;
  /** The give just logged from a Mark as shared click, confirmed at the top. */
  logged?: Pick<Contact, 'name' | 'nextDueOn'>;
}): Message {
  const { what, matches, total, today, logged } = opts;
  const blocks: types.KnownBlock[] = [];
  if (logged) {
    const next = logged.nextDueOn ? ` Next check-in: ${nextCheckIn(logged.nextDueOn, today)}.` : '';
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`Logged a give with *${esc(logged.name)}* today.${next}`)],
    });
  }
  if (matches.length === 0) {
    return { text: logged ? `Shared with ${esc(logged.name)}` : noShareMatchMessage().text, blocks };
  }
  const people = total === 1 ? '1 person' : `${total} people`;
  blocks.push(
    {
      type: 'section',
      text: mrkdwn(
        `Who could use “${esc(truncate(what, 200))}”: ${people} whose wants and needs mention it, best match first.`,
      ),
    },
    { type: 'divider' },
  );
  for (const m of matches) {
    const title = `*${esc(m.name)}*${m.company ? ` · ${esc(m.company)}` : ''}`;
    const text = `${title}\n${quoted(m.excerpt)}${m.sharedOn ? `\n${sharedLine(m, today)}` : ''}`;
    const ref: ShareRef = { c: m.id, w: what };
    blocks.push({
      type: 'section',
      text: mrkdwn(text),
      ...(m.sharedOn
        ? {}
        : {
            accessory: {
              type: 'button',
              ...ACTIONS.markShared.ref(ref, m.id),
              text: plainText('Mark as shared'),
            },
          }),
    });
  }
  const footer = total > matches.length ? `…and ${total - matches.length} more with weaker matches. ` : '';
  blocks.push({
    type: 'context',
    elements: [mrkdwn(`${footer}*Mark as shared* logs a give with them and resets their clock.`)],
  });
  return { text: `${people} could use “${esc(truncate(what, 200))}”`, blocks };
}
