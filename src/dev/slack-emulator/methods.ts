import { BLOCK_KIT_LIMITS } from './block-kit-limits';
import { validateBlocks, validateView } from './block-kit-validation';
import { type PendingUpload, storeFile, UPLOAD_PATH } from './files';
import { randomAlnum } from './ids';
import { type Args, boolArg, clone, isRecord, stringArg } from './json';
import { type EmulatorState, MAX_VIEW_STACK, type TriggerRecord, withGeneratedIds } from './state';
import type { Block, EmulatedUser, SlackView } from './types';

/**
 * The Web API methods the emulator answers. Each handler takes the parsed arguments and answers the JSON
 * body Slack would (always HTTP 200: Slack reports errors in the body, not in the status).
 */

export type ApiAnswer =
  | { ok: true; [field: string]: unknown }
  | { ok: false; error: string; [field: string]: unknown };

export interface CallContext {
  state: EmulatorState;
  args: Args;
  /** ms since the epoch when the call is handled. */
  now: number;
}

type Handler = (ctx: CallContext) => ApiAnswer;

export function fail(error: string, messages?: string[]): ApiAnswer {
  if (!messages || messages.length === 0) return { ok: false, error };
  // Slack puts human-readable detail in response_metadata.messages (the WebClient logs those);
  // `errors` holds the same strings, unprefixed, for tests to read.
  return {
    ok: false,
    error,
    errors: messages,
    response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
  };
}

// --- auth & users ---------------------------------------------------------------------------------

const authTest: Handler = ({ state }) => {
  const { teamId, teamName, teamDomain, botUserId, botId } = state.identity;
  return {
    ok: true,
    url: `https://${teamDomain}.slack.com/`,
    team: teamName,
    user: 'touchbase',
    team_id: teamId,
    user_id: botUserId,
    bot_id: botId,
    is_enterprise_install: false,
  };
};

const usersInfo: Handler = ({ state, args, now }) => {
  const id = stringArg(args, 'user');
  if (!id || !state.isUserId(id)) return fail('user_not_found');
  return { ok: true, user: userObject(state.user(id), now) };
};

function userObject(user: EmulatedUser, now: number): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    real_name: user.realName,
    real_name_normalized: user.realName,
    display_name: user.displayName,
    display_name_normalized: user.displayName,
    team: user.teamId,
  };
  if (user.email !== undefined) profile.email = user.email;
  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    deleted: user.deleted,
    real_name: user.realName,
    tz: user.tz,
    tz_label: timeZoneLabel(user.tz, now),
    tz_offset: timeZoneOffsetSeconds(user.tz, now),
    profile,
    is_admin: false,
    is_owner: false,
    is_bot: user.isBot,
    is_app_user: false,
    updated: Math.floor(now / 1000),
  };
}

/** 'Central European Standard Time', as Slack's tz_label reads, at the given moment (DST aware). */
export function timeZoneLabel(tz: string, at: number): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? tz;
}

/** Seconds east of UTC at the given moment, as Slack's tz_offset (-28800 for PST). */
export function timeZoneOffsetSeconds(tz: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(
    at,
  );
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) return 0; // plain 'GMT'
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

// --- conversations --------------------------------------------------------------------------------

const conversationsOpen: Handler = ({ state, args, now }) => {
  const channel = stringArg(args, 'channel');
  if (channel) {
    const resolved = state.resolveChannel(channel);
    return resolved
      ? { ok: true, no_op: true, already_open: true, channel: { id: resolved } }
      : fail('channel_not_found');
  }
  const users = (stringArg(args, 'users') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.some((u) => !state.isUserId(u))) return fail('user_not_found');
  // What Slack answers for a deactivated user.
  if (users.some((u) => state.user(u).deleted)) return fail('account_inactive');
  if (users.length > 8) return fail('too_many_users');
  let id: string;
  let existed: boolean;
  if (users.length === 1) {
    const [user] = users as [string];
    existed = state.hasDm(user);
    id = state.dmChannel(user);
  } else {
    ({ id, existed } = state.groupDmChannel(users));
  }
  const channelObject: Record<string, unknown> = { id };
  if (boolArg(args, 'return_im') && users.length === 1) {
    Object.assign(channelObject, {
      created: Math.floor(now / 1000),
      is_im: true,
      is_org_shared: false,
      user: users[0],
    });
  }
  return { ok: true, no_op: existed, already_open: existed, channel: channelObject };
};

/** Slack message timestamps ('1712345678.000100') in time order, without float rounding. */
export function compareTs(a: string, b: string): number {
  const [aSec = '', aFrac = ''] = a.split('.');
  const [bSec = '', bFrac = ''] = b.split('.');
  if (aSec.length !== bSec.length) return aSec.length - bSec.length;
  if (aSec !== bSec) return aSec < bSec ? -1 : 1;
  const af = aFrac.padEnd(6, '0');
  const bf = bFrac.padEnd(6, '0');
  return af === bf ? 0 : af < bf ? -1 : 1;
}

const HISTORY_CURSOR_PREFIX = 'next_ts:';

/**
 * A channel's messages, newest first, between `oldest` and `latest` (both excluded unless
 * `inclusive`), at most `limit` (default 100, at most 999) a page; thread replies are left out, as
 * Slack does. Message metadata is included only with `include_all_metadata`. `has_more` and a
 * `next_cursor` lead to the older messages.
 */
const conversationsHistory: Handler = ({ state, args }) => {
  const channel = state.resolveChannel(stringArg(args, 'channel'));
  if (!channel) return fail('channel_not_found');
  const limit = Math.min(Math.max(Number(stringArg(args, 'limit') ?? 100) || 100, 1), 999);
  const inclusive = boolArg(args, 'inclusive') ?? false;
  const oldest = stringArg(args, 'oldest');
  const cursor = stringArg(args, 'cursor');
  let latest = stringArg(args, 'latest');
  let latestIncluded = inclusive;
  if (cursor) {
    const decoded = Buffer.from(cursor, 'base64').toString('utf8');
    if (!decoded.startsWith(HISTORY_CURSOR_PREFIX)) return fail('invalid_cursor');
    latest = decoded.slice(HISTORY_CURSOR_PREFIX.length);
    latestIncluded = false;
  }
  const withMetadata = boolArg(args, 'include_all_metadata') ?? false;
  const inRange = state
    .channelMessages(channel)
    .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts)
    .filter((m) => {
      if (oldest !== undefined) {
        const c = compareTs(m.ts, oldest);
        if (c < 0 || (c === 0 && !inclusive)) return false;
      }
      if (latest !== undefined) {
        const c = compareTs(m.ts, latest);
        if (c > 0 || (c === 0 && !latestIncluded)) return false;
      }
      return true;
    })
    .sort((a, b) => compareTs(b.ts, a.ts));
  const page = inRange.slice(0, limit).map((m) => {
    const out = clone(m);
    if (!withMetadata) delete out.metadata;
    return out;
  });
  const hasMore = inRange.length > limit;
  const last = page.at(-1);
  return {
    ok: true,
    messages: page,
    has_more: hasMore,
    pin_count: 0,
    response_metadata: {
      next_cursor:
        hasMore && last ? Buffer.from(`${HISTORY_CURSOR_PREFIX}${last.ts}`, 'utf8').toString('base64') : '',
    },
  };
};

// --- chat -----------------------------------------------------------------------------------------

/**
 * The `blocks` argument, checked as Slack checks a message's blocks. `undefined` when the call has none.
 */
function messageBlocks(args: Args): { blocks?: Block[] } | { answer: ApiAnswer } {
  const blocks = args.blocks;
  if (blocks === undefined) return {};
  // The form body carried a string that is not JSON, or JSON that is not an array.
  if (!Array.isArray(blocks))
    return { answer: fail('invalid_blocks_format', ['blocks must be a JSON array']) };
  const errors = validateBlocks(blocks, 'message');
  if (errors.length > 0) return { answer: fail('invalid_blocks', errors) };
  return { blocks: withGeneratedIds(blocks as Block[]) };
}

/** Checks what every message-posting method shares: a channel, something to show, valid blocks. */
function messageContent(
  state: EmulatorState,
  args: Args,
): { answer: ApiAnswer } | { channel: string; text: string; blocks?: Block[] } {
  const channel = state.resolveChannel(stringArg(args, 'channel'));
  if (!channel) return { answer: fail('channel_not_found') };
  const text = stringArg(args, 'text');
  if ((text === undefined || text === '') && args.blocks === undefined && args.attachments === undefined) {
    return { answer: fail('no_text') };
  }
  if (text !== undefined && text.length > BLOCK_KIT_LIMITS.messageText.max)
    return { answer: fail('msg_too_long') };
  const checked = messageBlocks(args);
  if ('answer' in checked) return checked;
  return { channel, text: text ?? '', ...checked };
}

const chatPostMessage: Handler = ({ state, args, now }) => {
  const content = messageContent(state, args);
  if ('answer' in content) return content.answer;
  const message = state.newMessage({
    text: content.text,
    blocks: content.blocks,
    ts: state.tsClock.next(now),
  });
  const threadTs = stringArg(args, 'thread_ts');
  if (threadTs) message.thread_ts = threadTs;
  if (Array.isArray(args.attachments)) message.attachments = args.attachments;
  if (args.metadata !== undefined) message.metadata = args.metadata;
  state.addMessage(content.channel, message);
  return { ok: true, channel: content.channel, ts: message.ts, message: clone(message) };
};

const chatUpdate: Handler = ({ state, args, now }) => {
  const channel = state.resolveChannel(stringArg(args, 'channel'));
  if (!channel) return fail('channel_not_found');
  const ts = stringArg(args, 'ts');
  const message = ts === undefined ? undefined : state.findMessage(channel, ts);
  if (!message) return fail('message_not_found');
  const text = stringArg(args, 'text');
  if (text === undefined && args.blocks === undefined && args.attachments === undefined)
    return fail('no_text');
  if (text !== undefined && text.length > BLOCK_KIT_LIMITS.messageText.max) return fail('msg_too_long');
  const checked = messageBlocks(args);
  if ('answer' in checked) return checked.answer;
  // Only what the call carries is replaced; an empty blocks array removes the blocks, as in Slack.
  if (text !== undefined) message.text = text;
  if (checked.blocks !== undefined) {
    if (checked.blocks.length > 0) message.blocks = checked.blocks;
    else delete message.blocks;
  }
  if (Array.isArray(args.attachments)) message.attachments = args.attachments;
  message.edited = { user: state.identity.botUserId, ts: state.tsClock.next(now) };
  return { ok: true, channel, ts: message.ts, text: message.text, message: clone(message) };
};

const chatPostEphemeral: Handler = ({ state, args, now }) => {
  const user = stringArg(args, 'user');
  if (!user || !state.isUserId(user)) return fail('user_not_found');
  const content = messageContent(state, args);
  if ('answer' in content) return content.answer;
  const ts = state.tsClock.next(now);
  state.ephemerals.push({ channel: content.channel, user, ts, text: content.text, blocks: content.blocks });
  return { ok: true, message_ts: ts };
};

const chatDelete: Handler = ({ state, args }) => {
  const channel = state.resolveChannel(stringArg(args, 'channel'));
  if (!channel) return fail('channel_not_found');
  const ts = stringArg(args, 'ts');
  if (ts === undefined || !state.deleteMessage(channel, ts)) return fail('message_not_found');
  return { ok: true, channel, ts };
};

// --- views ----------------------------------------------------------------------------------------

/** The `view` argument, validated; Slack answers invalid_blocks for its blocks, invalid_arguments otherwise. */
function checkedView(
  args: Args,
  expected: 'modal' | 'home',
): { view: Record<string, unknown> } | { answer: ApiAnswer } {
  const view = args.view;
  if (view === undefined) return { answer: fail('invalid_arguments', ['missing required field: view']) };
  const { blockErrors, argErrors } = validateView(view, expected);
  if (blockErrors.length > 0) return { answer: fail('invalid_blocks', [...blockErrors, ...argErrors]) };
  if (argErrors.length > 0) return { answer: fail('invalid_arguments', argErrors) };
  return { view: view as Record<string, unknown> };
}

/** external_id must be unique among the workspace's views (Slack: duplicate_external_id). */
function externalIdTaken(state: EmulatorState, view: Record<string, unknown>, ownViewId?: string): boolean {
  if (typeof view.external_id !== 'string' || view.external_id === '') return false;
  const holder = state.viewIdByExternalId.get(view.external_id);
  return holder !== undefined && holder !== ownViewId;
}

function storeView(state: EmulatorState, view: SlackView, userId: string | undefined): void {
  const previous = state.views.get(view.id)?.view;
  if (previous?.external_id) state.viewIdByExternalId.delete(previous.external_id);
  if (view.external_id) state.viewIdByExternalId.set(view.external_id, view.id);
  state.views.set(view.id, { view, userId, open: true });
}

/** What views.open and views.push share: a valid view and an unused, unexpired trigger id. */
function viewWithTrigger({
  state,
  args,
  now,
}: CallContext): { answer: ApiAnswer } | { view: Record<string, unknown>; trigger: TriggerRecord } {
  const checked = checkedView(args, 'modal');
  if ('answer' in checked) return checked;
  const trigger = state.checkTrigger(stringArg(args, 'trigger_id'), now);
  if ('error' in trigger) return { answer: fail(trigger.error) };
  if (externalIdTaken(state, checked.view)) return { answer: fail('duplicate_external_id') };
  return { view: checked.view, trigger: trigger.trigger };
}

const viewsOpen: Handler = (ctx) => {
  const { state, now } = ctx;
  const checked = viewWithTrigger(ctx);
  if ('answer' in checked) return checked.answer;
  checked.trigger.used = true;
  const id = state.ids.next('V');
  const view = state.buildView(checked.view, now, { id, rootViewId: id, previousViewId: null });
  storeView(state, view, checked.trigger.context.userId);
  state.lastOpenedViewId = id;
  return { ok: true, view: clone(view) };
};

const viewsPush: Handler = (ctx) => {
  const { state, now } = ctx;
  const checked = viewWithTrigger(ctx);
  if ('answer' in checked) return checked.answer;
  const { context } = checked.trigger;
  // A trigger from an interaction inside a modal pushes onto that modal's stack.
  const parent =
    context.viewId !== undefined ? state.views.get(context.viewId) : state.topModal(context.userId);
  if (!parent?.open || parent.view.type !== 'modal') return fail('not_found', ['no open modal to push onto']);
  const stack = state.stackOf(parent.view.id);
  if (stack.length >= MAX_VIEW_STACK) return fail('push_limit_reached');
  checked.trigger.used = true;
  const id = state.ids.next('V');
  const top = stack.at(-1)?.view ?? parent.view;
  const view = state.buildView(checked.view, now, {
    id,
    rootViewId: parent.view.root_view_id ?? parent.view.id,
    previousViewId: top.id,
  });
  storeView(state, view, parent.userId ?? context.userId);
  state.lastOpenedViewId = id;
  return { ok: true, view: clone(view) };
};

const viewsUpdate: Handler = ({ state, args, now }) => {
  const viewId = stringArg(args, 'view_id');
  const externalId = stringArg(args, 'external_id');
  if (!viewId && !externalId) return fail('invalid_arguments', ['must provide view_id or external_id']);
  const id = viewId || (externalId !== undefined ? state.viewIdByExternalId.get(externalId) : undefined);
  const record = id === undefined ? undefined : state.views.get(id);
  // Slack forgets a modal once it is closed or submitted, so updating it then fails the same way.
  if (!record?.open) return fail('not_found');
  const hash = stringArg(args, 'hash');
  if (hash !== undefined && hash !== '' && hash !== record.view.hash) return fail('hash_conflict');
  const checked = checkedView(args, record.view.type);
  if ('answer' in checked) return checked.answer;
  if (externalIdTaken(state, checked.view, record.view.id)) return fail('duplicate_external_id');
  const view = state.buildView(checked.view, now, {
    id: record.view.id,
    rootViewId: record.view.root_view_id,
    previousViewId: record.view.previous_view_id,
  });
  storeView(state, view, record.userId);
  return { ok: true, view: clone(view) };
};

const viewsPublish: Handler = ({ state, args, now }) => {
  const userId = stringArg(args, 'user_id');
  if (!userId) return fail('invalid_arguments', ['missing required field: user_id']);
  if (!state.isUserId(userId)) return fail('user_not_found');
  const checked = checkedView(args, 'home');
  if ('answer' in checked) return checked.answer;
  const currentId = state.homeViewIdByUser.get(userId);
  const current = currentId === undefined ? undefined : state.views.get(currentId)?.view;
  const hash = stringArg(args, 'hash');
  if (current && hash !== undefined && hash !== '' && hash !== current.hash) return fail('hash_conflict');
  if (externalIdTaken(state, checked.view, currentId)) return fail('duplicate_external_id');
  // A user's Home tab keeps its view id across publishes.
  const id = currentId ?? state.ids.next('V');
  const view = state.buildView(checked.view, now, { id, rootViewId: null, previousViewId: null });
  storeView(state, view, userId);
  state.homeViewIdByUser.set(userId, id);
  return { ok: true, view: clone(view) };
};

// --- files ----------------------------------------------------------------------------------------

/**
 * A file's object as Slack answers it. A file uploaded in another workspace is not found: the bot token
 * sees only its own workspace's files.
 */
const filesInfo: Handler = ({ state, args }) => {
  const id = stringArg(args, 'file');
  if (!id) return fail('invalid_arguments', ['missing required field: file']);
  const stored = state.files.get(id);
  if (!stored || stored.teamId !== state.identity.teamId) return fail('file_not_found');
  return {
    ok: true,
    file: clone(stored.file),
    comments: [],
    response_metadata: { next_cursor: '' },
  };
};

/** Slack takes files up to 1 GB. */
const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

/**
 * The first step of Slack's upload flow: the app names the file and its length in bytes, and gets
 * an upload_url to POST the bytes to (no token needed there) and the file's id.
 */
const filesGetUploadURLExternal: Handler = ({ state, args }) => {
  const filename = stringArg(args, 'filename');
  if (!filename) return fail('invalid_arguments', ['missing required field: filename']);
  const lengthText = stringArg(args, 'length');
  if (lengthText === undefined) return fail('invalid_arguments', ['missing required field: length']);
  const length = Number(lengthText);
  if (!Number.isInteger(length) || length < 1 || length > MAX_UPLOAD_BYTES) {
    return fail('invalid_arguments', ['length must be a whole number of bytes, at least 1, at most 1 GB']);
  }
  const fileId = state.ids.next('F');
  const key = randomAlnum(32);
  state.uploads.set(fileId, { fileId, key, name: filename, length, teamId: state.identity.teamId });
  return { ok: true, upload_url: `${state.baseUrl}${UPLOAD_PATH}${key}`, file_id: fileId };
};

/**
 * The last step: every file named (`files`, a JSON array of `{id, title}`) must have had exactly
 * the bytes its getUploadURLExternal declared; with `channel_id`, the files are shared there in one
 * message carrying `files`, as Slack shares an upload. A user id is not a channel: the app opens
 * the DM first.
 */
const filesCompleteUploadExternal: Handler = ({ state, args, now }) => {
  const files = args.files;
  if (!Array.isArray(files) || files.length === 0) {
    return fail('invalid_arguments', ['files must be a JSON array of {"id", "title"}']);
  }
  const channelArg = stringArg(args, 'channel_id');
  let channel: string | undefined;
  if (channelArg !== undefined) {
    channel = state.isUserId(channelArg) ? undefined : state.resolveChannel(channelArg);
    if (!channel) return fail('channel_not_found');
  }
  const named: { upload: PendingUpload; title?: string }[] = [];
  for (const entry of files) {
    if (!isRecord(entry) || typeof entry.id !== 'string') {
      return fail('invalid_arguments', ['each file needs an "id"']);
    }
    const upload = state.uploads.get(entry.id);
    if (!upload || upload.teamId !== state.identity.teamId) return fail('file_not_found');
    if (!upload.content) return fail('file_upload_not_completed');
    if (upload.content.length !== upload.length) {
      return fail('file_upload_size_mismatch', [
        `${upload.content.length} bytes were uploaded, ${upload.length} were declared`,
      ]);
    }
    named.push(typeof entry.title === 'string' ? { upload, title: entry.title } : { upload });
  }
  const stored = named.map(({ upload, title }) => {
    state.uploads.delete(upload.fileId);
    return storeFile(
      state,
      state.baseUrl,
      { userId: state.identity.botUserId, name: upload.name, content: upload.content as Buffer },
      now,
      title === undefined ? { id: upload.fileId } : { id: upload.fileId, title },
    );
  });
  if (channel) {
    const message = state.newMessage({
      text: stringArg(args, 'initial_comment') ?? '',
      ts: state.tsClock.next(now),
    });
    for (const file of stored) {
      const where = channel.startsWith('D') ? file.ims : file.channels;
      where.push(channel);
    }
    message.files = stored.map((f) => clone(f));
    message.upload = true;
    state.addMessage(channel, message);
  }
  return { ok: true, files: stored.map((f) => ({ id: f.id, title: f.title })) };
};

export const WEB_API_METHODS: Readonly<Record<string, Handler>> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'conversations.open': conversationsOpen,
  'conversations.history': conversationsHistory,
  'chat.postMessage': chatPostMessage,
  'chat.update': chatUpdate,
  'chat.postEphemeral': chatPostEphemeral,
  'chat.delete': chatDelete,
  'views.open': viewsOpen,
  'views.push': viewsPush,
  'views.update': viewsUpdate,
  'views.publish': viewsPublish,
  'files.info': filesInfo,
  'files.getUploadURLExternal': filesGetUploadURLExternal,
  'files.completeUploadExternal': filesCompleteUploadExternal,
};

/** Form bodies carry these arguments as JSON strings (the WebClient JSON-encodes non-scalar arguments). */
export const JSON_ARGUMENTS = [
  'files',
  'blocks',
  'attachments',
  'view',
  'metadata',
  'unfurls',
  'user_auth_blocks',
];

export function parseJsonArguments(args: Args): Args {
  const out: Args = { ...args };
  for (const key of JSON_ARGUMENTS) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    try {
      out[key] = JSON.parse(value);
    } catch {
      // Left as a string: the method then answers invalid_blocks_format / invalid_arguments, as Slack does.
    }
  }
  return out;
}
