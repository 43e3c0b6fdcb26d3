import type { types } from '@slack/bolt';
import { movedNote, type WeekPlan } from '../../domain/budget';
import { dateSentence, UPCOMING_DATE_DAYS } from '../../domain/contact-dates';
import { addDays, describeRelative, type LocalDate, plural } from '../../domain/dates';
import { dueReason } from '../../domain/digest';
import { letPassText } from '../../domain/fatigue';
import { balanceVerdict, type Capped, dormantText, type HomeModel, patienceText } from '../../domain/home';
import { truncate } from '../../domain/limits';
import { jobChange, TRANSITION_PHRASES, TRANSITION_RULES } from '../../domain/transitions';
import type { Trip } from '../../domain/trips';
import { ACTIONS } from '../registry/actions';
import { askButtons } from './asks';
import { introOutcomeButtons } from './digest';
import { whoPlain } from './messages';
import { esc, mrkdwn, plainText, sentence, slackDate } from './text';
import { nowWorking } from './triage';

/** Names listed beside a trip before the rest are counted. */
const TRIP_NAMES_SHOWN = 8;

/** Which Home section a "Log it" button sits in, so its action_id stays unique in the view. */
export type HomeLogSection = 'due' | 'week' | 'transition';

function who(c: { name: string; company: string | null }): string {
  return `*${esc(c.name)}*${c.company ? ` · ${esc(c.company)}` : ''}`;
}

function logButton(section: HomeLogSection, contactId: number, label = 'Log it'): types.Button {
  return {
    type: 'button',
    ...ACTIONS.homeLogContact.ref(contactId, `${section}_${contactId}`),
    text: plainText(label),
  };
}

function header(text: string): types.HeaderBlock {
  return { type: 'header', text: plainText(truncate(text, 150)) };
}

function moreNote(more: number, where: string, atLeast = false): types.ContextBlock[] {
  return more > 0
    ? [{ type: 'context', elements: [mrkdwn(`…and ${atLeast ? 'over ' : ''}${more} more. ${where}`)] }]
    : [];
}

/** A titled section: divider, header with the count, its items' blocks, and how many more there are. */
function section<T>(
  title: string,
  capped: Capped<T>,
  render: (item: T) => types.KnownBlock[],
  moreWhere: string,
): types.KnownBlock[] {
  const total = capped.items.length + capped.more;
  if (total === 0) return [];
  return [
    { type: 'divider' },
    header(`${title} · ${capped.atLeast ? `over ${total}` : total}`),
    ...capped.items.flatMap(render),
    ...moreNote(capped.more, moreWhere, capped.atLeast),
  ];
}

function tripText(trip: Trip, today: LocalDate): string {
  const where = `*${esc(trip.city)}*${trip.event ? ` · ${esc(trip.event)}` : ''}`;
  const when =
    trip.startsOn <= today
      ? `until ${slackDate(trip.endsOn)}`
      : `${slackDate(trip.startsOn)} to ${slackDate(trip.endsOn)} (${describeRelative(trip.startsOn, today)})`;
  const planned = trip.contacts.filter((c) => c.planned);
  const people = planned.length ? planned : trip.contacts;
  const names = people
    .slice(0, TRIP_NAMES_SHOWN)
    .map((c) => esc(c.name))
    .join(', ');
  const rest = people.length > TRIP_NAMES_SHOWN ? ` and ${people.length - TRIP_NAMES_SHOWN} more` : '';
  const line = people.length
    ? `\n${planned.length ? 'Planning to meet' : 'Who is there'}: ${names}${rest}`
    : '\nNone of your contacts found there yet.';
  return `${where}\n${when}${line}`;
}

/**
 * "Often skipped": the contacts whose reminder came again and again lately with nothing done, in one
 * block (the Home's 100-block budget), so the member can rethink their rhythm before being asked.
 */
function oftenSkippedSection(skipped: HomeModel['oftenSkipped']): types.KnownBlock[] {
  const total = skipped.items.length + skipped.more;
  if (total === 0) return [];
  // Names shortened so five lines stay well inside a section's 3,000 characters.
  const lines = skipped.items.map(
    (c) =>
      `${who({ name: truncate(c.name, 60), company: c.company && truncate(c.company, 60) })} · ${letPassText(c.timesLetPass)}`,
  );
  return [
    { type: 'divider' },
    header(`Often skipped · ${total}`),
    {
      type: 'section',
      text: mrkdwn(
        `${lines.join('\n')}${skipped.more > 0 ? `\n…and ${skipped.more} more.` : ''}\n` +
          'Still the right rhythm? `/touchbase edit <name>` changes it; the digest asks after three mornings in a row.',
      ),
    },
  ];
}

/**
 * "This week: 4 of 5 check-ins planned" and the first of them, in one block; nothing without a
 * weekly budget.
 */
function weekPlanSection(plan: WeekPlan | null, today: LocalDate): types.KnownBlock[] {
  if (!plan) return [];
  const done = plan.done > 0 ? `, ${plan.done} done` : '';
  const lines = [
    `*This week:* ${plan.planned} of ${plural(plan.budget, 'check-in')} planned${done}`,
    ...plan.items.map(
      (c) =>
        `• ${who(c)} · ${c.on <= today ? 'due now' : slackDate(c.on)}${c.moved ? ' (moved here to keep to your budget)' : ''}`,
    ),
    ...(plan.more > 0 ? [`…and ${plan.more} more.`] : []),
  ];
  return [{ type: 'section', block_id: 'week_plan', text: mrkdwn(lines.join('\n')) }];
}

/** "Unsorted: N" with a **Triage** button, naming the recent job changes among them; nothing when none. */
function unsortedSection(unsorted: HomeModel['unsorted']): types.KnownBlock[] {
  if (unsorted.count === 0) return [];
  const { items, more } = unsorted.jobChanges;
  const lines = [
    `${plural(unsorted.count, 'imported contact')} without a rhythm yet. Sort them five at a time: a rhythm for each, no reminders, or archive.`,
    ...items.map(
      (c) =>
        `:arrows_counterclockwise: *${esc(c.name)}* is ${nowWorking(c)} since ${slackDate(c.transitionOn)}`,
    ),
    ...(more > 0 ? [`…and ${more} more changed jobs.`] : []),
  ];
  return [
    { type: 'divider' },
    header(`Unsorted: ${unsorted.count}`),
    {
      type: 'section',
      text: mrkdwn(lines.join('\n')),
      accessory: {
        type: 'button',
        ...ACTIONS.homeTriage.ref(null),
        text: plainText('Triage'),
        style: 'primary',
      },
    },
  ];
}

/**
 * The member's App Home: what is due now and this week, pending asks with the patience left,
 * upcoming dates, introductions awaiting an outcome, contacts in transition, upcoming trips, dormant contacts, the
 * give/ask balance, and buttons to add, log and introduce. Each section is capped (HOME_CAPS), so
 * the view stays within Slack's 100 blocks whatever the network's size.
 */
export function homeView(model: HomeModel, today: LocalDate): types.HomeView {
  const { balance } = model;
  const intro =
    model.networkSize === 0
      ? 'Your network is empty so far: add the people who matter, and touchbase reminds you when to reach out. Only you can see this page.'
      : `*Your network:* ${plural(model.networkSize, 'contact')}. Only you can see this page.`;
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: mrkdwn(intro) },
    {
      type: 'actions',
      block_id: 'home_actions',
      elements: [
        {
          type: 'button',
          ...ACTIONS.homeAddContact.ref(null),
          text: plainText('Add a contact'),
          style: 'primary',
        },
        { type: 'button', ...ACTIONS.homeLogTouch.ref(null), text: plainText('Log a touch') },
        { type: 'button', ...ACTIONS.homeLogIntro.ref(null), text: plainText('Log an introduction') },
        { type: 'button', ...ACTIONS.homeRemind.ref(null), text: plainText('Set a reminder') },
        { type: 'button', ...ACTIONS.homeImport.ref(null), text: plainText('Import contacts') },
        { type: 'button', ...ACTIONS.homeExport.ref(null), text: plainText('Export my data') },
      ],
    },
    {
      type: 'section',
      text: mrkdwn(
        `*Give and ask, last 12 months:* ${plural(balance.gives, 'give')} · ${plural(balance.asks, 'ask')} · ` +
          `${plural(balance.catchUps, 'catch-up')}\n${balanceVerdict(balance)}`,
      ),
    },
  ];

  const dueNow = section(
    'Due now',
    model.dueNow,
    (item) => [
      {
        type: 'section',
        text: mrkdwn(
          `${who(item)}${item.freshTransition ? ' :arrows_counterclockwise:' : ''}${item.askOnly ? ' :warning:' : ''}\n${esc(sentence(dueReason(item, today)))}`,
        ),
        accessory: logButton('due', item.contactId),
      },
    ],
    '`/touchbase due` lists everyone due; `/touchbase list` your whole network, most overdue first.',
  );
  blocks.push(
    ...(dueNow.length
      ? dueNow
      : [
          { type: 'divider' as const },
          header('Due now'),
          { type: 'section' as const, text: mrkdwn('Nobody is due right now. Enjoy the quiet.') },
        ]),
  );

  blocks.push(...weekPlanSection(model.weekPlan, today));
  blocks.push(...unsortedSection(model.unsorted));

  blocks.push(
    ...section(
      'Due this week',
      model.dueThisWeek,
      (item) => [
        {
          type: 'section',
          text: mrkdwn(
            `${who(item)}\ndue ${describeRelative(item.nextDueOn, today)} (${slackDate(item.nextDueOn)})${
              item.moved && model.weekPlan ? `: ${movedNote(item.nextDueOn, model.weekPlan.budget)}` : ''
            }`,
          ),
          accessory: logButton('week', item.contactId),
        },
      ],
      '`/touchbase list` shows everyone, most overdue first.',
    ),
    ...section(
      'Upcoming dates',
      model.dates,
      (d) => [
        {
          type: 'section',
          text: mrkdwn(
            `${d.kind === 'birthday' ? ':birthday:' : ':date:'} ${esc(dateSentence(d, today))} (${slackDate(d.occurs)})`,
          ),
          // Suffixed by the date: one contact may have two dates in the window.
          accessory: {
            type: 'button',
            ...ACTIONS.homeLogContact.ref(d.contactId, `date_${d.dateId}`),
            text: plainText('Log it'),
          },
        },
      ],
      `The next ${UPCOMING_DATE_DAYS} days. \`/touchbase show <name>\` lists a contact's dates.`,
    ),
    ...section(
      'Pending asks',
      model.asks,
      (ask) => [
        {
          type: 'section',
          text: mrkdwn(
            `*${esc(ask.contactName)}*: “${esc(ask.what)}”\nasked ${describeRelative(ask.askedOn, today)} · ${patienceText(ask.daysLeft)}`,
          ),
        },
        { type: 'actions', block_id: `home_ask_${ask.id}`, elements: askButtons(ask.id, undefined, true) },
      ],
      '`/touchbase show <name>` lists the asks pending with each contact; `/touchbase list` finds them.',
    ),
    ...section(
      'Introductions awaiting an outcome',
      model.intros,
      (intro) => [
        {
          type: 'section',
          text: mrkdwn(
            `*${esc(intro.fromName)}* → *${esc(intro.toName)}*\nintroduced ${describeRelative(intro.introducedOn, today)}` +
              `${intro.outcome === 'no_response' ? ' · no response yet' : ''}. How did it go?`,
          ),
        },
        {
          type: 'actions',
          block_id: `home_intro_${intro.id}`,
          elements: introOutcomeButtons(intro.id, undefined, true),
        },
      ],
      '`/touchbase intros` lists them all.',
    ),
    ...section(
      'In transition',
      model.transitions,
      (t) => [
        {
          type: 'section',
          text: mrkdwn(
            `${who(t)} :arrows_counterclockwise:\n${esc(jobChange(t) ?? TRANSITION_PHRASES[t.kind])}, noted ${describeRelative(t.on, today)}. ` +
              (t.fresh
                ? 'A good time to check in.'
                : `Monthly check-ins or closer until ${slackDate(addDays(t.on, TRANSITION_RULES.closerCadenceDays))}.`),
          ),
          accessory: logButton('transition', t.contactId, t.fresh ? 'Check in' : 'Log it'),
        },
      ],
      '`/touchbase list` marks everyone in transition.',
    ),
    ...section(
      'Upcoming trips',
      model.trips,
      (trip) => [{ type: 'section', text: mrkdwn(tripText(trip, today)) }],
      'The soonest are shown first.',
    ),
    ...section(
      'Dormant',
      model.dormant,
      (d) => [
        { type: 'section', text: mrkdwn(`${who(d)}\n${dormantText(d, today)}. Reconnect, or archive?`) },
        {
          type: 'actions',
          block_id: `home_dormant_${d.contactId}`,
          elements: [
            {
              type: 'button',
              ...ACTIONS.homeReconnect.ref(d.contactId, d.contactId),
              text: plainText('Reconnect'),
              style: 'primary',
            },
            {
              type: 'button',
              ...ACTIONS.homeArchive.ref(d.contactId, d.contactId),
              text: plainText('Archive'),
              confirm: {
                title: plainText(truncate(`Archive ${d.name}?`, 100)),
                text: plainText(
                  truncate(
                    `${whoPlain(d)}: no more reminders about them. Their history stays, and /touchbase restore brings them back.`,
                    300,
                  ),
                ),
                confirm: plainText('Archive'),
                deny: plainText('Keep'),
                style: 'danger',
              },
            },
          ],
        },
      ],
      'No touch for more than twice their cadence. `/touchbase list` shows everyone, most overdue first.',
    ),
    ...oftenSkippedSection(model.oftenSkipped),
    { type: 'divider' },
    {
      type: 'context',
      elements: [
        mrkdwn('Everyone, most overdue first: `/touchbase list`. Every command: `/touchbase help`.'),
      ],
    },
  );
  return { type: 'home', blocks };
}
