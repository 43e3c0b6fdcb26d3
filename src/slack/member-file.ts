import type { webApi } from '@slack/bolt';
import type { MemberRef } from '../usecases/members';

export type MemberFile = { kind: 'file'; bytes: Buffer; name: string } | { kind: 'refused'; reason: string };

/** Where Slack serves a workspace's files: files.slack.com, or the API's own origin when pointed elsewhere (the emulator). */
export function slackFileOrigin(slackApiUrl: string): string {
  const api = new URL(slackApiUrl);
  return api.origin === 'https://slack.com' ? 'https://files.slack.com' : api.origin;
}

const NOT_FOUND = "I couldn't find that file in this workspace, so nothing was imported.";
const NOT_YOURS = "That file isn't one you uploaded, so I left it alone. Nothing was imported.";
const NO_DOWNLOAD = "Slack didn't let me download that file, so nothing was imported. Please try again.";

function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MB`;
}

/**
 * The bytes of a file a member uploaded in a modal. What a submission says about a file is only a
 * claim: Slack itself (files.info, with this workspace's token) must say the file is this
 * member's, and the bytes come only from the address files.info gives, on Slack's file host, with
 * the bot token. Never more than `maxBytes` is read.
 */
export async function downloadMemberFile(
  client: webApi.WebClient,
  member: MemberRef,
  fileId: string,
  maxBytes: number,
): Promise<MemberFile> {
  let file: webApi.FilesInfoResponse['file'];
  try {
    file = (await client.files.info({ file: fileId })).file;
  } catch {
    return { kind: 'refused', reason: NOT_FOUND };
  }
  if (!file) return { kind: 'refused', reason: NOT_FOUND };
  const team = (file as { user_team?: string }).user_team;
  if (file.user !== member.userId || (team !== undefined && team !== member.teamId)) {
    return { kind: 'refused', reason: NOT_YOURS };
  }
  if ((file.size ?? 0) > maxBytes) return tooBig(file.size ?? 0, maxBytes);
  const url = file.url_private_download;
  if (!url || !URL.canParse(url) || new URL(url).origin !== slackFileOrigin(client.slackApiUrl)) {
    return { kind: 'refused', reason: NO_DOWNLOAD };
  }
  // A redirect could lead off Slack's file host; Slack serves a private download directly.
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${client.token}` },
    redirect: 'error',
  }).catch(() => null);
  if (!response?.ok || !response.body) return { kind: 'refused', reason: NO_DOWNLOAD };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      return tooBig(size, maxBytes);
    }
    chunks.push(Buffer.from(chunk));
  }
  return { kind: 'file', bytes: Buffer.concat(chunks), name: file.name ?? 'the file' };
}

function tooBig(size: number, maxBytes: number): MemberFile {
  return {
    kind: 'refused',
    reason: `That file is ${size > maxBytes * 2 ? 'over ' : ''}${megabytes(size)}; I can read files up to ${megabytes(maxBytes)}. Nothing was imported.`,
  };
}
