import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ViewOutput } from '@slack/bolt';
import type { DigestItem } from '../../src/domain/digest';
import type { HomeModel } from '../../src/domain/home';
import type { Trip } from '../../src/domain/trips';
import * as asks from '../../src/slack/blocks/asks';
import * as calendar from '../../src/slack/blocks/calendar';
import * as confirmStep from '../../src/slack/blocks/confirm-step';
import * as contactModal from '../../src/slack/blocks/contact-modal';
import * as digest from '../../src/slack/blocks/digest';
import * as due from '../../src/slack/blocks/due';
import * as erase from '../../src/slack/blocks/erase';
import * as exportsBlocks from '../../src/slack/blocks/exports';
import * as groupTouch from '../../src/slack/blocks/group-touch';
import * as help from '../../src/slack/blocks/help';
import * as homeView from '../../src/slack/blocks/home-view';
import * as importMapping from '../../src/slack/blocks/import-mapping';
import * as imports from '../../src/slack/blocks/imports';
import * as introModal from '../../src/slack/blocks/intro-modal';
import * as intros from '../../src/slack/blocks/intros';
import * as messages from '../../src/slack/blocks/messages';
import * as reminders from '../../src/slack/blocks/reminders';
import * as scheduleCall from '../../src/slack/blocks/schedule-call';
import * as settingsModal from '../../src/slack/blocks/settings-modal';
import * as share from '../../src/slack/blocks/share';
import * as text from '../../src/slack/blocks/text';
import * as touchEditModal from '../../src/slack/blocks/touch-edit-modal';
import * as touchModal from '../../src/slack/blocks/touch-modal';
import * as transitionModal from '../../src/slack/blocks/transition-modal';
import * as triage from '../../src/slack/blocks/triage';
import * as trips from '../../src/slack/blocks/trips';
import { SUBCOMMANDS } from '../../src/slack/listeners/commands/subcommands';
import type { Ask, Contact } from '../../src/usecases/contacts';
import type { Introduction } from '../../src/usecases/introductions';
import type { Member } from '../../src/usecases/members';
import type { Reminder } from '../../src/usecases/reminders';
import type { Touch } from '../../src/usecases/touches';

/**
 * Every Block Kit builder in src/slack/blocks, fed a contact (and company, role, city, note,
 * wants, event, organisation…) named to break out of Slack's mrkdwn: a broadcast, a mention, a
 * link and bold. What a member typed must reach Slack as text, in every mrkdwn field and every
 * notification `text`, or one contact's name pings a whole channel.
 */
const EVIL = '<!channel> <@U123> <https://evil|x> & *bold*';
/** What the user strings would inject when left raw. */
const INJECTED = ['<!channel>', '<@U123>', '<https://evil'];
/** What the user strings would format when left raw: their bold ends the app's bold around a name. */
const FORMATTED = '*bold*';
/** A text without its inline code, where Slack applies no marks (a suggested command keeps a typed `*`). */
const outsideCode = (t: string) => t.replace(/`[^`\n]*`/g, '');

const TODAY = '2026-03-02';

const contact: Contact = {
  id: 7,
  name: EVIL,
  company: EVIL,
  role: EVIL,
  city: EVIL,
  slackUserId: 'U0LEGIT',
  cadence: 'monthly',
  howMet: EVIL,
  wantsNeeds: EVIL,
  addedOn: '2025-01-01',
  lastTouchOn: '2026-01-01',
  talkedBeforeOn: null,
  nextDueOn: '2026-02-01',
  snoozedUntil: null,
  leveledTo: '2026-02-01',
  archived: false,
  transitionKind: 'new_job',
  transitionOn: '2026-02-27',
  previousCompany: EVIL,
  previousRole: EVIL,
  unsorted: true,
  knownSince: '2020-01-01',
  email: 'a@example.com',
  profileUrl: 'https://www.linkedin.com/in/x',
};
const touch: Touch = {
  id: 3,
  contactId: 7,
  touchedOn: '2026-02-20',
  kind: 'call',
  intent: 'ask',
  note: EVIL,
};
const ask: Ask = {
  id: 4,
  contactId: 7,
  contactName: EVIL,
  what: EVIL,
  askedOn: '2026-02-01',
  status: 'pending',
  followUpOn: '2026-02-11',
};
const intro: Introduction = {
  id: 5,
  fromContactId: 7,
  fromName: EVIL,
  toContactId: null,
  toName: EVIL,
  kind: 'founder_investor',
  why: EVIL,
  introducedOn: '2026-02-01',
  outcome: null,
  askedAgain: false,
};
const trip: Trip = {
  id: 6,
  city: EVIL,
  event: EVIL,
  startsOn: '2026-03-20',
  endsOn: '2026-03-22',
  contacts: [
    { id: 7, name: EVIL, planned: true },
    { id: 8, name: EVIL, planned: false },
  ],
};
const member: Member = {
  teamId: 'T1',
  userId: 'U1',
  tz: 'Europe/London',
  slackTz: 'Europe/London',
  tzFromSlack: true,
  homeOpened: true,
  digestHour: 9,
  workDays: [1, 2, 3, 4, 5],
  tzOverride: null,
  pausedUntil: '2026-04-01',
  patienceDays: 10,
  weeklyBudget: 5,
};
const balance = { gives: 1, asks: 2, catchUps: 3 };
const person = {
  name: EVIL,
  company: EVIL,
  role: EVIL,
  city: EVIL,
  email: null,
  profileUrl: null,
  connectedOn: '2021-03-01',
  birthday: null,
  note: EVIL,
  line: 3,
  cut: ['note'],
};
const dueItem = {
  kind: 'due' as const,
  key: 'due:7',
  contactId: 7,
  name: EVIL,
  company: EVIL,
  cadence: 'monthly' as const,
  addedOn: '2025-01-01',
  lastTouchOn: '2026-01-01',
  nextDueOn: '2026-02-01',
  askOnly: true,
  giveNext: true,
  freshTransition: { kind: 'new_job' as const, on: '2026-02-27' },
  asks: [{ askId: 4, what: EVIL, askedOn: '2026-02-01' }],
  transition: {
    kind: 'new_job' as const,
    on: '2026-02-27',
    company: EVIL,
    role: EVIL,
    previousCompany: EVIL,
    previousRole: EVIL,
  },
  // Their date of the day rides on their item: one item per person.
  dates: [
    {
      kind: 'date' as const,
      key: 'date:5:2026-03-02',
      dateId: 5,
      contactId: 7,
      name: EVIL,
      dateKind: 'other' as const,
      label: EVIL,
      month: 3,
      day: 2,
      occurs: '2026-03-02',
    },
  ],
};
const digestItems: DigestItem[] = [
  dueItem,
  {
    kind: 'reminder',
    key: 'reminder:9',
    reminderId: 9,
    contactId: 7,
    name: EVIL,
    what: EVIL,
    remindOn: '2026-02-27',
  },
  {
    kind: 'reminder',
    key: 'reminder:10',
    reminderId: 10,
    contactId: 7,
    name: EVIL,
    what: EVIL,
    remindOn: '2026-03-02',
    outcome: { action: 'done', on: '2026-03-02' },
  },
  {
    ...dueItem,
    key: 'due:8',
    contactId: 8,
    freshTransition: undefined,
    outcome: { action: 'snoozed', until: '2026-03-09' },
  },
  // The nudge-fatigue question, asked and answered.
  { ...dueItem, key: 'due:9', contactId: 9, freshTransition: undefined, fatigue: { ignoredInARow: 3 } },
  {
    ...dueItem,
    key: 'due:10',
    contactId: 10,
    freshTransition: undefined,
    fatigue: { ignoredInARow: 4, choice: { answer: 'keep', cadence: 'monthly' } },
  },
  {
    kind: 'ask_follow_up',
    key: 'asks:7',
    contactId: 7,
    name: EVIL,
    asks: [{ askId: 4, what: EVIL, askedOn: '2026-02-01' }],
  },
  {
    kind: 'intro_follow_up',
    key: 'intro:5',
    introId: 5,
    fromName: EVIL,
    toName: EVIL,
    introducedOn: '2026-02-01',
  },
  {
    kind: 'trip',
    key: 'trip:6:reach_out',
    tripId: 6,
    prompt: 'reach_out',
    city: EVIL,
    event: EVIL,
    startsOn: '2026-03-16',
    endsOn: '2026-03-18',
    contacts: [{ name: EVIL, planned: true }],
  },
  {
    kind: 'trip',
    key: 'trip:6:met',
    tripId: 6,
    prompt: 'met',
    city: EVIL,
    event: EVIL,
    startsOn: '2026-02-16',
    endsOn: '2026-02-18',
    contacts: [{ name: EVIL, planned: false }],
  },
  {
    kind: 'call',
    key: 'call:9',
    callId: 9,
    contactId: 7,
    name: EVIL,
    startsAt: '2026-02-27T09:00:00.000Z',
    timeZone: 'Europe/Berlin',
  },
  {
    ...dueItem,
    key: 'due:10',
    contactId: 10,
    freshTransition: undefined,
    outcome: { action: 'scheduled', when: 'Tue 3 Mar, 10:00–10:30 (Europe/Berlin)' },
  },
  {
    kind: 'date',
    key: 'date:8:2026-03-07',
    dateId: 8,
    contactId: 7,
    name: EVIL,
    dateKind: 'other',
    label: EVIL,
    month: 3,
    day: 7,
    occurs: '2026-03-07',
  },
];
const home: HomeModel = {
  networkSize: 3,
  dueNow: { items: [dueItem], more: 2 },
  dueThisWeek: {
    items: [{ contactId: 7, name: EVIL, company: EVIL, nextDueOn: '2026-03-05', moved: true }],
    more: 0,
  },
  dates: {
    items: [
      {
        dateId: 8,
        contactId: 7,
        name: EVIL,
        kind: 'other',
        label: EVIL,
        month: 3,
        day: 7,
        year: null,
        occurs: '2026-03-07',
      },
    ],
    more: 2,
  },
  asks: {
    items: [
      {
        id: 4,
        contactId: 7,
        contactName: EVIL,
        what: EVIL,
        askedOn: '2026-02-01',
        followUpOn: '2026-02-11',
        daysLeft: 0,
      },
    ],
    more: 0,
  },
  intros: {
    items: [{ id: 5, fromName: EVIL, toName: EVIL, introducedOn: '2026-02-01', outcome: 'no_response' }],
    more: 0,
  },
  transitions: {
    items: [
      {
        contactId: 7,
        name: EVIL,
        company: EVIL,
        kind: 'new_job',
        on: '2026-02-27',
        role: EVIL,
        previousCompany: EVIL,
        previousRole: EVIL,
        fresh: true,
      },
      {
        contactId: 8,
        name: EVIL,
        company: EVIL,
        kind: 'moved',
        on: '2026-02-01',
        role: null,
        previousCompany: null,
        previousRole: null,
        fresh: false,
      },
    ],
    more: 0,
  },
  trips: { items: [trip], more: 0 },
  dormant: {
    items: [
      {
        contactId: 7,
        name: EVIL,
        company: EVIL,
        city: EVIL,
        cadence: 'monthly',
        since: '2025-01-01',
        touched: true,
      },
    ],
    more: 0,
  },
  oftenSkipped: { items: [{ contactId: 7, name: EVIL, company: EVIL, timesLetPass: 4 }], more: 2 },
  weekPlan: {
    budget: 5,
    planned: 2,
    done: 1,
    items: [
      { contactId: 7, name: EVIL, company: EVIL, on: '2026-03-02', moved: true },
      { contactId: 8, name: EVIL, company: null, on: '2026-03-06', moved: false },
    ],
    more: 0,
  },
  balance,
  unsorted: {
    count: 4,
    jobChanges: {
      items: [{ id: 7, name: EVIL, company: EVIL, role: EVIL, transitionOn: '2026-02-27' }],
      more: 0,
    },
  },
};

/** A submitted view as Slack returns it: the modal touchbase sent, with an id and state. */
function submitted(view: { blocks: unknown[] }): ViewOutput {
  return { ...view, id: 'V1', state: { values: {} } } as unknown as ViewOutput;
}

/**
 * One way to call each export of src/slack/blocks with user strings in every field. `kind` says what
 * comes back: Block Kit (a message, a view, blocks or options), a mrkdwn fragment, or something that
 * carries no user text (an id, a constant). `shows: false` for a builder that takes no user text at all.
 */
type Fixture = {
  build: () => unknown;
  kind: 'blocks' | 'mrkdwn' | 'plain';
  shows?: boolean;
  /** Slack applies no marks where this text goes (a link's address), so they are kept as typed. */
  marksKept?: true;
  /** `build` returns several outputs, one per branch that carries user text. */
  variants?: true;
};

const FIXTURES: Record<string, Fixture> = {
  'asks.askButtons': { build: () => asks.askButtons(4, TODAY, true), kind: 'blocks', shows: false },
  'asks.askBlockId': { build: () => asks.askBlockId(4), kind: 'plain', shows: false },
  'asks.askNoteBlockId': { build: () => asks.askNoteBlockId(4), kind: 'plain', shows: false },
  'asks.withAskSettled': {
    build: () =>
      asks.withAskSettled(
        messages.contactCardMessage({ contact, recent: [touch], balance, today: TODAY, pendingAsks: [ask] })
          .blocks,
        4,
        'granted',
      ),
    kind: 'blocks',
  },
  'confirmStep.confirmed': {
    build: () =>
      confirmStep.confirmed(
        submitted(contactModal.contactModal({ contact, today: TODAY, privateMetadata: '{}' })),
        STEP,
      ),
    kind: 'plain',
    shows: false,
  },
  'confirmStep.showsStep': {
    build: () =>
      confirmStep.showsStep(
        submitted(contactModal.contactModal({ contact, today: TODAY, privateMetadata: '{}' })),
        STEP,
      ),
    kind: 'plain',
    shows: false,
  },
  'confirmStep.withConfirmStep': {
    build: () =>
      confirmStep.withConfirmStep(
        submitted(contactModal.contactModal({ contact, today: TODAY, privateMetadata: '{}' })),
        STEP,
        {
          notes: [{ type: 'section', text: text.mrkdwn(`You already have ${messages.whoMrkdwn(contact)}.`) }],
        },
      ),
    kind: 'blocks',
  },
  'contactModal.contactModal': {
    build: () =>
      contactModal.contactModal({
        name: EVIL,
        contact,
        dates: [
          { kind: 'birthday', label: 'birthday', month: 4, day: 12, year: 1985 },
          { kind: 'other', label: EVIL, month: 2, day: 29, year: null },
        ],
        today: TODAY,
        privateMetadata: '{}',
      }),
    kind: 'blocks',
  },
  'contactModal.firstContactModal': {
    build: () => contactModal.firstContactModal(EVIL, TODAY),
    kind: 'blocks',
  },
  'digest.introOutcomeButtons': {
    build: () => digest.introOutcomeButtons(5, TODAY),
    kind: 'blocks',
    shows: false,
  },
  'digest.digestMessage': {
    build: () => digest.digestMessage({ localDate: TODAY, items: digestItems, moreCount: 2 }),
    kind: 'blocks',
  },
  'due.dueMessage': { build: () => due.dueMessage([dueItem], TODAY), kind: 'blocks' },
  'groupTouch.groupTouchLoggedMessage': {
    build: () =>
      groupTouch.groupTouchLoggedMessage({
        logged: [
          { contact, touch },
          { contact: { ...contact, nextDueOn: null }, touch: { id: 9 } },
        ],
        touch,
        today: TODAY,
      }),
    kind: 'blocks',
  },
  'groupTouch.groupTouchUndoneMessage': {
    build: () => groupTouch.groupTouchUndoneMessage([{ contact, touch }], TODAY),
    kind: 'blocks',
  },
  'help.helpMessage': { build: () => help.helpMessage(SUBCOMMANDS), kind: 'blocks', shows: false },
  'help.unknownCommandMessage': { build: () => help.unknownCommandMessage(EVIL, 'list'), kind: 'blocks' },
  'homeView.homeView': { build: () => homeView.homeView(home, TODAY), kind: 'blocks' },
  'importMapping.importMappingModal': {
    build: () =>
      importMapping.importMappingModal({
        fileId: 'F123',
        header: [EVIL, 'Company'],
        headerKey: 'k',
        sample: [[EVIL, EVIL]],
        suggested: { name: 0 },
      }),
    kind: 'blocks',
  },
  'imports.importFileModal': { build: () => imports.importFileModal(), kind: 'blocks', shows: false },
  'imports.importStatusModal': {
    build: () => imports.importStatusModal(imports.importRefusedMessage(EVIL)),
    kind: 'blocks',
  },
  'imports.importPreviewMessage': {
    build: () =>
      imports.importPreviewMessage(
        {
          importId: 1,
          format: 'linkedin',
          counts: { fresh: 1, alreadyHere: 1, jobChanges: 1, possibleDuplicates: 1, skipped: 1 },
          fresh: [person],
          jobChanges: [
            {
              contactId: 7,
              name: EVIL,
              was: { company: EVIL, role: EVIL },
              now: { company: EVIL, role: EVIL },
              nextDueOn: '2026-03-09',
              line: 4,
            },
          ],
          possibleDuplicates: [{ line: 5, person, contactId: 7, contactName: EVIL, contactCompany: EVIL }],
          skipped: [{ line: 6, reason: EVIL }],
          cut: [{ line: 3, name: EVIL, fields: ['note'] }],
          cutCount: 1,
        },
        [5],
      ),
    kind: 'blocks',
  },
  'imports.nothingToImportMessage': {
    build: () => imports.nothingToImportMessage(2, [{ line: 6, reason: EVIL }]),
    kind: 'blocks',
  },
  'imports.importBusyMessage': {
    build: () => imports.importBusyMessage(1, 'preview'),
    kind: 'blocks',
    shows: false,
  },
  'imports.importProgressMessage': {
    build: () => imports.importProgressMessage(5, 10),
    kind: 'blocks',
    shows: false,
  },
  'imports.importSummaryMessage': {
    build: () =>
      imports.importSummaryMessage('linkedin', {
        added: 3,
        jobChanges: 1,
        alreadyHere: 2,
        skipped: 1,
        leftOut: 1,
      }),
    kind: 'blocks',
    shows: false,
  },
  'imports.importCancelledMessage': {
    build: () => imports.importCancelledMessage(),
    kind: 'blocks',
    shows: false,
  },
  'imports.importGoneMessage': { build: () => imports.importGoneMessage(), kind: 'blocks', shows: false },
  'imports.importRefusedMessage': { build: () => imports.importRefusedMessage(EVIL), kind: 'blocks' },
  // The link is no member's text, but it is escaped all the same (TOUCHBASE_PUBLIC_URL is an operator's).
  // A URL touchbase made: the address goes into `<…|…>` whole.
  'calendar.calendarLinkMessage': {
    build: () => calendar.calendarLinkMessage(EVIL),
    kind: 'blocks',
    marksKept: true,
  },
  'calendar.calendarLiveMessage': {
    build: () => calendar.calendarLiveMessage(TODAY),
    kind: 'blocks',
    shows: false,
  },
  'calendar.calendarLinkAlreadyMadeMessage': {
    build: () => calendar.calendarLinkAlreadyMadeMessage(),
    kind: 'blocks',
    shows: false,
  },
  'calendar.calendarLinkMadeElsewhereMessage': {
    build: () => calendar.calendarLinkMadeElsewhereMessage(),
    kind: 'blocks',
    shows: false,
  },
  'calendar.calendarUsageMessage': { build: () => calendar.calendarUsageMessage(EVIL), kind: 'blocks' },
  'calendar.calendarTurnedOffMessage': {
    build: () => [calendar.calendarTurnedOffMessage(true), calendar.calendarTurnedOffMessage(false)],
    variants: true,
    kind: 'blocks',
    shows: false,
  },
  'exports.exportPreparingMessage': {
    build: () => exportsBlocks.exportPreparingMessage(),
    kind: 'blocks',
    shows: false,
  },
  'exports.exportProgressMessage': {
    build: () => exportsBlocks.exportProgressMessage(8000, 20000),
    kind: 'blocks',
    shows: false,
  },
  'exports.exportReadyMessage': {
    build: () => exportsBlocks.exportReadyMessage(3),
    kind: 'blocks',
    shows: false,
  },
  'exports.exportBusyMessage': {
    build: () => exportsBlocks.exportBusyMessage(),
    kind: 'blocks',
    shows: false,
  },
  'exports.exportFailedMessage': {
    build: () => exportsBlocks.exportFailedMessage('Please try again in a moment.'),
    kind: 'blocks',
    shows: false,
  },
  'introModal.introModal': {
    build: () => introModal.introModal({ today: TODAY, from: { id: 7, name: EVIL, company: EVIL } }),
    kind: 'blocks',
  },
  'intros.introLoggedMessage': { build: () => intros.introLoggedMessage(intro, [1, 2]), kind: 'blocks' },
  'intros.introUndoneMessage': {
    build: () =>
      intros.introUndoneMessage(intro, [{ contact: { name: EVIL, nextDueOn: '2026-03-09' } }], TODAY),
    kind: 'blocks',
  },
  'intros.introsMessage': {
    build: () =>
      intros.introsMessage([intro, { ...intro, id: 6, toContactId: 8, outcome: 'connected' }], TODAY),
    kind: 'blocks',
  },
  // textMessage and withUndo take mrkdwn their callers composed (and escaped): the builders above test those callers.
  'messages.textMessage': { build: () => messages.textMessage(`*${text.esc(EVIL)}*`), kind: 'blocks' },
  'messages.withUndo': {
    build: () =>
      messages.withUndo(messages.alreadyArchivedMessage(contact), { action_id: 'touch_undo', value: '3' }),
    kind: 'blocks',
  },
  'messages.notYoursMessage': { build: () => messages.notYoursMessage(), kind: 'blocks', shows: false },
  'messages.tooLongMessage': { build: () => messages.tooLongMessage(200), kind: 'blocks', shows: false },
  'messages.alreadyArchivedMessage': {
    build: () => messages.alreadyArchivedMessage(contact),
    kind: 'blocks',
  },
  'messages.staleButtonMessage': { build: () => messages.staleButtonMessage(), kind: 'blocks', shows: false },
  'messages.describeDue': { build: () => messages.describeDue(contact, TODAY), kind: 'mrkdwn', shows: false },
  'messages.nextCheckIn': {
    build: () => messages.nextCheckIn('2026-04-01', TODAY),
    kind: 'mrkdwn',
    shows: false,
  },
  'messages.describeLastTouch': {
    build: () => messages.describeLastTouch('2026-01-01', TODAY),
    kind: 'mrkdwn',
    shows: false,
  },
  'messages.whoPlain': { build: () => messages.whoPlain(contact), kind: 'plain' },
  'messages.whoMrkdwn': { build: () => messages.whoMrkdwn(contact), kind: 'mrkdwn' },
  'messages.transitionMark': { build: () => messages.transitionMark(contact, TODAY), kind: 'mrkdwn' },
  'messages.contactListMessage': {
    build: () =>
      messages.contactListMessage({
        contacts: [contact, { ...contact, id: 8, nextDueOn: null, lastTouchOn: null }],
        total: 45,
        page: 1,
        search: EVIL,
        today: TODAY,
        balances: new Map([[7, { gives: 1, asks: 3 }]]),
      }),
    kind: 'blocks',
  },
  'messages.contactCardMessage': {
    build: () =>
      messages.contactCardMessage({
        contact,
        recent: [touch, { ...touch, id: 4, intent: 'give' }],
        balance,
        today: TODAY,
        pendingAsks: [ask],
        askOnly: true,
        plannedCalls: [{ title: EVIL, when: 'Tue 3 Mar, 10:00–10:30 (Europe/Berlin)' }],
        dates: [
          { kind: 'birthday', label: 'birthday', month: 4, day: 12, year: 1985, occurs: '2026-04-12' },
          { kind: 'other', label: EVIL, month: 3, day: 7, year: null, occurs: '2026-03-07' },
        ],
        notice: `Saved *${text.esc(EVIL)}*.`,
      }),
    kind: 'blocks',
  },
  'messages.touchDeletedText': {
    build: () => messages.touchDeletedText(contact, touch, TODAY, { undone: true }),
    kind: 'mrkdwn',
  },
  'messages.archivedListMessage': {
    build: () =>
      messages.archivedListMessage({
        contacts: [{ ...contact, archived: true }],
        total: 30,
        page: 0,
        notice: 'x',
      }),
    kind: 'blocks',
  },
  'messages.archiveConfirmMessage': { build: () => messages.archiveConfirmMessage(contact), kind: 'blocks' },
  'messages.archivedMessage': { build: () => messages.archivedMessage(contact), kind: 'blocks' },
  'messages.restoredText': { build: () => messages.restoredText(contact, TODAY), kind: 'mrkdwn' },
  'messages.restoredMessage': { build: () => messages.restoredMessage(contact, TODAY), kind: 'blocks' },
  'messages.chooseContactMessage': {
    build: () =>
      messages.chooseContactMessage(EVIL, 'show', { contacts: [contact, { ...contact, id: 8 }], more: true }),
    kind: 'blocks',
  },
  'messages.noSuchContactMessage': { build: () => messages.noSuchContactMessage(EVIL, true), kind: 'blocks' },
  'messages.contactSavedMessage': {
    build: () => messages.contactSavedMessage(contact, true, TODAY),
    kind: 'blocks',
  },
  'messages.touchLoggedMessage': {
    build: () =>
      messages.touchLoggedMessage({
        contact,
        touch,
        today: TODAY,
        warnings: [
          { kind: 'ask_only', asks: 3, of: 3 },
          { kind: 'pending_ask', what: EVIL },
        ],
        askId: 4,
        touchId: 3,
        askWhat: EVIL,
      }),
    kind: 'blocks',
  },
  'messages.touchEditedMessage': {
    build: () => messages.touchEditedMessage(contact, touch, TODAY),
    kind: 'blocks',
  },
  'settingsModal.hourOption': { build: () => settingsModal.hourOption(9), kind: 'blocks', shows: false },
  'settingsModal.zoneOption': {
    build: () => settingsModal.zoneOption('Europe/London'),
    kind: 'blocks',
    shows: false,
  },
  'settingsModal.slackZoneOption': {
    build: () => settingsModal.slackZoneOption('Europe/London'),
    kind: 'blocks',
    shows: false,
  },
  'settingsModal.settingsModal': {
    build: () => settingsModal.settingsModal({ member, today: TODAY }),
    kind: 'blocks',
    shows: false,
  },
  'settingsModal.timeZoneOptions': {
    build: () => settingsModal.timeZoneOptions(EVIL, 'Europe/London', 100),
    kind: 'blocks',
    shows: false,
  },
  'share.shareUsageMessage': { build: () => share.shareUsageMessage(), kind: 'blocks', shows: false },
  'share.noShareMatchMessage': { build: () => share.noShareMatchMessage(), kind: 'blocks', shows: false },
  'share.shareMatchesMessage': {
    variants: true,
    build: () => [
      share.shareMatchesMessage({ what: EVIL, matches: [], total: 0, today: TODAY, logged: contact }),
      share.shareMatchesMessage({
        what: EVIL,
        matches: [
          {
            id: 7,
            name: EVIL,
            company: EVIL,
            excerpt: [
              { text: EVIL, matched: false },
              { text: EVIL, matched: true },
            ],
            sharedOn: '2026-02-01',
          },
        ],
        total: 3,
        today: TODAY,
        logged: contact,
      }),
    ],
    kind: 'blocks',
  },
  'text.esc': { build: () => text.esc(EVIL), kind: 'mrkdwn' },
  'text.escCode': { build: () => `\`${text.escCode(EVIL)}\``, kind: 'mrkdwn' },
  'text.escLink': { build: () => `<${text.escLink(EVIL)}>`, kind: 'mrkdwn', marksKept: true },
  'text.slackDate': { build: () => text.slackDate(TODAY), kind: 'mrkdwn', shows: false },
  'text.fallbackText': { build: () => text.fallbackText(`*${text.esc(EVIL)}*`), kind: 'mrkdwn' },
  'text.withDateFallbacks': { build: () => text.withDateFallbacks(text.esc(EVIL)), kind: 'mrkdwn' },
  'text.plainText': { build: () => text.plainText(EVIL), kind: 'blocks' },
  'text.mrkdwn': { build: () => text.mrkdwn(text.esc(EVIL)), kind: 'blocks' },
  'text.sentence': { build: () => text.sentence(text.esc(EVIL)), kind: 'mrkdwn' },
  'touchEditModal.touchEditModal': {
    build: () => touchEditModal.touchEditModal({ touch, contact, ask }),
    kind: 'blocks',
  },
  'touchModal.contactOption': { build: () => touchModal.contactOption(contact), kind: 'blocks' },
  'touchModal.touchDetailInputs': {
    build: () =>
      touchModal.touchDetailInputs(
        { kind: 'call', intent: 'ask', touchedOn: TODAY, askWhat: EVIL, note: EVIL },
        'What did you ask for?',
      ),
    kind: 'blocks',
  },
  'touchModal.touchModal': {
    build: () =>
      touchModal.touchModal({
        contact,
        today: TODAY,
        hint: `2 of your contacts are linked to <@U0LEGIT>: pick one below.`,
        note: EVIL,
        kind: 'message',
      }),
    kind: 'blocks',
  },
  'transitionModal.transitionModal': {
    build: () => transitionModal.transitionModal({ contact, today: TODAY }),
    kind: 'blocks',
  },
  'triage.nowWorking': { build: () => triage.nowWorking(contact), kind: 'mrkdwn' },
  'triage.triageMessage': {
    build: () =>
      triage.triageMessage({
        people: [contact, { ...contact, id: 8, role: null }],
        remaining: 9,
        today: TODAY,
      }),
    kind: 'blocks',
  },
  'triage.keptRestMessage': { build: () => triage.keptRestMessage(4), kind: 'blocks', shows: false },
  'erase.eraseModal': { build: () => erase.eraseModal(), kind: 'blocks', shows: false },
  'erase.eraseUsageMessage': { build: () => erase.eraseUsageMessage(), kind: 'blocks', shows: false },
  'erase.erasedMessage': {
    build: () => erase.erasedMessage({ contacts: 20_000, touches: 1 }),
    kind: 'blocks',
    shows: false,
  },
  'erase.eraseFailedMessage': { build: () => erase.eraseFailedMessage(), kind: 'blocks', shows: false },
  'erase.contactDeletedMessage': {
    build: () => [0, 1, 12].map((touches) => erase.contactDeletedMessage({ contact, touches })),
    kind: 'blocks',
    variants: true,
  },
  'reminders.reminderModal': {
    build: () => [
      reminders.reminderModal({ contact, day: TODAY, what: EVIL, hint: text.esc(EVIL) }),
      reminders.reminderModal({ contact: null, day: TODAY, what: EVIL }),
    ],
    kind: 'blocks',
    variants: true,
  },
  'reminders.reminderSetMessage': {
    build: () => reminders.reminderSetMessage(reminder),
    kind: 'blocks',
  },
  'reminders.remindersMessage': {
    build: () => [
      reminders.remindersMessage(
        { reminders: [reminder], total: 3 },
        reminders.reminderCancelledText(reminder),
      ),
      reminders.remindersMessage({ reminders: [], total: 0 }, reminders.reminderCancelledText(reminder)),
    ],
    kind: 'blocks',
    variants: true,
  },
  'reminders.reminderCancelledText': {
    build: () => reminders.reminderCancelledText(reminder),
    kind: 'mrkdwn',
  },
  'trips.tripTitle': { build: () => trips.tripTitle(trip), kind: 'mrkdwn' },
  'trips.tripModal': { build: () => trips.tripModal({ city: EVIL, today: TODAY }), kind: 'blocks' },
  'trips.tripPlannedMessage': {
    build: () =>
      trips.tripPlannedMessage(
        trip,
        new Map([
          [7, 'city'],
          [8, 'event'],
        ]),
      ),
    kind: 'blocks',
  },
  'trips.tripsMessage': {
    build: () => trips.tripsMessage([trip, { ...trip, id: 9, event: null }]),
    kind: 'blocks',
  },
  'trips.tripMetModal': { build: () => trips.tripMetModal(trip, TODAY), kind: 'blocks' },
  'scheduleCall.scheduleCallModal': {
    build: () =>
      scheduleCall.scheduleCallModal({ contact, today: TODAY, tz: 'Europe/Berlin', digestOf: TODAY }),
    kind: 'blocks',
  },
  'scheduleCall.inviteMessage': {
    build: () => scheduleCall.inviteMessage(EVIL, 'Tue 3 Mar, 10:00–10:30 (Europe/Berlin)'),
    kind: 'blocks',
  },
  'scheduleCall.inviteFailedMessage': {
    build: () => scheduleCall.inviteFailedMessage(EVIL, 'Tue 3 Mar, 10:00–10:30 (Europe/Berlin)'),
    kind: 'blocks',
  },
};

const reminder: Reminder = {
  id: 9,
  contactId: 7,
  contactName: EVIL,
  remindOn: '2026-03-06',
  what: EVIL,
  done: false,
  cancelled: false,
};

const STEP = { id: 'add_anyway', label: 'Add anyway: this is someone else' };

const MODULES: Record<string, Record<string, unknown>> = {
  asks,
  calendar,
  'confirm-step': confirmStep,
  'contact-modal': contactModal,
  digest,
  due,
  erase,
  exports: exportsBlocks,
  'group-touch': groupTouch,
  help,
  'home-view': homeView,
  'import-mapping': importMapping,
  imports,
  'intro-modal': introModal,
  intros,
  messages,
  'settings-modal': settingsModal,
  'schedule-call': scheduleCall,
  share,
  text,
  'touch-edit-modal': touchEditModal,
  'touch-modal': touchModal,
  'transition-modal': transitionModal,
  reminders,
  triage,
  trips,
};

const camel = (file: string) => file.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

/** The texts Slack renders as mrkdwn: `type: 'mrkdwn'` objects and a message's notification `text`. */
function mrkdwnTexts(value: unknown, top = true): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => mrkdwnTexts(v, false));
  if (!value || typeof value !== 'object') return [];
  const v = value as Record<string, unknown>;
  const own =
    (v.type === 'mrkdwn' || (top && 'blocks' in v && !('type' in v))) && typeof v.text === 'string'
      ? [v.text]
      : [];
  return [
    ...own,
    ...Object.entries(v).flatMap(([k, x]) =>
      k === 'text' && typeof x === 'string' ? [] : mrkdwnTexts(x, false),
    ),
  ];
}

describe('every Block Kit builder escapes what members typed', () => {
  test('the fixtures cover every export of src/slack/blocks, and nothing else', () => {
    const dir = path.resolve(__dirname, '../../src/slack/blocks');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(MODULES).sort()).toEqual(files.sort());
    const functions = Object.entries(MODULES).flatMap(([file, mod]) =>
      Object.entries(mod)
        .filter(([, x]) => typeof x === 'function')
        .map(([name]) => `${camel(file)}.${name}`),
    );
    expect(Object.keys(FIXTURES).sort()).toEqual(functions.sort());
  });

  test.each(Object.entries(FIXTURES))('%s', (_name, fixture) => {
    const outputs = fixture.variants ? (fixture.build() as unknown[]) : [fixture.build()];
    for (const built of outputs) {
      const texts =
        fixture.kind === 'mrkdwn' ? [built as string] : fixture.kind === 'blocks' ? mrkdwnTexts(built) : [];
      for (const t of texts) {
        for (const raw of INJECTED) expect(t).not.toContain(raw);
        if (!fixture.marksKept) expect(outsideCode(t)).not.toContain(FORMATTED);
      }
      if (fixture.shows !== false) {
        // The user strings are really there (escaped in mrkdwn, as typed in plain_text), so the check above means something.
        expect(JSON.stringify(built)).toMatch(/&lt;!channel&gt;|<!channel>/);
      }
      if (built && typeof built === 'object' && 'blocks' in built && 'text' in built) {
        // A message's notification text is never empty: a phone shows it.
        expect(String((built as { text: unknown }).text).length).toBeGreaterThan(0);
      }
    }
  });
});

describe("Slack's marks in what members typed", () => {
  test.each([
    ['Ann *the* Great', 'Ann ∗the∗ Great'],
    ['A*B', 'A∗B'],
    ['~struck~ off', '∼struck∼ off'],
    ['`code`', 'ˋcodeˋ'],
    ['_italic_ here', 'ˍitalicˍ here'],
    // Inside a word an underscore formats nothing: handles and addresses keep theirs.
    ['first_last@example.com', 'first_last@example.com'],
    ['snake_case_name', 'snake_case_name'],
  ])('%s shows as %s', (typed, shown) => {
    expect(text.esc(typed)).toBe(shown);
  });

  test("a name with a star inside stays inside the app's bold, and its fallback keeps the star", () => {
    const bold = `*${text.esc('Ann*Lee')}*`;
    expect(bold).toBe('*Ann∗Lee*');
    expect(text.fallbackText(bold)).toBe('Ann∗Lee');
  });

  test('inside inline code a star stays a star, and a backtick cannot end the code', () => {
    expect(text.escCode('Ann*Lee `x` <y>')).toBe('Ann*Lee ˋxˋ &lt;y&gt;');
    const answer = messages.noSuchContactMessage('Ann*Lee');
    expect(answer.text).toContain('No contact matches “Ann∗Lee”');
    expect(answer.text).toContain('`/touchbase add Ann*Lee`');
  });

  test("a link's address keeps its marks, which Slack does not apply there", () => {
    expect(text.escLink('https://x.test/calendar/a_b~_.ics?x=1&y=<2>')).toBe(
      'https://x.test/calendar/a_b~_.ics?x=1&amp;y=&lt;2&gt;',
    );
  });
});
