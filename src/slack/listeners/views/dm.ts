import type { webApi } from '@slack/bolt';
import type { Deps } from '../../deps';
import type { Message } from '../../views/messages';

/**
 * Confirms privately in the member's DM with touchbase. What was saved stays saved when
 * Slack is unreachable; the member just misses this one confirmation, and it is logged.
 */
export async function sendDm(
  deps: Deps,
  client: webApi.WebClient,
  userId: string,
  message: Message,
): Promise<void> {
  try {
    await client.chat.postMessage({ channel: userId, text: message.text, blocks: message.blocks });
  } catch (err) {
    deps.logger.warn({ err, userId }, 'could not send a confirmation DM');
  }
}
