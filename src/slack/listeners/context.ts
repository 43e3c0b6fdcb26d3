import type { Context, RespondFn, types, webApi } from '@slack/bolt';
import type { UseCaseDeps } from '../../usecases/deps';
import type { Member } from '../../usecases/members';
import { type Message, textMessage } from '../blocks/messages';
import { failureWords } from '../failure-words';

export type ModalView = Parameters<webApi.WebClient['views']['open']>[0]['view'];

/** What every listener works with, put on Bolt's `context` by the middleware once the member is known. */
export interface ListenerContext {
  deps: UseCaseDeps;
  client: webApi.WebClient;
  member: Member;
  triggerId: string | undefined;
  /** The member acted from their App Home, which has no response_url: the refreshed Home is the answer. */
  fromHome: boolean;
  /** The blocks of the message a button was clicked in, when Slack sends them (not for ephemeral ones). */
  clickedIn: types.KnownBlock[] | undefined;
  /**
   * A private answer where the member acted (ephemeral, or their DM with touchbase when there is no
   * reply URL). `repeatAs`: what a repeat of the click is answered instead, for an answer holding a
   * secret that must not be kept with the click's idempotency key.
   */
  reply(message: Message, opts?: { replaceOriginal?: boolean; repeatAs?: Message }): Promise<void>;
  /** Opens a modal, telling the member plainly why when Slack refuses (too late, busy, a broken install…). */
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

/** The context of one request: replies go where the member acted, or to their DM when Slack gave no reply URL. */
export function contextFor(
  deps: UseCaseDeps,
  client: webApi.WebClient,
  member: ListenerContext['member'],
  respond: RespondFn | undefined,
  triggerId: string | undefined,
  fromHome: boolean,
  clickedIn?: types.KnownBlock[],
): ListenerContext {
  const dm = async (message: Message) => {
    try {
      await client.chat.postMessage({ channel: member.userId, text: message.text, blocks: message.blocks });
    } catch (err) {
      deps.logger.warn({ err, userId: member.userId }, 'could not send a DM');
    }
  };
  const reply: ListenerContext['reply'] = async (message, opts = {}) => {
    if (respond) {
      await respond({
        response_type: 'ephemeral',
        replace_original: opts.replaceOriginal ?? false,
        ...message,
      });
    } else if (fromHome) {
      deps.logger.info('no response_url in the Home tab; the refreshed Home is the answer');
    } else {
      await dm(message);
    }
  };
  return {
    deps,
    client,
    member,
    triggerId,
    fromHome,
    clickedIn,
    reply,
    dm,
    async openModal(view: ModalView) {
      if (!triggerId) {
        await reply(textMessage('I could not open the form from here. Try the slash command instead.'));
        return;
      }
      try {
        await client.views.open({ trigger_id: triggerId, view });
      } catch (err) {
        // From the Home tab there is no reply URL, and no refreshed Home answers a form that did not open.
        const tell = fromHome ? dm : reply;
        await tell(textMessage(failureWords(err, deps.logger, 'views.open', true)));
      }
    },
  };
}
