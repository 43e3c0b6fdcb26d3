import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { formatDate, isLocalDate } from '../../../domain/dates';
import { nextDueOn } from '../../../domain/schedule';
import { TRANSITION_KINDS, TRANSITION_PHRASES } from '../../../domain/transitions';
import { noteTransition } from '../../../store/transitions';
import { today } from '../../contact-ops';
import type { Deps } from '../../deps';
import { CALLBACK } from '../../ids';
import { parseJsonOrUndefined } from '../../json';
import { ensureMember, memberOfPayload } from '../../member';
import { textMessage } from '../../views/messages';
import { esc } from '../../views/text';
import { TRANSITION_NOTE_LIMIT } from '../../views/transition-modal';
import { sendDm } from './dm';
import { guarded } from './guard';
import { fieldErrors, flattenState } from './values';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

const metadata = z.object({ contactId: z.number().int().positive() });

function transitionForm(day: string) {
  return z.object({
    transition_kind: z.enum(TRANSITION_KINDS, { error: 'Pick what changed.' }),
    transition_on: z
      .string({ error: 'Pick a date.' })
      .refine(isLocalDate, 'Pick a date.')
      .refine((d) => d <= day, 'That date is in the future.'),
    transition_note: z
      .string()
      .nullish()
      .transform((v) => v?.trim() || null)
      .refine(
        (v) => v === null || v.length <= TRANSITION_NOTE_LIMIT,
        `A note can be at most ${TRANSITION_NOTE_LIMIT} characters.`,
      ),
  });
}

export function registerTransitionSubmission(app: App, deps: Deps): void {
  app.view<ViewSubmitAction>(
    CALLBACK.noteTransition,
    guarded(deps, (args) => submitTransition(deps, args)),
  );
}

async function submitTransition(deps: Deps, { ack, body, view, client }: SubmitArgs): Promise<void> {
  const member = await ensureMember(deps, client, memberOfPayload(body));
  const day = today({ deps, member });
  const parsed = transitionForm(day).safeParse(flattenState(view));
  if (!parsed.success) {
    await ack({ response_action: 'errors', errors: fieldErrors(parsed.error.issues) });
    return;
  }
  const meta = metadata.safeParse(parseJsonOrUndefined(view.private_metadata));
  const form = parsed.data;
  const saved = meta.success
    ? await noteTransition(
        deps.db,
        member,
        {
          contactId: meta.data.contactId,
          kind: form.transition_kind,
          notedOn: form.transition_on,
          note: form.transition_note,
        },
        nextDueOn,
        deps.clock.now(),
      )
    : null;
  if (!saved) {
    await ack({
      response_action: 'errors',
      errors: { transition_kind: "This contact isn't in your network. Nothing was saved." },
    });
    return;
  }
  await ack();
  const next = saved.nextDueOn
    ? ` I'll suggest a check-in ${saved.nextDueOn <= day ? 'in your next digest' : `on ${formatDate(saved.nextDueOn)}`}, and keep in closer touch for 90 days.`
    : '';
  await sendDm(
    deps,
    client,
    member.userId,
    textMessage(`Noted: *${esc(saved.name)}* ${TRANSITION_PHRASES[form.transition_kind]}.${next}`),
  );
}
