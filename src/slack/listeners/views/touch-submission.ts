import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { askWarnings, followUpOn } from '../../../domain/asks';
import { isLocalDate } from '../../../domain/dates';
import { afterTouch, nextDueOn } from '../../../domain/schedule';
import { TOUCH_INTENTS, TOUCH_KINDS } from '../../../domain/touches';
import { pendingAsksOf, touchHistory } from '../../../store/asks';
import { appendWantsNeeds } from '../../../store/contacts';
import { recordTouch } from '../../../store/touches';
import { today } from '../../contact-ops';
import type { Deps } from '../../deps';
import { markDigestItem } from '../../digest-ops';
import { ACTION, CALLBACK } from '../../ids';
import { digestDay, parseJsonOrUndefined } from '../../json';
import { ensureMember, memberOfPayload } from '../../member';
import { touchLoggedMessage } from '../../views/messages';
import { ASK_WHAT_LIMIT, NOTE_LIMIT } from '../../views/touch-modal';
import { sendDm } from './dm';
import { guarded } from './guard';
import { fieldErrors, flattenState, selectedValues } from './values';

/** A log started from a digest item names the digest, to mark that item done. */
const fromDigest = z.object({ digestOf: digestDay });

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

function touchForm(day: string) {
  return z
    .object({
      [ACTION.contactPicker]: z.coerce
        .number({ error: 'Pick one of your contacts.' })
        .int()
        .positive('Pick one of your contacts.'),
      kind: z.enum(TOUCH_KINDS, { error: 'Pick how you were in touch.' }),
      intent: z.enum(TOUCH_INTENTS, { error: 'Pick give, ask or catch-up.' }),
      touched_on: z
        .string({ error: 'Pick a date.' })
        .refine(isLocalDate, 'Pick a date.')
        .refine((d) => d <= day, 'That date is in the future. Log touches that have happened.'),
      note: z
        .string()
        .nullish()
        .transform((v) => v?.trim() || null)
        .refine(
          (v) => v === null || v.length <= NOTE_LIMIT,
          `A note can be at most ${NOTE_LIMIT} characters.`,
        ),
      ask_what: z
        .string()
        .nullish()
        .transform((v) => v?.trim() || null)
        .refine(
          (v) => v === null || v.length <= ASK_WHAT_LIMIT,
          `At most ${ASK_WHAT_LIMIT} characters, please.`,
        ),
    })
    .superRefine((form, ctx) => {
      if (form.intent === 'ask' && !form.ask_what) {
        ctx.addIssue({
          code: 'custom',
          path: ['ask_what'],
          message: 'Say in a few words what you asked for.',
        });
      }
    });
}

/** Records the touch and moves the contact's clock before the ack; the confirmation DM comes after. */
export function registerTouchSubmission(app: App, deps: Deps): void {
  app.view<ViewSubmitAction>(
    CALLBACK.logTouch,
    guarded(deps, (args) => submitTouch(deps, args)),
  );
}

async function submitTouch(deps: Deps, { ack, body, view, client }: SubmitArgs): Promise<void> {
  const member = await ensureMember(deps, client, memberOfPayload(body));
  const day = today({ deps, member });
  const parsed = touchForm(day).safeParse(flattenState(view));
  if (!parsed.success) {
    await ack({ response_action: 'errors', errors: fieldErrors(parsed.error.issues) });
    return;
  }
  const form = parsed.data;
  const contactId = form[ACTION.contactPicker];
  // The ask rules look at the history before this touch; read it before recording.
  const before =
    form.intent === 'ask'
      ? await Promise.all([
          touchHistory(deps.db, member, contactId),
          pendingAsksOf(deps.db, member, contactId),
        ])
      : null;
  const saved = await recordTouch(
    deps.db,
    member,
    { contactId, touchedOn: form.touched_on, kind: form.kind, intent: form.intent, note: form.note },
    (state) => {
      const next = afterTouch(state, form.touched_on);
      return { lastTouchOn: next.lastTouchOn, snoozedUntil: next.snoozedUntil, nextDueOn: nextDueOn(next) };
    },
    deps.clock.now(),
    form.intent === 'ask' && form.ask_what
      ? { what: form.ask_what, followUpOn: followUpOn(form.touched_on, member.patienceDays) }
      : undefined,
  );
  if (!saved) {
    await ack({
      response_action: 'errors',
      errors: { contact: "That contact isn't in your network. Pick one of yours." },
    });
    return;
  }
  if (form.note && selectedValues(view, 'note_to_wants')?.includes('yes')) {
    await appendWantsNeeds(deps.db, member, contactId, form.note, deps.clock.now());
  }
  await ack();
  deps.logger.info({ contactId: saved.contact.id, intent: form.intent }, 'touch logged');
  const from = fromDigest.safeParse(parseJsonOrUndefined(view.private_metadata));
  if (from.success) {
    await markDigestItem(deps, client, member, from.data.digestOf, `due:${saved.contact.id}`, {
      action: 'logged',
      on: form.touched_on,
    });
  }
  const warnings =
    before && saved.contact
      ? askWarnings(
          {
            history: before[0],
            cadence: saved.contact.cadence,
            addedOn: saved.contact.addedOn,
            pendingAsks: before[1].map((a) => a.what),
          },
          form.touched_on,
        )
      : [];
  if (warnings.length) deps.logger.info({ contactId, warnings: warnings.map((w) => w.kind) }, 'ask warnings');
  await sendDm(
    deps,
    client,
    member.userId,
    touchLoggedMessage({
      contact: saved.contact,
      touch: saved.touch,
      today: day,
      warnings,
      askId: saved.askId,
    }),
  );
}
