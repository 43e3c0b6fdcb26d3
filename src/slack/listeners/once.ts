import type { types, ViewOutput } from '@slack/bolt';
import type { Message } from '../blocks/messages';
import type { ListenerContext } from './context';

/**
 * Idempotency keys, built from what Slack sends, for the writes clicks and submissions cause: a
 * double click, a duplicated delivery or a replay carries the same key and writes once
 * (usecases/idempotency.ts keeps the keys).
 */

/**
 * A click: where the button is (its message's ts; or the modal or Home view it is in, with the
 * view's hash, as a view keeps its id while it is redrawn with new contents), which block and
 * element, and the value it carries. A second click on the same button of the same message is the
 * same key, however long after (while the key is kept: a day).
 */
export function actionKey(
  container: Record<string, unknown> | undefined,
  view: { hash?: string } | undefined,
  action: { block_id: string; action_id: string },
  value: string | undefined,
): string | null {
  const where =
    typeof container?.message_ts === 'string'
      ? container.message_ts
      : typeof container?.view_id === 'string'
        ? `${container.view_id}:${view?.hash ?? ''}`
        : null;
  if (!where) return null;
  return JSON.stringify(['action', where, action.block_id, action.action_id, value ?? '']);
}

/** A submission: the view and its hash, which Slack changes whenever the view is updated. */
export function submissionKey(view: Pick<ViewOutput, 'id' | 'hash'>): string {
  return JSON.stringify(['view', view.id, view.hash]);
}

/** A reply a click answered with, kept so a repeat of the click answers the same. */
export interface RecordedReply {
  message: Message;
  replaceOriginal: boolean;
}

/**
 * The listener context, its replies recorded as they are sent. Only replies are replayed to a
 * repeat: a DM or a redrawn digest the first click caused is already there and is not sent twice.
 */
export function recordingReplies(ctx: ListenerContext): { ctx: ListenerContext; replies: RecordedReply[] } {
  const replies: RecordedReply[] = [];
  return {
    replies,
    ctx: {
      ...ctx,
      reply: async (message, opts = {}) => {
        // A stand-in for a secret answer comes beside it, never in its place.
        replies.push(
          opts.repeatAs
            ? { message: opts.repeatAs, replaceOriginal: false }
            : { message, replaceOriginal: opts.replaceOriginal ?? false },
        );
        await ctx.reply(message, opts);
      },
    },
  };
}

/** A repeat answered as the first was: the same replies, in place where the first's were. */
export async function replayReplies(ctx: ListenerContext, replies: RecordedReply[]): Promise<void> {
  for (const { message, replaceOriginal } of replies) await ctx.reply(message, { replaceOriginal });
}

/** What a modal submission answered Slack, kept so a repeat answers the same. */
export type SubmissionAnswer = { update: types.ModalView } | { close: true };
