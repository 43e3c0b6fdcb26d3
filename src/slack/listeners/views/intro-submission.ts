import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { isLocalDate } from '../../../domain/dates';
import { INTRO_KINDS, introFollowUpOn, introProblem } from '../../../domain/intros';
import { afterTouch, nextDueOn } from '../../../domain/schedule';
import { recordIntroduction } from '../../../store/intros';
import { today } from '../../contact-ops';
import type { Deps } from '../../deps';
import { ACTION, CALLBACK } from '../../ids';
import { ensureMember, memberOfPayload } from '../../member';
import { INTRO_LIMITS } from '../../views/intro-modal';
import { introLoggedMessage } from '../../views/intros';
import { sendDm } from './dm';
import { guarded } from './guard';
import { fieldErrors, flattenState } from './values';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .nullish()
    .transform((v) => v?.trim() || null)
    .refine((v) => v === null || v.length <= max, `${label} can be at most ${max} characters.`);

function introForm(day: string) {
  return z.object({
    [ACTION.introFrom]: z.coerce
      .number({ error: 'Pick one of your contacts.' })
      .int()
      .positive('Pick one of your contacts.'),
    [ACTION.introTo]: z.coerce
      .number()
      .int()
      .positive()
      .nullish()
      .transform((v) => v ?? null),
    intro_to_name: optionalText(INTRO_LIMITS.toName, 'A name'),
    intro_kind: z.enum(INTRO_KINDS, { error: 'Pick a kind.' }),
    intro_why: optionalText(INTRO_LIMITS.why, 'Why'),
    intro_on: z
      .string({ error: 'Pick a date.' })
      .refine(isLocalDate, 'Pick a date.')
      .refine((d) => d <= day, 'That date is in the future. Log introductions you have made.'),
  });
}

const PROBLEMS = {
  same_person: {
    block: ACTION.introTo,
    message: 'Pick someone else: a contact cannot be introduced to themselves.',
  },
  no_target: {
    block: ACTION.introTo,
    message: 'Pick a contact, or name an organisation or opportunity below.',
  },
  two_targets: {
    block: 'intro_to_name',
    message: 'Fill in one of the two: a contact above, or a name here.',
  },
} as const;

/** Records the introduction and a give with each side before the ack; confirms by DM after. */
export function registerIntroSubmission(app: App, deps: Deps): void {
  app.view<ViewSubmitAction>(
    CALLBACK.logIntro,
    guarded(deps, (args) => submitIntro(deps, args)),
  );
}

async function submitIntro(deps: Deps, { ack, body, view, client }: SubmitArgs): Promise<void> {
  const member = await ensureMember(deps, client, memberOfPayload(body));
  const day = today({ deps, member });
  const parsed = introForm(day).safeParse(flattenState(view));
  if (!parsed.success) {
    await ack({ response_action: 'errors', errors: fieldErrors(parsed.error.issues) });
    return;
  }
  const form = parsed.data;
  const sides = {
    fromContactId: form[ACTION.introFrom],
    toContactId: form[ACTION.introTo],
    toName: form.intro_to_name,
  };
  const problem = introProblem(sides);
  if (problem) {
    await ack({
      response_action: 'errors',
      errors: { [PROBLEMS[problem].block]: PROBLEMS[problem].message },
    });
    return;
  }
  const why = form.intro_why ? `: ${form.intro_why}` : '';
  const result = await recordIntroduction(
    deps.db,
    member,
    {
      ...sides,
      kind: form.intro_kind,
      why: form.intro_why,
      introducedOn: form.intro_on,
      followUpOn: introFollowUpOn(form.intro_on),
    },
    { from: `Introduced them${why}`.slice(0, 3000), to: `Was introduced to someone${why}`.slice(0, 3000) },
    (state) => {
      const next = afterTouch(state, form.intro_on);
      return { lastTouchOn: next.lastTouchOn, snoozedUntil: next.snoozedUntil, nextDueOn: nextDueOn(next) };
    },
    deps.clock.now(),
  );
  if (!result.ok) {
    await ack({
      response_action: 'errors',
      errors: {
        [ACTION.introFrom]: "One of these isn't in your network (or was archived). Pick your own contacts.",
      },
    });
    return;
  }
  await ack();
  deps.logger.info({ introId: result.intro.id }, 'introduction logged');
  await sendDm(deps, client, member.userId, introLoggedMessage(result.intro));
}
