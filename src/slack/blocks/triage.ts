import type { types } from '@slack/bolt';
import { CADENCE_LABELS } from '../../domain/cadence';
import { describeRelative, type LocalDate, plural } from '../../domain/dates';
import { truncate } from '../../domain/limits';
import {
  isRecentJobChange,
  LAST_TALKED,
  LAST_TALKED_LABELS,
  TRIAGE_BATCH,
  TRIAGE_SORT_LABELS,
  TRIAGE_SORTS,
  type TriageSort,
} from '../../domain/triage';
import type { Contact } from '../../usecases/contacts';
import type { TriageBatch } from '../../usecases/triage';
import { ACTIONS } from '../registry/actions';
import { type Message, nextCheckIn, textMessage } from './messages';
import { esc, fallbackText, mrkdwn, plainText, slackDate } from './text';

/** Shorter than the labels elsewhere, so six buttons fit one row. */
const BUTTON_LABELS: Record<TriageSort, string> = { ...TRIAGE_SORT_LABELS, keep: 'Just keep' };

/** "now VP Engineering at Globex", from where they work as the contact says now. */
export function nowWorking(c: Pick<Contact, 'company' | 'role'>): string {
  if (c.role && c.company) return `now ${esc(c.role)} at ${esc(c.company)}`;
  if (c.company) return `now at ${esc(c.company)}`;
  return c.role ? `now ${esc(c.role)}` : 'started a new job';
}

/** A job line for mrkdwn, "VP Engineering at Globex", or null when neither is known. */
function jobOf(c: Pick<Contact, 'company' | 'role'>): string | null {
  if (c.role && c.company) return `${esc(c.role)} at ${esc(c.company)}`;
  return c.role ? esc(c.role) : c.company ? esc(c.company) : null;
}

/** What became of someone in this batch once sorted. */
function sortedLine(c: Contact, today: LocalDate): string {
  if (c.archived) return ':package: Archived';
  if (c.cadence === 'none') return ':white_check_mark: Kept without reminders';
  const due = c.nextDueOn ? `, next check-in ${nextCheckIn(c.nextDueOn, today)}` : '';
  return `:white_check_mark: ${CADENCE_LABELS[c.cadence]}${due}`;
}

function personText(c: Contact, today: LocalDate): string {
  const job = jobOf(c);
  const title = [`*${esc(c.name)}*`, job, c.city ? esc(c.city) : null].filter(Boolean).join(' · ');
  const facts = [
    c.knownSince ? `connected since ${slackDate(c.knownSince)}` : null,
    c.talkedBeforeOn ? `last talked ${describeRelative(c.talkedBeforeOn, today)}` : null,
  ].filter(Boolean);
  const lines = [title];
  if (facts.length) lines.push(facts.join(' · '));
  if (isRecentJobChange(c, today) && c.transitionOn)
    lines.push(`:arrows_counterclockwise: ${nowWorking(c)} since ${slackDate(c.transitionOn)}`);
  if (!c.unsorted || c.archived) lines.push(sortedLine(c, today));
  return lines.join('\n');
}

function personBlocks(c: Contact, batch: number[], today: LocalDate): types.KnownBlock[] {
  const section: types.SectionBlock = {
    type: 'section',
    block_id: `triage_${c.id}`,
    text: mrkdwn(personText(c, today)),
  };
  if (!c.archived) {
    section.accessory = {
      type: 'overflow',
      action_id: ACTIONS.triageTalked.actionId(c.id),
      options: LAST_TALKED.map((t) => ({
        text: plainText(LAST_TALKED_LABELS[t]),
        value: ACTIONS.triageTalked.codec.encode({ c: c.id, t, b: batch }),
      })),
    };
  }
  if (!c.unsorted || c.archived) return [section];
  return [
    section,
    {
      type: 'actions',
      block_id: `triage_sort_${c.id}`,
      elements: TRIAGE_SORTS.map(
        (s): types.Button => ({
          type: 'button',
          ...ACTIONS.triageSort.ref({ c: c.id, s, b: batch }, `${s}_${c.id}`),
          text: plainText(BUTTON_LABELS[s]),
        }),
      ),
    },
  ];
}

function keepRestButton(remaining: number): types.Button {
  return {
    type: 'button',
    ...ACTIONS.triageKeepRest.ref(null),
    text: plainText('Keep all the rest without reminders'),
    confirm: {
      title: plainText('Keep all the rest?'),
      text: plainText(
        truncate(
          `${plural(remaining, 'contact')} still unsorted will be kept without reminders, and triage ends. ` +
            'You can give anyone a rhythm later with /touchbase edit.',
          300,
        ),
      ),
      confirm: plainText('Keep them all'),
      deny: plainText('Go back'),
    },
  };
}

/**
 * Triage: five unsorted contacts, each with a rhythm to choose (or no reminders, or archive) and
 * when the member last talked with them. Sorted people stay in the message, marked, until the
 * five are done; then it offers the next five.
 */
export function triageMessage(batch: TriageBatch): Message {
  const { people, remaining, today } = batch;
  if (people.length === 0) {
    return textMessage(
      remaining === 0
        ? 'Nothing to triage: every contact has a rhythm or is kept without reminders. `/touchbase list` shows your network.'
        : 'Those contacts are no longer in your network. `/touchbase triage` shows the ones still unsorted.',
    );
  }
  const ids = people.map((c) => c.id);
  const open = people.filter((c) => c.unsorted && !c.archived).length;
  const intro =
    open > 0
      ? `*Triage:* ${plural(remaining, 'unsorted contact')}, most recently connected first. ` +
        'Give each a rhythm, keep them without reminders, or archive them; say when you last talked to count from then.'
      : remaining > 0
        ? `Done with these ${people.length}. ${plural(remaining, 'contact')} still unsorted.`
        : `Done with these ${people.length}: everyone is sorted. \`/touchbase list\` shows your network, most overdue first.`;
  const footer: types.Button[] = [];
  if (open === 0 && remaining > 0)
    footer.push({
      type: 'button',
      ...ACTIONS.triageNext.ref(null),
      text: plainText(`Next ${Math.min(TRIAGE_BATCH, remaining)}`),
      style: 'primary',
    });
  if (remaining > 0) footer.push(keepRestButton(remaining));
  return {
    text: fallbackText(intro),
    blocks: [
      { type: 'section', text: mrkdwn(intro) },
      ...people.flatMap((c) => personBlocks(c, ids, today)),
      ...(footer.length ? [{ type: 'actions' as const, block_id: 'triage_footer', elements: footer }] : []),
    ],
  };
}

/** After "keep all the rest": triage is over. */
export function keptRestMessage(kept: number): Message {
  return textMessage(
    kept === 0
      ? 'Nothing was left to sort, so nothing was changed.'
      : `Kept ${plural(kept, 'contact')} without reminders: triage is done. \`/touchbase edit <name>\` gives anyone a rhythm later.`,
  );
}
