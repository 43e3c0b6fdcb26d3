import type { ViewOutput } from '@slack/bolt';

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
