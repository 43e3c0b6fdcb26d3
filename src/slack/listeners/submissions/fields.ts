import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { isLocalDate, type LocalDate } from '../../../domain/dates';

/** One input's value, whatever element produced it, keyed by action_id. */
export type FlatValues = Record<string, string | null | undefined>;

/**
 * Flattens `view.state.values[block_id][action_id]` to action_id → the chosen value (text,
 * option value, date or user), so a zod schema can check the submission in one place.
 */
export function flattenState(view: ViewOutput): FlatValues {
  const flat: FlatValues = {};
  for (const block of Object.values(view.state?.values ?? {})) {
    for (const [actionId, state] of Object.entries(block ?? {})) {
      const s = state as {
        value?: string | null;
        selected_option?: { value?: string } | null;
        selected_date?: string | null;
        selected_user?: string | null;
      };
      flat[actionId] = s.value ?? s.selected_option?.value ?? s.selected_date ?? s.selected_user ?? null;
    }
  }
  return flat;
}

/** zod issues → Slack's `response_action: errors` map (block_id → message); our block_ids equal action_ids. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'name');
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The values of a checkboxes or multi-select element, which `flattenState` (one value per element) leaves out. */
export function selectedValues(view: ViewOutput, actionId: string): string[] | null {
  for (const block of Object.values(view.state?.values ?? {})) {
    const state = block?.[actionId] as { selected_options?: { value?: unknown }[] | null } | undefined;
    if (state) return (state.selected_options ?? []).map((o) => String(o?.value));
  }
  return null;
}

/** An optional text field: trimmed, empty as null, at most `max` characters. */
export function optionalText(label: string, max: number) {
  return z
    .string()
    .nullish()
    .transform((v) => v?.trim() || null)
    .refine((v) => v === null || v.length <= max, `${label} can be at most ${max} characters.`);
}

/** A picked date that has already happened (on or before the member's `today`). */
export function pastDate(today: LocalDate, future: string) {
  return z
    .string({ error: 'Pick a date.' })
    .refine(isLocalDate, 'Pick a date.')
    .refine((d) => d <= today, future);
}

/** A picked contact: its option value, an id that is only a claim until the use case finds it among the member's own. */
export const pickedContact = z.coerce
  .number({ error: 'Pick one of your contacts.' })
  .int()
  .positive('Pick one of your contacts.');
