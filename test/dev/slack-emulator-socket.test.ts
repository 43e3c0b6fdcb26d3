import { WebClient } from '@slack/web-api';
import { WebSocket } from 'undici';
import { SlackEmulator } from '../../src/dev/slack-emulator';

/**
 * The emulator's Socket Mode link, spoken to by a bare WebSocket client (undici's, the one
 * @slack/socket-mode uses), so its protocol is checked apart from Bolt.
 */

let emulator: SlackEmulator;
beforeAll(async () => {
  emulator = await SlackEmulator.start({ appId: 'A0SOCKET' });
});
afterAll(() => emulator.stop());

async function openUrl(): Promise<string> {
  const app = new WebClient('xapp-1-test', { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } });
  return (await app.apps.connections.open()).url as string;
}

/** A connected client and every message it has received, parsed. */
async function connect(url: string): Promise<{ socket: WebSocket; messages: Record<string, unknown>[] }> {
  const socket = new WebSocket(url);
  const messages: Record<string, unknown>[] = [];
  socket.addEventListener('message', (e) => messages.push(JSON.parse(String(e.data))));
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('the link refused the connection')));
  });
  return { socket, messages };
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('apps.connections.open takes only an app-level token and answers a one-time link', async () => {
  const bot = new WebClient('xoxb-bot', { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } });
  await expect(bot.apps.connections.open()).rejects.toMatchObject({
    data: { error: 'not_allowed_token_type' },
  });
  const url = await openUrl();
  expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[\w-]+&app_id=A0SOCKET$/);
  const { socket, messages } = await connect(url);
  await until(() => messages.length === 1);
  expect(messages[0]).toMatchObject({
    type: 'hello',
    num_connections: 1,
    connection_info: { app_id: 'A0SOCKET' },
  });
  // The same ticket does not open a second connection.
  await expect(connect(url)).rejects.toThrow('refused');
  socket.close();
  await emulator.socketMode.waitForNoConnection();
});

test('an envelope goes out whole and its ack, payload included, comes back, even when large', async () => {
  const { socket, messages } = await connect(await openUrl());
  socket.addEventListener('message', (e) => {
    const envelope = JSON.parse(String(e.data)) as { envelope_id?: string; payload?: { text?: string } };
    if (envelope.envelope_id) {
      socket.send(
        JSON.stringify({ envelope_id: envelope.envelope_id, payload: { echo: envelope.payload?.text } }),
      );
    }
  });
  // Past both of WebSocket's longer length encodings (16 and 64 bits).
  for (const text of ['short', 'x'.repeat(300), 'y'.repeat(70_000)]) {
    const ack = await emulator.socketMode.deliver('slash_commands', { command: '/touchbase', text });
    expect(ack.payload).toEqual({ echo: text });
  }
  expect(messages.at(-1)).toMatchObject({
    type: 'slash_commands',
    accepts_response_payload: true,
    retry_attempt: 0,
    payload: { command: '/touchbase' },
  });
  const last = emulator.socketMode.envelopes.at(-1);
  const again = await emulator.socketMode.redeliver(last?.envelope_id as string);
  expect(again.envelopeId).toBe(last?.envelope_id);
  expect(messages.at(-1)).toMatchObject({
    envelope_id: last?.envelope_id,
    retry_attempt: 1,
    retry_reason: 'timeout',
  });

  emulator.socketMode.requestRefresh();
  await until(() => messages.at(-1)?.type === 'disconnect');
  expect(messages.at(-1)).toMatchObject({ type: 'disconnect', reason: 'refresh_requested' });
  socket.close();
  await emulator.socketMode.waitForNoConnection();
});

test('a delivery with no connection open fails plainly', async () => {
  await expect(emulator.socketMode.deliver('events_api', {})).rejects.toThrow(
    'no Socket Mode connection is open',
  );
});
