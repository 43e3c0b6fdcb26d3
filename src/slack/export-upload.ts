import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { webApi } from '@slack/bolt';
import type { ExportFile } from '../usecases/exports';
import { slackFileOrigin } from './member-file';

/** Slack's upload host answered something other than 200 to the bytes of an upload. */
export class UploadRefusedError extends Error {}

/**
 * One file's first two steps of Slack's upload flow: files.getUploadURLExternal (name and length),
 * then the bytes POSTed to its upload_url (only ever Slack's file host). Returns the file's id.
 */
async function uploadBytes(
  client: webApi.WebClient,
  name: string,
  bytes: number,
  body: () => Buffer | ReadableStream,
): Promise<string> {
  const { upload_url: uploadUrl, file_id: fileId } = await client.files.getUploadURLExternal({
    filename: name,
    length: bytes,
  });
  if (!uploadUrl || !fileId || new URL(uploadUrl).origin !== slackFileOrigin(client.slackApiUrl)) {
    throw new UploadRefusedError('Slack gave an upload address off its file host');
  }
  // A stream body needs `duplex: 'half'` (Node's fetch), which TypeScript's RequestInit does not list yet.
  const response = await fetch(uploadUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes) },
    body: body(),
    duplex: 'half',
    redirect: 'error',
  } as RequestInit);
  await response.body?.cancel();
  if (!response.ok) throw new UploadRefusedError(`the upload of ${name} answered ${response.status}`);
  return fileId;
}

/**
 * Shares the files into `channelId` (the member's DM) in one message, through Slack's upload flow:
 * each file's bytes streamed from disk, then files.completeUploadExternal for all of them.
 */
export async function shareFiles(
  client: webApi.WebClient,
  channelId: string,
  files: ExportFile[],
): Promise<void> {
  const uploaded: { id: string; title: string }[] = [];
  for (const file of files) {
    const id = await uploadBytes(
      client,
      file.name,
      file.bytes,
      () => Readable.toWeb(createReadStream(file.path)) as ReadableStream,
    );
    uploaded.push({ id, title: file.name });
  }
  const [first, ...rest] = uploaded;
  if (!first) return;
  await client.files.completeUploadExternal({ files: [first, ...rest], channel_id: channelId });
}

/**
 * Shares one small file made in memory (an invite) into `channelId`, with `comment` as its message
 * (Slack's mrkdwn, escaped by the caller).
 */
export async function shareTextFile(
  client: webApi.WebClient,
  channelId: string,
  file: { name: string; content: string },
  comment: string,
): Promise<void> {
  const bytes = Buffer.from(file.content, 'utf8');
  const id = await uploadBytes(client, file.name, bytes.length, () => bytes);
  await client.files.completeUploadExternal({
    files: [{ id, title: file.name }],
    channel_id: channelId,
    initial_comment: comment,
  });
}
