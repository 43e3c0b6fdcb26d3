import { runExport } from '../../usecases/exports';
import {
  exportBusyMessage,
  exportFailedMessage,
  exportPreparingMessage,
  exportProgressMessage,
  exportReadyMessage,
} from '../blocks/exports';
import type { Message } from '../blocks/messages';
import { shareFiles, UploadRefusedError } from '../export-upload';
import { failureWords } from '../failure-words';
import type { ListenerContext } from './context';

/**
 * chat.update is paced by Slack (Tier 3, about 50 a minute): the progress message is rewritten at most
 * this often; the last word (ready, or what went wrong) always goes out.
 */
const PROGRESS_EVERY_MS = 1500;

/** The export's message in the member's DM, posted once and rewritten in place. */
function progressMessage(ctx: ListenerContext, channel: string) {
  let ts: string | null = null;
  let shownAt = 0;
  const show = async (message: Message) => {
    try {
      if (ts) {
        await ctx.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
      } else {
        const sent = await ctx.client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
        });
        ts = sent.ts ?? null;
      }
      shownAt = Date.now();
    } catch (err) {
      ctx.deps.logger.warn({ err }, 'could not show the export progress');
    }
  };
  return {
    onProgress: async (done: number, total: number) => {
      if (ts && Date.now() - shownAt < PROGRESS_EVERY_MS) return;
      await show(exportProgressMessage(done, total));
    },
    finish: show,
  };
}

/**
 * `/touchbase export` and the Home's Export button: the member's files, built a page at a time after
 * the ack, shared into their DM with touchbase; the DM's message counts the contacts as it goes, then
 * says the files are below. One export at a time: another request meanwhile is told so plainly.
 */
export async function sendExport(ctx: ListenerContext): Promise<void> {
  // From the Home there is no reply URL: the progress message in the DM is the answer.
  const tell = ctx.fromHome ? ctx.dm : ctx.reply;
  const opened = await ctx.client.conversations.open({ users: ctx.member.userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('Slack opened no DM for the export');
  if (!ctx.fromHome) await ctx.reply(exportPreparingMessage());
  const progress = progressMessage(ctx, channel);
  try {
    const outcome = await runExport(ctx.deps, ctx.member, progress.onProgress, (files) =>
      shareFiles(ctx.client, channel, files),
    );
    if (outcome.kind === 'busy') return tell(exportBusyMessage());
    await progress.finish(exportReadyMessage(outcome.contacts));
  } catch (err) {
    let why: string;
    if (err instanceof UploadRefusedError) {
      ctx.deps.logger.error({ err }, 'Slack refused an export upload');
      why = "Slack didn't take the files just now, so nothing was sent. Please try again in a minute.";
    } else {
      why = failureWords(err, ctx.deps.logger, 'the export');
    }
    await progress.finish(exportFailedMessage(why));
  }
}
