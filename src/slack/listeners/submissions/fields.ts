import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { DATE_RANGE_MESSAGE, isDateInRange, isLocalDate, type LocalDate } from '../../../domain/dates';
import { cleanLine, cleanText } from '../../../domain/text-input';

/** One input's value, whatever element produced it, keyed by action_id. */
export type FlatValues = Record<string, string | null | undefined>;

/**
 * Flattens `view.state.values[block_id][action_id]` to action_id → the chosen value (text,
 * option value, date, time or user), so a zod schema can check the submission in one place. Every value
 * is cleaned here, as it enters: a multi-line text input (as the view's own blocks declare it)
 * keeps its line breaks, anything else is one line.
 */
export function flattenState(view: ViewOutput): FlatValues {
  const multiline = multilineInputs(view);
  // No prototype: an action_id such as `__proto__` in a crafted state is just a key.
  const flat: FlatValues = Object.create(null);
  for (const block of Object.values(view.state?.values ?? {})) {
    for (const [actionId, state] of Object.entries(block ?? {})) {
      const s = state as {
        value?: string | null;
        selected_option?: { value?: string } | null;
        selected_date?: string | null;
        selected_time?: string | null;
        selected_user?: string | null;
      };
      const value =
        s.value ?? s.selected_option?.value ?? s.selected_date ?? s.selected_time ?? s.selected_user ?? null;
      flat[actionId] =
        typeof value === 'string' ? (multiline.has(actionId) ? cleanText(value) : cleanLine(value)) : null;
    }
  }
  return flat;
}

/** The action_ids of the view's multi-line text inputs. */
function multilineInputs(view: ViewOutput): Set<string> {
  const ids = new Set<string>();
  for (const block of (view.blocks ?? []) as { element?: { action_id?: unknown; multiline?: unknown } }[]) {
    const element = block.element;
    if (element?.multiline === true && typeof element.action_id === 'string') ids.add(element.action_id);
  }
  return ids;
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
    if (state) return (state.selected_options ?? []).map((o) => cleanLine(String(o?.value)));
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

/** A picked date: a real day between 1900 and 2200, whatever the datepicker (or a crafted payload) sent. */
export function pickedDate() {
  return z
    .string({ error: 'Pick a date.' })
    .refine(isLocalDate, 'Pick a date.')
    .refine(isDateInRange, DATE_RANGE_MESSAGE);
}

/** A picked date that has already happened (on or before the member's `today`). */
export function pastDate(today: LocalDate, future: string) {
  return pickedDate().refine((d) => d <= today, future);
}

/** A picked contact: its option value, an id that is only a claim until the use case finds it among the member's own. */
export const pickedContact = z.coerce
  .number({ error: 'Pick one of your contacts.' })
  .int()
  .positive('Pick one of your contacts.');
