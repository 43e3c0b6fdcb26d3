import type { types, ViewOutput } from '@slack/bolt';
import type { ModalKey, ModalMetadata } from '../../registry/modals';
import type { ListenerContext } from '../context';

/**
 * What a modal submission answers Slack: errors beside fields (the modal stays open, nothing
 * saved), the modal redrawn (an "are you sure?" step, nothing saved; or "Reading your file…" with
 * the slow work in `after`), or close, with `after` (a confirmation DM, say) run once Slack has
 * its answer.
 */
export type SubmissionResult =
  | { errors: Record<string, string> }
  | { update: types.ModalView; after?: () => Promise<void> }
  | { close: true; after?: () => Promise<void> };

/** Checks and saves one modal's submission before the ack, so it closes only once saved. */
export type SubmissionHandler<K extends ModalKey> = (
  ctx: ListenerContext,
  view: ViewOutput,
  metadata: ModalMetadata<K> | null,
) => Promise<SubmissionResult>;

export type SubmissionHandlers<K extends ModalKey> = { [P in K]: SubmissionHandler<P> };

export const closed = (after?: () => Promise<void>): SubmissionResult => ({ close: true, after });
export const updated = (view: types.ModalView, after?: () => Promise<void>): SubmissionResult => ({
  update: view,
  after,
});
export const errors = (map: Record<string, string>): SubmissionResult => ({ errors: map });
