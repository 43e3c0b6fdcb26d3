import { z } from 'zod';
import { BUDGET_LIMITS } from '../../../domain/budget';
import { isTimeZone, type LocalDate, localDate } from '../../../domain/dates';
import { describeSettings } from '../../../domain/settings';
import { canPlanIn, saveSettings } from '../../../usecases/settings';
import { textMessage } from '../../blocks/messages';
import { PATIENCE_CHOICES, SLACK_ZONE_VALUE } from '../../blocks/settings-modal';
import { slackDate } from '../../blocks/text';
import { MENUS } from '../../registry/actions';
import { fieldErrors, flattenState, pickedDate, selectedValues } from './fields';
import { closed, errors, type SubmissionHandlers } from './submission';

const BUDGET_MESSAGE = `Type a whole number of check-ins from ${BUDGET_LIMITS.min} to ${BUDGET_LIMITS.max}, or leave it empty for no limit.`;

/** No IANA zone name comes close; anything longer was not picked from the list. */
const MAX_ZONE_LENGTH = 100;

/**
 * The settings form. `today` is the member's date in the zone they are choosing, since that is
 * the calendar their pause is counted in; `isKnownZone` asks whether reminders can be planned there.
 */
function settingsForm(today: LocalDate, isKnownZone: (tz: string) => Promise<boolean>) {
  return z.object({
    digest_hour: z
      .string({ error: 'Pick a time from the list.' })
      .regex(/^\d{1,2}$/, 'Pick a time from the list.')
      .transform(Number)
      .refine((h) => h >= 0 && h <= 23, 'Pick a time from the list.'),
    work_days: z
      .array(z.enum(['1', '2', '3', '4', '5', '6', '7'], { error: 'Pick days from the list.' }), {
        error: 'Pick at least one day for your reminders.',
      })
      .min(1, 'Pick at least one day for your reminders.')
      .transform((days) => [...new Set(days.map(Number))].sort((a, b) => a - b)),
    [MENUS.timeZone]: z
      .string({ error: 'Pick a time zone.' })
      .max(MAX_ZONE_LENGTH, { error: 'Pick a time zone from the list.', abort: true })
      .refine((v) => v === SLACK_ZONE_VALUE || isTimeZone(v), {
        error: "I don't know that time zone. Pick one from the list.",
        abort: true,
      })
      .refine(
        async (v) => v === SLACK_ZONE_VALUE || (await isKnownZone(v)),
        "I can't plan reminders in that time zone yet. Please pick a nearby city.",
      ),
    patience_days: z
      .string({ error: 'Pick how many days to wait.' })
      .regex(/^\d{1,2}$/, 'Pick how many days to wait.')
      .transform(Number)
      .refine((d) => PATIENCE_CHOICES.includes(d), 'Pick how many days to wait.'),
    weekly_budget: z
      .string()
      .nullish()
      .transform((v) => v ?? '')
      .refine((v) => v === '' || /^\d{1,3}$/.test(v), BUDGET_MESSAGE)
      .transform((v) => (v === '' ? null : Number(v)))
      .refine((n) => n === null || (n >= BUDGET_LIMITS.min && n <= BUDGET_LIMITS.max), BUDGET_MESSAGE),
    paused_until: pickedDate()
      .refine((d) => d >= today, 'That date is in the past. Pick today or a later day, or leave it empty.')
      .nullish()
      .transform((v) => v ?? null),
  });
}

/**
 * Checks and stores the member's reminder settings before the ack. Whose settings they are comes
 * from the signed payload's user, never from the view. The confirmation DM follows the ack.
 */
export const settingsSubmissions: SubmissionHandlers<'settings'> = {
  settings: async (ctx, view) => {
    const { member } = ctx;
    const flat = flattenState(view);
    const picked = flat[MENUS.timeZone];
    const zone =
      picked === SLACK_ZONE_VALUE ? member.slackTz : picked && isTimeZone(picked) ? picked : member.tz;
    const today = localDate(ctx.deps.clock.now(), zone);
    const parsed = await settingsForm(today, (tz) => canPlanIn(ctx.deps, tz)).safeParseAsync({
      ...flat,
      work_days: selectedValues(view, 'work_days'),
    });
    if (!parsed.success) return errors(fieldErrors(parsed.error.issues));
    const form = parsed.data;
    const tzPick = form[MENUS.timeZone];
    const saved = await saveSettings(ctx.deps, member, {
      digestHour: form.digest_hour,
      workDays: form.work_days,
      tzOverride: tzPick === SLACK_ZONE_VALUE ? null : tzPick,
      pausedUntil: form.paused_until,
      patienceDays: form.patience_days,
      weeklyBudget: form.weekly_budget,
    });
    if (!saved) {
      return errors({
        digest_hour: 'Something went wrong on my side and nothing was changed. Please try again.',
      });
    }
    return closed(() =>
      ctx.dm(textMessage(`${describeSettings(saved, slackDate)} These apply from the next reminder check.`)),
    );
  },
};
