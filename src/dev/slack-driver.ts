import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  type Block,
  type EnvelopeType,
  extensionOf,
  type SlackEmulator,
  type SlackFile,
  type SlackMessage,
  type SlackView,
  type ViewResponseOutcome,
} from './slack-emulator';

/**
 * Plays Slack's side of the conversation with the app: slash commands, message shortcuts, modal submissions,
 * button clicks, option suggestions and Events API callbacks, each shaped like Slack's real payloads
 * (test/fixtures/slack) and signed the way Slack signs them. The trigger_ids and response_urls
 * it sends come from the emulator, so the app's follow-up calls land there and obey Slack's rules.
 * Over Socket Mode (`socketMode: true`) the same requests travel as envelopes over the emulator's
 * WebSocket, and the app's ack payload comes back as the response body HTTP would have carried.
 */

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed by the signing secret. */
export function signSlackRequest(signingSecret: string, timestamp: string | number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackUserRef {
  teamId: string;
  userId: string;
}

export interface DriverResponse {
  status: number;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown | undefined;
  /** How long the app took to answer, in ms. */
  ms: number;
  /** Over Socket Mode: the envelope the request travelled in (`emulator.socketMode.redeliver` sends it again). */
  envelopeId?: string;
}

export interface ViewSubmissionResult extends DriverResponse {
  /** What Slack did with the app's answer: closed the view, updated it, pushed one, showed errors… */
  viewResponse: ViewResponseOutcome;
}

/** An option the user picked where the app supplies options (external_select): Slack echoes text and value. */
export interface PickedOption {
  value: string;
  text: string;
}

/**
 * A file in a file_input: the id of a file the emulator holds (`emulator.uploadFile`), sent as Slack sends
 * the member's pick (the whole file object); or a file object of the test's own, sent as it is, as a
 * tampering client could.
 */
export type SubmittedFile = string | (Partial<SlackFile> & { id: string });

/**
 * What the user entered in one input element:
 * - text inputs, number_input, datepicker ('YYYY-MM-DD'), timepicker ('HH:mm'), users_select and the like: a string
 * - static_select / radio_buttons: the chosen option's value; external_select: `{ value, text }` (or a value)
 * - multi selects and checkboxes: an array of values (or `{ value, text }` for multi_external_select)
 * - datetimepicker, number_input: a number is accepted too
 * - file_input: an array of files (see SubmittedFile)
 * - null: the user left it empty
 */
export type InputValue =
  | string
  | number
  | PickedOption
  | ReadonlyArray<string | PickedOption>
  | ReadonlyArray<SubmittedFile>
  | null;

export type ActionContainer =
  | { type: 'message'; channelId: string; messageTs: string }
  | { type: 'view'; viewId: string }
  /**
   * An ephemeral message; without messageTs, the user's newest ephemeral message holding the element.
   * An element not found there is sent as a button (ephemeral messages are not always known to the emulator).
   */
  | { type: 'ephemeral'; channelId?: string; messageTs?: string };

/** Fields a tampering client could change in a submission (Slack itself never would). */
export interface ViewSubmissionOverrides {
  privateMetadata?: string;
  callbackId?: string;
}

export interface BlockActionInput {
  actionId: string;
  /** A button's value (defaults to the button's own), or the pick of a datepicker, users_select, etc. */
  value?: string;
  /** Needed only when the element is not in the message or view (a crafted action). */
  blockId?: string;
  /** For static_select, radio_buttons, overflow (a value of the element's options) and external_select. */
  selectedOption?: string | PickedOption;
  /** For multi selects and checkboxes. */
  selectedOptions?: ReadonlyArray<string | PickedOption>;
  container: ActionContainer;
}

export type SlackDriverOptions = {
  emulator: SlackEmulator;
  /** The clock the signature timestamp is read from (seconds); shift it to send stale requests. */
  nowSeconds?: () => number;
} & (
  | {
      /** The app's request URL, e.g. http://127.0.0.1:3000/slack/events */
      eventsUrl: string;
      signingSecret: string;
    }
  /** Requests go as Socket Mode envelopes over the app's open connection to the emulator. */
  | { socketMode: true }
);

/** Slack still sends the deprecated verification token; Bolt ignores it in favour of the signature. */
const VERIFICATION_TOKEN = 'verification-token';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where a block action happens: the container Slack reports, what it attaches, and the blocks to search. */
interface ActionSurface {
  container: Json;
  extra: Json;
  blocks: Block[];
  context: { userId: string; channelId?: string; viewId?: string };
}

/** The channel name Slack sends alongside a channel id; a DM has no name of its own. */
function channelName(channelId: string): string {
  return channelId.startsWith('D') ? 'directmessage' : channelId.toLowerCase();
}

/** A Slack timestamp (`seconds.micros`) within the given second, such as an action_ts. */
function randomTs(seconds: number): string {
  return `${seconds}.${String(randomInt(1e6)).padStart(6, '0')}`;
}

export class SlackDriver {
  /** Undefined over Socket Mode. */
  private readonly http: { eventsUrl: string; signingSecret: string } | undefined;
  private readonly emulator: SlackEmulator;
  private readonly nowSeconds: () => number;
  private last: { body: string; headers: Record<string, string> } | undefined;

  constructor(opts: SlackDriverOptions) {
    this.http =
      'socketMode' in opts ? undefined : { eventsUrl: opts.eventsUrl, signingSecret: opts.signingSecret };
    this.emulator = opts.emulator;
    this.nowSeconds = opts.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  }

  // --- requests -----------------------------------------------------------------------------------

  /** A slash command, shaped like slash-command.form; `command` defaults to /touchbase, the channel to the user's DM with the bot. */
  async slashCommand(
    user: SlackUserRef,
    text: string,
    opts: { command?: string; channelId?: string } = {},
  ): Promise<DriverResponse> {
    const channelId = opts.channelId ?? this.emulator.dmChannelId(user.userId);
    const fields = {
      token: VERIFICATION_TOKEN,
      team_id: user.teamId,
      team_domain: this.emulator.teamDomain,
      channel_id: channelId,
      channel_name: channelName(channelId),
      user_id: user.userId,
      user_name: this.emulator.user(user.userId).name,
      command: opts.command ?? '/touchbase',
      text,
      api_app_id: this.emulator.appId,
      is_enterprise_install: 'false',
      response_url: this.emulator.responseUrl({ userId: user.userId, channelId }),
      trigger_id: this.emulator.mintTriggerId({ userId: user.userId, channelId }),
    };
    if (!this.http) return this.overSocket('slash_commands', fields);
    return this.signedPost(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  }

  /**
   * The user submits the modal the emulator holds, having entered `inputs` (by action_id); shaped like
   * view-submission.json. Elements left out keep their initial value, or are empty. Afterwards the emulator
   * applies the app's answer as Slack would (closes the view, or updates / pushes / clears / shows errors).
   */
  async submitView(
    user: SlackUserRef,
    viewId: string,
    inputs: Record<string, InputValue>,
    overrides: ViewSubmissionOverrides = {},
  ): Promise<ViewSubmissionResult> {
    const view = this.emulator.view(viewId);
    if (!view) throw new Error(`The emulator holds no view ${viewId}`);
    if (view.type !== 'modal')
      throw new Error(`View ${viewId} is a ${view.type} view; only modals are submitted`);
    if (!this.emulator.isViewOpen(viewId))
      throw new Error(`View ${viewId} is closed; a user cannot submit it`);
    const values = stateValues(view, inputs, (id) => this.emulator.file(id));
    this.emulator.recordViewState(viewId, values);
    const response = await this.postPayload({
      type: 'view_submission',
      team: this.team(user),
      user: this.user(user),
      api_app_id: this.emulator.appId,
      token: VERIFICATION_TOKEN,
      trigger_id: this.emulator.mintTriggerId({ userId: user.userId, viewId }),
      view: {
        ...view,
        state: { values },
        ...(overrides.privateMetadata === undefined ? {} : { private_metadata: overrides.privateMetadata }),
        ...(overrides.callbackId === undefined ? {} : { callback_id: overrides.callbackId }),
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
    const viewResponse = this.emulator.applyViewSubmissionResponse(viewId, response.status, response.json);
    return { ...response, viewResponse };
  }

  /** A view_submission built by the test (forged or unusual); Slack's envelope fields are filled in unless given. */
  submitViewRaw(user: SlackUserRef, payload: Json): Promise<DriverResponse> {
    return this.postPayload({
      type: 'view_submission',
      team: this.team(user),
      user: this.user(user),
      api_app_id: this.emulator.appId,
      token: VERIFICATION_TOKEN,
      trigger_id: this.emulator.mintTriggerId({ userId: user.userId }),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
      ...payload,
    });
  }

  /**
   * The user closes a modal. Slack tells the app (view_closed) only when the view asked for
   * notify_on_close; otherwise nothing is sent and this answers undefined.
   */
  async closeView(user: SlackUserRef, viewId: string): Promise<DriverResponse | undefined> {
    const view = this.emulator.view(viewId);
    if (!view) throw new Error(`The emulator holds no view ${viewId}`);
    this.emulator.closeView(viewId);
    if (!view.notify_on_close) return undefined;
    return this.postPayload({
      type: 'view_closed',
      team: this.team(user),
      user: this.user(user),
      api_app_id: this.emulator.appId,
      token: VERIFICATION_TOKEN,
      view,
      is_cleared: false,
      is_enterprise_install: false,
      enterprise: null,
    });
  }

  /** The user clicks a button or picks from a menu; shaped like block-actions.json. */
  async blockAction(user: SlackUserRef, input: BlockActionInput): Promise<DriverResponse> {
    const where = this.actionSurface(user, input.container, input.actionId);
    const found = findElement(where.blocks, input.actionId);
    // The emulator may not hold the ephemeral message a click comes from (or a test replays another user's
    // button), so an ephemeral click on an unknown element is sent as a button with the given value.
    if (!found && input.blockId === undefined && input.container.type !== 'ephemeral') {
      throw new Error(
        `No element with action_id '${input.actionId}' in the ${input.container.type}; action_ids there: ${
          listActionIds(where.blocks).join(', ') || '(none)'
        }. Pass blockId to send a crafted action.`,
      );
    }
    const element = found?.element ?? { type: 'button', action_id: input.actionId };
    // A crafted click still carries a block_id, as every Slack block has one.
    const blockId = input.blockId ?? found?.blockId ?? randomBytes(3).toString('base64url');
    const payload: Json = {
      type: 'block_actions',
      user: this.user(user),
      api_app_id: this.emulator.appId,
      token: VERIFICATION_TOKEN,
      container: where.container,
      trigger_id: this.emulator.mintTriggerId(where.context),
      team: this.team(user),
      enterprise: null,
      is_enterprise_install: false,
      ...where.extra,
      actions: [this.action(element, blockId, input)],
    };
    return this.postPayload(payload);
  }

  /**
   * The user types `value` into an external_select; answers the app's options JSON
   * (`{ options }` or `{ option_groups }`). Throws when the app does not answer 200 with JSON.
   */
  async blockSuggestion(
    user: SlackUserRef,
    viewId: string,
    actionId: string,
    value: string,
  ): Promise<unknown> {
    const response = await this.blockSuggestionResponse(user, viewId, actionId, value);
    if (response.status !== 200 || response.json === undefined) {
      throw new Error(
        `The app answered block_suggestion with HTTP ${response.status}: ${response.body.slice(0, 200)}`,
      );
    }
    return response.json;
  }

  /** `blockSuggestion`, answering the whole HTTP response (status, body, timing). */
  async blockSuggestionResponse(
    user: SlackUserRef,
    viewId: string,
    actionId: string,
    value: string,
  ): Promise<DriverResponse> {
    const view = this.emulator.view(viewId);
    if (!view) throw new Error(`The emulator holds no view ${viewId}`);
    const found = findElement(view.blocks, actionId);
    if (!found) {
      throw new Error(
        `No element with action_id '${actionId}' in view ${viewId}; action_ids there: ${listActionIds(view.blocks).join(', ')}`,
      );
    }
    return this.postPayload({
      type: 'block_suggestion',
      user: this.user(user),
      container: { type: 'view', view_id: viewId },
      api_app_id: this.emulator.appId,
      token: VERIFICATION_TOKEN,
      action_id: actionId,
      block_id: found.blockId,
      value,
      team: this.team(user),
      enterprise: null,
      is_enterprise_install: false,
      view,
    });
  }

  /** The user picks a global shortcut: a `shortcut` payload with a fresh trigger_id. */
  globalShortcut(user: SlackUserRef, callbackId: string): Promise<DriverResponse> {
    const now = this.nowSeconds();
    return this.postPayload({
      type: 'shortcut',
      token: VERIFICATION_TOKEN,
      action_ts: randomTs(now),
      team: this.team(user),
      user: this.user(user),
      is_enterprise_install: false,
      enterprise: null,
      callback_id: callbackId,
      trigger_id: this.emulator.mintTriggerId({ userId: user.userId }),
    });
  }

  /**
   * The user picks a message shortcut on a message: a `message_action` payload as Slack documents it
   * (https://api.slack.com/reference/interaction-payloads/shortcuts), with a fresh trigger_id and
   * response_url from the emulator. The channel defaults to the user's DM with the bot, the ts to now.
   */
  messageShortcut(
    user: SlackUserRef,
    input: {
      callbackId: string;
      message: { text: string; user?: string; ts?: string };
      channelId?: string;
    },
  ): Promise<DriverResponse> {
    const channelId = input.channelId ?? this.emulator.dmChannelId(user.userId);
    const now = this.nowSeconds();
    const ts = input.message.ts ?? randomTs(now);
    const message: Json = { type: 'message', text: input.message.text, ts };
    if (input.message.user !== undefined) message.user = input.message.user;
    return this.postPayload({
      type: 'message_action',
      token: VERIFICATION_TOKEN,
      action_ts: randomTs(now),
      team: this.team(user),
      user: this.user(user),
      channel: { id: channelId, name: channelName(channelId) },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: input.callbackId,
      trigger_id: this.emulator.mintTriggerId({ userId: user.userId, channelId }),
      // Not tied to the message: an app cannot replace someone's message through it.
      response_url: this.emulator.responseUrl({ userId: user.userId, channelId }),
      message_ts: ts,
      message,
    });
  }

  /** An Events API callback (JSON), shaped like tokens-revoked.json; `retryNum` marks it as Slack's retry. */
  event(
    teamId: string,
    event: Json,
    opts: { eventId?: string; retryNum?: number } = {},
  ): Promise<DriverResponse> {
    const now = this.nowSeconds();
    const callback = {
      token: VERIFICATION_TOKEN,
      team_id: teamId,
      api_app_id: this.emulator.appId,
      event: { event_ts: `${now}.000100`, ...event },
      type: 'event_callback',
      event_id: opts.eventId ?? `Ev0${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: now,
      authorizations: [
        {
          enterprise_id: null,
          team_id: teamId,
          user_id: this.emulator.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    };
    if (!this.http) {
      if (opts.retryNum !== undefined)
        throw new Error('over Socket Mode, redeliver with emulator.socketMode.redeliver');
      return this.overSocket('events_api', callback);
    }
    const body = JSON.stringify(callback);
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) {
      headers['X-Slack-Retry-Num'] = String(opts.retryNum);
      headers['X-Slack-Retry-Reason'] = 'http_timeout';
    }
    return this.signedPost(body, 'application/json', headers);
  }

  /** The url_verification handshake Slack sends when the Request URL is saved. */
  urlVerification(challenge: string): Promise<DriverResponse> {
    const body = JSON.stringify({ token: VERIFICATION_TOKEN, challenge, type: 'url_verification' });
    return this.signedPost(body, 'application/json');
  }

  /**
   * Sends the last request again, byte for byte: the same body, timestamp and signature, as Slack
   * delivering it twice or someone replaying a captured request would. It can be sent while the
   * first is still on its way (call it right after the first request's method, without awaiting).
   * `to` sends it to another instance of the app (another process behind the same load balancer).
   */
  resendLast(opts: { to?: string } = {}): Promise<DriverResponse> {
    if (!this.last) throw new Error('No request sent yet to send again');
    return this.send(this.last.body, this.last.headers, opts.to);
  }

  /** Sends exactly this body and these headers, unsigned unless the headers carry a signature: for forged or stale requests. */
  raw(body: string, headers: Record<string, string>): Promise<DriverResponse> {
    return this.send(body, headers);
  }

  // --- helpers ------------------------------------------------------------------------------------

  private team(user: SlackUserRef): Json {
    return { id: user.teamId, domain: this.emulator.teamDomain };
  }

  private user(user: SlackUserRef): Json {
    const { name } = this.emulator.user(user.userId);
    return { id: user.userId, username: name, name, team_id: user.teamId };
  }

  /** Interaction payloads travel as a form field `payload` holding the JSON, as Slack sends them. */
  private postPayload(payload: Json): Promise<DriverResponse> {
    if (!this.http) return this.overSocket('interactive', payload);
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.signedPost(body, 'application/x-www-form-urlencoded');
  }

  private signedPost(
    body: string,
    contentType: string,
    extra: Record<string, string> = {},
  ): Promise<DriverResponse> {
    const timestamp = String(this.nowSeconds());
    return this.send(body, {
      'Content-Type': contentType,
      'X-Slack-Request-Timestamp': timestamp,
      'X-Slack-Signature': signSlackRequest(this.httpTransport().signingSecret, timestamp, body),
      ...extra,
    });
  }

  private async send(
    body: string,
    headers: Record<string, string>,
    url = this.httpTransport().eventsUrl,
  ): Promise<DriverResponse> {
    this.last = { body, headers };
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers, body });
    const text = await response.text();
    const ms = performance.now() - started;
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, body: text, json, ms };
  }

  private httpTransport(): { eventsUrl: string; signingSecret: string } {
    if (!this.http) throw new Error('this request exists only over HTTP; the driver speaks Socket Mode');
    return this.http;
  }

  /** One envelope over the app's socket; the ack's payload is the answer, as an HTTP 200 body would be. */
  private async overSocket(type: EnvelopeType, payload: Json): Promise<DriverResponse> {
    const ack = await this.emulator.socketMode.deliver(type, payload);
    const body = ack.payload === undefined ? '' : JSON.stringify(ack.payload);
    return { status: 200, body, json: ack.payload, ms: ack.ms, envelopeId: ack.envelopeId };
  }

  private actionSurface(user: SlackUserRef, container: ActionContainer, actionId: string): ActionSurface {
    const { userId } = user;
    if (container.type === 'view') {
      const view = this.emulator.view(container.viewId);
      if (!view) throw new Error(`The emulator holds no view ${container.viewId}`);
      return {
        container: { type: 'view', view_id: view.id },
        // Actions in a view carry no response_url: Slack offers none for modals and Home tabs.
        extra: { view },
        blocks: view.blocks,
        context: { userId, viewId: view.id },
      };
    }
    if (container.type === 'message') {
      const { channelId, messageTs } = container;
      const message = this.emulator.message(channelId, messageTs);
      if (!message) throw new Error(`The emulator holds no message ${messageTs} in ${channelId}`);
      return this.messageSurface(userId, channelId, messageTs, message.blocks ?? [], message);
    }
    // Without a ts, the newest of the user's ephemeral messages that holds the element is the one clicked.
    const mine = this.emulator
      .ephemeralMessages(userId)
      .filter((e) => container.channelId === undefined || e.channel === container.channelId);
    const ephemeral =
      container.messageTs === undefined
        ? (mine.findLast((e) => findElement(e.blocks ?? [], actionId) !== undefined) ?? mine.at(-1))
        : mine.find((e) => e.ts === container.messageTs);
    const channelId = container.channelId ?? ephemeral?.channel ?? this.emulator.dmChannelId(userId);
    const messageTs = container.messageTs ?? ephemeral?.ts ?? `${this.nowSeconds()}.000000`;
    return this.messageSurface(userId, channelId, messageTs, ephemeral?.blocks ?? []);
  }

  /**
   * A click in a message. Without `message` it is an ephemeral one: Slack reports it as a message container
   * flagged is_ephemeral, without the message.
   */
  private messageSurface(
    userId: string,
    channelId: string,
    messageTs: string,
    blocks: Block[],
    message?: SlackMessage,
  ): ActionSurface {
    return {
      container: {
        type: 'message',
        message_ts: messageTs,
        channel_id: channelId,
        is_ephemeral: message === undefined,
      },
      extra: {
        channel: { id: channelId, name: channelName(channelId) },
        ...(message === undefined ? {} : { message }),
        state: { values: {} },
        response_url: this.emulator.responseUrl({ userId, channelId, messageTs }),
      },
      blocks,
      context: { userId, channelId },
    };
  }

  /** One entry of `actions`, shaped per element type as Slack reports it. */
  private action(element: Json, blockId: string, input: BlockActionInput): Json {
    const type = String(element.type);
    const action: Json = {
      type,
      action_id: input.actionId,
      block_id: blockId,
      action_ts: randomTs(this.nowSeconds()),
    };
    if (element.placeholder !== undefined) action.placeholder = element.placeholder;
    const pick = input.selectedOption ?? input.value;
    switch (type) {
      case 'button':
        action.text = element.text;
        if (input.value !== undefined || element.value !== undefined)
          action.value = input.value ?? element.value;
        if (element.style !== undefined) action.style = element.style;
        break;
      case 'static_select':
      case 'radio_buttons':
      case 'overflow':
      case 'external_select':
        action.selected_option = pick === undefined ? null : echoOption(element, pick);
        break;
      case 'multi_static_select':
      case 'checkboxes':
      case 'multi_external_select':
        action.selected_options = (input.selectedOptions ?? []).map((o) => echoOption(element, o));
        break;
      default: {
        const picked = SINGLE_PICK_FIELD.get(type);
        if (picked !== undefined) action[`selected_${picked}`] = input.value ?? null;
        else if (input.value !== undefined) action.value = input.value;
      }
    }
    return action;
  }
}

// --- finding elements and building state.values ----------------------------------------------------

interface FoundElement {
  blockId: string;
  element: Json;
}

function elementsOf(block: Block): Json[] {
  const candidates: unknown[] =
    block.type === 'actions' && Array.isArray(block.elements)
      ? block.elements
      : block.type === 'input'
        ? [block.element]
        : block.type === 'section'
          ? [block.accessory]
          : [];
  return candidates.filter((e): e is Json => isRecord(e) && typeof e.action_id === 'string');
}

function findElement(blocks: readonly Block[], actionId: string): FoundElement | undefined {
  for (const block of blocks) {
    for (const element of elementsOf(block)) {
      if (element.action_id === actionId) {
        return { blockId: block.block_id ?? '', element };
      }
    }
  }
  return undefined;
}

function listActionIds(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => elementsOf(b).map((e) => String(e.action_id)));
}

/** The options of a static select, radio buttons, checkboxes or overflow, including those in option_groups. */
function optionsOf(element: Json): Json[] {
  const options: unknown[] = Array.isArray(element.options) ? [...element.options] : [];
  if (Array.isArray(element.option_groups)) {
    for (const group of element.option_groups) {
      if (isRecord(group) && Array.isArray(group.options)) options.push(...group.options);
    }
  }
  return options.filter(isRecord);
}

/** The element's own option with this value, as Slack echoes it back. */
function optionFor(element: Json, pick: string | PickedOption): Json {
  const value = typeof pick === 'string' ? pick : pick.value;
  const option = optionsOf(element).find((o) => o.value === value);
  if (!option) {
    const known = optionsOf(element).map((o) => String(o.value));
    throw new Error(
      `No option with value '${value}' in ${String(element.type)} '${String(element.action_id)}'; values: ${known.join(', ')}`,
    );
  }
  return option;
}

/** An option the app supplied through block_suggestion: Slack echoes its text and value. */
function pickedOption(pick: string | PickedOption): Json {
  const { value, text } = typeof pick === 'string' ? { value: pick, text: pick } : pick;
  return { text: { type: 'plain_text', text, emoji: true }, value };
}

/** A picked option as Slack reports it: an external select's as the app supplied it, any other's from the element. */
function echoOption(element: Json, pick: string | PickedOption): Json {
  return element.type === 'external_select' || element.type === 'multi_external_select'
    ? pickedOption(pick)
    : optionFor(element, pick);
}

/**
 * Elements whose pick is a date, a time or an id, by the word Slack puts after `selected_` in what it
 * reports and after `initial_` in the element's own initial value.
 */
const SINGLE_PICK_FIELD: ReadonlyMap<string, string> = new Map([
  ['datepicker', 'date'],
  ['timepicker', 'time'],
  ['users_select', 'user'],
  ['conversations_select', 'conversation'],
  ['channels_select', 'channel'],
]);

/** The multi-select counterparts of SINGLE_PICK_FIELD, whose picks are a list of ids. */
const MULTI_PICK_FIELD: ReadonlyMap<string, string> = new Map([
  ['multi_users_select', 'users'],
  ['multi_conversations_select', 'conversations'],
  ['multi_channels_select', 'channels'],
]);

function isPickedOption(value: unknown): value is PickedOption {
  return isRecord(value) && typeof value.value === 'string' && typeof value.text === 'string';
}

function asList(input: InputValue, actionId: string): ReadonlyArray<string | PickedOption> {
  if (input === null) return [];
  if (Array.isArray(input) && input.every((v) => typeof v === 'string' || isPickedOption(v))) return input;
  throw new Error(`Input '${actionId}' takes an array of values`);
}

type FileLookup = (fileId: string) => SlackFile | undefined;

/**
 * A file_input's files as Slack reports them: each picked file's whole object. Slack's file chooser
 * takes at most max_files files, with the extensions in filetypes; a forged file object skips both.
 */
function submittedFiles(element: Json, input: InputValue, lookup: FileLookup): Json[] {
  const actionId = String(element.action_id);
  if (input === null) return [];
  if (!Array.isArray(input)) throw new Error(`Input '${actionId}' takes an array of file ids`);
  const picked = input as ReadonlyArray<SubmittedFile>;
  const maxFiles = typeof element.max_files === 'number' ? element.max_files : 10;
  if (picked.length > maxFiles) {
    throw new Error(`File input '${actionId}' takes at most ${maxFiles} file(s); ${picked.length} given`);
  }
  const filetypes = Array.isArray(element.filetypes) ? element.filetypes.map(String) : undefined;
  return picked.map((item) => {
    if (typeof item !== 'string') return { ...item };
    const file = lookup(item);
    if (!file) {
      throw new Error(
        `The emulator holds no file ${item}; upload it with emulator.uploadFile, or pass a file object to forge one`,
      );
    }
    const extension = extensionOf(file.name);
    if (filetypes && !filetypes.some((t) => t.toLowerCase() === extension)) {
      throw new Error(
        `File input '${actionId}' takes ${filetypes.join(', ')} files; Slack's chooser refuses ${file.name}`,
      );
    }
    return { ...file };
  });
}

function asText(input: InputValue, actionId: string): string | null {
  if (input === null) return null;
  if (typeof input === 'string') return input;
  if (typeof input === 'number') return String(input);
  throw new Error(`Input '${actionId}' takes a string`);
}

function asSingle(input: InputValue, actionId: string): string | PickedOption | null {
  if (input === null || typeof input === 'string') return input;
  if (typeof input === 'object' && !Array.isArray(input)) return input as PickedOption;
  throw new Error(`Input '${actionId}' takes one value`);
}

/**
 * The state of one input element as Slack reports it in view_submission. `input` undefined means the user
 * did not touch the element: Slack then reports its initial value, or null / [] when it has none.
 */
function elementState(element: Json, input: InputValue | undefined, files: FileLookup): Json {
  const type = String(element.type);
  const actionId = String(element.action_id);
  const given = input !== undefined;
  const initial = (field: string, empty: unknown) => element[field] ?? empty;
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: given ? asText(input, actionId) : initial('initial_value', null) };
    case 'static_select':
    case 'radio_buttons':
    case 'external_select': {
      const pick = given ? asSingle(input, actionId) : null;
      return {
        type,
        selected_option: given
          ? pick === null
            ? null
            : echoOption(element, pick)
          : initial('initial_option', null),
      };
    }
    case 'multi_static_select':
    case 'checkboxes':
    case 'multi_external_select':
      return {
        type,
        selected_options: given
          ? asList(input, actionId).map((o) => echoOption(element, o))
          : initial('initial_options', []),
      };
    case 'datetimepicker':
      return {
        type,
        selected_date_time: given
          ? input === null
            ? null
            : Number(input)
          : initial('initial_date_time', null),
      };
    case 'rich_text_input': {
      const text = given ? asText(input, actionId) : null;
      const value =
        text === null
          ? initial('initial_value', null)
          : {
              type: 'rich_text',
              elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
            };
      return { type, rich_text_value: value };
    }
    case 'file_input':
      return { type, files: given ? submittedFiles(element, input, files) : [] };
    default: {
      const picked = SINGLE_PICK_FIELD.get(type);
      if (picked !== undefined) {
        return {
          type,
          [`selected_${picked}`]: given ? asText(input, actionId) : initial(`initial_${picked}`, null),
        };
      }
      const pickedList = MULTI_PICK_FIELD.get(type);
      if (pickedList !== undefined) {
        return {
          type,
          [`selected_${pickedList}`]: given ? asList(input, actionId) : initial(`initial_${pickedList}`, []),
        };
      }
      return { type, value: given ? asText(input, actionId) : null };
    }
  }
}

/** `view.state.values[block_id][action_id]` for every input element of the view. */
function stateValues(
  view: SlackView,
  inputs: Record<string, InputValue>,
  files: FileLookup,
): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  const used = new Set<string>();
  for (const block of view.blocks) {
    if (block.type !== 'input') continue;
    for (const element of elementsOf(block)) {
      const actionId = String(element.action_id);
      const blockId = block.block_id ?? '';
      const given = Object.hasOwn(inputs, actionId);
      if (given) used.add(actionId);
      values[blockId] = {
        ...values[blockId],
        [actionId]: elementState(element, given ? inputs[actionId] : undefined, files),
      };
    }
  }
  const unknown = Object.keys(inputs).filter((id) => !used.has(id));
  if (unknown.length > 0) {
    const known = view.blocks
      .filter((b) => b.type === 'input')
      .flatMap((b) => elementsOf(b).map((e) => e.action_id));
    throw new Error(
      `No input element with action_id ${unknown.map((id) => `'${id}'`).join(', ')} in view ${view.id}; input action_ids: ${known.join(', ')}`,
    );
  }
  return values;
}
