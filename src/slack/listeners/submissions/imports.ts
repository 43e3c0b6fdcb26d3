import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { MAX_IMPORT_BYTES, parseImport } from '../../../imports/parse';
import type { ColumnMapping } from '../../../imports/types';
import { previewImport, rememberColumnMap, rememberedColumnMap } from '../../../usecases/imports';
import { COLUMN_FIELDS, importMappingModal, NOT_IN_FILE } from '../../blocks/import-mapping';
import {
  IMPORT_FILE,
  importBusyMessage,
  importPreviewMessage,
  importRefusedMessage,
  importStatusModal,
  nothingToImportMessage,
} from '../../blocks/imports';
import { type Message, textMessage } from '../../blocks/messages';
import { downloadMemberFile } from '../../member-file';
import type { ListenerContext, ModalView } from '../context';
import { flattenState } from './fields';
import { errors, type SubmissionHandlers, updated } from './submission';

const fileId = z.string().regex(/^F[A-Z0-9]{2,40}$/);
/** What a file_input sends: the files picked. Only the id is used; everything else about the file comes from Slack. */
const pickedFiles = z.object({ files: z.array(z.object({ id: fileId }).loose()).length(1) }).loose();

const READING = 'Reading your file… The preview comes to your DM with touchbase in a moment.';
const CLOSED_BEFORE_MAPPING =
  'The import form was closed before its columns were matched, so nothing was imported. Start again with /touchbase import.';
const PREVIEW_SENT =
  'The preview is in your DM with touchbase. Nothing is written until you press *Import* there.';

/** Redraws the import modal; false when the member has closed it. */
async function showInModal(ctx: ListenerContext, viewId: string, view: ModalView): Promise<boolean> {
  try {
    await ctx.client.views.update({ view_id: viewId, view });
    return true;
  } catch (err) {
    ctx.deps.logger.info({ err }, 'the import modal is gone; answering in the DM');
    return false;
  }
}

/** How it went, in the modal; in the DM when the member has closed it. */
async function tell(ctx: ListenerContext, viewId: string, message: Message): Promise<void> {
  if (!(await showInModal(ctx, viewId, importStatusModal(message)))) await ctx.dm(message);
}

/**
 * Downloads the member's file (only once Slack says it is theirs), reads it, and sends the preview
 * to their DM; a CSV touchbase does not know gets the column step (or, without asking, the columns
 * the member chose for the same header last time). Runs after the ack: a 20 MB file takes longer
 * than Slack's 3 seconds.
 */
async function readAndPreview(
  ctx: ListenerContext,
  viewId: string,
  id: string,
  chosen?: { mapping: ColumnMapping; headerKey: string },
): Promise<void> {
  const file = await downloadMemberFile(ctx.client, ctx.member, id, MAX_IMPORT_BYTES);
  if (file.kind === 'refused') return tell(ctx, viewId, importRefusedMessage(file.reason));
  let parsed = parseImport(file.bytes, chosen ? { mapping: chosen.mapping } : undefined);
  if (parsed.kind === 'needs_mapping' && !chosen) {
    const remembered = await rememberedColumnMap<ColumnMapping>(ctx.deps, ctx.member, parsed.headerKey);
    if (remembered) parsed = parseImport(file.bytes, { mapping: remembered });
  }
  if (parsed.kind === 'refused') return tell(ctx, viewId, importRefusedMessage(parsed.reason));
  if (parsed.kind === 'needs_mapping') {
    if (!(await showInModal(ctx, viewId, importMappingModal({ fileId: id, ...parsed })))) {
      await ctx.dm(importRefusedMessage(CLOSED_BEFORE_MAPPING));
    }
    return;
  }
  // Remembered only once the columns read: a file that is not theirs, or does not read, leaves nothing behind.
  if (chosen) await rememberColumnMap(ctx.deps, ctx.member, chosen.headerKey, chosen.mapping);
  const outcome = await previewImport(ctx.deps, ctx.member, parsed);
  if (outcome.kind === 'busy') return tell(ctx, viewId, importBusyMessage(outcome.importId, outcome.state));
  if (outcome.kind === 'nothing') {
    return tell(ctx, viewId, nothingToImportMessage(outcome.alreadyHere, outcome.skipped));
  }
  await ctx.dm(importPreviewMessage(outcome.preview, []));
  await showInModal(ctx, viewId, importStatusModal(textMessage(PREVIEW_SENT)));
}

function pickedFile(view: ViewOutput): string | null {
  const parsed = pickedFiles.safeParse(view.state?.values?.[IMPORT_FILE]?.[IMPORT_FILE]);
  return parsed.success ? (parsed.data.files[0]?.id ?? null) : null;
}

/** The columns chosen, one select per field; "not in this file" leaves the field out. */
function chosenMapping(view: ViewOutput): ColumnMapping {
  const flat = flattenState(view);
  const mapping: ColumnMapping = {};
  for (const field of COLUMN_FIELDS) {
    const raw = flat[`map_${field}`];
    if (raw && raw !== NOT_IN_FILE && /^\d{1,4}$/.test(raw)) mapping[field] = Number(raw);
  }
  return mapping;
}

export const importSubmissions: SubmissionHandlers<'importFile' | 'importMapping'> = {
  importFile: async (ctx, view) => {
    const id = pickedFile(view);
    if (!id) return errors({ [IMPORT_FILE]: 'Pick one .csv or .vcf file to import.' });
    return updated(importStatusModal(textMessage(READING)), () => readAndPreview(ctx, view.id, id));
  },
  importMapping: async (ctx, view, meta) => {
    if (!meta) return errors({ map_name: 'This form is out of date. Start again with /touchbase import.' });
    const mapping = chosenMapping(view);
    if (mapping.name === undefined && mapping.firstName === undefined && mapping.lastName === undefined) {
      return errors({ map_name: 'Pick the column that holds the name (or the first and last name).' });
    }
    return updated(importStatusModal(textMessage(READING)), () =>
      readAndPreview(ctx, view.id, meta.fileId, { mapping, headerKey: meta.headerKey }),
    );
  },
};
