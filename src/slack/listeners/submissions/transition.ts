import { z } from 'zod';
import { FIELD_LIMITS } from '../../../domain/limits';
import { TRANSITION_KINDS, transitionEvent } from '../../../domain/transitions';
import { todayFor } from '../../../usecases/deps';
import { noteTransition } from '../../../usecases/transitions';
import { textMessage } from '../../blocks/messages';
import { esc, slackDate } from '../../blocks/text';
import { fieldErrors, flattenState, optionalText, pastDate } from './fields';
import { closed, errors, type SubmissionHandlers } from './submission';

function transitionForm(today: string) {
  return z.object({
    transition_kind: z.enum(TRANSITION_KINDS, { error: 'Pick what changed.' }),
    transition_on: pastDate(today, 'That date is in the future.'),
    transition_note: optionalText('A note', FIELD_LIMITS.transitionNote),
    transition_company: optionalText('Company', FIELD_LIMITS.company),
    transition_role: optionalText('Role', FIELD_LIMITS.role),
  });
}

/** Notes the transition and moves the contact's next check-in before the ack; confirms by DM after. */
export const transitionSubmissions: SubmissionHandlers<'noteTransition'> = {
  noteTransition: async (ctx, view, meta) => {
    const today = todayFor(ctx.deps, ctx.member);
    const flat = flattenState(view);
    const parsed = transitionForm(today).safeParse(flat);
    if (!parsed.success) return errors(fieldErrors(parsed.error.issues));
    const form = parsed.data;
    // A form opened before it asked about the job has no such fields: the contact's stay as they are.
    const asked = Object.hasOwn(flat, 'transition_company') && Object.hasOwn(flat, 'transition_role');
    const saved = meta
      ? await noteTransition(ctx.deps, ctx.member, {
          contactId: meta.contactId,
          kind: form.transition_kind,
          notedOn: form.transition_on,
          note: form.transition_note,
          ...(asked ? { job: { company: form.transition_company, role: form.transition_role } } : {}),
        })
      : null;
    if (!saved) return errors({ transition_kind: "This contact isn't in your network. Nothing was saved." });
    const next = saved.nextDueOn
      ? ` I'll suggest a check-in ${saved.nextDueOn <= today ? 'in your next digest' : `on ${slackDate(saved.nextDueOn)}`}, and keep in closer touch for 90 days.`
      : '';
    return closed(() =>
      ctx.dm(
        textMessage(
          `Noted: *${esc(saved.name)}* ${esc(transitionEvent({ kind: form.transition_kind, company: saved.company, role: saved.role }))}.${next}`,
        ),
      ),
    );
  },
};
