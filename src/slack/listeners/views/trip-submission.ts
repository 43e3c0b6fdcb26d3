import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { isLocalDate, minDate } from '../../../domain/dates';
import { afterTouch, nextDueOn } from '../../../domain/schedule';
import { metPromptOn, reachOutOn, tripMatches, tripProblems } from '../../../domain/trips';
import { inTransaction } from '../../../store/db';
import { touchWithin } from '../../../store/touches';
import { findTrip, insertTrip, tripCandidates } from '../../../store/trips';
import { today } from '../../contact-ops';
import type { Deps } from '../../deps';
import { CALLBACK } from '../../ids';
import { parseJsonOrUndefined } from '../../json';
import { ensureMember, memberOfPayload } from '../../member';
import { textMessage } from '../../views/messages';
import { esc } from '../../views/text';
import { TRIP_LIMITS, tripPlannedMessage, tripTitle } from '../../views/trips';
import { sendDm } from './dm';
import { guarded } from './guard';
import { fieldErrors, flattenState, selectedValues } from './values';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

const date = z.string({ error: 'Pick a date.' }).refine(isLocalDate, 'Pick a date.');
const tripForm = z.object({
  city: z
    .string()
    .nullish()
    .transform((v) => v?.trim() ?? '')
    .refine((v) => v.length <= TRIP_LIMITS.city, `At most ${TRIP_LIMITS.city} characters.`),
  event: z
    .string()
    .nullish()
    .transform((v) => v?.trim() || null)
    .refine((v) => v === null || v.length <= TRIP_LIMITS.event, `At most ${TRIP_LIMITS.event} characters.`),
  starts_on: date,
  ends_on: date,
});

export function registerTripSubmissions(app: App, deps: Deps): void {
  app.view<ViewSubmitAction>(
    CALLBACK.planTrip,
    guarded(deps, (args) => submitTrip(deps, args)),
  );
  app.view<ViewSubmitAction>(
    CALLBACK.logTripMet,
    guarded(deps, (args) => submitMet(deps, args)),
  );
}

/** Saves the trip with the contacts found there; errors beside the fields, nothing stored on any. */
async function submitTrip(deps: Deps, { ack, body, view, client }: SubmitArgs): Promise<void> {
  const member = await ensureMember(deps, client, memberOfPayload(body));
  const day = today({ deps, member });
  const parsed = tripForm.safeParse(flattenState(view));
  if (!parsed.success) {
    await ack({ response_action: 'errors', errors: fieldErrors(parsed.error.issues) });
    return;
  }
  const f = parsed.data;
  const problems = tripProblems({ city: f.city, startsOn: f.starts_on, endsOn: f.ends_on }, day);
  if (problems.length) {
    await ack({
      response_action: 'errors',
      errors: Object.fromEntries(problems.map((p) => [p.field, p.message])),
    });
    return;
  }
  const matches = tripMatches(await tripCandidates(deps.db, member), { city: f.city, event: f.event });
  const trip = await insertTrip(
    deps.db,
    member,
    {
      city: f.city,
      event: f.event,
      startsOn: f.starts_on,
      endsOn: f.ends_on,
      reachOutOn: reachOutOn(f.starts_on),
      metPromptOn: metPromptOn(f.ends_on),
    },
    matches.map((m) => m.contact.id),
    deps.clock.now(),
  );
  await ack();
  await sendDm(
    deps,
    client,
    member.userId,
    tripPlannedMessage(trip, new Map(matches.map((m) => [m.contact.id, m.why]))),
  );
}

const metMetadata = z.object({ tripId: z.number().int().positive() });

/** Logs an in-person touch, on the trip's last day, with each contact picked; only the trip's own. */
async function submitMet(deps: Deps, { ack, body, view, client }: SubmitArgs): Promise<void> {
  const member = await ensureMember(deps, client, memberOfPayload(body));
  const meta = metMetadata.safeParse(parseJsonOrUndefined(view.private_metadata));
  const trip = meta.success ? await findTrip(deps.db, member, meta.data.tripId) : null;
  const picked = (selectedValues(view, 'met') ?? []).map(Number);
  const onTrip = new Set(trip?.contacts.map((c) => c.id));
  if (!trip || picked.some((id) => !onTrip.has(id))) {
    await ack({
      response_action: 'errors',
      errors: { met: "That isn't one of your trips or its contacts. Nothing was logged." },
    });
    return;
  }
  // The trip's last day, or today for a trip that is not over yet.
  const on = minDate(trip.endsOn, today({ deps, member }));
  const logged = await inTransaction(deps.db, async (tx) => {
    const names: string[] = [];
    for (const contactId of picked) {
      const done = await touchWithin(
        tx,
        member,
        {
          contactId,
          touchedOn: on,
          kind: 'in_person',
          intent: 'catch_up',
          note: `Met in ${trip.city}${trip.event ? ` at ${trip.event}` : ''}`,
        },
        (state) => {
          const next = afterTouch(state, on);
          return {
            lastTouchOn: next.lastTouchOn,
            snoozedUntil: next.snoozedUntil,
            nextDueOn: nextDueOn(next),
          };
        },
        deps.clock.now(),
      );
      if (done) names.push(done.contact.name);
    }
    return names;
  });
  await ack();
  await sendDm(
    deps,
    client,
    member.userId,
    textMessage(
      logged.length
        ? `Logged in-person touches from ${tripTitle(trip)} with ${logged.map((n) => `*${esc(n)}*`).join(', ')}.`
        : `Nothing to log from ${tripTitle(trip)}.`,
    ),
  );
}
