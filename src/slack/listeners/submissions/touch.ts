import { z } from 'zod';
import { FIELD_LIMITS } from '../../../domain/limits';
import { TOUCH_INTENTS, TOUCH_KINDS } from '../../../domain/touches';
import { todayFor } from '../../../usecases/deps';
import { logTouch } from '../../../usecases/touches';
import { touchLoggedMessage } from '../../blocks/messages';
import { MENUS } from '../../registry/actions';
import { redrawDigest } from '../replies';
import { fieldErrors, flattenState, optionalText, pastDate, pickedContact, selectedValues } from './fields';
import { closed, errors, type SubmissionHandlers } from './submission';

function touchForm(today: string) {
  return z
    .object({
      [MENUS.contactPicker]: pickedContact,
      kind: z.enum(TOUCH_KINDS, { error: 'Pick how you were in touch.' }),
      intent: z.enum(TOUCH_INTENTS, { error: 'Pick give, ask or catch-up.' }),
      touched_on: pastDate(today, 'That date is in the future. Log touches that have happened.'),
      note: optionalText('A note', FIELD_LIMITS.note),
      ask_what: z
        .string()
        .nullish()
        .transform((v) => v?.trim() || null)
        .refine(
          (v) => v === null || v.length <= FIELD_LIMITS.askWhat,
          `At most ${FIELD_LIMITS.askWhat} characters, please.`,
        ),
    })
    .superRefine((form, issue) => {
      if (form.intent === 'ask' && !form.ask_what) {
        issue.addIssue({
          code: 'custom',
          path: ['ask_what'],
          message: 'Say in a few words what you asked for.',
        });
      }
    });
}

/** Records the touch and moves the contact's clock before the ack; the confirmation DM comes after. */
export const touchSubmissions: SubmissionHandlers<'logTouch'> = {
  logTouch: async (ctx, view, meta) => {
    const today = todayFor(ctx.deps, ctx.member);
    const parsed = touchForm(today).safeParse(flattenState(view));
    if (!parsed.success) return errors(fieldErrors(parsed.error.issues));
    const form = parsed.data;
    const result = await logTouch(ctx.deps, ctx.member, {
      contactId: form[MENUS.contactPicker],
      touchedOn: form.touched_on,
      kind: form.kind,
      intent: form.intent,
      note: form.note,
      askWhat: form.intent === 'ask' ? form.ask_what : null,
      noteToWantsNeeds: selectedValues(view, 'note_to_wants')?.includes('yes') ?? false,
      fromDigest: meta?.digestOf ?? null,
    });
    if (!result.ok)
      return errors({ [MENUS.contactPicker]: "That contact isn't in your network. Pick one of yours." });
    return closed(async () => {
      await redrawDigest(ctx, result.digest);
      await ctx.dm(
        touchLoggedMessage({
          contact: result.contact,
          touch: result.touch,
          today,
          warnings: result.warnings,
          askId: result.askId,
          askWhat: form.ask_what,
        }),
      );
    });
  },
};
