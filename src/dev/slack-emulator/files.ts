import type { EmulatorState } from './state';
import type { FileUpload, SlackFile } from './types';

/** A file a member uploaded: what Slack answers about it, who may see it, and its bytes. */
export interface StoredFile {
  file: SlackFile;
  /** The uploader's workspace: only a token of that workspace sees the file. */
  teamId: string;
  content: Buffer;
}

/**
 * An upload the app started with files.getUploadURLExternal: the name and length it declared, and
 * the bytes once it has POSTed them to the upload_url. files.completeUploadExternal turns it into a
 * stored file.
 */
export interface PendingUpload {
  fileId: string;
  /** The secret part of the upload_url: Slack's upload address needs no token. */
  key: string;
  name: string;
  length: number;
  teamId: string;
  content?: Buffer;
}

/** The path of an upload_url: `/upload/v1/<key>`, as Slack's files.slack.com hands them out. */
export const UPLOAD_PATH = '/upload/v1/';

/** Takes the bytes POSTed to an upload_url; false when the address names no upload waiting for bytes. */
export function receiveUpload(
  state: EmulatorState,
  pathname: string,
  body: Buffer,
): PendingUpload | undefined {
  const key = pathname.slice(UPLOAD_PATH.length);
  const upload = [...state.uploads.values()].find((u) => u.key === key);
  if (!upload || upload.content) return undefined;
  upload.content = Buffer.from(body);
  return upload;
}

/** Slack's filetype, pretty_type and a mimetype for the extensions a file chooser commonly offers. */
const KINDS: Record<string, { filetype: string; pretty: string; mimetype: string }> = {
  csv: { filetype: 'csv', pretty: 'CSV', mimetype: 'text/csv' },
  vcf: { filetype: 'vcard', pretty: 'vCard', mimetype: 'text/vcard' },
  vcard: { filetype: 'vcard', pretty: 'vCard', mimetype: 'text/vcard' },
  txt: { filetype: 'text', pretty: 'Plain Text', mimetype: 'text/plain' },
  pdf: { filetype: 'pdf', pretty: 'PDF', mimetype: 'application/pdf' },
  json: { filetype: 'json', pretty: 'JSON', mimetype: 'application/json' },
  png: { filetype: 'png', pretty: 'PNG', mimetype: 'image/png' },
  jpg: { filetype: 'jpg', pretty: 'JPEG', mimetype: 'image/jpeg' },
  jpeg: { filetype: 'jpg', pretty: 'JPEG', mimetype: 'image/jpeg' },
  zip: { filetype: 'zip', pretty: 'Zip', mimetype: 'application/zip' },
  ics: { filetype: 'ics', pretty: 'iCalendar', mimetype: 'text/calendar' },
};
const BINARY = { filetype: 'binary', pretty: 'Binary', mimetype: 'application/octet-stream' };

/** The extension of a file name, lower case, without the dot ('' when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Where Slack's file host would serve the file: `/files-pri/<team>-<file>/…` on the emulator's origin. */
function filePath(teamId: string, fileId: string): string {
  return `/files-pri/${teamId}-${fileId}`;
}

/** Stores an upload as Slack would, and answers the file object Slack would describe it with. */
export function storeFile(
  state: EmulatorState,
  baseUrl: string,
  upload: FileUpload,
  now: number,
  given?: { id: string; title?: string },
): SlackFile {
  if (!state.isUserId(upload.userId)) throw new Error(`'${upload.userId}' is not a Slack user id`);
  if (upload.name === '') throw new Error('A file needs a name');
  const teamId = upload.teamId ?? state.identity.teamId;
  const id = given?.id ?? state.ids.next('F');
  const kind = KINDS[extensionOf(upload.name)] ?? BINARY;
  const seconds = Math.floor(now / 1000);
  const base = `${baseUrl}${filePath(teamId, id)}`;
  const encodedName = encodeURIComponent(upload.name);
  const file: SlackFile = {
    id,
    created: seconds,
    timestamp: seconds,
    name: upload.name,
    title: given?.title || upload.name,
    mimetype: upload.mimetype ?? kind.mimetype,
    filetype: kind.filetype,
    pretty_type: kind.pretty,
    user: upload.userId,
    user_team: teamId,
    editable: false,
    size: upload.content.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `${base}/${encodedName}`,
    url_private_download: `${base}/download/${encodedName}`,
    permalink: `https://${state.identity.teamDomain}.slack.com/files/${upload.userId}/${id}/${encodedName}`,
    permalink_public: `https://slack-files.com/${teamId}-${id}-${id.toLowerCase()}`,
    comments_count: 0,
    is_starred: false,
    shares: {},
    channels: [],
    groups: [],
    ims: [],
    has_rich_preview: false,
    file_access: 'visible',
  };
  state.files.set(id, { file, teamId, content: Buffer.from(upload.content) });
  return file;
}

/** The file a url_private or url_private_download path names, when its workspace and id match a stored file. */
export function fileAtPath(state: EmulatorState, pathname: string): StoredFile | undefined {
  const match = /^\/files-pri\/([A-Z0-9]+)-(F[A-Z0-9]+)\/(?:download\/)?[^/]+$/.exec(pathname);
  if (!match) return undefined;
  const [, teamId, fileId] = match;
  const stored = fileId === undefined ? undefined : state.files.get(fileId);
  return stored?.teamId === teamId ? stored : undefined;
}
