import { WebClient } from '@slack/web-api';
import { BLOCK_KIT_LIMITS, SlackEmulator, validateBlocks } from '../../src/dev/slack-emulator';
import { silentWebApiLogger } from '../../src/slack/silent-web-api-logger';

const TOKEN = 'xoxb-test-token';

function section(text: string, blockId?: string) {
  return { type: 'section', text: { type: 'mrkdwn', text }, ...(blockId ? { block_id: blockId } : {}) };
}

function modal(overrides: Record<string, unknown> = {}) {
  return {
    type: 'modal' as const,
    callback_id: 'contact_add',
    title: { type: 'plain_text' as const, text: 'Add a contact' },
    submit: { type: 'plain_text' as const, text: 'Save' },
    blocks: [
      {
        type: 'input',
        block_id: 'name',
        label: { type: 'plain_text', text: 'Name' },
        element: { type: 'plain_text_input', action_id: 'name' },
      },
    ],
    ...overrides,
  };
}

/** The platform error a WebClient call failed with (`error`, `errors` …), or the thrown error itself. */
async function failure(
  call: Promise<unknown>,
): Promise<{ code?: string; data?: Record<string, unknown> } & Error> {
  try {
    await call;
  } catch (error) {
    return error as { code?: string; data?: Record<string, unknown> } & Error;
  }
  throw new Error('expected the call to fail');
}

describe('SlackEmulator with the real WebClient', () => {
  let emulator: SlackEmulator;
  let client: WebClient;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    client = new WebClient(TOKEN, {
      slackApiUrl: emulator.apiUrl,
      logger: silentWebApiLogger,
      retryConfig: { retries: 0 },
    });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.stop());

  it('answers auth.test like Slack and records the call with its token', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({ ok: true, team_id: emulator.teamId, user_id: emulator.botUserId });
    expect(result.bot_id).toMatch(/^B/);
    expect(result.url).toMatch(/^https:\/\/.+\.slack\.com\/$/);
    expect(emulator.callsTo('auth.test')).toEqual([
      expect.objectContaining({ ok: true, status: 200, token: TOKEN }),
    ]);
  });

  it('posts to a user id as the DM channel, then updates the message in place', async () => {
    const posted = await client.chat.postMessage({
      channel: 'U123ABC',
      text: 'hello',
      blocks: [section('*hello*')],
    });
    expect(posted.channel).toMatch(/^D/);
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(posted.message?.text).toBe('hello');
    const opened = await client.conversations.open({ users: 'U123ABC' });
    expect(opened.channel?.id).toBe(posted.channel);

    const second = await client.chat.postMessage({ channel: posted.channel as string, text: 'second' });
    expect(Number(second.ts)).toBeGreaterThan(Number(posted.ts));

    const updated = await client.chat.update({
      channel: posted.channel as string,
      ts: posted.ts as string,
      text: 'updated',
      blocks: [section('*updated*', 'b1')],
    });
    expect(updated.ok).toBe(true);
    const messages = emulator.dmMessages('U123ABC');
    expect(messages.map((m) => m.text)).toEqual(['updated', 'second']);
    expect(messages[0]?.blocks).toEqual([section('*updated*', 'b1')]);
    expect(messages[0]?.edited).toBeDefined();
    // Complex arguments arrive as JSON strings in the form body and are recorded parsed.
    expect(emulator.callsTo('chat.update')[0]?.args.blocks).toEqual([section('*updated*', 'b1')]);

    const missing = await failure(
      client.chat.update({ channel: posted.channel as string, ts: '1.000000', text: 'x' }),
    );
    expect(missing.data?.error).toBe('message_not_found');
  });

  it('answers conversations.history newest first, in pages, with message metadata only when asked', async () => {
    const metadata = { event_type: 'touchbase_digest', event_payload: { local_date: '2026-03-16' } };
    const first = await client.chat.postMessage({ channel: 'U0HIST', text: 'one', metadata });
    const channel = first.channel as string;
    const second = await client.chat.postMessage({ channel, text: 'two' });
    await client.chat.postMessage({ channel, text: 'a reply', thread_ts: first.ts as string });
    const third = await client.chat.postMessage({ channel, text: 'three' });

    const all = await client.conversations.history({ channel, include_all_metadata: true });
    expect(all.messages?.map((m) => m.text)).toEqual(['three', 'two', 'one']);
    expect(all.messages?.[2]?.metadata).toEqual(metadata);
    expect(all.has_more).toBe(false);

    const plain = await client.conversations.history({ channel });
    expect(plain.messages?.[2]).not.toHaveProperty('metadata');

    const page = await client.conversations.history({ channel, limit: 2 });
    expect(page.messages?.map((m) => m.ts)).toEqual([third.ts, second.ts]);
    expect(page.has_more).toBe(true);
    const next = await client.conversations.history({
      channel,
      limit: 2,
      cursor: page.response_metadata?.next_cursor as string,
    });
    expect(next.messages?.map((m) => m.text)).toEqual(['one']);
    expect(next.has_more).toBe(false);

    const since = await client.conversations.history({ channel, oldest: first.ts as string });
    expect(since.messages?.map((m) => m.text)).toEqual(['three', 'two']);
    const before = await client.conversations.history({ channel, latest: third.ts as string });
    expect(before.messages?.map((m) => m.text)).toEqual(['two', 'one']);

    expect((await failure(client.conversations.history({ channel: 'D0NOWHERE' }))).data?.error).toBe(
      'channel_not_found',
    );
  });

  it('answers account_inactive when opening a DM with a deactivated user', async () => {
    emulator.setUser('U0GONE', { deleted: true });
    expect((await failure(client.conversations.open({ users: 'U0GONE' }))).data?.error).toBe(
      'account_inactive',
    );
  });

  it('requires text or blocks in chat.postMessage', async () => {
    const error = await failure(client.apiCall('chat.postMessage', { channel: 'C123' }));
    expect(error.data?.error).toBe('no_text');
  });

  it('rejects a 51-block message as invalid_blocks and records the failure', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    const error = await failure(client.chat.postMessage({ channel: 'C123', text: 'too many', blocks }));
    expect(error.data?.error).toBe('invalid_blocks');
    expect(error.data?.errors).toEqual([expect.stringContaining('no more than 50 items allowed')]);
    expect(emulator.channelMessages('C123')).toEqual([]);
    expect(emulator.calls.at(-1)).toMatchObject({
      method: 'chat.postMessage',
      ok: false,
      error: 'invalid_blocks',
    });

    const fifty = await client.chat.postMessage({
      channel: 'C123',
      text: 'just fits',
      blocks: blocks.slice(0, 50),
    });
    expect(fifty.ok).toBe(true);
  });

  it('opens a modal with a fresh trigger id and answers the view Slack would', async () => {
    const trigger = emulator.mintTriggerId({ userId: 'U1' });
    const result = await client.views.open({
      trigger_id: trigger,
      view: modal({ private_metadata: '{"id":1}' }),
    });
    expect(result.view).toMatchObject({
      type: 'modal',
      callback_id: 'contact_add',
      private_metadata: '{"id":1}',
      state: { values: {} },
      title: { type: 'plain_text', text: 'Add a contact' },
    });
    expect(result.view?.id).toMatch(/^V/);
    expect(result.view?.hash).toMatch(/^\d+\.\w{8}$/);
    expect(emulator.lastOpenedView()?.id).toBe(result.view?.id);

    const again = await failure(client.views.open({ trigger_id: trigger, view: modal() }));
    expect(again.data?.error).toBe('exchanged_trigger_id');
    const unknown = await failure(client.views.open({ trigger_id: '1.2.3', view: modal() }));
    expect(unknown.data?.error).toBe('invalid_trigger_id');
  });

  it('rejects a modal whose title is 25 characters', async () => {
    const error = await failure(
      client.views.open({
        trigger_id: emulator.mintTriggerId(),
        view: modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } }),
      }),
    );
    expect(error.data?.error).toBe('invalid_arguments');
    expect(error.data?.errors).toEqual(['must be less than 25 characters [json-pointer:/view/title/text]']);
  });

  it('rejects a modal with an input block but no submit button', async () => {
    const error = await failure(
      client.views.open({ trigger_id: emulator.mintTriggerId(), view: modal({ submit: undefined }) }),
    );
    expect(error.data?.error).toBe('invalid_arguments');
  });

  it('expires a trigger id 3 seconds after it was minted', async () => {
    const trigger = emulator.mintTriggerId();
    await new Promise((resolve) => setTimeout(resolve, 3100));
    const error = await failure(client.views.open({ trigger_id: trigger, view: modal() }));
    expect(error.data?.error).toBe('expired_trigger_id');
  });

  it('updates a view by id or external_id, with a new hash each time and hash_conflict on a stale hash', async () => {
    const opened = await client.views.open({
      trigger_id: emulator.mintTriggerId(),
      view: modal({ external_id: 'ext-1' }),
    });
    const view = opened.view as { id: string; hash: string };
    const updated = await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: modal({ external_id: 'ext-1', title: { type: 'plain_text', text: 'Edit a contact' } }),
    });
    expect(updated.view?.id).toBe(view.id);
    expect(updated.view?.hash).not.toBe(view.hash);
    expect(emulator.view(view.id)?.title?.text).toBe('Edit a contact');

    const stale = await failure(client.views.update({ view_id: view.id, hash: view.hash, view: modal() }));
    expect(stale.data?.error).toBe('hash_conflict');

    await client.views.update({
      external_id: 'ext-1',
      view: modal({ external_id: 'ext-1', callback_id: 'again' }),
    });
    expect(emulator.view(view.id)?.callback_id).toBe('again');

    emulator.closeView(view.id);
    const closed = await failure(client.views.update({ view_id: view.id, view: modal() }));
    expect(closed.data?.error).toBe('not_found');
  });

  it('pushes onto the stack of the view the trigger came from', async () => {
    const root = await client.views.open({
      trigger_id: emulator.mintTriggerId({ userId: 'U1' }),
      view: modal(),
    });
    const rootId = root.view?.id as string;
    const pushed = await client.views.push({
      trigger_id: emulator.mintTriggerId({ userId: 'U1', viewId: rootId }),
      view: modal({ callback_id: 'pushed' }),
    });
    expect(pushed.view).toMatchObject({
      root_view_id: rootId,
      previous_view_id: rootId,
      callback_id: 'pushed',
    });
  });

  it('publishes a Home tab per user, keeping its id across publishes', async () => {
    const home = { type: 'home' as const, blocks: [section('Welcome')] };
    const first = await client.views.publish({ user_id: 'U1', view: home });
    const second = await client.views.publish({
      user_id: 'U1',
      view: { ...home, blocks: [section('Again')] },
    });
    expect(second.view?.id).toBe(first.view?.id);
    expect(emulator.homeOf('U1')?.blocks[0]).toMatchObject({ text: { text: 'Again' } });
    expect(emulator.homeOf('U2')).toBeUndefined();
    const tooMany = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    const error = await failure(
      client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: tooMany } }),
    );
    expect(error.data?.error).toBe('invalid_blocks');
  });

  it('answers users.info with the default time zone, or the one set with setUser', async () => {
    const other = await SlackEmulator.start({ defaultTz: 'Europe/Paris' });
    try {
      const otherClient = new WebClient(TOKEN, { slackApiUrl: other.apiUrl, logger: silentWebApiLogger });
      const auto = await otherClient.users.info({ user: 'U0NEW' });
      expect(auto.user).toMatchObject({ id: 'U0NEW', team_id: other.teamId, tz: 'Europe/Paris' });
      expect([3600, 7200]).toContain(auto.user?.tz_offset);
      expect(auto.user?.tz_label).toMatch(/Central European/);
      expect(auto.user?.profile).toMatchObject({
        real_name: expect.any(String),
        display_name: expect.any(String),
      });
    } finally {
      await other.stop();
    }

    expect((await client.users.info({ user: 'U0NEW' })).user).toMatchObject({ tz: 'UTC', tz_offset: 0 });
    emulator.setUser('U0SET', { tz: 'America/Los_Angeles', realName: 'Ada Lovelace' });
    const set = await client.users.info({ user: 'U0SET' });
    expect(set.user).toMatchObject({ tz: 'America/Los_Angeles', real_name: 'Ada Lovelace' });
    expect([-25200, -28800]).toContain(set.user?.tz_offset);
    expect(() => emulator.setUser('U0BAD', { tz: 'Mars/Olympus' })).toThrow(/time zone/);
  });

  it('answers a 429 with Retry-After when told to', async () => {
    emulator.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const strict = new WebClient(TOKEN, {
      slackApiUrl: emulator.apiUrl,
      logger: silentWebApiLogger,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    const error = await failure(strict.chat.postMessage({ channel: 'C1', text: 'hi' }));
    expect(error).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
    expect(emulator.calls.at(-1)).toMatchObject({ status: 429, ok: false, error: 'ratelimited' });

    emulator.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const raw = await fetch(`${emulator.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'C1', text: 'hi' }),
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('2');
    expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });

    // The failure was used up: the next call goes through.
    expect((await strict.chat.postMessage({ channel: 'C1', text: 'hi' })).ok).toBe(true);
  });

  it('rate-limits one method for one workspace, token or member, for a while, with the seconds left', async () => {
    const strict = (token: string, teamId?: string) =>
      new WebClient(token, {
        slackApiUrl: emulator.apiUrl,
        logger: silentWebApiLogger,
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
        ...(teamId ? { teamId } : {}),
      });
    const home = { type: 'home' as const, blocks: [section('Home')] };

    emulator.rateLimit('views.publish', 5, { teamId: 'T0LIMITED' });
    const limited = await failure(strict(TOKEN, 'T0LIMITED').views.publish({ user_id: 'U1', view: home }));
    expect(limited).toMatchObject({ code: 'slack_webapi_rate_limited_error' });
    expect([4, 5]).toContain((limited as unknown as { retryAfter: number }).retryAfter);
    // Another workspace, and another method of the same workspace, are answered as usual.
    expect((await strict(TOKEN, 'T0OTHER').views.publish({ user_id: 'U1', view: home })).ok).toBe(true);
    expect((await strict(TOKEN, 'T0LIMITED').users.info({ user: 'U1' })).ok).toBe(true);

    emulator.rateLimit('users.info', 5, { token: 'xoxb-other-token' });
    expect((await strict(TOKEN).users.info({ user: 'U1' })).ok).toBe(true);
    expect(await failure(strict('xoxb-other-token').users.info({ user: 'U1' }))).toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });

    // A member: views.open knows them from the trigger_id, which a refused call leaves unused.
    emulator.rateLimit('views.open', 1, { userId: 'U0ALICE' });
    const alices = emulator.mintTriggerId({ userId: 'U0ALICE' });
    const bobs = emulator.mintTriggerId({ userId: 'U0BOB' });
    expect(await failure(strict(TOKEN).views.open({ trigger_id: alices, view: modal() }))).toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 1,
    });
    expect((await strict(TOKEN).views.open({ trigger_id: bobs, view: modal() })).ok).toBe(true);

    // Once the time is up, the method answers again.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await strict(TOKEN).views.open({ trigger_id: alices, view: modal() })).ok).toBe(true);
  });

  it('injects 5xx statuses and platform errors, a given number of times', async () => {
    emulator.failNext('users.info', { status: 503 });
    const http = await failure(client.users.info({ user: 'U1' }));
    expect(http).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 503 });

    emulator.failNext('users.info', { error: 'user_not_visible' }, 2);
    expect((await failure(client.users.info({ user: 'U1' }))).data?.error).toBe('user_not_visible');
    expect((await failure(client.users.info({ user: 'U1' }))).data?.error).toBe('user_not_visible');
    expect((await client.users.info({ user: 'U1' })).ok).toBe(true);
    expect(emulator.callsTo('users.info').map((c) => c.status)).toEqual([503, 200, 200, 200]);
  });

  it('answers unknown_method and not_authed like Slack', async () => {
    const unknown = await fetch(`${emulator.apiUrl}chat.doesNotExist`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ ok: false, error: 'unknown_method' });
    const anonymous = await fetch(`${emulator.apiUrl}auth.test`, { method: 'POST' });
    expect(await anonymous.json()).toEqual({ ok: false, error: 'not_authed' });
    const bodyToken = await fetch(`${emulator.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${TOKEN}`,
    });
    expect(await bodyToken.json()).toMatchObject({ ok: true });
  });

  it('accepts 5 posts to a response_url, then answers 404 used_url', async () => {
    const url = emulator.responseUrl();
    const post = (body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (let i = 1; i <= 5; i++) {
      expect((await post({ text: `reply ${i}`, response_type: 'ephemeral' })).status).toBe(200);
    }
    const sixth = await post({ text: 'one too many' });
    expect(sixth.status).toBe(404);
    expect(await sixth.text()).toBe('used_url');
    expect(emulator.responsePosts.map((p) => p.ok)).toEqual([true, true, true, true, true, false]);
    expect(emulator.responsePosts.at(-1)).toMatchObject({ status: 404, error: 'used_url' });
  });

  it('applies replace_original and rejects invalid blocks on a response_url', async () => {
    const posted = await client.chat.postMessage({ channel: 'U1', text: 'original' });
    const url = emulator.responseUrl({ userId: 'U1', channelId: posted.channel, messageTs: posted.ts });
    const bad = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        replace_original: true,
        text: 'x',
        blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }],
      }),
    });
    expect(bad.status).toBe(400);
    expect(emulator.responsePosts.at(-1)).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(emulator.responsePosts.at(-1)?.errors?.[0]).toMatch(/must be plain_text/);

    const good = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'replaced' }),
    });
    expect(good.status).toBe(200);
    expect(emulator.dmMessages('U1').map((m) => m.text)).toEqual(['replaced']);
    const post = await emulator.waitForResponsePost((p) => (p.body as { text?: string }).text === 'replaced');
    expect(post.ok).toBe(true);
  });

  it('waits for a future call, and explains a timeout with the calls it saw', async () => {
    const waiting = emulator.waitForCall('chat.postMessage', (c) => c.args.channel === 'C9');
    await client.chat.postMessage({ channel: 'C8', text: 'not this one' });
    await client.chat.postMessage({ channel: 'C9', text: 'this one' });
    expect((await waiting).args.text).toBe('this one');

    await expect(emulator.waitForCall('views.open', undefined, 50)).rejects.toThrow(
      /waiting for a successful views.open call\. Calls seen: chat.postMessage ok; chat.postMessage ok/,
    );
  });

  it('delays a method when told to', async () => {
    emulator.delay('auth.test', 200);
    const started = Date.now();
    await client.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    emulator.delay('auth.test', 0);
  });

  it('shows a delayed call as arrived while its answer is still held back', async () => {
    emulator.delay('chat.postMessage', 300);
    const posting = client.chat.postMessage({ channel: 'C7', text: 'in flight' });
    const arrived = await emulator.waitForArrival('chat.postMessage', (args) => args.channel === 'C7');
    expect(arrived.args.text).toBe('in flight');
    expect(emulator.calls.some((c) => c.args.channel === 'C7')).toBe(false);
    await posting;
    expect(emulator.calls.some((c) => c.args.channel === 'C7')).toBe(true);
    emulator.delay('chat.postMessage', 0);
  });

  it('trades an install code once for tokens, refreshes rotating tokens, and refuses an expired one', async () => {
    const oauth = new WebClient(undefined, {
      slackApiUrl: emulator.apiUrl,
      logger: silentWebApiLogger,
      retryConfig: { retries: 0 },
    });
    const client_id = '1.2';
    const client_secret = 'secret';
    const code = emulator.authorizationCode({ userId: 'U0INSTALL', expiresInS: 43_200 });
    const installed = await oauth.oauth.v2.access({ client_id, client_secret, code });
    expect(installed).toMatchObject({
      ok: true,
      token_type: 'bot',
      expires_in: 43_200,
      bot_user_id: emulator.botUserId,
      team: { id: emulator.teamId },
      authed_user: { id: 'U0INSTALL', token_type: 'user', expires_in: 43_200 },
    });
    expect(installed.access_token).toMatch(/^xoxe\.xoxb-1-/);
    expect(installed.refresh_token).toMatch(/^xoxe-1-/);
    expect(installed.authed_user?.access_token).toMatch(/^xoxe\.xoxp-1-/);
    // A code works once.
    expect((await failure(oauth.oauth.v2.access({ client_id, client_secret, code }))).data?.error).toBe(
      'invalid_code',
    );

    const bot = new WebClient(installed.access_token, {
      slackApiUrl: emulator.apiUrl,
      logger: silentWebApiLogger,
      retryConfig: { retries: 0 },
    });
    expect((await bot.auth.test()).ok).toBe(true);
    emulator.expireToken(installed.access_token as string);
    expect((await failure(bot.auth.test())).data?.error).toBe('token_expired');

    const refreshed = await oauth.oauth.v2.access({
      client_id,
      client_secret,
      grant_type: 'refresh_token',
      refresh_token: installed.refresh_token as string,
    });
    expect(refreshed).toMatchObject({ ok: true, token_type: 'bot', expires_in: 43_200 });
    expect(refreshed.access_token).not.toBe(installed.access_token);
    const fresh = new WebClient(refreshed.access_token, {
      slackApiUrl: emulator.apiUrl,
      logger: silentWebApiLogger,
      retryConfig: { retries: 0 },
    });
    expect((await fresh.auth.test()).ok).toBe(true);
    expect(
      (
        await failure(
          oauth.oauth.v2.access({
            client_id,
            client_secret,
            grant_type: 'refresh_token',
            refresh_token: 'xoxe-1-unknown',
          }),
        )
      ).data?.error,
    ).toBe('invalid_refresh_token');

    // Without token rotation the tokens never expire and come without refresh tokens.
    const plain = await oauth.oauth.v2.access({
      client_id,
      client_secret,
      code: emulator.authorizationCode({ userId: 'U0INSTALL' }),
    });
    expect(plain.access_token).toMatch(/^xoxb-/);
    expect(plain.refresh_token).toBeUndefined();
  });

  it('reset forgets calls, messages and views but keeps users', async () => {
    emulator.setUser('U0KEEP', { tz: 'Asia/Tokyo' });
    await client.chat.postMessage({ channel: 'U0KEEP', text: 'hi' });
    emulator.reset();
    expect(emulator.calls).toEqual([]);
    expect(emulator.dmMessages('U0KEEP')).toEqual([]);
    expect(emulator.user('U0KEEP').tz).toBe('Asia/Tokyo');
  });
});

describe('Block Kit validation', () => {
  const errorsOf = (blocks: unknown[]) => validateBlocks(blocks, 'message');

  it('enforces the text and count limits of the table', () => {
    expect(errorsOf([section('x'.repeat(BLOCK_KIT_LIMITS.sectionText.max))])).toEqual([]);
    expect(errorsOf([section('x'.repeat(3001))])).toEqual([
      'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(errorsOf([{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }])).toHaveLength(
      1,
    );
    const fields = Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' }));
    expect(errorsOf([{ type: 'section', fields }])).toEqual([
      'no more than 10 items allowed [json-pointer:/blocks/0/fields]',
    ]);
    const buttons = Array.from({ length: 26 }, (_, i) => ({
      type: 'button',
      action_id: `b${i}`,
      text: { type: 'plain_text', text: 'Go' },
    }));
    expect(errorsOf([{ type: 'actions', elements: buttons }])).toHaveLength(1);
  });

  it('checks select options, ids and text objects', () => {
    const option = (i: number) => ({ text: { type: 'plain_text', text: `Option ${i}` }, value: `v${i}` });
    const select = (options: unknown[]) => ({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Pick' },
      accessory: { type: 'static_select', action_id: 'pick', options },
    });
    expect(errorsOf([select(Array.from({ length: 100 }, (_, i) => option(i)))])).toEqual([]);
    expect(errorsOf([select(Array.from({ length: 101 }, (_, i) => option(i)))])).toHaveLength(1);
    expect(
      errorsOf([select([{ text: { type: 'plain_text', text: 'x'.repeat(76) }, value: 'v' }])]),
    ).toHaveLength(1);
    expect(
      errorsOf([select([{ text: { type: 'plain_text', text: 'ok' }, value: 'v'.repeat(151) }])]),
    ).toHaveLength(1);

    expect(errorsOf([section('a', 'same'), section('b', 'same')])).toEqual([
      "duplicate block_id 'same' [json-pointer:/blocks/1/block_id]",
    ]);
    expect(errorsOf([section('a', 'x'.repeat(256))])).toHaveLength(1);
    expect(errorsOf([{ type: 'section', text: { type: 'markdown', text: 'a' } }])).toEqual([
      'must be one of [plain_text, mrkdwn] [json-pointer:/blocks/0/text/type]',
    ]);
    expect(errorsOf([{ type: 'section', text: { type: 'mrkdwn', text: '' } }])).toHaveLength(1);
    expect(errorsOf([{ type: 'carousel' }])).toEqual([
      "unsupported block type 'carousel' [json-pointer:/blocks/0/type]",
    ]);
    const button = (text: string, value: string) => ({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text }, value }],
    });
    expect(errorsOf([button('x'.repeat(76), 'v')])).toHaveLength(1);
    expect(errorsOf([button('Go', 'v'.repeat(2001))])).toHaveLength(1);
    expect(errorsOf([button('Go', 'a'), button('Go', 'b')])).toEqual([
      "duplicate action_id 'go' [json-pointer:/blocks/1/elements/0/action_id]",
    ]);
  });
});
