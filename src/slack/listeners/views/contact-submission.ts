import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { CADENCES, DEFAULT_CADENCE } from '../../../domain/cadence';
import { nextDueOn } from '../../../domain/schedule';
import { type Contact, insertContact, updateContact } from '../../../store/contacts';
import { today } from '../../contact-ops';
import type { Deps } from '../../deps';
import { CALLBACK } from '../../ids';
import { parseJsonOrUndefined } from '../../json';
import { ensureMember, memberOfPayload } from '../../member';
import { CONTACT_LIMITS } from '../../views/contact-modal';
import { contactSavedMessage } from '../../views/messages';
import { sendDm } from './dm';
import { guarded } from './guard';
import { fieldErrors, flattenState } from './values';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

const optionalText = (label: string, max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => v?.trim() || null)
    .refine((v) => v === null || v.length <= max, `${label} can be at most ${max} characters.`);

const contactForm = z.object({
  name: z
    .string({ error: 'Please enter a name.' })
    .nullish()
    .transform((v) => v?.trim() ?? '')
    .refine((v) => v.length > 0, 'Please enter a name.')
    .refine(
      (v) => v.length <= CONTACT_LIMITS.name,
      `A name can be at most ${CONTACT_LIMITS.name} characters.`,
    ),
  company: optionalText('Company', CONTACT_LIMITS.short),
  role: optionalText('Role', CONTACT_LIMITS.short),
  city: optionalText('City', CONTACT_LIMITS.short),
  slack_user: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,20}$/, 'Pick someone from the list.')
    .nullish()
    .transform((v) => v ?? null),
  cadence: z
    .enum(CADENCES, { error: 'Pick how often to check in.' })
    .nullish()
    .transform((v) => v ?? DEFAULT_CADENCE),
  how_met: optionalText('How you know them', CONTACT_LIMITS.long),
  wants_needs: optionalText('Wants and needs', CONTACT_LIMITS.long),
});

const editMetadata = z.object({ contactId: z.number().int().positive() });

/**
 * Add and edit share one form. Checks and the database write happen before the ack, so the
 * modal only closes once the contact is safely stored; a bad field keeps it open with the
 * error beside that field. The confirmation DM, a Slack call, comes after the ack.
 */
export function registerContactSubmissions(app: App, deps: Deps): void {
  app.view<ViewSubmitAction>(
    CALLBACK.addContact,
    guarded(deps, (args) => submitContact(deps, args, 'add')),
  );
  app.view<ViewSubmitAction>(
    CALLBACK.editContact,
    guarded(deps, (args) => submitContact(deps, args, 'edit')),
  );
}

async function submitContact(
  deps: Deps,
  { ack, body, view, client }: SubmitArgs,
  mode: 'add' | 'edit',
): Promise<void> {
  const parsed = contactForm.safeParse(flattenState(view));
  if (!parsed.success) {
    await ack({ response_action: 'errors', errors: fieldErrors(parsed.error.issues) });
    return;
  }
  const form = parsed.data;
  const fields = {
    name: form.name,
    company: form.company,
    role: form.role,
    city: form.city,
    slackUserId: form.slack_user,
    cadence: form.cadence,
    howMet: form.how_met,
    wantsNeeds: form.wants_needs,
  };
  const member = await ensureMember(deps, client, memberOfPayload(body));
  const day = today({ deps, member });
  const now = deps.clock.now();
  let saved: Contact | null;
  if (mode === 'add') {
    const schedule = {
      addedOn: day,
      nextDueOn: nextDueOn({
        cadence: fields.cadence,
        addedOn: day,
        lastTouchOn: null,
        snoozedUntil: null,
        transitionOn: null,
      }),
    };
    saved = await insertContact(deps.db, member, fields, schedule, now);
  } else {
    const meta = editMetadata.safeParse(parseJsonOrUndefined(view.private_metadata));
    saved = meta.success
      ? await updateContact(deps.db, member, meta.data.contactId, fields, nextDueOn, now)
      : null;
    if (!saved) {
      await ack({
        response_action: 'errors',
        errors: { name: "This contact isn't in your network any more. Nothing was changed." },
      });
      return;
    }
  }
  await ack();
  deps.logger.info({ contactId: saved.id, mode }, 'contact saved');
  await sendDm(deps, client, member.userId, contactSavedMessage(saved, mode === 'add', day));
}
