import { z } from 'zod';
import { INTRO_KINDS, type IntroProblem } from '../../../domain/intros';
import { FIELD_LIMITS } from '../../../domain/limits';
import { todayFor } from '../../../usecases/deps';
import { logIntroduction } from '../../../usecases/introductions';
import { introLoggedMessage } from '../../blocks/intros';
import { MENUS } from '../../registry/actions';
import { fieldErrors, flattenState, optionalText, pastDate, pickedContact } from './fields';
import { closed, errors, type SubmissionHandlers } from './submission';

function introForm(today: string) {
  return z.object({
    [MENUS.introFrom]: pickedContact,
    [MENUS.introTo]: z.coerce
      .number()
      .int()
      .positive()
      .nullish()
      .transform((v) => v ?? null),
    intro_to_name: optionalText('A name', FIELD_LIMITS.introToName),
    intro_kind: z.enum(INTRO_KINDS, { error: 'Pick a kind.' }),
    intro_why: optionalText('Why', FIELD_LIMITS.introWhy),
    intro_on: pastDate(today, 'That date is in the future. Log introductions you have made.'),
  });
}

/** Where each problem with who-to-whom is shown, and how it is said. */
const PROBLEMS: Record<IntroProblem, { block: string; message: string }> = {
  same_person: {
    block: MENUS.introTo,
    message: 'Pick someone else: a contact cannot be introduced to themselves.',
  },
  no_target: {
    block: MENUS.introTo,
    message: 'Pick a contact, or name an organisation or opportunity below.',
  },
  two_targets: {
    block: 'intro_to_name',
    message: 'Fill in one of the two: a contact above, or a name here.',
  },
};

/** Records the introduction and a give with each side before the ack; confirms by DM after. */
export const introSubmissions: SubmissionHandlers<'logIntro'> = {
  logIntro: async (ctx, view) => {
    const parsed = introForm(todayFor(ctx.deps, ctx.member)).safeParse(flattenState(view));
    if (!parsed.success) return errors(fieldErrors(parsed.error.issues));
    const form = parsed.data;
    const result = await logIntroduction(ctx.deps, ctx.member, {
      fromContactId: form[MENUS.introFrom],
      toContactId: form[MENUS.introTo],
      toName: form.intro_to_name,
      kind: form.intro_kind,
      why: form.intro_why,
      introducedOn: form.intro_on,
    });
    if (result.ok) return closed(() => ctx.dm(introLoggedMessage(result.intro, result.touchIds)));
    if (result.reason === 'problem') {
      const p = PROBLEMS[result.problem];
      return errors({ [p.block]: p.message });
    }
    return errors({
      [MENUS.introFrom]: "One of these isn't in your network (or was archived). Pick your own contacts.",
    });
  },
};
