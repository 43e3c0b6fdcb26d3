import { cancelImport, getImportPreview, IMPORT_CHUNK, runImport } from '../../../usecases/imports';
import {
  importCancelledMessage,
  importFileModal,
  importGoneMessage,
  importPreviewMessage,
  importProgressMessage,
  importSummaryMessage,
} from '../../blocks/imports';
import type { Message } from '../../blocks/messages';
import type { ListenerContext } from '../context';
import { sendExport } from '../export';
import type { ActionHandlers } from './handler';

/**
 * A message in the member's DM that says how far a long import got, rewritten in place. Slack's
 * chat.update is paced (Tier 3), so it is written once per chunk of rows, not per row; a failure
 * to post or update is logged, never stops the import.
 */
function progressReporter(ctx: ListenerContext) {
  let posted: { channel: string; ts: string } | null = null;
  const show = async (message: Message) => {
    try {
      if (posted) {
        await ctx.client.chat.update({ ...posted, text: message.text, blocks: message.blocks });
      } else {
        const sent = await ctx.client.chat.postMessage({
          channel: ctx.member.userId,
          text: message.text,
          blocks: message.blocks,
        });
        if (sent.channel && sent.ts) posted = { channel: sent.channel, ts: sent.ts };
      }
    } catch (err) {
      ctx.deps.logger.warn({ err }, 'could not show the import progress');
    }
  };
  return {
    onProgress: async (done: number, total: number) => {
      // A file that fits in one chunk is done before a progress message would be read.
      if (total > IMPORT_CHUNK) await show(importProgressMessage(done, total));
    },
  };
}

/**
 * The buttons of an import's preview, and the Home's Import and Export buttons. Each id is looked up
 * among the clicker's own imports.
 */
export const importActions: ActionHandlers<
  'homeImport' | 'homeExport' | 'importConfirm' | 'importCancel' | 'importInclude'
> = {
  homeImport: (ctx) => ctx.openModal(importFileModal()),
  homeExport: sendExport,
  importInclude: async (ctx, { i, inc }) => {
    const preview = await getImportPreview(ctx.deps, ctx.member, i);
    if (!preview) return ctx.reply(importGoneMessage(), { replaceOriginal: true });
    // Only lines the preview offers can be included, whatever the button claims.
    const offered = new Set(preview.possibleDuplicates.map((d) => d.line));
    await ctx.reply(
      importPreviewMessage(
        preview,
        inc.filter((l) => offered.has(l)),
      ),
      { replaceOriginal: true },
    );
  },
  importConfirm: async (ctx, { i, inc }) => {
    const progress = progressReporter(ctx);
    const outcome = await runImport(ctx.deps, ctx.member, i, inc, progress.onProgress);
    if (outcome.kind !== 'done') return ctx.reply(importGoneMessage(), { replaceOriginal: true });
    await ctx.reply(importSummaryMessage(outcome.format, outcome.summary), { replaceOriginal: true });
  },
  importCancel: async (ctx, { i }) => {
    const cancelled = await cancelImport(ctx.deps, ctx.member, i);
    await ctx.reply(cancelled ? importCancelledMessage() : importGoneMessage(), { replaceOriginal: true });
  },
};
