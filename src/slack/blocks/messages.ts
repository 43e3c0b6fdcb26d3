import type { types } from '@slack/bolt';
import { type AskWarning, describeWarnings } from '../../domain/asks';
import { isMoved, movedNote } from '../../domain/budget';
import { CADENCE_LABELS, CADENCE_PHRASES } from '../../domain/cadence';
import { type ContactDate, dateHeading, describeYearlyDate } from '../../domain/contact-dates';
import { describeRelative, describeSpan, formatDate, type LocalDate } from '../../domain/dates';
import { truncate } from '../../domain/limits';
import { type Balance, INTENT_SHORT, KIND_LABELS, KIND_PHRASES } from '../../domain/touches';
import { inTransitionWindow, jobChange, TRANSITION_PHRASES } from '../../domain/transitions';
import { type Ask, type Contact, LIST_PAGE_SIZE } from '../../usecases/contacts';
import type { Touch } from '../../usecases/touches';
import { ACTIONS } from '../registry/actions';
import { askBlockId, askButtons, askNoteBlockId } from './asks';
import { esc, escCode, fallbackText, mrkdwn, plainText, slackDate, withDateFallbacks } from './text';

export interface Message {
  text: string;
  blocks: types.KnownBlock[];
}

export function textMessage(text: string): Message {
  return { text: withDateFallbacks(text), blocks: [{ type: 'section', text: mrkdwn(text) }] };
}

/** The message with an **Undo** button beside its first section. */
export function withUndo(message: Message, undo: { action_id: string; value?: string }): Message {
  const [first, ...rest] = message.blocks;
  if (first?.type !== 'section') return message;
  return {
    ...message,
    blocks: [{ ...first, accessory: { type: 'button', ...undo, text: plainText('Undo') } }, ...rest],
  };
}

/** The same polite answer for an id that does not exist and one that is someone else's. */
export function notYoursMessage(): Message {
  return textMessage("That contact isn't in your network (it may have been removed). Nothing was changed.");
}

/** What follows a subcommand is too long: for `what`, a name unless the subcommand takes more. */
export function tooLongMessage(max: number, what = 'any name I keep'): Message {
  return textMessage(`That is longer than ${what} (${max} characters at most). Nothing was changed.`);
}

export function alreadyArchivedMessage(c: Pick<Contact, 'name'>): Message {
  return textMessage(`*${esc(c.name)}* is already archived. \`/touchbase restore\` brings them back.`);
}

/** A button from a message touchbase no longer makes (an old message, after an update). */
export function staleButtonMessage(): Message {
  return textMessage(
    'That button is from an older message and does nothing any more, so nothing was changed. `/touchbase help` lists what you can do now.',
  );
}

/** "due in 2 weeks", "overdue by 3 days", "no reminders". */
export function describeDue(c: Pick<Contact, 'nextDueOn'>, today: LocalDate): string {
  if (!c.nextDueOn) return 'no reminders';
  if (c.nextDueOn === today) return 'due today';
  if (c.nextDueOn < today) return `overdue by ${describeSpan(c.nextDueOn, today)}`;
  return `due ${describeRelative(c.nextDueOn, today)}`;
}

/** The next check-in in a confirmation: a day to come, or "due now", never a day gone by. */
export function nextCheckIn(nextDueOn: LocalDate, today: LocalDate): string {
  return nextDueOn <= today ? 'due now' : slackDate(nextDueOn);
}

/** "due in 2 weeks (Mar 16, 2026)", "due today", "overdue since Dec 1, 2025". */
function dueWithDate(nextDueOn: LocalDate, today: LocalDate): string {
  if (nextDueOn < today) return `overdue since ${slackDate(nextDueOn)}`;
  return nextDueOn === today
    ? 'due today'
    : `due ${describeRelative(nextDueOn, today)} (${slackDate(nextDueOn)})`;
}

/** " · next check-in moved to the week of 16 Mar to keep to your 5 a week" when the budget moved it. */
function movedMark(
  c: Pick<Contact, 'nextDueOn' | 'leveledTo'>,
  weeklyBudget: number | null | undefined,
  before = ' · ',
): string {
  return weeklyBudget && c.nextDueOn && isMoved(c) ? `${before}${movedNote(c.nextDueOn, weeklyBudget)}` : '';
}

export function describeLastTouch(lastTouchOn: LocalDate | null, today: LocalDate): string {
  return lastTouchOn ? `last touch ${describeRelative(lastTouchOn, today)}` : 'no touch logged yet';
}

function contactTitle(c: Pick<Contact, 'name' | 'company' | 'role'>): string {
  const where = [c.role, c.company].filter(Boolean).join(', ');
  return `*${esc(c.name)}*${where ? ` · ${esc(where)}` : ''}`;
}

/** The name with company and city, so two people of one name can be told apart: "Ada Lovelace (Acme, London)". Plain text. */
export function whoPlain(c: Pick<Contact, 'name' | 'company' | 'city'>): string {
  const where = [c.company, c.city].filter(Boolean).join(', ');
  return where ? `${c.name} (${where})` : c.name;
}

/** whoPlain for mrkdwn: the name in bold, everything escaped. */
export function whoMrkdwn(c: Pick<Contact, 'name' | 'company' | 'city'>): string {
  const where = [c.company, c.city].filter(Boolean).join(', ');
  return `*${esc(c.name)}*${where ? ` (${esc(where)})` : ''}`;
}

/**
 * "🔄 lost their job, 3 days ago", or "🔄 now CTO at Globex (was Engineer at Acme), 3 days ago",
 * while a transition is recent (its 90 days), else nothing.
 */
export function transitionMark(
  c: Pick<
    Contact,
    'transitionKind' | 'transitionOn' | 'company' | 'role' | 'previousCompany' | 'previousRole'
  >,
  today: LocalDate,
): string {
  if (!c.transitionKind || !c.transitionOn || !inTransitionWindow(c.transitionOn, today)) return '';
  const what = jobChange({ ...c, kind: c.transitionKind }) ?? TRANSITION_PHRASES[c.transitionKind];
  return ` · :arrows_counterclockwise: ${esc(what)}, ${describeRelative(c.transitionOn, today)}`;
}

/** One page of the member's contacts: at most 20 sections plus header and paging, well under 50 blocks. */
export function contactListMessage(opts: {
  contacts: Contact[];
  total: number;
  /** More than `total` match (a search counts only as far as paging needs). */
  more?: boolean;
  page: number;
  search: string;
  today: LocalDate;
  balances?: Map<number, { gives: number; asks: number }>;
  weeklyBudget?: number | null;
}): Message {
  const { contacts, total, page, search, today } = opts;
  const counted = `${opts.more ? 'more than ' : ''}${total.toLocaleString('en-US')}`;
  if (total === 0) {
    return textMessage(
      search
        ? `No contacts match “${esc(search)}”. Try \`/touchbase list\` for everyone.`
        : 'Your network is empty so far. Add someone with `/touchbase add <name>`.',
    );
  }
  const pages = Math.ceil(total / LIST_PAGE_SIZE) + (opts.more ? 1 : 0);
  const first = page * LIST_PAGE_SIZE + 1;
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwn(
        `${search ? `Contacts matching “${esc(truncate(search, 100))}”` : 'Your contacts'}, most overdue first ` +
          `(${first}–${first + contacts.length - 1} of ${counted})`,
      ),
    },
    { type: 'divider' },
  ];
  for (const c of contacts) {
    const b = opts.balances?.get(c.id);
    const balance = b
      ? ` · ${b.gives} give${b.gives === 1 ? '' : 's'}, ${b.asks} ask${b.asks === 1 ? '' : 's'} in 12 months`
      : '';
    // "No reminders" is the cadence already: saying it again as the due date reads as a slip.
    const due = c.cadence === 'none' && !c.nextDueOn ? '' : ` · ${describeDue(c, today)}`;
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `${contactTitle(c)}\n${CADENCE_LABELS[c.cadence]} · ${describeLastTouch(c.lastTouchOn, today)}${due}${movedMark(c, opts.weeklyBudget)}${balance}${transitionMark(c, today)}`,
      ),
      accessory: {
        type: 'button',
        ...ACTIONS.showContact.ref(c.id, c.id),
        text: plainText('Show'),
      },
    });
  }
  if (pages > 1) {
    const elements: types.Button[] = [];
    if (page > 0) elements.push(pageButton('Previous', search, page - 1));
    if (page < pages - 1) elements.push(pageButton('Next', search, page + 1));
    blocks.push({ type: 'actions', block_id: 'list_pages', elements });
  }
  return {
    text: search
      ? `Contacts matching “${esc(truncate(search, 100))}” (${counted})`
      : `Your contacts (${counted})`,
    blocks,
  };
}

function pageButton(label: string, search: string, page: number): types.Button {
  return {
    type: 'button',
    ...ACTIONS.listPage.ref({ q: truncate(search, 500), p: page }, label.toLowerCase()),
    text: plainText(label),
  };
}

/** One contact: details, recent touches and the 12-month balance, with what to do next. */
export function contactCardMessage(opts: {
  contact: Contact;
  recent: Touch[];
  balance: Balance;
  today: LocalDate;
  pendingAsks?: Pick<Ask, 'id' | 'what' | 'askedOn'>[];
  askOnly?: boolean;
  /** Calls scheduled with them and still to come. */
  plannedCalls?: { title: string; when: string }[];
  /** Their birthday and other dates, each with its next occurrence, soonest first. */
  dates?: (ContactDate & { occurs: LocalDate })[];
  /** What the member just did to this contact (mrkdwn, escaped), shown above the card. */
  notice?: string;
  weeklyBudget?: number | null;
}): Message {
  const { contact: c, recent, balance, today } = opts;
  const fields = [
    c.company && `*Company*\n${esc(c.company)}`,
    c.role && `*Role*\n${esc(c.role)}`,
    c.city && `*City*\n${esc(c.city)}`,
    c.slackUserId && `*On Slack*\n<@${c.slackUserId}>`,
    `*Check in*\n${CADENCE_LABELS[c.cadence]}`,
    `*Next*\n${c.nextDueOn ? dueWithDate(c.nextDueOn, today) : 'no reminders'}${movedMark(c, opts.weeklyBudget, '\n')}`,
  ].filter((f): f is string => Boolean(f));
  const blocks: types.KnownBlock[] = [
    ...(opts.notice
      ? [{ type: 'section' as const, text: mrkdwn(opts.notice) }, { type: 'divider' as const }]
      : []),
    {
      type: 'section',
      text: mrkdwn(`${contactTitle(c)}${c.archived ? ' _(archived)_' : ''}${transitionMark(c, today)}`),
    },
    { type: 'section', fields: fields.map((f) => mrkdwn(truncate(f, 2000))) },
  ];
  if (c.howMet)
    blocks.push({ type: 'section', text: mrkdwn(`*How you know them*\n${esc(truncate(c.howMet, 2900))}`) });
  if (c.wantsNeeds)
    blocks.push({ type: 'section', text: mrkdwn(`*Wants and needs*\n${esc(truncate(c.wantsNeeds, 2900))}`) });
  if (opts.dates?.length) {
    const line = (d: ContactDate & { occurs: LocalDate }) =>
      `${d.kind === 'birthday' ? ':birthday:' : ':date:'} ${esc(dateHeading(d))}: ${describeYearlyDate(d)} · next ${slackDate(d.occurs)} (${describeRelative(d.occurs, today)})`;
    blocks.push({ type: 'section', text: mrkdwn(`*Dates*\n${opts.dates.map(line).join('\n')}`) });
  }
  blocks.push({
    type: 'context',
    elements: [
      mrkdwn(
        `Last 12 months: ${balance.gives} give${balance.gives === 1 ? '' : 's'} · ${balance.asks} ask${balance.asks === 1 ? '' : 's'} · ${balance.catchUps} catch-up${balance.catchUps === 1 ? '' : 's'}`,
      ),
    ],
  });
  for (const call of opts.plannedCalls ?? []) {
    blocks.push({
      type: 'context',
      elements: [
        mrkdwn(`:telephone_receiver: Call planned: *${esc(truncate(call.title, 200))}*, ${esc(call.when)}`),
      ],
    });
  }
  if (opts.askOnly) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        ':warning: Your recent touches with them were all asks. Give something next: share something useful, make an introduction, or just check in.',
      ),
    });
  }
  const pending = opts.pendingAsks ?? [];
  for (const ask of pending.slice(0, MAX_ASKS_SHOWN)) {
    blocks.push(
      {
        type: 'section',
        text: mrkdwn(
          `:hourglass: Pending ask: “${esc(truncate(ask.what, 300))}” (${describeRelative(ask.askedOn, today)})`,
        ),
      },
      { type: 'actions', block_id: askBlockId(ask.id), elements: askButtons(ask.id) },
    );
  }
  const touchLine = (t: Touch) =>
    `• ${slackDate(t.touchedOn)} · ${KIND_LABELS[t.kind]} · ${INTENT_SHORT[t.intent]}${t.note ? ` · ${esc(truncate(t.note, 200))}` : ''}`;
  if (!recent.length) {
    blocks.push({ type: 'section', text: mrkdwn('*Recent touches*\nNone logged yet.') });
  } else if (c.archived) {
    blocks.push({ type: 'section', text: mrkdwn(`*Recent touches*\n${recent.map(touchLine).join('\n')}`) });
  } else {
    // Each touch with its own Edit and Delete, so a mistake is put right where it shows.
    blocks.push({ type: 'section', text: mrkdwn('*Recent touches*') });
    for (const t of recent) {
      blocks.push(
        { type: 'section', text: mrkdwn(touchLine(t)) },
        { type: 'actions', block_id: `touch_${t.id}`, elements: touchButtons(c, t) },
      );
    }
  }
  blocks.push({
    type: 'actions',
    block_id: 'contact_actions',
    elements: c.archived
      ? [{ type: 'button', ...ACTIONS.undoArchive.ref(c.id), text: plainText('Restore') }, deleteButton(c)]
      : [
          {
            type: 'button',
            ...ACTIONS.logFromContact.ref(c.id),
            text: plainText('Log a touch'),
            style: 'primary',
          },
          { type: 'button', ...ACTIONS.scheduleFromContact.ref(c.id), text: plainText('Schedule') },
          { type: 'button', ...ACTIONS.editFromContact.ref(c.id), text: plainText('Edit') },
          {
            type: 'button',
            ...ACTIONS.transitionFromContact.ref(c.id),
            text: plainText('Note a transition'),
          },
          { type: 'button', ...ACTIONS.remindFromContact.ref(c.id), text: plainText('Remind me') },
          { type: 'button', ...ACTIONS.archiveFromContact.ref(c.id), text: plainText('Archive') },
          deleteButton(c),
        ],
  });
  return { text: `${esc(c.name)}: ${CADENCE_PHRASES[c.cadence]}, ${describeDue(c, today)}`, blocks };
}

/** **Delete contact**, for good, behind Slack's confirmation dialog naming the contact. */
function deleteButton(c: Pick<Contact, 'id' | 'name' | 'company' | 'city'>): types.Button {
  return {
    type: 'button',
    ...ACTIONS.deleteContact.ref(c.id),
    // Not just "Delete": each touch above has its own.
    text: plainText('Delete contact'),
    style: 'danger',
    confirm: deleteContactConfirm(c),
  };
}

/** What **Delete contact** on a contact's card asks in Slack's confirmation dialog (plain text). */
function deleteContactConfirm(c: Pick<Contact, 'name' | 'company' | 'city'>): types.ConfirmationDialog {
  const warning =
    'This cannot be undone: every touch with them, and their asks, transitions, trip plans and introductions, go too. Archive only stops reminders.';
  const who = truncate(whoPlain(c), 300 - warning.length - ' Delete ?'.length);
  const text = `${warning} Delete ${who}?`;
  return {
    title: plainText('Delete for good?'),
    text: plainText(text),
    confirm: plainText('Delete'),
    deny: plainText('Keep them'),
    style: 'danger',
  };
}

/** Edit, and Delete behind Slack's confirmation dialog, for one touch on a contact's card. */
function touchButtons(c: Pick<Contact, 'name' | 'company' | 'city'>, t: Touch): types.Button[] {
  return [
    { type: 'button', ...ACTIONS.editTouch.ref(t.id, t.id), text: plainText('Edit') },
    {
      type: 'button',
      ...ACTIONS.deleteTouch.ref(t.id, t.id),
      text: plainText('Delete'),
      confirm: {
        title: plainText('Delete this touch?'),
        text: plainText(
          truncate(
            `${KIND_PHRASES[t.kind][0]?.toUpperCase()}${KIND_PHRASES[t.kind].slice(1)} with ${whoPlain(c)} on ${formatDate(t.touchedOn)}${t.intent === 'ask' ? ', and the ask it recorded,' : ''} will be deleted. Their next check-in is worked out again from the touches left.`,
            300,
          ),
        ),
        confirm: plainText('Delete'),
        deny: plainText('Keep it'),
        style: 'danger',
      },
    },
  ];
}

/** What a deleted (or, with `undone`, an undone) touch leaves: the contact's next check-in, from the touches that remain. */
export function touchDeletedText(
  c: Pick<Contact, 'name' | 'company' | 'city' | 'nextDueOn'>,
  t: Pick<Touch, 'kind' | 'touchedOn'>,
  today: LocalDate,
  opts: { undone?: boolean } = {},
): string {
  const what = `${KIND_PHRASES[t.kind]} with ${whoMrkdwn(c)} on ${slackDate(t.touchedOn)}.${nextCheckInSentence(c, today)}`;
  return opts.undone ? `:wastebasket: Undone: deleted ${what}` : `:wastebasket: Deleted ${what}`;
}

/** " Next check-in: due now." / " Next check-in: <date>.", or nothing for a contact without reminders. */
function nextCheckInSentence(c: Pick<Contact, 'nextDueOn'>, today: LocalDate): string {
  return c.nextDueOn ? ` Next check-in: ${nextCheckIn(c.nextDueOn, today)}.` : '';
}

/** `/touchbase list archived`: each archived contact with Restore; paged like the list. */
export function archivedListMessage(opts: {
  contacts: Contact[];
  total: number;
  page: number;
  /** What the member just restored (mrkdwn, escaped). */
  notice?: string;
}): Message {
  const { contacts, total, page } = opts;
  const head: types.KnownBlock[] = opts.notice ? [{ type: 'section', text: mrkdwn(opts.notice) }] : [];
  if (total === 0) {
    const none = 'You have no archived contacts. `/touchbase archive <name>` archives one.';
    return {
      text: opts.notice ? `${opts.notice} ${none}` : none,
      blocks: [...head, { type: 'section', text: mrkdwn(none) }],
    };
  }
  const first = page * LIST_PAGE_SIZE + 1;
  const blocks: types.KnownBlock[] = [
    ...head,
    {
      type: 'section',
      text: mrkdwn(
        `Archived contacts, no reminders about them (${first}–${first + contacts.length - 1} of ${total}). *Restore* brings one back.`,
      ),
    },
    { type: 'divider' },
  ];
  for (const c of contacts) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `${contactTitle(c)}${c.city ? ` · ${esc(c.city)}` : ''}\nArchived · ${c.lastTouchOn ? `last touch ${slackDate(c.lastTouchOn)}` : 'no touch logged'}`,
      ),
      accessory: { type: 'button', ...ACTIONS.restoreFromList.ref(c.id, c.id), text: plainText('Restore') },
    });
  }
  const pages = Math.ceil(total / LIST_PAGE_SIZE);
  if (pages > 1) {
    const elements: types.Button[] = [];
    if (page > 0) elements.push(pageButton('Previous', ARCHIVED, page - 1));
    if (page < pages - 1) elements.push(pageButton('Next', ARCHIVED, page + 1));
    blocks.push({ type: 'actions', block_id: 'list_pages', elements });
  }
  return { text: `${opts.notice ? `${opts.notice} ` : ''}Archived contacts (${total})`, blocks };
}

/** `/touchbase list archived`: the word that lists archived contacts instead of searching. */
export const ARCHIVED = 'archived';

export function archiveConfirmMessage(c: Pick<Contact, 'id' | 'name' | 'company' | 'city'>): Message {
  return {
    text: `Archive ${esc(whoPlain(c))}?`,
    blocks: [
      {
        type: 'section',
        text: mrkdwn(
          `Archive ${whoMrkdwn(c)}? You will get no more reminders about them. Their history stays, and \`/touchbase restore\` brings them back.`,
        ),
      },
      {
        type: 'actions',
        block_id: 'archive_confirm',
        elements: [
          {
            type: 'button',
            ...ACTIONS.confirmArchive.ref(c.id),
            text: plainText('Archive'),
            style: 'danger',
          },
          { type: 'button', ...ACTIONS.cancelArchive.ref(c.id), text: plainText('Cancel') },
        ],
      },
    ],
  };
}

export function archivedMessage(c: Pick<Contact, 'id' | 'name' | 'company' | 'city'>): Message {
  return {
    text: `Archived ${esc(whoPlain(c))}.`,
    blocks: [
      {
        type: 'section',
        text: mrkdwn(`Archived ${whoMrkdwn(c)}. No more reminders about them.`),
        accessory: {
          type: 'button',
          ...ACTIONS.undoArchive.ref(c.id),
          text: plainText('Undo'),
        },
      },
    ],
  };
}

export function restoredText(
  c: Pick<Contact, 'name' | 'company' | 'city' | 'nextDueOn'>,
  today: LocalDate,
): string {
  return `Restored ${whoMrkdwn(c)}.${nextCheckInSentence(c, today)}`;
}

export function restoredMessage(
  c: Pick<Contact, 'name' | 'company' | 'city' | 'nextDueOn'>,
  today: LocalDate,
): Message {
  return textMessage(restoredText(c, today));
}

/** Pending asks shown on a contact card; more than this many is unusual and the rest wait. */
const MAX_ASKS_SHOWN = 5;

export type ChoiceVerb = 'show' | 'edit' | 'archive' | 'restore' | 'log' | 'transition';

/** Several contacts fit the name: a button for each, never a guess. */
export function chooseContactMessage(
  query: string,
  verb: ChoiceVerb,
  match: { contacts: Contact[]; more?: boolean },
): Message {
  const candidates = match.contacts;
  const shown = candidates.slice(0, 10);
  const count = match.more ? `More than ${candidates.length}` : `${candidates.length}`;
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwn(`${count} contacts match “${esc(truncate(query, 100))}”. Which one did you mean?`),
    },
  ];
  for (const c of shown) {
    blocks.push({
      type: 'section',
      text: mrkdwn(`${contactTitle(c)}${c.city ? ` · ${esc(c.city)}` : ''}`),
      accessory: {
        type: 'button',
        ...ACTIONS.choose.ref(c.id, `${verb}_${c.id}`),
        text: plainText(verb === 'log' ? 'Log a touch' : verb[0]?.toUpperCase() + verb.slice(1)),
      },
    });
  }
  if (candidates.length > shown.length || match.more) {
    const rest = match.more ? 'others' : `${candidates.length - shown.length} more`;
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`…and ${rest}. Type more of the name to narrow it down.`)],
    });
  }
  return { text: `${count} contacts match “${esc(truncate(query, 100))}”`, blocks };
}

export function noSuchContactMessage(query: string, archived = false): Message {
  return textMessage(
    archived
      ? `No archived contact matches “${esc(truncate(query, 100))}”.`
      : `No contact matches “${esc(truncate(query, 100))}”. Add them with \`/touchbase add ${escCode(truncate(query, 100))}\`, or see everyone with \`/touchbase list\`.`,
  );
}

export function contactSavedMessage(c: Contact, created: boolean, today: LocalDate): Message {
  const due = c.nextDueOn
    ? `first check-in ${c.nextDueOn <= today ? 'due now' : `${describeRelative(c.nextDueOn, today)} (${slackDate(c.nextDueOn)})`}`
    : 'no reminders';
  const text = created
    ? `Added *${esc(c.name)}* to your network: ${CADENCE_PHRASES[c.cadence]}, ${due}.`
    : `Saved *${esc(c.name)}*: ${CADENCE_PHRASES[c.cadence]}${c.nextDueOn ? `, next check-in ${nextCheckIn(c.nextDueOn, today)}` : ', no reminders'}.`;
  return {
    text: fallbackText(text),
    blocks: [
      {
        type: 'section',
        text: mrkdwn(text),
        accessory: {
          type: 'button',
          ...ACTIONS.logFromContact.ref(c.id),
          text: plainText('Log a touch'),
        },
      },
    ],
  };
}

/** The confirmation of a logged touch; for an ask, any warnings and buttons to settle it later. */
export function touchLoggedMessage(opts: {
  contact: Pick<Contact, 'name' | 'nextDueOn'>;
  touch: Pick<Touch, 'kind' | 'intent' | 'touchedOn'>;
  today: LocalDate;
  warnings?: AskWarning[];
  askId?: number | null;
  /** The touch just logged: its Undo deletes it while it is still the contact's latest. */
  touchId?: number;
  askWhat?: string | null;
}): Message {
  const { contact, touch, today } = opts;
  const next = contact.nextDueOn ? ` Next check-in: ${nextCheckIn(contact.nextDueOn, today)}.` : '';
  const when = touch.touchedOn === today ? 'today' : `on ${slackDate(touch.touchedOn)}`;
  const logged = `Logged ${KIND_PHRASES[touch.kind]} with *${esc(contact.name)}* (${INTENT_SHORT[touch.intent]}) ${when}.${next}`;
  const warning = esc(describeWarnings(opts.warnings ?? []));
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwn(logged),
      ...(opts.touchId
        ? { accessory: { type: 'button', ...ACTIONS.undoTouch.ref(opts.touchId), text: plainText('Undo') } }
        : {}),
    },
  ];
  if (warning) blocks.push({ type: 'section', text: mrkdwn(`:warning: ${warning}`) });
  if (opts.askId) {
    const what = opts.askWhat ? `“${esc(truncate(opts.askWhat, 300))}”` : 'Your ask';
    blocks.push(
      {
        type: 'context',
        block_id: askNoteBlockId(opts.askId),
        elements: [mrkdwn(`${what} stays pending until you mark how it went:`)],
      },
      { type: 'actions', block_id: askBlockId(opts.askId), elements: askButtons(opts.askId) },
    );
  }
  const text = fallbackText([logged, warning].filter(Boolean).join(' '));
  return { text, blocks };
}

/** After an edit: the touch as it now stands and the next check-in that follows from all of them. */
export function touchEditedMessage(
  c: Pick<Contact, 'name' | 'company' | 'city' | 'nextDueOn'>,
  t: Pick<Touch, 'kind' | 'intent' | 'touchedOn'>,
  today: LocalDate,
): Message {
  const text = `Saved ${KIND_PHRASES[t.kind]} with ${whoMrkdwn(c)} on ${slackDate(t.touchedOn)} (${INTENT_SHORT[t.intent]}).${nextCheckInSentence(c, today)}`;
  return { text: fallbackText(text), blocks: [{ type: 'section', text: mrkdwn(text) }] };
}
