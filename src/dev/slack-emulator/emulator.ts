import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileAtPath, receiveUpload, storeFile, UPLOAD_PATH } from './files';
import { parseApiRequest, readBody, sendJson, sendText } from './http';
import { type Args, clone, stringArg } from './json';
import { type ApiAnswer, fail, WEB_API_METHODS } from './methods';
import type { InstallGrant } from './oauth';
import { RateLimiter, SLACK_LIMITS, type SlackLimits } from './rate-limits';
import { handleResponsePost } from './response-urls';
import { SocketModeServer } from './socket-mode';
import { assertTimeZone, EmulatorState, withGeneratedIds } from './state';
import type {
  Block,
  EmulatedUser,
  EphemeralMessage,
  FileDownload,
  FileUpload,
  InjectedFailure,
  InteractionContext,
  RateLimitScope,
  RecordedCall,
  ResponsePost,
  SlackEmulatorOptions,
  SlackFile,
  SlackMessage,
  SlackView,
} from './types';
import { applyViewSubmissionResponse, type ViewResponseOutcome } from './view-responses';

const DEFAULT_WAIT_MS = 5000;
const DEFAULT_BOT_TOKEN = 'xoxb-emulator-bot-token';

/** Error words for injected 5xx answers, as Slack's edge would name them. */
const HTTP_ERROR_WORDS: Record<500 | 502 | 503, string> = {
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
};

interface Waiter {
  reject(error: Error): void;
}

/**
 * A local stand-in for Slack's Web API and response_urls, for end-to-end tests, benchmarks and a sandbox.
 * Point Bolt at it with `clientOptions: { slackApiUrl: emulator.apiUrl }`. State lives in memory; every call
 * is recorded with its outcome so tests can assert on what the app asked Slack to do.
 */
export class SlackEmulator {
  /** e.g. http://127.0.0.1:PORT */
  readonly url: string;
  /** `${url}/api/`: what the WebClient takes as `slackApiUrl`. */
  readonly apiUrl: string;
  /** Every Web API call received, in arrival order, whatever its outcome. */
  readonly calls: RecordedCall[] = [];
  /**
   * Every Web API call as it arrives, before any delay or latency holds its answer back: a test can
   * act while a call is in flight (`calls` records it once answered).
   */
  readonly arrivals: { method: string; args: Record<string, unknown>; at: number }[] = [];
  /** Every POST to a response_url, in arrival order, whatever its outcome. */
  readonly responsePosts: ResponsePost[] = [];
  /** Every GET of a file's url_private or url_private_download, in arrival order, whatever its outcome. */
  readonly fileDownloads: FileDownload[] = [];
  /** The only token a file's url_private_download answers. */
  readonly botToken: string;
  /** Socket Mode: the WebSocket link `apps.connections.open` hands out, and what travels over it. */
  readonly socketMode: SocketModeServer;

  private readonly state: EmulatorState;
  private readonly failures = new Map<string, InjectedFailure[]>();
  private readonly delays = new Map<string, number>();
  private readonly nextDelays = new Map<string, { ms: number; handled: (call: RecordedCall) => void }[]>();
  private rateLimits: { method: string; until: number; scope: RateLimitScope }[] = [];
  private latencyMs = 0;
  private limiter: RateLimiter | null = null;
  private readonly events = new EventEmitter();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly waiters = new Set<Waiter>();
  private stopped = false;

  private constructor(
    private readonly server: Server,
    url: string,
    state: EmulatorState,
    botToken: string,
  ) {
    this.url = url;
    this.botToken = botToken;
    this.apiUrl = `${url}/api/`;
    this.state = state;
    state.baseUrl = url;
    this.socketMode = new SocketModeServer(url, state.identity.appId);
    // Many tests may wait on the same emulator at once.
    this.events.setMaxListeners(0);
  }

  static async start(opts: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
    const defaultTz = opts.defaultTz ?? 'UTC';
    assertTimeZone(defaultTz);
    const state = new EmulatorState(
      {
        teamId: opts.teamId ?? 'T0EMULATOR',
        teamName: opts.teamName ?? 'Emulated Workspace',
        teamDomain: opts.teamDomain ?? 'emulated',
        botUserId: opts.botUserId ?? 'U0EMULBOT',
        botId: opts.botId ?? 'B0EMULBOT',
        appId: opts.appId ?? 'A0EMULAPP',
      },
      defaultTz,
    );
    let emulator: SlackEmulator | undefined;
    const server = createServer((req, res) => {
      emulator?.handle(req, res).catch((error: unknown) => {
        sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(error) });
      });
    });
    server.on('upgrade', (req, socket) => {
      const url = new URL(req.url ?? '/', 'http://emulator');
      if (emulator && url.pathname.startsWith('/link')) emulator.socketMode.handleUpgrade(req, socket, url);
      else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    });
    const host = opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    emulator = new SlackEmulator(
      server,
      `http://${urlHost}:${port}`,
      state,
      opts.botToken ?? DEFAULT_BOT_TOKEN,
    );
    emulator.setLatency(opts.latencyMs ?? 0);
    if (opts.limits) emulator.setLimits(opts.limits === true ? {} : opts.limits);
    return emulator;
  }

  /** Closes the server, drops open connections and rejects pending waits. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const waiter of [...this.waiters]) waiter.reject(new Error('SlackEmulator stopped'));
    this.socketMode.stop();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // The WebClient keeps connections alive; without this, close() would wait for them to time out.
    this.server.closeAllConnections();
    await closed;
  }

  /**
   * Forgets calls, response posts, downloads, messages, views, triggers, response urls, files, failures,
   * delays, latency and rate limits (Slack's limits turned off); keeps users.
   */
  reset(): void {
    this.calls.length = 0;
    this.arrivals.length = 0;
    this.responsePosts.length = 0;
    this.fileDownloads.length = 0;
    this.failures.clear();
    this.delays.clear();
    this.nextDelays.clear();
    this.rateLimits = [];
    this.latencyMs = 0;
    this.limiter = null;
    this.state.reset();
  }

  // --- who the bot is -----------------------------------------------------------------------------

  get teamId(): string {
    return this.state.identity.teamId;
  }
  get teamDomain(): string {
    return this.state.identity.teamDomain;
  }
  get botUserId(): string {
    return this.state.identity.botUserId;
  }
  get botId(): string {
    return this.state.identity.botId;
  }
  get appId(): string {
    return this.state.identity.appId;
  }

  // --- setting the scene --------------------------------------------------------------------------

  /** Creates or changes a user; fields not given keep their value (or the defaults for a new user). */
  setUser(userId: string, patch: Partial<Omit<EmulatedUser, 'id'>>): EmulatedUser {
    return { ...this.state.setUser(userId, patch) };
  }

  /** The user as users.info would describe it (created with `defaultTz` on first sight). */
  user(userId: string): EmulatedUser {
    return { ...this.state.user(userId) };
  }

  /** The bot's DM channel with this user, as conversations.open would answer. */
  dmChannelId(userId: string): string {
    return this.state.dmChannel(userId);
  }

  /**
   * A trigger id that views.open / views.push accept once, within 3 seconds (Slack's rule). The context
   * says who acted and in which view, so views.push knows which modal stack to push onto.
   */
  mintTriggerId(context: InteractionContext = {}): string {
    return this.state.mintTrigger(Date.now(), context);
  }

  /**
   * A response_url, `${url}/response/<id>`, that accepts 5 posts within 30 minutes (Slack's rule). The
   * context names the message `replace_original` / `delete_original` act on and who sees ephemeral answers.
   */
  responseUrl(context: InteractionContext = {}): string {
    return `${this.url}/response/${this.state.mintResponseUrl(Date.now(), context)}`;
  }

  /**
   * A file the member uploads, as Slack stores it when they pick it in a file_input: files.info then
   * describes it and its url_private_download serves its bytes to the bot token.
   */
  uploadFile(upload: FileUpload): SlackFile {
    return clone(storeFile(this.state, this.url, upload, Date.now()));
  }

  /**
   * What Slack puts in the redirect to the app's `/slack/oauth_redirect` once a member approves the install:
   * a code that `oauth.v2.access` trades, once, for a bot token and the installer's user token (expiring,
   * with refresh tokens, when `expiresInS` turns token rotation on).
   */
  authorizationCode(grant: InstallGrant): string {
    return this.state.oauth.mintCode(grant);
  }

  /** Makes a token the emulator issued expire now: calls with it answer `token_expired` from then on. */
  expireToken(token: string): void {
    this.state.oauth.expire(token, Date.now());
  }

  /**
   * Makes the next `times` calls of `method` fail: 429 (with Retry-After, in seconds), a 5xx status, or an
   * HTTP 200 `{ok: false, error}`. Failures queue up in the order given.
   */
  failNext(method: string, failure: InjectedFailure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /**
   * Rate-limits `method` for `seconds` from now, as Slack does a workspace that called it too often: every
   * call in `scope` answers HTTP 429 with Retry-After, the seconds left (rounded up). Calls outside the
   * scope, and other methods, are answered as usual.
   */
  rateLimit(method: string, seconds: number, scope: RateLimitScope = {}): void {
    this.rateLimits.push({ method, until: Date.now() + seconds * 1000, scope });
  }

  /** Makes every call of `method` wait `ms` before it is handled; 0 removes the delay. */
  delay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  /**
   * Makes only the next call of `method` wait `ms` before it is handled, whatever other delays say (calls
   * queue up); resolves with that call once it has been answered.
   */
  delayNext(method: string, ms: number): Promise<RecordedCall> {
    const queue = this.nextDelays.get(method) ?? [];
    this.nextDelays.set(method, queue);
    return new Promise((handled) => queue.push({ ms, handled }));
  }

  /** Makes every Web API call wait `ms` before it is answered, as Slack's latency; a method's `delay` replaces it. */
  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  /**
   * Turns Slack's rate limits on (SLACK_LIMITS, with `limits` replacing some), from a clean slate, or off
   * (null). A call over a limit is answered HTTP 429 with Retry-After, the seconds until it would be
   * accepted (rounded up), and counts against nothing. Limits are per workspace: the `team_id` the call
   * sends, else the workspace the emulator issued its token for, else the token itself (one token is one
   * workspace's); chat.postMessage also per channel.
   */
  setLimits(limits: Partial<SlackLimits> | null): void {
    this.limiter = limits ? new RateLimiter({ ...SLACK_LIMITS, ...limits }) : null;
  }

  /**
   * Slack gives the bot's DM with this user a new id, as when a conversation is recreated: the old id
   * answers channel_not_found, conversations.open gives the new one; the messages stay in the DM.
   */
  renewDmChannel(userId: string): { before: string; after: string } {
    return this.state.renewDmChannel(userId);
  }

  // --- what the app did ---------------------------------------------------------------------------

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * The first successful call of `method` (matching `predicate`) already received, or the next one.
   * On timeout, rejects with a list of the calls seen, to show what the app did instead.
   */
  waitForCall(
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<RecordedCall> {
    const matches = (call: RecordedCall) => call.method === method && call.ok && (predicate?.(call) ?? true);
    return this.waitFor('call', this.calls, matches, timeoutMs, () => {
      const which = predicate ? ' matching the predicate' : '';
      return `Timed out after ${timeoutMs} ms waiting for a successful ${method} call${which}. Calls seen: ${this.describeCalls()}`;
    });
  }

  /**
   * The first call of `method` (matching `predicate` on its arguments) that has arrived, answered or
   * not, or the next one: its answer may still be held back by a delay.
   */
  waitForArrival(
    method: string,
    predicate?: (args: Record<string, unknown>) => boolean,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<{ method: string; args: Record<string, unknown>; at: number }> {
    const matches = (a: { method: string; args: Record<string, unknown> }) =>
      a.method === method && (predicate?.(a.args) ?? true);
    return this.waitFor('arrival', this.arrivals, matches, timeoutMs, () => {
      return `Timed out after ${timeoutMs} ms waiting for a ${method} call to arrive. Calls seen: ${this.describeCalls()}`;
    });
  }

  /** The first accepted response_url post (matching `predicate`) already received, or the next one. */
  waitForResponsePost(
    predicate?: (post: ResponsePost) => boolean,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<ResponsePost> {
    const matches = (post: ResponsePost) => post.ok && (predicate?.(post) ?? true);
    return this.waitFor('responsePost', this.responsePosts, matches, timeoutMs, () => {
      const posts = this.responsePosts.map((p) => (p.ok ? 'ok' : `${p.status} ${p.error ?? ''}`)).join(', ');
      return `Timed out after ${timeoutMs} ms waiting for a response_url post. Posts seen: ${posts || '(none)'}; calls seen: ${this.describeCalls()}`;
    });
  }

  /** The current state of a view (modal or Home tab), whether or not it is still open. */
  view(viewId: string): SlackView | undefined {
    const record = this.state.views.get(viewId);
    return record ? clone(record.view) : undefined;
  }

  /** False once the user has closed or submitted the modal (see the driver's `submitView`). */
  isViewOpen(viewId: string): boolean {
    return this.state.views.get(viewId)?.open ?? false;
  }

  /** The view most recently opened (views.open) or pushed (views.push or response_action push). */
  lastOpenedView(): SlackView | undefined {
    const id = this.state.lastOpenedViewId;
    return id === undefined ? undefined : this.view(id);
  }

  /** A stored file's bytes (a member's upload, or one the app completed), whichever workspace holds it. */
  fileContent(fileId: string): Buffer | undefined {
    const stored = this.state.files.get(fileId);
    return stored ? Buffer.from(stored.content) : undefined;
  }

  /** A file as files.info describes it (whichever workspace it was uploaded in). */
  file(fileId: string): SlackFile | undefined {
    const stored = this.state.files.get(fileId);
    return stored ? clone(stored.file) : undefined;
  }

  /**
   * Keeps what the user entered in a modal as the view's `state.values`, as Slack does; the driver
   * calls it with what it submits, so a test can read what the user sent.
   */
  recordViewState(viewId: string, values: SlackView['state']['values']): void {
    const record = this.state.views.get(viewId);
    if (record) record.view.state = { values: clone(values) };
  }

  /** The user's Home tab as last published. */
  homeOf(userId: string): SlackView | undefined {
    const id = this.state.homeViewIdByUser.get(userId);
    return id === undefined ? undefined : this.view(id);
  }

  /** The messages in the bot's DM with this user, oldest first, as they read now (after updates). */
  dmMessages(userId: string): SlackMessage[] {
    return this.state.hasDm(userId) ? this.channelMessages(this.state.dmChannel(userId)) : [];
  }

  channelMessages(channelId: string): SlackMessage[] {
    return clone(this.state.channelMessages(channelId));
  }

  message(channelId: string, ts: string): SlackMessage | undefined {
    const resolved = this.state.resolveChannel(channelId) ?? channelId;
    const message = this.state.findMessage(resolved, ts);
    return message ? clone(message) : undefined;
  }

  /** Ephemeral messages (chat.postEphemeral and ephemeral response_url posts), optionally for one user. */
  ephemeralMessages(userId?: string): EphemeralMessage[] {
    return clone(this.state.ephemerals.filter((e) => userId === undefined || e.user === userId));
  }

  /** The modals open for this user, bottom of the stack first: the last is the one the user sees. */
  openModals(userId: string): SlackView[] {
    return [...this.state.views.values()]
      .filter((r) => r.open && r.view.type === 'modal' && r.userId === userId)
      .map((r) => clone(r.view));
  }

  /**
   * Shows a message only this user sees, as Slack shows the body of an app's answer to a slash command
   * (`ack({ response_type: 'ephemeral', … })`); it then behaves like any other ephemeral message. Returns its ts.
   */
  showEphemeral(channelId: string, userId: string, content: { text: string; blocks?: Block[] }): string {
    const ts = this.state.tsClock.next(Date.now());
    const blocks = content.blocks ? withGeneratedIds(content.blocks) : undefined;
    this.state.ephemerals.push({ channel: channelId, user: userId, ts, text: content.text, blocks });
    return ts;
  }

  /** Closes a modal as the user would (with `wholeStack`, the whole stack, as `response_action: clear`). */
  closeView(viewId: string, wholeStack = false): void {
    this.state.closeView(viewId, wholeStack);
  }

  /** Applies the app's answer to a view_submission as Slack would (close, update, push, clear, errors). */
  applyViewSubmissionResponse(viewId: string, httpStatus: number, body: unknown): ViewResponseOutcome {
    return applyViewSubmissionResponse(this.state, viewId, httpStatus, body, Date.now());
  }

  // --- HTTP ---------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    if (url.pathname.startsWith('/api/')) {
      await this.handleApiCall(req, res, url, raw);
    } else if (url.pathname.startsWith(UPLOAD_PATH) && req.method === 'POST') {
      // Slack's upload_url takes the bytes as the body and answers in plain text.
      const upload = receiveUpload(this.state, url.pathname, bytes);
      if (upload) sendText(res, 200, `OK - ${bytes.length}`);
      else sendText(res, 404, 'not_found');
    } else if (url.pathname.startsWith('/files-pri/') && req.method === 'GET') {
      this.handleFileGet(req, res, url.pathname);
    } else if (url.pathname.startsWith('/response/') && req.method === 'POST') {
      this.handleResponsePost(req, res, decodeURIComponent(url.pathname.slice('/response/'.length)), raw);
    } else {
      sendText(res, 404, 'not_found');
    }
  }

  private async handleApiCall(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    raw: string,
  ): Promise<void> {
    const at = preciseNow();
    const method = decodeURIComponent(url.pathname.slice('/api/'.length));
    const parsed = parseApiRequest(req, url, raw);
    const args = 'args' in parsed ? parsed.args : {};
    const token = 'args' in parsed ? parsed.token : undefined;

    const arrival = { method, args, at };
    this.arrivals.push(arrival);
    this.events.emit('arrival', arrival);

    const held = this.nextDelays.get(method)?.shift();
    const delayMs = held?.ms ?? this.delays.get(method) ?? (this.latencyMs > 0 ? this.latencyMs : undefined);
    if (delayMs !== undefined) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          resolve();
        }, delayMs);
        this.timers.add(timer);
      });
      if (this.stopped) return;
    }

    let status = 200;
    let headers: Record<string, string> = {};
    let answer: ApiAnswer;
    const limitedFor = this.rateLimitedFor(method, args, token) ?? this.overLimitFor(method, args, token);
    const failure = limitedFor === undefined ? this.failures.get(method)?.shift() : undefined;
    const handler = WEB_API_METHODS[method];
    if (limitedFor !== undefined) {
      status = 429;
      headers = { 'Retry-After': String(limitedFor) };
      answer = fail('ratelimited');
    } else if (failure && 'error' in failure) {
      answer = fail(failure.error);
    } else if (failure?.status === 429) {
      status = 429;
      headers = { 'Retry-After': String(failure.retryAfter) };
      answer = fail('ratelimited');
    } else if (failure) {
      status = failure.status;
      answer = fail(HTTP_ERROR_WORDS[failure.status]);
    } else if ('error' in parsed) {
      answer = fail(parsed.error);
    } else if (method === 'apps.connections.open') {
      answer = token === undefined ? fail('not_authed') : this.socketMode.open(token);
    } else if (method === 'oauth.v2.access') {
      answer = this.state.oauth.access(args, Date.now());
    } else if (!handler) {
      answer = fail('unknown_method');
    } else if (token === undefined) {
      answer = fail('not_authed');
    } else if (this.state.oauth.isExpired(token, Date.now())) {
      answer = fail('token_expired');
    } else {
      try {
        answer = handler({ state: this.state, args, now: Date.now() });
      } catch (error) {
        // A bug in the emulator must show up in the test, not hang it.
        status = 500;
        answer = fail('internal_error', [
          error instanceof Error ? (error.stack ?? error.message) : String(error),
        ]);
      }
    }

    const call: RecordedCall = { method, args, at, status, ok: answer.ok, response: answer };
    if (token !== undefined) call.token = token;
    if (!answer.ok) call.error = answer.error;
    this.calls.push(call);
    sendJson(res, status, answer, headers);
    this.events.emit('call', call);
    held?.handled(call);
  }

  /** The seconds left (at least 1) of a `rateLimit` covering this call, or undefined when none does. */
  private rateLimitedFor(method: string, args: Args, token: string | undefined): number | undefined {
    const now = Date.now();
    this.rateLimits = this.rateLimits.filter((limit) => limit.until > now);
    const teamId = stringArg(args, 'team_id') ?? this.state.identity.teamId;
    const triggerId = stringArg(args, 'trigger_id');
    const userId =
      stringArg(args, 'user_id') ??
      stringArg(args, 'user') ??
      (triggerId === undefined ? undefined : this.state.triggers.get(triggerId)?.context.userId);
    const limit = this.rateLimits.find(
      ({ method: limited, scope }) =>
        limited === method &&
        (scope.teamId === undefined || scope.teamId === teamId) &&
        (scope.token === undefined || scope.token === token) &&
        (scope.userId === undefined || scope.userId === userId),
    );
    return limit ? Math.max(1, Math.ceil((limit.until - now) / 1000)) : undefined;
  }

  /** The seconds (at least 1) until Slack's limits would accept this call, or undefined when they do now. */
  private overLimitFor(method: string, args: Args, token: string | undefined): number | undefined {
    if (!this.limiter) return undefined;
    const workspace =
      stringArg(args, 'team_id') ??
      (token === undefined ? undefined : (this.state.oauth.teamOf(token) ?? token)) ??
      this.state.identity.teamId;
    const waitMs = this.limiter.admit(method, workspace, stringArg(args, 'channel'), Date.now());
    return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : undefined;
  }

  /** Slack's file host: the bytes, only for the bot token (401 otherwise); 404 for a file it does not hold. */
  private handleFileGet(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    const at = preciseNow();
    const stored = fileAtPath(this.state, pathname);
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const status = !stored ? 404 : token === this.botToken ? 200 : 401;
    const download: FileDownload = { path: pathname, at, status };
    if (stored) download.fileId = stored.file.id;
    if (token !== undefined) download.token = token;
    this.fileDownloads.push(download);
    if (!stored || status !== 200) {
      sendText(res, status, status === 404 ? 'not_found' : 'not_authed');
      return;
    }
    const attachment = pathname.includes('/download/') ? 'attachment' : 'inline';
    res.writeHead(200, {
      'Content-Type': stored.file.mimetype,
      'Content-Length': stored.content.length,
      'Content-Disposition': `${attachment}; filename*=UTF-8''${encodeURIComponent(stored.file.name)}`,
    });
    res.end(stored.content);
  }

  private handleResponsePost(req: IncomingMessage, res: ServerResponse, id: string, raw: string): void {
    const at = preciseNow();
    const answer = handleResponsePost(this.state, id, raw, req.headers['content-type'] ?? '', at);
    const post: ResponsePost = { id, body: answer.body ?? {}, at, status: answer.status, ok: answer.ok };
    if (!answer.body) post.raw = raw;
    if (!answer.ok) post.error = answer.text;
    if (answer.errors) post.errors = answer.errors;
    this.responsePosts.push(post);
    sendText(res, answer.status, answer.text);
    this.events.emit('responsePost', post);
  }

  // --- waiting ------------------------------------------------------------------------------------

  private waitFor<T>(
    event: 'call' | 'responsePost' | 'arrival',
    seen: readonly T[],
    matches: (item: T) => boolean,
    timeoutMs: number,
    describeTimeout: () => string,
  ): Promise<T> {
    const existing = seen.find(matches);
    if (existing) return Promise.resolve(existing);
    if (this.stopped) return Promise.reject(new Error('SlackEmulator stopped'));
    const waiting = new Promise<T>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.events.off(event, onItem);
        this.waiters.delete(waiter);
      };
      const onItem = (item: T) => {
        if (!matches(item)) return;
        finish();
        resolve(item);
      };
      const waiter: Waiter = {
        reject: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.reject(new Error(describeTimeout())), timeoutMs);
      this.events.on(event, onItem);
      this.waiters.add(waiter);
    });
    // A test that failed before awaiting its wait must not crash the run when the wait later times out
    // or the emulator stops; whoever awaits the promise still sees the rejection.
    waiting.catch(() => undefined);
    return waiting;
  }

  private describeCalls(): string {
    if (this.calls.length === 0) return '(none)';
    return this.calls
      .map((c) => {
        if (c.ok) return `${c.method} ok`;
        const detail = (c.response as { errors?: string[] }).errors?.[0];
        return `${c.method} ${c.status} ${c.error ?? ''}${detail ? ` (${detail})` : ''}`;
      })
      .join('; ');
  }
}

/**
 * Milliseconds since the epoch with sub-millisecond precision, for `at` on recorded calls and
 * posts: a test that notes `preciseNow()` before acting can tell the calls it caused from those
 * that came just before, even within the same millisecond.
 */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
