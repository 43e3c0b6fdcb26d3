import type { PendingUpload, StoredFile } from './files';
import { IdMinter, MessageTsClock, mintTriggerIdString, randomAlnum, viewHash } from './ids';
import { isRecord } from './json';
import { OAuthGrants } from './oauth';
import type {
  Block,
  EmulatedUser,
  EphemeralMessage,
  InteractionContext,
  SlackMessage,
  SlackView,
} from './types';

/** Who the emulated bot is: what auth.test answers and what every stored message and view carries. */
export interface Identity {
  teamId: string;
  teamName: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
}

export interface ViewRecord {
  view: SlackView;
  /** The user the view was opened for (from the trigger_id), or the Home tab's owner. */
  userId?: string;
  /** Slack forgets a modal once the user closes or submits it; views.update then answers not_found. */
  open: boolean;
}

export interface TriggerRecord {
  mintedAt: number;
  used: boolean;
  context: InteractionContext;
}

export interface ResponseUrlRecord {
  mintedAt: number;
  uses: number;
  context: InteractionContext;
}

/** Slack's rules for trigger ids and response urls. */
export const TRIGGER_TTL_MS = 3000;
export const RESPONSE_URL_MAX_POSTS = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
/** A modal stack holds at most 3 views (views.push answers push_limit_reached beyond). */
export const MAX_VIEW_STACK = 3;

const USER_ID = /^[UW][A-Z0-9]+$/;

/** Everything the emulated workspace holds, in memory. Web API handlers and the public API both use it. */
export class EmulatorState {
  readonly ids = new IdMinter();
  readonly tsClock = new MessageTsClock();
  private readonly users = new Map<string, EmulatedUser>();
  private readonly dmByUser = new Map<string, string>();
  private readonly groupDms = new Map<string, string>();
  private readonly knownChannels = new Set<string>();
  /** Per channel, in posting order; chat.update replaces entries in place. */
  private readonly messages = new Map<string, SlackMessage[]>();
  ephemerals: EphemeralMessage[] = [];
  readonly views = new Map<string, ViewRecord>();
  readonly homeViewIdByUser = new Map<string, string>();
  readonly viewIdByExternalId = new Map<string, string>();
  readonly triggers = new Map<string, TriggerRecord>();
  readonly responseUrls = new Map<string, ResponseUrlRecord>();
  /** Files members uploaded, by file id. */
  readonly files = new Map<string, StoredFile>();
  /** Uploads the app started (files.getUploadURLExternal), by file id, until completed. */
  readonly uploads = new Map<string, PendingUpload>();
  /** The emulator's own origin, for the addresses it hands out (upload_url, url_private); set once it listens. */
  baseUrl = '';
  lastOpenedViewId: string | undefined;
  private triggerCount = 0;
  /** Install codes, the tokens issued for them and their refresh tokens. */
  readonly oauth: OAuthGrants;

  constructor(
    readonly identity: Identity,
    readonly defaultTz: string,
  ) {
    this.oauth = new OAuthGrants(identity);
  }

  /** Forgets messages, views, triggers, response urls and files; users and their DM channels stay. */
  reset(): void {
    this.messages.clear();
    this.ephemerals = [];
    this.views.clear();
    this.homeViewIdByUser.clear();
    this.viewIdByExternalId.clear();
    this.triggers.clear();
    this.responseUrls.clear();
    this.files.clear();
    this.uploads.clear();
    this.lastOpenedViewId = undefined;
  }

  // --- users and channels -------------------------------------------------------------------------

  isUserId(id: string): boolean {
    return USER_ID.test(id);
  }

  /** The user with this id, created on first sight the way a real workspace already has everyone. */
  user(id: string): EmulatedUser {
    let user = this.users.get(id);
    if (!user) {
      const handle = id.toLowerCase();
      user = {
        id,
        teamId: this.identity.teamId,
        name: handle,
        realName: `User ${id}`,
        displayName: handle,
        tz: this.defaultTz,
        isBot: false,
        deleted: false,
      };
      this.users.set(id, user);
    }
    return user;
  }

  setUser(id: string, patch: Partial<Omit<EmulatedUser, 'id'>>): EmulatedUser {
    if (patch.tz !== undefined) assertTimeZone(patch.tz);
    const user = { ...this.user(id), ...patch, id };
    this.users.set(id, user);
    return user;
  }

  /** The DM channel between the bot and this user; the same id every time. */
  dmChannel(userId: string): string {
    let channel = this.dmByUser.get(userId);
    if (!channel) {
      channel = this.ids.next('D');
      this.dmByUser.set(userId, channel);
      this.knownChannels.add(channel);
    }
    return channel;
  }

  /**
   * Slack gives the DM a new id (the old one answers channel_not_found from now on); its messages
   * move with it, so the member's DM reads as before.
   */
  renewDmChannel(userId: string): { before: string; after: string } {
    const before = this.dmChannel(userId);
    const after = this.ids.next('D');
    this.knownChannels.delete(before);
    this.knownChannels.add(after);
    this.dmByUser.set(userId, after);
    const messages = this.messages.get(before);
    if (messages) {
      this.messages.delete(before);
      this.messages.set(after, messages);
    }
    return { before, after };
  }

  hasDm(userId: string): boolean {
    return this.dmByUser.has(userId);
  }

  /** A multi-person DM between the bot and these users; the same id for the same set of users. */
  groupDmChannel(userIds: string[]): { id: string; existed: boolean } {
    const key = [...new Set(userIds)].sort().join(',');
    const existing = this.groupDms.get(key);
    if (existing) return { id: existing, existed: true };
    const id = this.ids.next('C');
    this.groupDms.set(key, id);
    this.knownChannels.add(id);
    return { id, existed: false };
  }

  /** The user whose DM this is, if it is one. */
  dmUser(channelId: string): string | undefined {
    for (const [user, channel] of this.dmByUser) if (channel === channelId) return user;
    return undefined;
  }

  /**
   * Resolves a `channel` argument as Slack does: a user id means the bot's DM with that user; D… ids must
   * exist; public (C…) and private (G…) channels are taken to exist, as the bot is assumed to be a member.
   */
  resolveChannel(channel: string | undefined): string | undefined {
    if (!channel) return undefined;
    if (this.isUserId(channel)) return this.dmChannel(channel);
    if (/^[CG][A-Z0-9]+$/.test(channel)) return channel;
    if (this.knownChannels.has(channel)) return channel;
    return undefined;
  }

  // --- messages -----------------------------------------------------------------------------------

  channelMessages(channelId: string): SlackMessage[] {
    return this.messages.get(channelId) ?? [];
  }

  addMessage(channelId: string, message: SlackMessage): void {
    const list = this.messages.get(channelId) ?? [];
    list.push(message);
    this.messages.set(channelId, list);
  }

  findMessage(channelId: string, ts: string): SlackMessage | undefined {
    return this.messages.get(channelId)?.find((m) => m.ts === ts);
  }

  deleteMessage(channelId: string, ts: string): boolean {
    const list = this.messages.get(channelId);
    const index = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    return true;
  }

  newMessage(fields: { text: string; blocks?: Block[]; ts: string }): SlackMessage {
    const { botUserId, botId, appId, teamId } = this.identity;
    const message: SlackMessage = {
      type: 'message',
      ts: fields.ts,
      text: fields.text,
      user: botUserId,
      bot_id: botId,
      app_id: appId,
      team: teamId,
    };
    if (fields.blocks) message.blocks = fields.blocks;
    return message;
  }

  // --- triggers and response urls -----------------------------------------------------------------

  mintTrigger(now: number, context: InteractionContext = {}): string {
    this.triggerCount += 1;
    const id = mintTriggerIdString(this.triggerCount);
    this.triggers.set(id, { mintedAt: now, used: false, context });
    return id;
  }

  /** Checks a trigger id against Slack's rules (3 seconds, once) without using it up. */
  checkTrigger(id: string | undefined, now: number): { error: string } | { trigger: TriggerRecord } {
    const trigger = id === undefined ? undefined : this.triggers.get(id);
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (trigger.used) return { error: 'exchanged_trigger_id' };
    if (now - trigger.mintedAt > TRIGGER_TTL_MS) return { error: 'expired_trigger_id' };
    return { trigger };
  }

  mintResponseUrl(now: number, context: InteractionContext = {}): string {
    const id = `${this.ids.next('R').slice(1)}${randomAlnum(12)}`;
    this.responseUrls.set(id, { mintedAt: now, uses: 0, context });
    return id;
  }

  // --- views --------------------------------------------------------------------------------------

  /** Builds the view Slack would store and answer from the app's view payload (already validated). */
  buildView(
    input: Record<string, unknown>,
    now: number,
    place: { id: string; rootViewId: string | null; previousViewId: string | null },
  ): SlackView {
    const { teamId, appId, botId } = this.identity;
    const view: SlackView = {
      id: place.id,
      team_id: teamId,
      type: input.type === 'home' ? 'home' : 'modal',
      blocks: withGeneratedIds(input.blocks as Block[]),
      private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
      callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
      state: { values: {} },
      hash: viewHash(now),
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      previous_view_id: place.previousViewId,
      root_view_id: place.rootViewId,
      app_id: appId,
      external_id: typeof input.external_id === 'string' ? input.external_id : '',
      app_installed_team_id: teamId,
      bot_id: botId,
    };
    if (view.type === 'modal') {
      view.title = input.title as SlackView['title'];
      view.close = (input.close as SlackView['close']) ?? null;
      view.submit = (input.submit as SlackView['submit']) ?? null;
    }
    return view;
  }

  /** The open views of the modal stack `viewId` belongs to, bottom first. */
  stackOf(viewId: string): ViewRecord[] {
    const record = this.views.get(viewId);
    if (record?.view.type !== 'modal') return [];
    const root = record.view.root_view_id ?? record.view.id;
    return [...this.views.values()].filter(
      (r) => r.open && r.view.type === 'modal' && (r.view.root_view_id ?? r.view.id) === root,
    );
  }

  /** Closes a modal (or, with `wholeStack`, every modal of its stack) as the user closing or submitting it. */
  closeView(viewId: string, wholeStack = false): void {
    const targets = wholeStack ? this.stackOf(viewId) : [this.views.get(viewId)];
    for (const record of targets) if (record) record.open = false;
  }

  /** The newest open modal shown to this user (or to anyone), for views.push without a view context. */
  topModal(userId: string | undefined): ViewRecord | undefined {
    const open = [...this.views.values()].filter(
      (r) => r.open && r.view.type === 'modal' && (userId === undefined || r.userId === userId),
    );
    return open.at(-1);
  }
}

/**
 * Slack gives every block a block_id and every interactive element an action_id when the app leaves
 * them out (view-submission.json shows such generated ids: 'hspI', 'maBWU'); state.values is keyed by them.
 */
export function withGeneratedIds(blocks: Block[]): Block[] {
  // Ids the app chose are kept, so a generated one must not collide with any of them.
  const taken = new Set<string>();
  for (const block of blocks) {
    if (typeof block.block_id === 'string') taken.add(block.block_id);
    for (const element of interactiveElements(block)) {
      if (isRecord(element) && typeof element.action_id === 'string') taken.add(element.action_id);
    }
  }
  const fresh = (length: number): string => {
    let id = randomAlnum(length);
    while (taken.has(id)) id = randomAlnum(length);
    taken.add(id);
    return id;
  };
  const withActionId = (element: unknown): unknown => {
    if (!isRecord(element) || element.type === 'image' || typeof element.type !== 'string') return element;
    return typeof element.action_id === 'string' ? element : { ...element, action_id: fresh(5) };
  };
  return blocks.map((block) => {
    const out: Block = { ...block };
    if (typeof out.block_id !== 'string') out.block_id = fresh(4);
    if (out.type === 'actions' && Array.isArray(out.elements)) out.elements = out.elements.map(withActionId);
    if (out.type === 'input') out.element = withActionId(out.element);
    if (out.type === 'section' && out.accessory !== undefined) out.accessory = withActionId(out.accessory);
    return out;
  });
}

/** The elements of a block that can carry an action_id: actions elements, an input's element, a section accessory. */
export function interactiveElements(block: Block): unknown[] {
  if (block.type === 'actions' && Array.isArray(block.elements)) return block.elements;
  if (block.type === 'input' && block.element !== undefined) return [block.element];
  if (block.type === 'section' && block.accessory !== undefined) return [block.accessory];
  return [];
}

export function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new Error(`Unknown IANA time zone '${tz}'`);
  }
}
