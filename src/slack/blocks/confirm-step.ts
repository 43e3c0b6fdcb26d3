import type { types, ViewOutput } from '@slack/bolt';
import { plainText } from './text';

/**
 * A second look inside a modal, for input that is allowed but probably a slip (a date decades
 * back, a contact who is already there). Slack has no "are you sure?" for a submission, so the first
 * submit answers `response_action: update` with the same modal, everything the member entered still
 * in it, plus a warning and a checkbox; the next submit goes through once the box is ticked. Nothing
 * extra shows while the input looks right.
 */
export interface ConfirmStep {
  /** The checkbox's block_id and action_id. */
  id: string;
  /** The checkbox's one option. */
  label: string;
}

/** Whether the member ticked the step's checkbox. */
export function confirmed(view: ViewOutput, step: ConfirmStep): boolean {
  const state = view.state?.values?.[step.id]?.[step.id] as
    | { selected_options?: unknown[] | null }
    | undefined;
  return (state?.selected_options ?? []).length > 0;
}

/** Whether the modal already shows the step (so a second unticked submit gets an error beside it). */
export function showsStep(view: ViewOutput, step: ConfirmStep): boolean {
  return view.blocks.some((b) => b.block_id === step.id);
}

/**
 * The submitted modal again, with what the member entered kept as initial values, and the warning
 * (`notes`, mrkdwn sections, escaped by the caller) and the step's checkbox inserted after the block
 * `after` (at the top when it is not there).
 */
export function withConfirmStep(
  view: ViewOutput,
  step: ConfirmStep,
  opts: { after?: string; notes: types.SectionBlock[] },
): types.ModalView {
  const blocks = (view.blocks as unknown as types.KnownBlock[]).map((b) => keepEntered(b, view));
  const checkbox: types.InputBlock = {
    type: 'input',
    block_id: step.id,
    optional: true,
    label: plainText('Are you sure?'),
    element: {
      type: 'checkboxes',
      action_id: step.id,
      options: [{ text: plainText(step.label), value: 'yes' }],
    },
  };
  const at = blocks.findIndex((b) => b.block_id === opts.after) + 1;
  blocks.splice(at, 0, ...opts.notes, checkbox);
  return {
    type: 'modal',
    callback_id: view.callback_id,
    private_metadata: view.private_metadata,
    title: plainText(view.title.text),
    ...(view.submit ? { submit: plainText(view.submit.text) } : {}),
    ...(view.close ? { close: plainText(view.close.text) } : {}),
    blocks,
  };
}

type Selected = {
  type?: string;
  value?: string | null;
  selected_option?: types.PlainTextOption | null;
  selected_options?: types.PlainTextOption[] | null;
  selected_date?: string | null;
  selected_user?: string | null;
};

/** An input block whose element starts from what the member entered, so an update loses nothing. */
function keepEntered(block: types.KnownBlock, view: ViewOutput): types.KnownBlock {
  if (block.type !== 'input' || !block.block_id) return block;
  const element = block.element as { action_id?: string; type: string };
  const entered = view.state?.values?.[block.block_id]?.[element.action_id ?? ''] as Selected | undefined;
  if (!entered) return block;
  const initial: Record<string, unknown> = {};
  if (entered.value) initial.initial_value = entered.value;
  if (entered.selected_option) initial.initial_option = entered.selected_option;
  if (entered.selected_options?.length) initial.initial_options = entered.selected_options;
  if (entered.selected_date) initial.initial_date = entered.selected_date;
  if (entered.selected_user) initial.initial_user = entered.selected_user;
  return { ...block, element: { ...element, ...initial } } as types.KnownBlock;
}
