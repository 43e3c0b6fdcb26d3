import type { types } from '@slack/bolt';
import { describeRelative, type LocalDate } from '../../domain/dates';
import { INTRO_KIND_LABELS, INTRO_OUTCOME_LABELS, introFollowUpOn } from '../../domain/intros';
import { truncate } from '../../domain/limits';
import type { Introduction } from '../../usecases/introductions';
import { ACTIONS } from '../registry/actions';
import { introOutcomeButtons } from './digest';
import { type Message, nextCheckIn, textMessage, withUndo } from './messages';
import { esc, mrkdwn, slackDate } from './text';

export const INTROS_SHOWN = 20;

/** The confirmation of an introduction, with **Undo** (which takes it and its gives back). */
export function introLoggedMessage(intro: Introduction, touchIds: number[]): Message {
  const gives = intro.toContactId ? 'a give with each of them' : `a give with *${esc(intro.fromName)}*`;
  const kind = intro.kind === 'other' ? '' : ` (${INTRO_KIND_LABELS[intro.kind].toLowerCase()})`;
  const message = textMessage(
    `Logged your introduction of *${esc(intro.fromName)}* to *${esc(intro.toName)}*${kind}: ${gives}. I'll ask how it went on ${slackDate(introFollowUpOn(intro.introducedOn))}.`,
  );
  return withUndo(message, ACTIONS.undoIntro.ref({ i: intro.id, t: touchIds }));
}

/** What an undone introduction leaves: each side's next check-in, from the touches that remain. */
export function introUndoneMessage(
  intro: Introduction,
  removed: { contact: { name: string; nextDueOn: LocalDate | null } }[],
  today: LocalDate,
): Message {
  const next = removed.map(
    ({ contact }) =>
      `${esc(contact.name)}: ${contact.nextDueOn ? `next check-in ${nextCheckIn(contact.nextDueOn, today)}` : 'no reminders'}`,
  );
  return textMessage(
    `:wastebasket: Undone: your introduction of *${esc(intro.fromName)}* to *${esc(intro.toName)}* and its gives are deleted. ${next.join('; ')}.`,
  );
}

/** `/touchbase intros`: recent introductions, newest first, with their outcomes. */
export function introsMessage(intros: Introduction[], today: LocalDate): Message {
  if (intros.length === 0) {
    return textMessage(
      'No introductions logged yet. Log one with `/touchbase intro`: it counts as a give for both sides.',
    );
  }
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: mrkdwn(`*Your recent introductions* (${intros.length})`) },
  ];
  for (const i of intros.slice(0, INTROS_SHOWN)) {
    const outcome = i.outcome ? INTRO_OUTCOME_LABELS[i.outcome] : 'No outcome yet';
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `*${esc(i.fromName)}* → *${esc(i.toName)}* · ${INTRO_KIND_LABELS[i.kind]} · ${describeRelative(i.introducedOn, today)}\n${outcome}${i.why ? ` · ${esc(truncate(i.why, 200))}` : ''}`,
      ),
    });
    if (!i.outcome || i.outcome === 'no_response') {
      blocks.push({ type: 'actions', block_id: `intro_${i.id}`, elements: introOutcomeButtons(i.id) });
    }
  }
  return { text: `Your recent introductions (${intros.length})`, blocks };
}
