import type { SlackLimits } from './rate-limits';
/**
 * Public shapes of the Slack emulator: what Slack stores and answers (views, messages, users) and what
 * the emulator records about the calls it received. Block Kit content is kept loose (`Block`) on purpose:
 * the emulator stores whatever the app sent, after validating it the way Slack does.
 */

/** A Block Kit block as the app sent it; `block-kit-validation.ts` checks the rest of its fields. */
export interface Block {
  type: string;
  block_id?: string;
  /** The fields most blocks use, named so tests can cast a stored block to the shape they expect. */
  text?: unknown;
  fields?: unknown;
  accessory?: unknown;
  elements?: unknown;
  element?: unknown;
  label?: unknown;
  [field: string]: unknown;
}

export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
  verbatim?: boolean;
}

/** A view as Slack answers it from views.open / push / update / publish. */
export interface SlackView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  blocks: Block[];
  private_metadata: string;
  callback_id: string;
  /** Slack keeps the inputs the user has typed here; the emulator starts every view empty. */
  state: { values: Record<string, Record<string, unknown>> };
  hash: string;
  title?: TextObject;
  close?: TextObject | null;
  submit?: TextObject | null;
  clear_on_close: boolean;
  notify_on_close: boolean;
  previous_view_id: string | null;
  root_view_id: string | null;
  app_id: string;
  external_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

/** A message as Slack answers it from chat.postMessage / chat.update and sends it in block_actions. */
export interface SlackMessage {
  type: 'message';
  ts: string;
  text: string;
  blocks?: Block[];
  attachments?: unknown[];
  metadata?: unknown;
  thread_ts?: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  edited?: { user: string; ts: string };
  /** Files shared with the message (files.completeUploadExternal), as Slack describes them. */
  files?: SlackFile[];
  /** True on the message that shares an upload, as Slack marks it. */
  upload?: boolean;
}

/** A message only one user sees (chat.postEphemeral, or an ephemeral response_url post). */
export interface EphemeralMessage {
  channel: string;
  /** The only user who sees it. */
  user: string;
  ts: string;
  text: string;
  blocks?: Block[];
}

/** A workspace member as the emulator knows it; `setUser` overrides any field. */
export interface EmulatedUser {
  id: string;
  teamId: string;
  name: string;
  realName: string;
  displayName: string;
  /** IANA time zone, such as 'Europe/Paris'. */
  tz: string;
  isBot: boolean;
  deleted: boolean;
  email?: string;
}

/**
 * A file as Slack describes it in files.info and in a file_input's value (the fields of Slack's file
 * object an app reads; Slack sends more, such as thumbnails and shares).
 */
export interface SlackFile {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  /** Slack's word for the kind of file, from its extension: 'csv', 'vcard', 'pdf', 'text', 'binary'… */
  filetype: string;
  pretty_type: string;
  /** Who uploaded it, and their workspace. */
  user: string;
  user_team: string;
  editable: boolean;
  /** Bytes. */
  size: number;
  mode: 'hosted';
  is_external: boolean;
  external_type: string;
  is_public: boolean;
  public_url_shared: boolean;
  display_as_bot: boolean;
  username: string;
  /** On the emulator's own origin, as Slack's are on its file host; they answer only the bot token. */
  url_private: string;
  url_private_download: string;
  permalink: string;
  permalink_public: string;
  comments_count: number;
  is_starred: boolean;
  shares: Record<string, unknown>;
  channels: string[];
  groups: string[];
  ims: string[];
  has_rich_preview: boolean;
  file_access: string;
}

/** A file a member uploads, as a test or the sandbox hands it to `uploadFile`. */
export interface FileUpload {
  userId: string;
  name: string;
  content: Buffer;
  /** Guessed from the name's extension when not given, as Slack does. */
  mimetype?: string;
  /** The uploader's workspace; another than the emulator's makes a file its bot token cannot see. */
  teamId?: string;
}

/** One GET of a file's url_private or url_private_download, whatever its outcome. */
export interface FileDownload {
  /** The path asked for, on the emulator's origin. */
  path: string;
  /** The file it named, when the emulator holds it. */
  fileId?: string;
  /** The bearer token it carried, if any. */
  token?: string;
  at: number;
  status: number;
}

/** One Web API call the emulator received, whatever its outcome. */
export interface RecordedCall {
  method: string;
  /** The arguments after form/JSON parsing, with `blocks`, `view` etc. parsed from their JSON strings. */
  args: Record<string, unknown>;
  /** The token the call carried (Authorization header or `token` field), if any. */
  token?: string;
  /** When the call arrived, ms since the epoch. */
  at: number;
  /** The HTTP status the emulator answered. */
  status: number;
  ok: boolean;
  error?: string;
  /** The JSON body the emulator answered. */
  response: unknown;
}

/** One POST to a response_url, whatever its outcome. */
export interface ResponsePost {
  id: string;
  /** The JSON posted (`{text, blocks, response_type, replace_original, …}`); `{}` when it was not JSON. */
  body: Record<string, unknown>;
  /** The raw body, when it was not a JSON object. */
  raw?: string;
  at: number;
  status: number;
  ok: boolean;
  error?: string;
  /** Human-readable validation errors, when the post was rejected for its blocks. */
  errors?: string[];
}

/** What `failNext` makes a method answer instead of its real answer. */
export type InjectedFailure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { error: string };

/**
 * Whose calls `rateLimit` answers with 429: every field given must match (none given: every call of the
 * method). `teamId` is the workspace the call is for (the `team_id` the app's client sends, else the bot
 * token's workspace); `userId` the member it is about (`user_id`/`user`, or who a trigger_id was minted for).
 */
export interface RateLimitScope {
  teamId?: string;
  token?: string;
  userId?: string;
}

/** Where a response_url or trigger_id came from, so posting to it can act on the right message or view. */
export interface InteractionContext {
  /** The user who acted; ephemeral responses go to them. */
  userId?: string;
  /** The channel the interaction happened in; `in_channel` responses are posted there. */
  channelId?: string;
  /** The message the user acted on; `replace_original` / `delete_original` act on it. */
  messageTs?: string;
  /** The view the user acted in; views.push pushes onto its stack. */
  viewId?: string;
}

export interface SlackEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** The time zone of users the emulator creates on first sight. Defaults to 'UTC'. */
  defaultTz?: string;
  /** The workspace the bot token belongs to. Defaults to 'T0EMULATOR'. */
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  /** The bot user's id. Defaults to 'U0EMULBOT'. */
  botUserId?: string;
  /** The bot's id. Defaults to 'B0EMULBOT'. */
  botId?: string;
  /** The Slack app's id. Defaults to 'A0EMULAPP'. */
  appId?: string;
  /**
   * The bot token the app was given: the only one a file's url_private_download answers, as Slack's
   * file host answers only a token that can see the file. Defaults to 'xoxb-emulator-bot-token'.
   */
  botToken?: string;
  /** How long every Web API call takes to be answered, in ms, as Slack's latency (`setLatency`). Defaults to 0. */
  latencyMs?: number;
  /**
   * Slack's rate limits, answered with 429 and Retry-After when exceeded (`setLimits`): `true` for
   * SLACK_LIMITS, or those with some replaced. Off by default.
   */
  limits?: true | Partial<SlackLimits>;
}
