import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { SlackDriver, signSlackRequest } from '../../src/dev/slack-driver';
import { SlackEmulator } from '../../src/dev/slack-emulator';
import { silentWebApiLogger } from '../../src/slack/silent-web-api-logger';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'slack');
const SECRET = 'driver-test-signing-secret';
const USER = { teamId: 'T0EMULATOR', userId: 'U0ALICE' };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in for the app: records what the driver sends and answers what the test tells it to. */
class FakeApp {
  readonly received: Received[] = [];
  answer: { status: number; body?: unknown } = { status: 200 };
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeApp> {
    let app: FakeApp | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        app?.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const { status, body } = app?.answer ?? { status: 200 };
        if (body === undefined) {
          res.writeHead(status).end();
        } else {
          res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    app = new FakeApp(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
    return app;
  }

  last(): Received {
    const last = this.received.at(-1);
    if (!last) throw new Error('the app received nothing');
    return last;
  }

  /** The interaction payload of the last request (form field `payload`). */
  lastPayload(): Record<string, unknown> {
    const last = this.last();
    expect(last.headers['content-type']).toBe('application/x-www-form-urlencoded');
    return JSON.parse(new URLSearchParams(last.body).get('payload') ?? 'null');
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('signSlackRequest', () => {
  it("reproduces Slack's documented signing example", () => {
    const example = JSON.parse(readFileSync(path.join(FIXTURES, 'signature-example.json'), 'utf8'));
    expect(signSlackRequest(example.signingSecret, example.timestamp, example.body)).toBe(example.signature);
    expect(signSlackRequest(example.signingSecret, Number(example.timestamp), example.body)).toBe(
      example.signature,
    );
  });
});

describe('SlackDriver', () => {
  let emulator: SlackEmulator;
  let app: FakeApp;
  let driver: SlackDriver;
  let client: WebClient;
  const now = 1_700_000_000;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    app = await FakeApp.start();
    client = new WebClient('xoxb-test', {
      slackApiUrl: emulator.apiUrl,
      logger: silentWebApiLogger,
      retryConfig: { retries: 0 },
    });
    driver = new SlackDriver({ eventsUrl: app.url, signingSecret: SECRET, emulator, nowSeconds: () => now });
  });
  afterEach(() => {
    emulator.reset();
    app.answer = { status: 200 };
  });
  afterAll(async () => {
    await app.stop();
    await emulator.stop();
  });

  function expectSigned(received: Received): void {
    expect(received.headers['x-slack-request-timestamp']).toBe(String(now));
    expect(received.headers['x-slack-signature']).toBe(signSlackRequest(SECRET, now, received.body));
  }

  it('sends a slash command with the fields of slash-command.form, signed', async () => {
    app.answer = { status: 200, body: { text: 'ok' } };
    const result = await driver.slashCommand(USER, 'add Ada Lovelace');
    expect(result).toMatchObject({ status: 200, json: { text: 'ok' } });
    expect(result.ms).toBeGreaterThanOrEqual(0);

    const received = app.last();
    expectSigned(received);
    expect(received.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(received.body);
    const fixtureFields = [
      ...new URLSearchParams(readFileSync(path.join(FIXTURES, 'slash-command.form'), 'utf8')).keys(),
    ];
    const enterpriseOnly = ['enterprise_id', 'enterprise_name'];
    expect([...form.keys()]).toEqual(fixtureFields.filter((f) => !enterpriseOnly.includes(f)));
    expect(Object.fromEntries(form)).toMatchObject({
      team_id: USER.teamId,
      user_id: USER.userId,
      command: '/touchbase',
      text: 'add Ada Lovelace',
      channel_id: emulator.dmChannelId(USER.userId),
    });

    // The trigger_id and response_url it carried are live in the emulator.
    const opened = await client.views.open({
      trigger_id: form.get('trigger_id') as string,
      view: { type: 'modal', title: { type: 'plain_text', text: 'Hi' }, blocks: [] },
    });
    expect(opened.ok).toBe(true);
    const posted = await fetch(form.get('response_url') as string, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'only you can see this' }),
    });
    expect(posted.status).toBe(200);
    expect(emulator.ephemeralMessages(USER.userId).map((m) => m.text)).toEqual(['only you can see this']);

    await driver.slashCommand(USER, '', { command: '/other', channelId: 'C0GENERAL' });
    expect(Object.fromEntries(new URLSearchParams(app.last().body))).toMatchObject({
      command: '/other',
      channel_id: 'C0GENERAL',
    });
  });

  it('submits a view with state.values shaped per element type', async () => {
    const option = (value: string) => ({ text: { type: 'plain_text', text: `Label ${value}` }, value });
    const input = (blockId: string, element: Record<string, unknown>) => ({
      type: 'input',
      block_id: blockId,
      label: { type: 'plain_text', text: blockId },
      optional: true,
      element,
    });
    const opened = await client.views.open({
      trigger_id: emulator.mintTriggerId({ userId: USER.userId }),
      view: {
        type: 'modal',
        callback_id: 'contact_add',
        private_metadata: '{"contactId":42}',
        title: { type: 'plain_text', text: 'Add a contact' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [
          input('name', { type: 'plain_text_input', action_id: 'name', initial_value: 'Ada' }),
          input('note', { type: 'plain_text_input', action_id: 'note' }),
          input('cadence', {
            type: 'static_select',
            action_id: 'cadence',
            options: [option('weekly'), option('monthly')],
          }),
          input('kind', {
            type: 'radio_buttons',
            action_id: 'kind',
            options: [option('call'), option('coffee')],
          }),
          input('contact', { type: 'external_select', action_id: 'contact' }),
          input('tags', {
            type: 'multi_static_select',
            action_id: 'tags',
            options: [option('a'), option('b')],
          }),
          input('flags', {
            type: 'checkboxes',
            action_id: 'flags',
            options: [option('x')],
            initial_options: [option('x')],
          }),
          input('date', { type: 'datepicker', action_id: 'date', initial_date: '2026-01-02' }),
          input('who', { type: 'users_select', action_id: 'who' }),
          input('count', { type: 'number_input', action_id: 'count', is_decimal_allowed: false }),
          // No block_id / action_id: Slack generates them, and so does the emulator.
          {
            type: 'input',
            label: { type: 'plain_text', text: 'Anon' },
            element: { type: 'plain_text_input' },
          },
        ],
      },
    });
    const viewId = opened.view?.id as string;

    await driver.submitView(USER, viewId, {
      note: 'met at a conference',
      cadence: 'monthly',
      kind: 'coffee',
      contact: { value: 'c-7', text: 'Grace Hopper' },
      tags: ['a', 'b'],
      who: 'U0BOB',
      count: 3,
    });
    const payload = app.lastPayload();
    expectSigned(app.last());
    expect(payload).toMatchObject({
      type: 'view_submission',
      user: { id: USER.userId, team_id: USER.teamId },
      team: { id: USER.teamId },
      api_app_id: emulator.appId,
      response_urls: [],
    });
    expect(typeof payload.trigger_id).toBe('string');
    const view = payload.view as Record<string, unknown> & {
      state: { values: Record<string, Record<string, unknown>> };
    };
    expect(view).toMatchObject({
      id: viewId,
      callback_id: 'contact_add',
      private_metadata: '{"contactId":42}',
    });
    expect(view.hash).toBe(opened.view?.hash);
    const values = view.state.values;
    expect(values.name).toEqual({ name: { type: 'plain_text_input', value: 'Ada' } });
    expect(values.note).toEqual({ note: { type: 'plain_text_input', value: 'met at a conference' } });
    expect(values.cadence).toEqual({
      cadence: { type: 'static_select', selected_option: option('monthly') },
    });
    expect(values.kind).toEqual({ kind: { type: 'radio_buttons', selected_option: option('coffee') } });
    expect(values.contact).toEqual({
      contact: {
        type: 'external_select',
        selected_option: { text: { type: 'plain_text', text: 'Grace Hopper', emoji: true }, value: 'c-7' },
      },
    });
    expect(values.tags).toEqual({
      tags: { type: 'multi_static_select', selected_options: [option('a'), option('b')] },
    });
    expect(values.flags).toEqual({ flags: { type: 'checkboxes', selected_options: [option('x')] } });
    expect(values.date).toEqual({ date: { type: 'datepicker', selected_date: '2026-01-02' } });
    expect(values.who).toEqual({ who: { type: 'users_select', selected_user: 'U0BOB' } });
    expect(values.count).toEqual({ count: { type: 'number_input', value: '3' } });
    const named = ['name', 'note', 'cadence', 'kind', 'contact', 'tags', 'flags', 'date', 'who', 'count'];
    const generated = Object.entries(values).filter(([blockId]) => !named.includes(blockId));
    expect(generated).toHaveLength(1);
    expect(Object.values(generated[0]?.[1] ?? {})).toEqual([{ type: 'plain_text_input', value: null }]);

    // An empty ack closes the view, as in Slack; a closed view cannot be submitted again.
    expect(emulator.isViewOpen(viewId)).toBe(false);
    await expect(driver.submitView(USER, viewId, {})).rejects.toThrow(/closed/);
  });

  it('rejects inputs the view does not have, and options the element does not offer', async () => {
    const opened = await client.views.open({
      trigger_id: emulator.mintTriggerId(),
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Pick' },
        submit: { type: 'plain_text', text: 'Go' },
        blocks: [
          {
            type: 'input',
            block_id: 'b',
            label: { type: 'plain_text', text: 'Pick' },
            element: {
              type: 'static_select',
              action_id: 'pick',
              options: [{ text: { type: 'plain_text', text: 'One' }, value: '1' }],
            },
          },
        ],
      },
    });
    const viewId = opened.view?.id as string;
    await expect(driver.submitView(USER, viewId, { nope: 'x' })).rejects.toThrow(
      /'nope'.*input action_ids: pick/,
    );
    await expect(driver.submitView(USER, viewId, { pick: '2' })).rejects.toThrow(/No option with value '2'/);
  });

  it("applies the app's response_action to the view", async () => {
    const opened = await client.views.open({
      trigger_id: emulator.mintTriggerId(),
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Step 1' },
        submit: { type: 'plain_text', text: 'Next' },
        blocks: [
          {
            type: 'input',
            block_id: 'name',
            label: { type: 'plain_text', text: 'Name' },
            element: { type: 'plain_text_input', action_id: 'name' },
          },
        ],
      },
    });
    const viewId = opened.view?.id as string;

    app.answer = { status: 200, body: { response_action: 'errors', errors: { name: 'Required' } } };
    const withErrors = await driver.submitView(USER, viewId, { name: null });
    expect(withErrors.viewResponse).toEqual({ action: 'errors', ok: true });
    expect(emulator.isViewOpen(viewId)).toBe(true);

    app.answer = { status: 200, body: { response_action: 'errors', errors: { nope: 'Required' } } };
    expect((await driver.submitView(USER, viewId, {})).viewResponse.ok).toBe(false);

    app.answer = {
      status: 200,
      body: {
        response_action: 'update',
        view: { type: 'modal', title: { type: 'plain_text', text: 'Step 2' }, blocks: [{ type: 'divider' }] },
      },
    };
    const updated = await driver.submitView(USER, viewId, { name: 'Ada' });
    expect(updated.viewResponse).toMatchObject({ action: 'update', ok: true });
    expect(emulator.view(viewId)?.title?.text).toBe('Step 2');
    expect(emulator.isViewOpen(viewId)).toBe(true);
  });

  it('clicks a button in a stored message, with the message, a trigger_id and a response_url', async () => {
    const posted = await client.chat.postMessage({
      channel: USER.userId,
      text: 'Ada is due',
      blocks: [
        { type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: 'Ada is due' } },
        {
          type: 'actions',
          block_id: 'acts',
          elements: [
            {
              type: 'button',
              action_id: 'contact_log',
              text: { type: 'plain_text', text: 'Log' },
              value: '42',
            },
            {
              type: 'overflow',
              action_id: 'more',
              options: [{ text: { type: 'plain_text', text: 'Archive' }, value: 'archive' }],
            },
          ],
        },
      ],
    });
    const container = {
      type: 'message' as const,
      channelId: posted.channel as string,
      messageTs: posted.ts as string,
    };
    await driver.blockAction(USER, { actionId: 'contact_log', container });
    const payload = app.lastPayload();
    expectSigned(app.last());
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: USER.userId },
      container: { type: 'message', message_ts: posted.ts, channel_id: posted.channel, is_ephemeral: false },
      channel: { id: posted.channel },
      message: { ts: posted.ts, text: 'Ada is due' },
      actions: [
        {
          type: 'button',
          action_id: 'contact_log',
          block_id: 'acts',
          value: '42',
          text: { type: 'plain_text', text: 'Log' },
        },
      ],
    });
    await driver.blockAction(USER, { actionId: 'more', selectedOption: 'archive', container });
    expect(app.lastPayload().actions).toEqual([
      expect.objectContaining({
        type: 'overflow',
        selected_option: { text: { type: 'plain_text', text: 'Archive' }, value: 'archive' },
      }),
    ]);

    await expect(driver.blockAction(USER, { actionId: 'missing', container })).rejects.toThrow(
      /contact_log, more/,
    );
    await driver.blockAction(USER, { actionId: 'forged', blockId: 'x', value: 'v', container });
    expect(app.lastPayload().actions).toEqual([
      expect.objectContaining({ action_id: 'forged', block_id: 'x', value: 'v' }),
    ]);

    // Replacing the original through the response_url replaces the whole message, blocks included.
    const responseUrl = payload.response_url as string;
    expect(responseUrl.startsWith(`${emulator.url}/response/`)).toBe(true);
    await fetch(responseUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'Logged' }),
    });
    expect(emulator.dmMessages(USER.userId).map((m) => m.text)).toEqual(['Logged']);
    expect(emulator.dmMessages(USER.userId)[0]?.blocks).toBeUndefined();
  });

  it('acts inside a view, and asks for suggestions', async () => {
    const opened = await client.views.open({
      trigger_id: emulator.mintTriggerId({ userId: USER.userId }),
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Log a touch' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [
          {
            type: 'input',
            block_id: 'who',
            label: { type: 'plain_text', text: 'Who' },
            element: { type: 'external_select', action_id: 'contact', min_query_length: 0 },
          },
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'more', text: { type: 'plain_text', text: 'More' } }],
          },
        ],
      },
    });
    const viewId = opened.view?.id as string;

    await driver.blockAction(USER, { actionId: 'more', container: { type: 'view', viewId } });
    const action = app.lastPayload();
    expect(action).toMatchObject({ container: { type: 'view', view_id: viewId }, view: { id: viewId } });
    expect(action.response_url).toBeUndefined();
    // The trigger_id from an action in a modal pushes onto that modal.
    const pushed = await client.views.push({
      trigger_id: action.trigger_id as string,
      view: { type: 'modal', title: { type: 'plain_text', text: 'More' }, blocks: [] },
    });
    expect(pushed.view?.previous_view_id).toBe(viewId);

    const options = { options: [{ text: { type: 'plain_text', text: 'Ada Lovelace' }, value: 'c-1' }] };
    app.answer = { status: 200, body: options };
    expect(await driver.blockSuggestion(USER, viewId, 'contact', 'ad')).toEqual(options);
    expect(app.lastPayload()).toMatchObject({
      type: 'block_suggestion',
      action_id: 'contact',
      block_id: 'who',
      value: 'ad',
      view: { id: viewId },
    });
  });

  it('clicks in ephemeral messages, known to the emulator or not', async () => {
    const channelId = emulator.dmChannelId(USER.userId);
    const button = (actionId: string, value: string) => ({
      type: 'actions',
      elements: [{ type: 'button', action_id: actionId, text: { type: 'plain_text', text: 'Go' }, value }],
    });
    const first = await client.chat.postEphemeral({
      channel: channelId,
      user: USER.userId,
      text: 'first',
      blocks: [button('edit', '1')],
    });
    await client.chat.postEphemeral({
      channel: channelId,
      user: USER.userId,
      text: 'second',
      blocks: [button('other', '2')],
    });

    // The newest ephemeral message holding the element is the one clicked.
    await driver.blockAction(USER, { actionId: 'edit', container: { type: 'ephemeral' } });
    const payload = app.lastPayload();
    expect(payload.container).toEqual({
      type: 'message',
      message_ts: first.message_ts,
      channel_id: channelId,
      is_ephemeral: true,
    });
    expect(payload.message).toBeUndefined();
    expect(payload.actions).toEqual([
      expect.objectContaining({ action_id: 'edit', value: '1', type: 'button' }),
    ]);

    // Another user replaying the button: the emulator holds no such message for them.
    await driver.blockAction(
      { teamId: USER.teamId, userId: 'U0MALLORY' },
      { actionId: 'edit', value: '1', container: { type: 'ephemeral' } },
    );
    expect(app.lastPayload()).toMatchObject({
      user: { id: 'U0MALLORY' },
      actions: [{ type: 'button', action_id: 'edit', value: '1' }],
    });
  });

  it('can tamper with private_metadata, as a forged client could', async () => {
    const opened = await client.views.open({
      trigger_id: emulator.mintTriggerId(),
      view: {
        type: 'modal',
        private_metadata: 'mine',
        title: { type: 'plain_text', text: 'Edit' },
        blocks: [],
      },
    });
    await driver.submitView(USER, opened.view?.id as string, {}, { privateMetadata: 'theirs' });
    expect(app.lastPayload().view).toMatchObject({ private_metadata: 'theirs' });
    await driver.submitViewRaw(USER, { view: { id: 'V0FORGED', callback_id: 'x', state: { values: {} } } });
    expect(app.lastPayload()).toMatchObject({
      type: 'view_submission',
      view: { id: 'V0FORGED' },
      user: { id: USER.userId },
    });
  });

  it('sends Events API callbacks as JSON, with the retry header when asked', async () => {
    await driver.event('T0EMULATOR', { type: 'app_uninstalled' }, { eventId: 'Ev123', retryNum: 1 });
    const received = app.last();
    expectSigned(received);
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers['x-slack-retry-num']).toBe('1');
    expect(received.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(JSON.parse(received.body)).toMatchObject({
      type: 'event_callback',
      team_id: 'T0EMULATOR',
      event_id: 'Ev123',
      event_time: now,
      event: { type: 'app_uninstalled' },
    });

    await driver.event('T0EMULATOR', { type: 'tokens_revoked', tokens: { bot: ['U1'] } });
    expect(app.last().headers['x-slack-retry-num']).toBeUndefined();
    expect(JSON.parse(app.last().body).event_id).toMatch(/^Ev/);
  });

  it('sends raw requests exactly as given', async () => {
    const result = await driver.raw('token=x', {
      'Content-Type': 'text/plain',
      'X-Slack-Signature': 'v0=forged',
    });
    expect(result.status).toBe(200);
    expect(app.last()).toMatchObject({
      body: 'token=x',
      headers: expect.objectContaining({ 'x-slack-signature': 'v0=forged' }),
    });
    expect(app.last().headers['x-slack-request-timestamp']).toBeUndefined();
  });
});

describe('SlackDriver with a file_input', () => {
  let emulator: SlackEmulator;
  let app: FakeApp;
  let driver: SlackDriver;
  let client: WebClient;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    app = await FakeApp.start();
    client = new WebClient('xoxb-test', {
      slackApiUrl: emulator.apiUrl,
      logger: silentWebApiLogger,
      retryConfig: { retries: 0 },
    });
    driver = new SlackDriver({ eventsUrl: app.url, signingSecret: SECRET, emulator });
  });
  afterEach(() => emulator.reset());
  afterAll(async () => {
    await app.stop();
    await emulator.stop();
  });

  async function openImport(element: Record<string, unknown> = {}): Promise<string> {
    const opened = await client.views.open({
      trigger_id: emulator.mintTriggerId({ userId: USER.userId }),
      view: {
        type: 'modal',
        callback_id: 'import_file',
        title: { type: 'plain_text', text: 'Import' },
        submit: { type: 'plain_text', text: 'Preview' },
        blocks: [
          {
            type: 'input',
            block_id: 'file',
            label: { type: 'plain_text', text: 'Your export' },
            element: { type: 'file_input', action_id: 'import_file', ...element },
          },
        ],
      },
    });
    return opened.view?.id as string;
  }

  function submittedValue(): unknown {
    const view = app.lastPayload().view as { state: { values: Record<string, Record<string, unknown>> } };
    return view.state.values.file?.import_file;
  }

  it('sends the picked files as Slack does: the whole file object of each, under type file_input', async () => {
    const viewId = await openImport({ filetypes: ['csv', 'vcf'], max_files: 1 });
    const file = emulator.uploadFile({
      userId: USER.userId,
      name: 'Connections.csv',
      content: Buffer.from('First Name,Last Name\n'),
    });
    await driver.submitView(USER, viewId, { import_file: [file.id] });
    expect(submittedValue()).toEqual({ type: 'file_input', files: [file] });
    // The emulator keeps what was submitted as the view's state, as Slack keeps a view's inputs.
    expect(emulator.view(viewId)?.state.values).toEqual({
      file: { import_file: { type: 'file_input', files: [file] } },
    });
  });

  it('sends no files when the member picked none', async () => {
    await driver.submitView(USER, await openImport(), {});
    expect(submittedValue()).toEqual({ type: 'file_input', files: [] });
    await driver.submitView(USER, await openImport(), { import_file: null });
    expect(submittedValue()).toEqual({ type: 'file_input', files: [] });
  });

  it('sends a file object of the test’s own as it is, as a tampering client could', async () => {
    const forged = { id: 'F0FORGED', user: 'U0MALLORY', url_private_download: 'https://evil.example/x.csv' };
    await driver.submitView(USER, await openImport({ max_files: 1 }), { import_file: [forged] });
    expect(submittedValue()).toEqual({ type: 'file_input', files: [forged] });
  });

  it('refuses what Slack’s file chooser would not let a member pick', async () => {
    const csv = emulator.uploadFile({ userId: USER.userId, name: 'a.csv', content: Buffer.from('a') });
    const pdf = emulator.uploadFile({ userId: USER.userId, name: 'a.pdf', content: Buffer.from('%PDF') });
    const viewId = await openImport({ filetypes: ['csv'], max_files: 1 });
    await expect(driver.submitView(USER, viewId, { import_file: ['F0NOSUCH'] })).rejects.toThrow(
      /holds no file F0NOSUCH/,
    );
    await expect(driver.submitView(USER, viewId, { import_file: [csv.id, csv.id] })).rejects.toThrow(
      /at most 1 file/,
    );
    await expect(driver.submitView(USER, viewId, { import_file: [pdf.id] })).rejects.toThrow(
      /takes csv files; Slack's chooser refuses a\.pdf/,
    );
    await expect(driver.submitView(USER, viewId, { import_file: csv.id })).rejects.toThrow(
      /takes an array of file ids/,
    );
    expect(emulator.isViewOpen(viewId)).toBe(true);
  });
});
