import type { Context, webApi } from '@slack/bolt';
import type { UseCaseDeps } from '../../usecases/deps';
import type { Member } from '../../usecases/members';
import type { Message } from '../blocks/messages';

export type ModalView = Parameters<webApi.WebClient['views']['open']>[0]['view'];

/** What every listener works with, put on Bolt's `context` by the middleware once the member is known. */
export interface ListenerContext {
  deps: UseCaseDeps;
  client: webApi.WebClient;
  member: Member;
  triggerId: string | undefined;
  /** The member acted from their App Home, which has no response_url: the refreshed Home is the answer. */
  fromHome: boolean;
  /** A private answer where the member acted (ephemeral, or their DM with touchbase when there is no reply URL). */
  reply(message: Message, opts?: { replaceOriginal?: boolean }): Promise<void>;
  /** Opens a modal, telling the member plainly when Slack refuses (most often an expired trigger). */
  openModal(view: ModalView): Promise<void>;
  /** A confirmation in the member's DM with touchbase; a failure is logged, never thrown (what was saved stays saved). */
  dm(message: Message): Promise<void>;
}

const KEY = 'touchbase';
const ACKED = 'touchbaseAcked';

export function setListenerContext(context: Context, ctx: ListenerContext): void {
  context[KEY] = ctx;
}

/** The listener context the middleware put on `context`; a listener registered without it is a wiring bug. */
export function listenerContext(context: Context): ListenerContext {
  const ctx = context[KEY] as ListenerContext | undefined;
  if (!ctx) throw new Error('no touchbase context: the member middleware did not run');
  return ctx;
}

/** A modal submission's listener acked (with errors or to close): a later failure must not ack again. */
export function noteAcked(context: Context): void {
  context[ACKED] = true;
}

export function wasAcked(context: Context): boolean {
  return context[ACKED] === true;
}
