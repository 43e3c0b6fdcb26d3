import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { CADENCES, DEFAULT_CADENCE } from '../../../domain/cadence';
import { type ContactDate, OTHER_DATES_MAX, yearlyDateProblem } from '../../../domain/contact-dates';
import { DATE_RANGE_MESSAGE, isDateInRange, isLocalDate, type LocalDate } from '../../../domain/dates';
import { FIELD_LIMITS } from '../../../domain/limits';
import { TALKED_BEFORE, talkedBeforeOn } from '../../../domain/schedule';
import {
  addContact,
  type Contact,
  type ContactFields,
  editContact,
  possibleDuplicates,
} from '../../../usecases/contacts';
import { todayFor } from '../../../usecases/deps';
import { type ConfirmStep, confirmed, showsStep, withConfirmStep } from '../../blocks/confirm-step';
import { contactSavedMessage, whoMrkdwn, whoPlain } from '../../blocks/messages';
import { mrkdwn, plainText } from '../../blocks/text';
import { ACTIONS } from '../../registry/actions';
import type { ListenerContext } from '../context';
import { type FlatValues, fieldErrors, flattenState, optionalText, pastDate } from './fields';
import { closed, errors, type SubmissionHandlers, type SubmissionResult, updated } from './submission';

const contactForm = z.object({
  name: z
    .string({ error: 'Please enter a name.' })
    .nullish()
    .transform((v) => v?.trim() ?? '')
    .refine((v) => v.length > 0, 'Please enter a name.')
    .refine((v) => v.length <= FIELD_LIMITS.name, `A name can be at most ${FIELD_LIMITS.name} characters.`),
  company: optionalText('Company', FIELD_LIMITS.company),
  role: optionalText('Role', FIELD_LIMITS.role),
  city: optionalText('City', FIELD_LIMITS.city),
  slack_user: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,20}$/, 'Pick someone from the list.')
    .nullish()
    .transform((v) => v ?? null),
  cadence: z
    .enum(CADENCES, { error: 'Pick how often to check in.' })
    .nullish()
    .transform((v) => v ?? DEFAULT_CADENCE),
  how_met: optionalText('How you know them', FIELD_LIMITS.howMet),
  wants_needs: optionalText('Wants and needs', FIELD_LIMITS.wantsNeeds),
});

/** The add form's "when did you last talk": roughly or on a day, not both; neither is "not said". */
function talkedBeforeForm(today: LocalDate) {
  return z
    .object({
      talked_before: z
        .enum(TALKED_BEFORE, { error: 'Pick one of the choices.' })
        .nullish()
        .transform((v) => v ?? null),
      talked_on: pastDate(today, 'That day is in the future. Pick the day you last talked.')
        .nullish()
        .transform((v) => v ?? null),
    })
    .refine((f) => f.talked_before === null || f.talked_on === null, {
      path: ['talked_on'],
      message: 'Pick a day or a rough time above, not both.',
    })
    .transform((f) => f.talked_on ?? (f.talked_before ? talkedBeforeOn(f.talked_before, today) : null));
}

function readForm(view: ViewOutput): { fields: ContactFields } | { errors: Record<string, string> } {
  const parsed = contactForm.safeParse(flattenState(view));
  if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };
  const f = parsed.data;
  return {
    fields: {
      name: f.name,
      company: f.company,
      role: f.role,
      city: f.city,
      slackUserId: f.slack_user,
      cadence: f.cadence,
      howMet: f.how_met,
      wantsNeeds: f.wants_needs,
    },
  };
}

/** A number the member picked or typed, or null for a crafted or missing one. */
function wholeNumber(value: string | null | undefined, digits: number): number | null {
  return value && new RegExp(`^\\d{1,${digits}}$`).test(value.trim()) ? Number(value.trim()) : null;
}

/** The birthday: day and month together (or neither), a year only with them. */
function readBirthday(f: FlatValues, today: LocalDate, errs: Record<string, string>): ContactDate | null {
  const dayText = f.birthday_day?.trim() || null;
  const monthText = f.birthday_month?.trim() || null;
  const yearText = f.birthday_year?.trim() || null;
  if (!dayText && !monthText) {
    if (yearText) errs.birthday_day = 'Pick the day and month of the birthday too, or clear the year.';
    return null;
  }
  if (!dayText) errs.birthday_day = 'Pick the day of the birthday too.';
  if (!monthText) errs.birthday_month = 'Pick the month of the birthday too.';
  const day = wholeNumber(dayText, 2);
  const month = wholeNumber(monthText, 2);
  if (!dayText || !monthText) return null;
  if (day === null || month === null) {
    errs.birthday_day = 'Pick the day and month from the lists.';
    return null;
  }
  const year = yearText ? wholeNumber(yearText, 4) : null;
  if (yearText && year === null) {
    errs.birthday_year = 'Type the year as four digits, e.g. 1985, or leave it empty.';
    return null;
  }
  const dayProblem = yearlyDateProblem({ month, day, year: null }, today);
  if (dayProblem) {
    errs.birthday_day = dayProblem;
    return null;
  }
  const yearProblem = yearlyDateProblem({ month, day, year }, today);
  if (yearProblem) {
    errs.birthday_year = yearProblem;
    return null;
  }
  return { kind: 'birthday', label: 'birthday', month, day, year };
}

/** The other dates: each row a label and a day, both or neither. */
function readOtherDates(f: FlatValues, errs: Record<string, string>): ContactDate[] {
  const dates: ContactDate[] = [];
  for (let i = 0; i < OTHER_DATES_MAX; i++) {
    const label = f[`date_label_${i}`]?.trim() || null;
    const on = f[`date_on_${i}`]?.trim() || null;
    if (!label && !on) continue;
    if (!label) {
      errs[`date_label_${i}`] = 'Say what this date is for, e.g. work anniversary.';
    } else if (label.length > FIELD_LIMITS.dateLabel) {
      errs[`date_label_${i}`] = `A date's label can be at most ${FIELD_LIMITS.dateLabel} characters.`;
    }
    if (!on) {
      errs[`date_on_${i}`] = 'Pick the day.';
    } else if (!isLocalDate(on) || !isDateInRange(on)) {
      errs[`date_on_${i}`] = isLocalDate(on) ? DATE_RANGE_MESSAGE : 'Pick a date.';
    }
    if (label && on && !errs[`date_label_${i}`] && !errs[`date_on_${i}`]) {
      dates.push({
        kind: 'other',
        label,
        year: Number(on.slice(0, 4)),
        month: Number(on.slice(5, 7)),
        day: Number(on.slice(8, 10)),
      });
    }
  }
  return dates;
}

/**
 * The form's dates, or the errors to show beside the fields that are wrong. A form without the date
 * fields (opened before they existed) says nothing about dates: undefined, and they stay as they are.
 */
function readDates(
  view: ViewOutput,
  today: LocalDate,
): { dates: ContactDate[] | undefined } | { errors: Record<string, string> } {
  const blocks = (view.blocks ?? []) as { block_id?: string }[];
  if (!blocks.some((b) => b.block_id === 'birthday_day')) return { dates: undefined };
  const f = flattenState(view);
  const errs: Record<string, string> = {};
  const birthday = readBirthday(f, today, errs);
  const others = readOtherDates(f, errs);
  if (Object.keys(errs).length) return { errors: errs };
  return { dates: [...(birthday ? [birthday] : []), ...others] };
}

function confirm(
  ctx: ListenerContext,
  saved: Awaited<ReturnType<typeof addContact>>,
  created: boolean,
): SubmissionResult {
  return closed(() => ctx.dm(contactSavedMessage(saved, created, todayFor(ctx.deps, ctx.member))));
}

const ADD_ANYWAY: ConfirmStep = { id: 'add_anyway', label: 'Add anyway: this is someone else' };

/**
 * Someone of the same name (case and accents ignored) or Slack user is already a contact: the first
 * submit shows the modal again with who they are and **Show** for each, the next adds once
 * "add anyway" is ticked. Null: no one like them, or ticked; go ahead.
 */
function sameNameCheck(view: ViewOutput, existing: Contact[]): SubmissionResult | null {
  if (existing.length === 0 || confirmed(view, ADD_ANYWAY)) return null;
  if (showsStep(view, ADD_ANYWAY)) {
    return errors({ [ADD_ANYWAY.id]: 'Tick this to add them anyway, or Cancel and open the contact above.' });
  }
  const notes = existing.map((c, i) => ({
    type: 'section' as const,
    block_id: `same_person_${i}`,
    text: mrkdwn(
      `:warning: You already have ${whoMrkdwn(c)}${c.archived ? ' _(archived)_' : ''}${c.slackUserId ? ` · <@${c.slackUserId}>` : ''}. Is this the same person?`,
    ),
    accessory: {
      type: 'button' as const,
      ...ACTIONS.showContact.ref(c.id, c.id),
      text: plainText(`Show ${whoPlain(c)}`, 75),
    },
  }));
  return updated(withConfirmStep(view, ADD_ANYWAY, { notes }));
}

/** Add and edit share one form; a bad field keeps it open with the error beside that field. */
export const contactSubmissions: SubmissionHandlers<'addContact' | 'editContact'> = {
  addContact: async (ctx, view) => {
    const today = todayFor(ctx.deps, ctx.member);
    const form = readForm(view);
    const talked = talkedBeforeForm(today).safeParse(flattenState(view));
    const dates = readDates(view, today);
    if ('errors' in form || !talked.success || 'errors' in dates) {
      return errors({
        ...('errors' in dates ? dates.errors : {}),
        ...(talked.success ? {} : fieldErrors(talked.error.issues)),
        ...('errors' in form ? form.errors : {}),
      });
    }
    const check = sameNameCheck(view, await possibleDuplicates(ctx.deps, ctx.member, form.fields));
    if (check) return check;
    return confirm(
      ctx,
      await addContact(ctx.deps, ctx.member, form.fields, {
        talkedBeforeOn: talked.data,
        dates: dates.dates ?? [],
      }),
      true,
    );
  },
  editContact: async (ctx, view, meta) => {
    const form = readForm(view);
    const dates = readDates(view, todayFor(ctx.deps, ctx.member));
    if ('errors' in form || 'errors' in dates) {
      return errors({ ...('errors' in dates ? dates.errors : {}), ...('errors' in form ? form.errors : {}) });
    }
    const saved = meta
      ? await editContact(ctx.deps, ctx.member, meta.contactId, form.fields, dates.dates)
      : null;
    if (!saved) return errors({ name: "This contact isn't in your network any more. Nothing was changed." });
    return confirm(ctx, saved, false);
  },
};
