import { z } from 'zod';
import { FIELD_LIMITS } from '../../../domain/limits';
import { logWhomIMet, planTrip } from '../../../usecases/trips';
import { textMessage, withUndo } from '../../blocks/messages';
import { esc } from '../../blocks/text';
import { tripPlannedMessage, tripTitle } from '../../blocks/trips';
import { ACTIONS } from '../../registry/actions';
import { redrawDigest } from '../replies';
import { fieldErrors, flattenState, pickedDate, selectedValues } from './fields';
import { closed, errors, type SubmissionHandlers } from './submission';

const tripForm = z.object({
  // An empty city is one of the trip rules' problems, said beside the field with the others.
  city: z
    .string()
    .nullish()
    .transform((v) => v?.trim() ?? '')
    .refine((v) => v.length <= FIELD_LIMITS.tripCity, `At most ${FIELD_LIMITS.tripCity} characters.`),
  event: z
    .string()
    .nullish()
    .transform((v) => v?.trim() || null)
    .refine(
      (v) => v === null || v.length <= FIELD_LIMITS.tripEvent,
      `At most ${FIELD_LIMITS.tripEvent} characters.`,
    ),
  starts_on: pickedDate(),
  ends_on: pickedDate(),
});

export const tripSubmissions: SubmissionHandlers<'planTrip' | 'logTripMet'> = {
  /** Saves the trip with the contacts found there; errors beside the fields, nothing stored on any. */
  planTrip: async (ctx, view) => {
    const parsed = tripForm.safeParse(flattenState(view));
    if (!parsed.success) return errors(fieldErrors(parsed.error.issues));
    const f = parsed.data;
    const result = await planTrip(ctx.deps, ctx.member, {
      city: f.city,
      event: f.event,
      startsOn: f.starts_on,
      endsOn: f.ends_on,
    });
    if (!result.ok) return errors(Object.fromEntries(result.problems.map((p) => [p.field, p.message])));
    return closed(() => ctx.dm(tripPlannedMessage(result.trip, result.why)));
  },
  /** Logs an in-person touch with each contact picked; only the trip's own. */
  logTripMet: async (ctx, view, meta) => {
    const picked = (selectedValues(view, 'met') ?? []).map(Number);
    const result = meta
      ? await logWhomIMet(ctx.deps, ctx.member, meta.tripId, picked, meta.digestOf ?? null)
      : null;
    if (!result?.ok)
      return errors({ met: "That isn't one of your trips or its contacts. Nothing was logged." });
    const { trip, names, touchIds } = result;
    const message = names.length
      ? withUndo(
          textMessage(
            `Logged in-person touches from ${tripTitle(trip)} with ${names.map((n) => `*${esc(n)}*`).join(', ')}.`,
          ),
          ACTIONS.undoGroupTouch.ref({ t: touchIds }),
        )
      : textMessage(`Nothing to log from ${tripTitle(trip)}.`);
    return closed(async () => {
      await redrawDigest(ctx, result.digest);
      await ctx.dm(message);
    });
  },
};
