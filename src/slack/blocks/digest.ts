import type { types } from '@slack/bolt';
import { CADENCE_LABELS, CADENCE_PHRASES } from '../../domain/cadence';
import { dateTitle } from '../../domain/contact-dates';
import type { LocalDate } from '../../domain/dates';
import {
  type CallItem,
  type DateItem,
  type DigestItem,
  type DueItem,
  dateItemText,
  datesIn,
  dueReason,
  followUpText,
  introFollowUpText,
  itemAsks,
  type ReminderItem,
  SNOOZE_CHOICES,
  SNOOZE_LABELS,
  type TripItem,
  type WaitingAsk,
  waitingAskText,
} from '../../domain/digest';
import { fatigueChoiceText, fatigueQuestionText, longerCadences } from '../../domain/fatigue';
import { INTRO_OUTCOME_LABELS, INTRO_OUTCOMES } from '../../domain/intros';
import { truncate } from '../../domain/limits';
import { weekday } from '../../domain/scheduled-calls';
import { ACTIONS } from '../registry/actions';
import { askButtons } from './asks';
import type { Message } from './messages';
import { esc, mrkdwn, plainText, sentence, slackDate } from './text';
import { tripTitle } from './trips';

export interface DigestView {
  /** The digest's day, which names it (with the member) in its buttons. */
  localDate: LocalDate;
  items: DigestItem[];
  moreCount: number;
  /** More than `moreCount` remain (the count stopped at its cap). */
  moreAtLeast?: boolean;
}

const RESOLVED_LABELS = { granted: 'granted', declined: 'declined', withdrawn: 'withdrawn' } as const;

function outcomeText(item: DigestItem): string | null {
  const o = item.outcome;
  if (!o) return null;
  if (o.action === 'logged') {
    return item.kind === 'trip'
      ? ':white_check_mark: Logged whom you met.'
      : `:white_check_mark: Logged a touch (${slackDate(o.on)}).`;
  }
  if (o.action === 'snoozed') return `:zzz: Snoozed until ${slackDate(o.until)}.`;
  if (o.action === 'didnt_happen') return ":arrows_counterclockwise: Didn't happen: due again.";
  if (o.action === 'scheduled') return `:calendar: Call scheduled: ${esc(o.when)}.`;
  if (o.action === 'skipped')
    return `:fast_forward: Skipped this cycle; next check-in ${slackDate(o.until)}.`;
  if (o.action === 'done') return ':white_check_mark: Done.';
  return `:white_check_mark: ${INTRO_OUTCOME_LABELS[o.outcome]}.`;
}

/** Who an item is about, as its first line. */
function itemTitle(item: DigestItem): string {
  if (item.kind === 'intro_follow_up') return `*${esc(item.fromName)}* and *${esc(item.toName)}*`;
  if (item.kind === 'trip') return tripTitle(item);
  if (item.kind === 'date')
    return `*${esc(item.name)}* · ${esc(dateTitle({ kind: item.dateKind, label: item.label }))}`;
  if (item.kind === 'reminder') return `*${esc(item.name)}*: ${esc(truncate(item.what, 300))}`;
  const company = item.kind === 'due' && item.company ? ` · ${esc(item.company)}` : '';
  return `*${esc(item.name)}*${company}`;
}

/** A plain name for the notification text. */
function itemName(item: DigestItem): string {
  if (item.kind === 'trip') return item.city;
  if (item.kind === 'call') return item.name;
  return item.kind === 'intro_follow_up' ? `${item.fromName} and ${item.toName}` : item.name;
}

/** Outcome buttons for an introduction; the value names the digest so it updates in place. */
export function introOutcomeButtons(introId: number, digestOf?: LocalDate, inHome = false): types.Button[] {
  const action = inHome ? ACTIONS.homeIntroOutcome : ACTIONS.introOutcome;
  return INTRO_OUTCOMES.map((outcome) => ({
    type: 'button' as const,
    ...action.ref(
      digestOf ? { i: introId, o: outcome, d: digestOf } : { i: introId, o: outcome },
      `${outcome}_${introId}`,
    ),
    text: plainText(INTRO_OUTCOME_LABELS[outcome]),
    ...(outcome === 'connected' ? { style: 'primary' as const } : {}),
  }));
}

/** Each waiting ask: the line naming it and its own buttons, or, once settled, what was chosen. */
function askBlocks(today: LocalDate, asks: WaitingAsk[], index: number): types.KnownBlock[] {
  return asks.flatMap((ask): types.KnownBlock[] => {
    const what = esc(truncate(ask.what, 300));
    if (ask.status) {
      return [
        {
          type: 'context',
          elements: [mrkdwn(`~“${what}”~ :white_check_mark: Marked ${RESOLVED_LABELS[ask.status]}.`)],
        },
      ];
    }
    return [
      {
        type: 'section',
        block_id: `digest_item_${index}_ask_note_${ask.askId}`,
        text: mrkdwn(`:hourglass: ${esc(waitingAskText({ ...ask, what: truncate(ask.what, 300) }, today))}`),
      },
      {
        type: 'actions',
        block_id: `digest_item_${index}_ask_${ask.askId}`,
        elements: askButtons(ask.askId, today),
      },
    ];
  });
}

function itemBlocks(today: LocalDate, item: DigestItem, index: number): types.KnownBlock[] {
  const who = itemTitle(item);
  const asks = itemAsks(item);
  const waiting = asks.filter((a) => !a.status);
  const done = outcomeText(item);
  if (done) {
    return [{ type: 'section', text: mrkdwn(`~${who}~\n${done}`) }, ...askBlocks(today, asks, index)];
  }
  if (item.kind === 'ask_follow_up') {
    const title = waiting.length ? `${who}\n${followUpText(waiting)}` : `~${who}~`;
    return [{ type: 'section', text: mrkdwn(title) }, ...askBlocks(today, asks, index)];
  }
  if (item.kind === 'trip') return tripBlocks(item, index, today);
  if (item.kind === 'date') return dateBlocks(item, index, today);
  if (item.kind === 'reminder') return reminderBlocks(item, index, today);
  if (item.kind === 'call') return callBlocks(item, index, today);
  if (item.kind === 'intro_follow_up') {
    return [
      { type: 'section', text: mrkdwn(`:handshake: ${esc(introFollowUpText(item, today))}`) },
      {
        type: 'actions',
        block_id: `digest_item_${index}`,
        elements: introOutcomeButtons(item.introId, today),
      },
    ];
  }
  const ref = { d: today, c: item.contactId };
  const flag = `${item.freshTransition ? ' :arrows_counterclockwise:' : ''}${item.askOnly ? ' :warning:' : ''}`;
  const askLine = waiting.length ? `\n${followUpText(waiting)}` : '';
  const dateLines = (item.dates ?? [])
    .map((d) => `${dateIcon(d)} ${sentence(esc(dateItemText(d, today)))}\n`)
    .join('');
  return [
    {
      type: 'section',
      text: mrkdwn(`${who}${flag}\n${dateLines}${sentence(esc(dueReason(item, today)))}${askLine}`),
    },
    {
      type: 'actions',
      block_id: `digest_item_${index}`,
      elements: [
        {
          type: 'button',
          // On their birthday (or another date), the touch is a message that gives, as the date's own Log it.
          ...(item.dates?.length ? ACTIONS.digestLogDate : ACTIONS.digestLog).ref(ref, index),
          text: plainText('Log it'),
          style: 'primary',
        },
        {
          type: 'overflow',
          action_id: ACTIONS.digestSnooze.actionId(index),
          options: SNOOZE_CHOICES.map((s) => ({
            text: plainText(`Snooze ${SNOOZE_LABELS[s]}`),
            value: ACTIONS.digestSnooze.codec.encode({ ...ref, s }) as string,
          })),
        },
        {
          type: 'button',
          ...ACTIONS.digestSkip.ref(ref, index),
          text: plainText('Skip this cycle'),
        },
        { type: 'button', ...ACTIONS.digestSchedule.ref(ref, index), text: plainText('Schedule') },
        { type: 'button', ...ACTIONS.digestOpen.ref(ref, index), text: plainText('Open') },
      ],
    },
    ...askBlocks(today, asks, index),
    ...fatigueBlocks(today, item, index),
  ];
}

/**
 * The nudge-fatigue question under the item it is about: **Keep <rhythm>**, a "Check in less often"
 * menu of the longer rhythms, and **Archive**; once answered, what the answer did.
 */
function fatigueBlocks(today: LocalDate, item: DueItem, index: number): types.KnownBlock[] {
  const question = item.fatigue;
  if (!question) return [];
  if (question.choice) {
    return [
      {
        type: 'context',
        elements: [mrkdwn(`:white_check_mark: ${fatigueChoiceText(esc(item.name), question.choice)}`)],
      },
    ];
  }
  const ref = { d: today, c: item.contactId };
  const longer = longerCadences(item.cadence);
  const lessOften: types.StaticSelect[] = longer.length
    ? [
        {
          type: 'static_select',
          action_id: ACTIONS.digestFatigue.actionId(`less_often_${index}`),
          placeholder: plainText('Check in less often'),
          options: longer.map((cadence) => ({
            text: plainText(CADENCE_LABELS[cadence]),
            value: ACTIONS.digestFatigue.codec.encode({ ...ref, a: 'less_often', k: cadence }) as string,
          })),
        },
      ]
    : [];
  return [
    {
      type: 'section',
      block_id: `digest_item_${index}_fatigue_note`,
      text: mrkdwn(
        `:thinking_face: ${esc(fatigueQuestionText(truncate(item.name, 200), item.cadence, question.ignoredInARow))}`,
      ),
    },
    {
      type: 'actions',
      block_id: `digest_item_${index}_fatigue`,
      elements: [
        {
          type: 'button',
          ...ACTIONS.digestFatigue.ref({ ...ref, a: 'keep' }, `keep_${index}`),
          text: plainText(`Keep ${CADENCE_PHRASES[item.cadence]}`),
          style: 'primary',
        },
        ...lessOften,
        {
          type: 'button',
          ...ACTIONS.digestFatigue.ref({ ...ref, a: 'archive' }, `archive_${index}`),
          text: plainText('Archive'),
        },
      ],
    },
  ];
}

/** A reminder the member set: what to do, since when if its day has passed, Done and Log it. */
function reminderBlocks(item: ReminderItem, index: number, today: LocalDate): types.KnownBlock[] {
  const since = item.remindOn < today ? ` _(since ${slackDate(item.remindOn)})_` : '';
  const ref = { r: item.reminderId, d: today };
  return [
    {
      type: 'section',
      text: mrkdwn(`:bell: *${esc(item.name)}*: ${esc(truncate(item.what, 300))}${since}`),
    },
    {
      type: 'actions',
      block_id: `digest_item_${index}`,
      elements: [
        { type: 'button', ...ACTIONS.reminderDone.ref(ref, item.reminderId), text: plainText('Done') },
        {
          type: 'button',
          ...ACTIONS.reminderLog.ref(ref, item.reminderId),
          text: plainText('Log it'),
          style: 'primary',
        },
      ],
    },
  ];
}

/** "Did you talk?" the day after a call the member scheduled: Log it, or Didn't happen. */
function callBlocks(item: CallItem, index: number, today: LocalDate): types.KnownBlock[] {
  const ref = { k: item.callId, d: today };
  return [
    { type: 'section', text: mrkdwn(`:telephone_receiver: ${callQuestion(item)}`) },
    {
      type: 'actions',
      block_id: `digest_item_${index}`,
      elements: [
        {
          type: 'button',
          ...ACTIONS.callLog.ref(ref, item.callId),
          text: plainText('Log it'),
          style: 'primary',
        },
        {
          type: 'button',
          ...ACTIONS.callDidntHappen.ref(ref, item.callId),
          text: plainText("Didn't happen"),
        },
      ],
    },
  ];
}

/** "Did you talk with *Dana Lee* on Tue?", the name escaped for mrkdwn. */
function callQuestion(item: CallItem): string {
  return `Did you talk with *${esc(item.name)}* on ${weekday(new Date(item.startsAt), item.timeZone)}?`;
}

function dateIcon(item: DateItem): string {
  return item.dateKind === 'birthday' ? ':birthday:' : ':date:';
}

/** A birthday or another date: the sentence, and **Log it** for the message that marks it (a give). */
function dateBlocks(item: DateItem, index: number, today: LocalDate): types.KnownBlock[] {
  return [
    { type: 'section', text: mrkdwn(`${dateIcon(item)} ${sentence(esc(dateItemText(item, today)))}`) },
    {
      type: 'actions',
      block_id: `digest_item_${index}`,
      elements: [
        {
          type: 'button',
          ...ACTIONS.digestLogDate.ref({ d: today, c: item.contactId }, index),
          text: plainText('Log it'),
          style: 'primary',
        },
      ],
    },
  ];
}

function tripBlocks(item: TripItem, index: number, today: LocalDate): types.KnownBlock[] {
  const names = item.contacts.map((c) => `${esc(c.name)}${c.planned ? ' (planned)' : ''}`);
  if (item.prompt === 'reach_out') {
    const who = names.length
      ? `reach out to ${names.slice(0, 15).join(', ')}${names.length > 15 ? ` and ${names.length - 15} more` : ''}`
      : 'nobody you know is listed there yet';
    return [
      {
        type: 'section',
        text: mrkdwn(`:airplane: Your trip to ${tripTitle(item)} is two weeks away: ${who}.`),
      },
    ];
  }
  return [
    { type: 'section', text: mrkdwn(`:airplane: Back from ${tripTitle(item)}? Whom did you meet?`) },
    {
      type: 'actions',
      block_id: `digest_item_${index}`,
      elements: [
        {
          type: 'button',
          ...ACTIONS.logTripMet.ref({ t: item.tripId, d: today }, item.tripId),
          text: plainText('Log whom I met'),
          style: 'primary',
        },
      ],
    },
  ];
}

/** "One check-in is due today and 2 are overdue.": "due today" only for what falls due today. */
function checkInsHeading(dueToday: number, overdue: number): string {
  const subject = (n: number) => (n === 1 ? 'One check-in is' : `${n} check-ins are`);
  if (dueToday && overdue) {
    return `${subject(dueToday)} due today and ${overdue === 1 ? 'one is' : `${overdue} are`} overdue.`;
  }
  if (dueToday) return `${subject(dueToday)} due today.`;
  return overdue ? `${subject(overdue)} overdue.` : '';
}

/** The morning digest: who is due and why, most urgent first, with what to do about each. */
export function digestMessage(digest: DigestView): Message {
  const count = (kind: DigestItem['kind']) => digest.items.filter((i) => i.kind === kind).length;
  const due = digest.items.filter((i) => i.kind === 'due');
  const dueToday = due.filter((i) => i.nextDueOn >= digest.localDate).length;
  const overdue = due.length - dueToday;
  const asks = digest.items.reduce((n, i) => n + itemAsks(i).length, 0);
  const intros = count('intro_follow_up');
  const trips = count('trip');
  const dates = datesIn(digest.items).length;
  const reminders = count('reminder');
  const calls = count('call');
  const parts = [
    checkInsHeading(dueToday, overdue),
    asks === 1
      ? 'One ask has waited long enough for a follow-up.'
      : asks > 1
        ? `${asks} asks have waited long enough for a follow-up.`
        : '',
    intros === 1
      ? 'One introduction is ready for a "how did it go?".'
      : intros > 1
        ? `${intros} introductions are ready for a "how did it go?".`
        : '',
    trips === 1 ? 'A note about a trip.' : trips > 1 ? `Notes about ${trips} trips.` : '',
    dates === 1 ? 'A date worth remembering.' : dates > 1 ? `${dates} dates worth remembering.` : '',
    reminders === 1 ? 'A reminder you set.' : reminders > 1 ? `${reminders} reminders you set.` : '',
    calls === 1
      ? 'One call you planned to ask about.'
      : calls > 1
        ? `${calls} calls you planned to ask about.`
        : '',
  ];
  const heading = parts.filter(Boolean).join(' ');
  const blocks: types.KnownBlock[] = [{ type: 'section', text: mrkdwn(`:wave: Good morning! ${heading}`) }];
  digest.items.forEach((item, i) => {
    blocks.push({ type: 'divider' }, ...itemBlocks(digest.localDate, item, i));
  });
  const more = digest.moreCount > 0 ? `${digest.moreAtLeast ? 'over ' : ''}${digest.moreCount} more` : '';
  if (more) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`…and ${more}. See them all with \`/touchbase due\`.`)],
    });
  }
  const names = digest.items.map((i) => esc(itemName(i))).join(', ');
  return { text: `${heading} ${names}${more ? ` and ${more}` : ''}.`, blocks };
}
