import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { CADENCES, DEFAULT_CADENCE } from '../../../domain/cadence';
import type { LocalDate } from '../../../domain/dates';
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
import { fieldErrors, flattenState, optionalText, pastDate } from './fields';
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
    const form = readForm(view);
    const talked = talkedBeforeForm(todayFor(ctx.deps, ctx.member)).safeParse(flattenState(view));
    if ('errors' in form || !talked.success) {
      return errors({
        ...(talked.success ? {} : fieldErrors(talked.error.issues)),
        ...('errors' in form ? form.errors : {}),
      });
    }
    const check = sameNameCheck(view, await possibleDuplicates(ctx.deps, ctx.member, form.fields));
    if (check) return check;
    return confirm(
      ctx,
      await addContact(ctx.deps, ctx.member, form.fields, { talkedBeforeOn: talked.data }),
      true,
    );
  },
  editContact: async (ctx, view, meta) => {
    const form = readForm(view);
    if ('errors' in form) return errors(form.errors);
    const saved = meta ? await editContact(ctx.deps, ctx.member, meta.contactId, form.fields) : null;
    if (!saved) return errors({ name: "This contact isn't in your network any more. Nothing was changed." });
    return confirm(ctx, saved, false);
  },
};
