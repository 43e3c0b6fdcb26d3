import { z } from 'zod';
import { setReminder } from '../../../usecases/reminders';
import { reminderSetMessage } from '../../blocks/reminders';
import { MENUS } from '../../registry/actions';
import { fieldErrors, flattenState, pickedContact, pickedDate } from './fields';
import { closed, errors, type SubmissionHandlers } from './submission';

const reminderForm = z.object({
  [MENUS.contactPicker]: pickedContact,
  remind_on: pickedDate(),
  // Empty and too long are the use case's problems, said beside the field with the others.
  what: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
});

/** Saves the reminder before the ack (errors beside the fields, nothing saved); says it back by DM after. */
export const reminderSubmissions: SubmissionHandlers<'setReminder'> = {
  setReminder: async (ctx, view) => {
    const parsed = reminderForm.safeParse(flattenState(view));
    if (!parsed.success) return errors(fieldErrors(parsed.error.issues));
    const form = parsed.data;
    const result = await setReminder(ctx.deps, ctx.member, {
      contactId: form[MENUS.contactPicker],
      remindOn: form.remind_on,
      what: form.what,
    });
    if (!result.ok) return errors(Object.fromEntries(result.problems.map((p) => [p.field, p.message])));
    return closed(() => ctx.dm(reminderSetMessage(result.reminder)));
  },
};
