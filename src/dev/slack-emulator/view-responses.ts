import { validateView } from './block-kit-validation';
import { clone, isRecord } from './json';
import { type EmulatorState, MAX_VIEW_STACK } from './state';
import type { SlackView } from './types';

/**
 * What Slack does with the app's answer to a view_submission (the body of its ack):
 * nothing / empty → the submitted view closes; `response_action: 'update' | 'push' | 'clear' | 'errors'`.
 */

export interface ViewResponseOutcome {
  /** 'close' (empty ack), a response_action, or 'ignored' when the ack was not 200. */
  action: 'close' | 'update' | 'push' | 'clear' | 'errors' | 'ignored';
  /** False when Slack would have refused the answer (and shown the user an error instead). */
  ok: boolean;
  errors?: string[];
  /** The view shown after an `update` or `push`. */
  view?: SlackView;
}

export function applyViewSubmissionResponse(
  state: EmulatorState,
  viewId: string,
  httpStatus: number,
  body: unknown,
  now: number,
): ViewResponseOutcome {
  const record = state.views.get(viewId);
  if (!record) return { action: 'ignored', ok: false, errors: [`unknown view ${viewId}`] };
  // Slack shows "We had some trouble connecting" and keeps the view open when the app fails to ack.
  if (httpStatus !== 200)
    return { action: 'ignored', ok: false, errors: [`the app answered HTTP ${httpStatus}`] };
  if (!isRecord(body) || body.response_action === undefined) {
    state.closeView(viewId);
    return { action: 'close', ok: true };
  }
  switch (body.response_action) {
    case 'clear':
      state.closeView(viewId, true);
      return { action: 'clear', ok: true };
    case 'errors':
      return { action: 'errors', ...checkErrors(record.view, body.errors) };
    case 'update':
    case 'push': {
      const action = body.response_action === 'update' ? 'update' : 'push';
      const { blockErrors, argErrors } = validateView(body.view, 'modal');
      const errors = [...blockErrors, ...argErrors];
      if (errors.length > 0) return { action, ok: false, errors };
      const input = body.view as Record<string, unknown>;
      if (action === 'update') {
        const view = state.buildView(input, now, {
          id: record.view.id,
          rootViewId: record.view.root_view_id,
          previousViewId: record.view.previous_view_id,
        });
        state.views.set(view.id, { view, userId: record.userId, open: true });
        return { action: 'update', ok: true, view: clone(view) };
      }
      if (state.stackOf(viewId).length >= MAX_VIEW_STACK) {
        return { action: 'push', ok: false, errors: ['push_limit_reached'] };
      }
      const id = state.ids.next('V');
      const view = state.buildView(input, now, {
        id,
        rootViewId: record.view.root_view_id ?? record.view.id,
        previousViewId: record.view.id,
      });
      state.views.set(id, { view, userId: record.userId, open: true });
      state.lastOpenedViewId = id;
      return { action: 'push', ok: true, view: clone(view) };
    }
    default:
      return {
        action: 'ignored',
        ok: false,
        errors: [`unknown response_action ${String(body.response_action)}`],
      };
  }
}

/** `errors` must map block_ids of the view's input blocks to messages, or Slack rejects the answer. */
function checkErrors(view: SlackView, errors: unknown): { ok: boolean; errors?: string[] } {
  if (!isRecord(errors)) return { ok: false, errors: ['response_action errors needs an errors object'] };
  const inputBlockIds = new Set(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id));
  const problems = Object.entries(errors).flatMap(([blockId, message]) => {
    if (!inputBlockIds.has(blockId))
      return [`errors names '${blockId}', which is not an input block of the view`];
    if (typeof message !== 'string' || message === '')
      return [`errors.${blockId} must be a non-empty string`];
    return [];
  });
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true };
}
