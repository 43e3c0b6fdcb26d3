import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { webApi } from '@slack/bolt';
import type { ExportFile } from '../usecases/exports';
import { slackFileOrigin } from './member-file';

/** Slack's upload host answered something other than 200 to the bytes of an upload. */
export class UploadRefusedError extends Error {}

/**
 * Shares the files into `channelId` (the member's DM) in one message, through Slack's upload flow:
 * files.getUploadURLExternal for each (name and length), the bytes streamed from disk to its
 * upload_url (only ever Slack's file host), then files.completeUploadExternal for all of them.
 */
export async function shareFiles(
  client: webApi.WebClient,
  channelId: string,
  files: ExportFile[],
): Promise<void> {
  const uploaded: { id: string; title: string }[] = [];
  for (const file of files) {
    const { upload_url: uploadUrl, file_id: fileId } = await client.files.getUploadURLExternal({
      filename: file.name,
      length: file.bytes,
    });
    if (!uploadUrl || !fileId || new URL(uploadUrl).origin !== slackFileOrigin(client.slackApiUrl)) {
      throw new UploadRefusedError('Slack gave an upload address off its file host');
    }
    // A stream body needs `duplex: 'half'` (Node's fetch), which TypeScript's RequestInit does not list yet.
    const response = await fetch(uploadUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.bytes) },
      body: Readable.toWeb(createReadStream(file.path)) as ReadableStream,
      duplex: 'half',
      redirect: 'error',
    } as RequestInit);
    await response.body?.cancel();
    if (!response.ok) throw new UploadRefusedError(`the upload of ${file.name} answered ${response.status}`);
    uploaded.push({ id: fileId, title: file.name });
  }
  const [first, ...rest] = uploaded;
  if (!first) return;
  await client.files.completeUploadExternal({ files: [first, ...rest], channel_id: channelId });
}
