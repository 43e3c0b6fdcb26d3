import type { webApi } from '@slack/bolt';
import type { LocalDate } from '../domain/dates';
import type { ItemOutcome } from '../domain/digest';
import type { Digest } from '../store/digests';
import { setDigestItemOutcome } from '../store/digests';
import type { MemberRef } from '../store/members';
import type { Deps } from './deps';
import { digestMessage } from './views/digest';

/**
 * Records what the member did about a digest item and rewrites the digest message in place
 * (chat.update), so the DM never shows as due what has been dealt with.
 */
export async function markDigestItem(
  deps: Deps,
  client: webApi.WebClient,
  member: MemberRef,
  digestOf: LocalDate,
  itemKey: string,
  outcome: ItemOutcome,
): Promise<Digest | null> {
  const digest = await setDigestItemOutcome(deps.db, member, digestOf, itemKey, outcome);
  if (!digest?.channelId || !digest.messageTs) return digest;
  const message = digestMessage(digest);
  try {
    await client.chat.update({
      channel: digest.channelId,
      ts: digest.messageTs,
      text: message.text,
      blocks: message.blocks,
    });
  } catch (err) {
    deps.logger.warn({ err, digestOf }, 'could not update the digest message');
  }
  return digest;
}
