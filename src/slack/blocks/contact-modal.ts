import type { types } from '@slack/bolt';
import { CADENCE_LABELS, CADENCES, type Cadence, DEFAULT_CADENCE } from '../../domain/cadence';
import { type ContactDate, MONTHS, OTHER_DATES_MAX, occurrenceIn } from '../../domain/contact-dates';
import type { LocalDate } from '../../domain/dates';
import { FIELD_LIMITS } from '../../domain/limits';
import { TALKED_BEFORE, TALKED_BEFORE_LABELS, type TalkedBefore } from '../../domain/schedule';
import type { Contact } from '../../usecases/contacts';
import { MODALS } from '../registry/modals';
import { plainText } from './text';

function textInput(opts: {
  id: string;
  label: string;
  initial?: string | null;
  optional?: boolean;
  multiline?: boolean;
  max: number;
  placeholder?: string;
}): types.InputBlock {
  return {
    type: 'input',
    block_id: opts.id,
    optional: opts.optional ?? true,
    label: plainText(opts.label),
    element: {
      type: 'plain_text_input',
      action_id: opts.id,
      multiline: opts.multiline ?? false,
      max_length: opts.max,
      ...(opts.initial ? { initial_value: opts.initial } : {}),
      ...(opts.placeholder ? { placeholder: plainText(opts.placeholder, 150) } : {}),
    },
  };
}

function cadenceOption(c: Cadence) {
  return { text: plainText(CADENCE_LABELS[c]), value: c };
}

function talkedBeforeOption(t: TalkedBefore) {
  return { text: plainText(TALKED_BEFORE_LABELS[t]), value: t };
}

/**
 * When they last talked, roughly or on a day: only when adding, so an existing relationship starts
 * from it. Later it is the touches that count.
 */
function talkedBeforeBlocks(): types.InputBlock[] {
  return [
    {
      type: 'input',
      block_id: 'talked_before',
      optional: true,
      label: plainText('When did you last talk?'),
      hint: plainText('The first check-in counts from it, so it can be due at once.'),
      element: {
        type: 'static_select',
        action_id: 'talked_before',
        placeholder: plainText('Roughly…'),
        options: TALKED_BEFORE.map(talkedBeforeOption),
      },
    },
    {
      type: 'input',
      block_id: 'talked_on',
      optional: true,
      label: plainText('Or the day you last talked'),
      element: { type: 'datepicker', action_id: 'talked_on', placeholder: plainText('Pick a day') },
    },
  ];
}

function select(opts: {
  id: string;
  label: string;
  placeholder: string;
  options: { text: string; value: string }[];
  initial?: string;
}): types.InputBlock {
  const option = (o: { text: string; value: string }) => ({ text: plainText(o.text), value: o.value });
  const initial = opts.options.find((o) => o.value === opts.initial);
  return {
    type: 'input',
    block_id: opts.id,
    optional: true,
    label: plainText(opts.label),
    element: {
      type: 'static_select',
      action_id: opts.id,
      placeholder: plainText(opts.placeholder),
      options: opts.options.map(option),
      ...(initial ? { initial_option: option(initial) } : {}),
    },
  };
}

/** The birthday as a day and a month (the year optional: many people do not share it). */
function birthdayBlocks(birthday: ContactDate | undefined): types.InputBlock[] {
  return [
    select({
      id: 'birthday_day',
      label: 'Birthday: day',
      placeholder: 'Day',
      options: Array.from({ length: 31 }, (_, i) => ({ text: String(i + 1), value: String(i + 1) })),
      initial: birthday ? String(birthday.day) : undefined,
    }),
    select({
      id: 'birthday_month',
      label: 'Birthday: month',
      placeholder: 'Month',
      options: MONTHS.map((m, i) => ({ text: m, value: String(i + 1) })),
      initial: birthday ? String(birthday.month) : undefined,
    }),
    textInput({
      id: 'birthday_year',
      label: 'Birthday: year (if you know it)',
      initial: birthday?.year ? String(birthday.year) : null,
      max: 4,
      placeholder: 'e.g. 1985',
    }),
  ];
}

/**
 * Other dates worth remembering, a label and a day each: the ones on record and one empty row to
 * add another, at most OTHER_DATES_MAX. A date without its year shows this year's day.
 */
function otherDateBlocks(others: ContactDate[], today: LocalDate): types.InputBlock[] {
  const rows = Math.min(OTHER_DATES_MAX, others.length + 1);
  return Array.from({ length: rows }, (_, i): types.InputBlock[] => {
    const d = others[i];
    const day = d ? (d.year ? occurrenceIn(d, d.year) : occurrenceIn(d, Number(today.slice(0, 4)))) : null;
    return [
      textInput({
        id: `date_label_${i}`,
        label: i === 0 ? 'Another date worth remembering' : 'And another',
        initial: d?.label,
        max: FIELD_LIMITS.dateLabel,
        placeholder: 'e.g. work anniversary, daughter’s graduation',
      }),
      {
        type: 'input',
        block_id: `date_on_${i}`,
        optional: true,
        label: plainText('On'),
        hint: plainText('It comes back every year: a reminder arrives on the day, or the work day before.'),
        element: {
          type: 'datepicker',
          action_id: `date_on_${i}`,
          placeholder: plainText('Pick a day'),
          ...(day ? { initial_date: day } : {}),
        },
      },
    ];
  }).flat();
}

/** "Add a contact" or, given a contact (and its dates), "Edit contact", prefilled. */
export function contactModal(opts: {
  name?: string;
  contact?: Contact;
  dates?: ContactDate[];
  today: LocalDate;
  privateMetadata: string;
}): types.ModalView {
  const c = opts.contact;
  const dates = opts.dates ?? [];
  return {
    type: 'modal',
    callback_id: c ? MODALS.editContact.callbackId : MODALS.addContact.callbackId,
    private_metadata: opts.privateMetadata,
    title: plainText(c ? 'Edit contact' : 'Add a contact'),
    submit: plainText(c ? 'Save' : 'Add'),
    close: plainText('Cancel'),
    blocks: [
      textInput({
        id: 'name',
        label: 'Name',
        initial: c?.name ?? opts.name,
        optional: false,
        max: FIELD_LIMITS.name,
      }),
      textInput({ id: 'company', label: 'Company', initial: c?.company, max: FIELD_LIMITS.company }),
      textInput({ id: 'role', label: 'Role', initial: c?.role, max: FIELD_LIMITS.role }),
      textInput({ id: 'city', label: 'City', initial: c?.city, max: FIELD_LIMITS.city }),
      {
        type: 'input',
        block_id: 'slack_user',
        optional: true,
        label: plainText('Their Slack user'),
        hint: plainText('If they are in this workspace.'),
        element: {
          type: 'users_select',
          action_id: 'slack_user',
          ...(c?.slackUserId ? { initial_user: c.slackUserId } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'cadence',
        label: plainText('Check in'),
        element: {
          type: 'static_select',
          action_id: 'cadence',
          options: CADENCES.map(cadenceOption),
          initial_option: cadenceOption(c?.cadence ?? DEFAULT_CADENCE),
        },
      },
      ...(c ? [] : talkedBeforeBlocks()),
      textInput({
        id: 'how_met',
        label: 'How you know them',
        initial: c?.howMet,
        multiline: true,
        max: FIELD_LIMITS.howMet,
      }),
      textInput({
        id: 'wants_needs',
        label: 'Their wants and needs',
        initial: c?.wantsNeeds,
        multiline: true,
        max: FIELD_LIMITS.wantsNeeds,
        placeholder: 'e.g. hiring a staff engineer; looking for a board seat',
      }),
      ...birthdayBlocks(dates.find((d) => d.kind === 'birthday')),
      ...otherDateBlocks(
        dates.filter((d) => d.kind === 'other'),
        opts.today,
      ),
    ],
  };
}

/**
 * What "Log a touch" opens while the member has no contacts: an empty picker would be a dead end,
 * so it is the add form, saying why, with the name they typed.
 */
export function firstContactModal(name: string | undefined, today: LocalDate): types.ModalView {
  const form = contactModal({ name, today, privateMetadata: MODALS.addContact.metadata.encode({}) });
  const why: types.ContextBlock = {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: 'You have no contacts yet, so there is no one to log a touch with. Add your first one here: its confirmation has a *Log a touch* button.',
      },
    ],
  };
  return { ...form, blocks: [why, ...form.blocks] };
}
