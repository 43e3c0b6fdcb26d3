import { WebClient } from '@slack/web-api';
import { SlackEmulator } from '../../src/dev/slack-emulator';
import { createLogger } from '../../src/logger';
import { gatedFetch, WorkspaceRateGate, withoutEchoedMessage } from '../../src/slack/rate-gate';
import { silentWebApiLogger } from '../../src/slack/silent-web-api-logger';

/*
 * The app's Web API fetch answers a successful views.publish without the view Slack echoes back
 * (the client would parse, copy and write out all of it for nothing), and the worker's a successful
 * chat.postMessage without its message. What was sent still reaches Slack, and a refused call still
 * fails with Slack's error.
 */

const TOKEN = 'xoxb-test-token';
const USER = 'U0ECHO';

let emulator: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  emulator = await SlackEmulator.start();
  client = new WebClient(TOKEN, {
    slackApiUrl: emulator.apiUrl,
    logger: silentWebApiLogger,
    retryConfig: { retries: 0 },
    fetch: gatedFetch(new WorkspaceRateGate(), createLogger({ level: 'silent', pretty: false })),
  });
});
afterAll(() => emulator.stop());

const home = (text: string) => ({
  type: 'home',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
});

test('a published Home answers ok without the view, and Slack shows what was published', async () => {
  const big = 'Ada Lovelace, Analytical Engines & Co '.repeat(60);
  const result = await client.apiCall('views.publish', { user_id: USER, view: JSON.stringify(home(big)) });
  expect(result.ok).toBe(true);
  expect(result).not.toHaveProperty('view');
  const shown = emulator.homeOf(USER);
  expect(shown?.blocks).toEqual([expect.objectContaining({ text: expect.objectContaining({ text: big }) })]);
});

test('a publish Slack refuses fails with its error, as it came', async () => {
  const refused = { type: 'home', blocks: [{ type: 'section' }] };
  await expect(
    client.apiCall('views.publish', { user_id: USER, view: JSON.stringify(refused) }),
  ).rejects.toMatchObject({ data: { ok: false, error: expect.any(String) } });
});

test('other methods keep their whole answer (a modal opened is answered with its view id)', async () => {
  const trigger = emulator.mintTriggerId({ userId: USER, channelId: emulator.dmChannelId(USER) });
  const opened = await client.views.open({
    trigger_id: trigger,
    view: {
      type: 'modal',
      title: { type: 'plain_text', text: 'Hello' },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }],
    },
  });
  expect(opened.view?.id).toMatch(/^V/);
});

describe("the worker's chat.postMessage", () => {
  let worker: WebClient;
  beforeAll(() => {
    worker = new WebClient(TOKEN, {
      slackApiUrl: emulator.apiUrl,
      logger: silentWebApiLogger,
      retryConfig: { retries: 0 },
      fetch: withoutEchoedMessage(),
    });
  });

  test('a posted message answers its channel and ts alone; the DM holds the whole message', async () => {
    const channel = emulator.dmChannelId(USER);
    const text = 'Ada Lovelace & Co, <Engines> '.repeat(40);
    const posted = (await worker.apiCall('chat.postMessage', {
      channel,
      text,
      blocks: JSON.stringify([{ type: 'section', text: { type: 'mrkdwn', text } }]),
    })) as { ts?: string };
    expect(posted).toMatchObject({ ok: true, channel, ts: expect.stringMatching(/^\d+\.\d+$/) });
    expect(posted).not.toHaveProperty('message');
    const history = await worker.conversations.history({ channel, limit: 1 });
    expect(history.messages?.[0]).toMatchObject({ ts: posted.ts, text });
  });

  test('a post Slack refuses fails with its error, as it came', async () => {
    const channel = emulator.dmChannelId(USER);
    await expect(worker.apiCall('chat.postMessage', { channel, text: '' })).rejects.toMatchObject({
      data: { ok: false, error: 'no_text' },
    });
  });
});
