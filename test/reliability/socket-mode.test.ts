import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { SlackDriver } from '../../src/dev/slack-driver';
import { preciseNow, SlackEmulator } from '../../src/dev/slack-emulator';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ALICE, allText, contactId, openedViewId, settledHome } from '../support/flows';
import { APP_TOKEN, BOT_TOKEN, type Harness, startHarness } from '../support/harness';

/**
 * Socket Mode end to end: the app connects to the emulator's Socket Mode link and every request
 * travels as an envelope over it, acked over the same socket. Then what goes wrong with sockets:
 * a dropped connection, a refresh Slack asks for, apps.connections.open failing meanwhile, and an
 * envelope Slack delivers twice.
 */

// The socket client waits 5 s before each reconnect, then apps.connections.open backs off 1, 2, 4 s.
const RECONNECT_WAIT_MS = 20_000;

async function readyz(baseUrl: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}/readyz`);
  return { status: res.status, body: await res.json() };
}

/** Polls /readyz until it answers `status`; answers the body it gave then. */
async function readyzBecomes(
  baseUrl: string,
  status: number,
  timeoutMs = RECONNECT_WAIT_MS,
): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last: { status: number; body: unknown } | undefined;
  while (Date.now() < deadline) {
    last = await readyz(baseUrl);
    if (last.status === status) return last.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`/readyz did not answer ${status} within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

/** The value /metrics gives touchbase_slack_socket_connected. */
async function socketGauge(baseUrl: string): Promise<string | undefined> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return /^touchbase_slack_socket_connected (\S+)$/m.exec(text)?.[1];
}

async function contactsNamed(db: TestDatabase, name: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM contacts WHERE name = $1', [
    name,
  ]);
  return Number(rows[0]?.n);
}

describe('over Socket Mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-03-02T10:00:00Z', socketMode: true });
  });
  afterAll(() => h.stop());

  test('the app opened its link with the app-level token and is ready', async () => {
    const opens = h.emulator.callsTo('apps.connections.open');
    expect(opens.map((c) => c.token)).toEqual([APP_TOKEN]);
    expect(h.emulator.socketMode.openConnections).toBe(1);
    expect(await readyz(h.baseUrl)).toEqual({ status: 200, body: { ok: true } });
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await socketGauge(h.baseUrl)).toBe('1');
  });

  test('/touchbase help is answered in the ack itself', async () => {
    const res = await h.driver.slashCommand(ALICE, 'help');
    expect(res.ms).toBeLessThan(3000);
    expect(res.json).toMatchObject({ response_type: 'ephemeral' });
    expect(allText(res.json)).toContain('/touchbase add');
  });

  test('/touchbase add Dana Lee and its modal store the contact and confirm by DM', async () => {
    const t = preciseNow();
    const cmd = await h.driver.slashCommand(ALICE, 'add Dana Lee');
    expect(cmd.ms).toBeLessThan(3000);
    const viewId = await openedViewId(h, 'contact_add', t);
    const submitted = await h.driver.submitView(ALICE, viewId, {
      company: 'Acme <Labs>',
      cadence: 'monthly',
    });
    expect(submitted.ms).toBeLessThan(3000);
    expect(submitted.json).toBeUndefined();
    expect(submitted.viewResponse).toEqual({ action: 'close', ok: true });
    expect(await contactsNamed(h.database, 'Dana Lee')).toBe(1);
    const dm = await h.emulator.waitForCall('chat.postMessage', (c) =>
      allText(c.args).includes('Added *Dana Lee*'),
    );
    expect(dm.args.channel).toBe(ALICE.userId);
  });

  test('a modal with an empty name gets its error in the ack and stays open', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'add');
    const viewId = await openedViewId(h, 'contact_add', t);
    const res = await h.driver.submitView(ALICE, viewId, { name: '   ' });
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.name).toMatch(/enter a name/);
    expect(res.viewResponse).toMatchObject({ action: 'errors', ok: true });
    expect(h.emulator.isViewOpen(viewId)).toBe(true);
  });

  test('a button click opens its modal', async () => {
    const id = await contactId(h, ALICE, 'Dana Lee');
    const t = preciseNow();
    const res = await h.driver.blockAction(ALICE, {
      actionId: 'contact_edit',
      value: String(id),
      container: { type: 'ephemeral' },
    });
    expect(res.ms).toBeLessThan(3000);
    const viewId = await openedViewId(h, 'contact_edit', t);
    const view = h.emulator.view(viewId) as {
      blocks: { block_id: string; element: { initial_value?: string } }[];
    };
    expect(view.blocks.find((b) => b.block_id === 'name')?.element.initial_value).toBe('Dana Lee');
  });

  test('app_home_opened publishes the Home', async () => {
    const t = preciseNow();
    await h.driver.event(ALICE.teamId, {
      type: 'app_home_opened',
      user: ALICE.userId,
      channel: h.emulator.dmChannelId(ALICE.userId),
      tab: 'home',
    });
    expect(allText(await settledHome(h, ALICE, t))).toContain('*Your network:* 1 contact.');
  });

  test('a view_submission delivered twice (same envelope_id, retry_attempt 1) stores one contact', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'add Eve Ray');
    const viewId = await openedViewId(h, 'contact_add', t);
    // Slack redelivers while the first delivery is still being processed: its ack was late.
    const first = h.driver.submitView(ALICE, viewId, {});
    const envelope = h.emulator.socketMode.envelopes.at(-1);
    if (!envelope) throw new Error('the submission was not delivered');
    const again = h.emulator.socketMode.redeliver(envelope.envelope_id);
    await Promise.all([first, again]);
    // And once more after both were answered.
    await h.emulator.socketMode.redeliver(envelope.envelope_id);

    const deliveries = h.emulator.socketMode.envelopes.filter((e) => e.envelope_id === envelope.envelope_id);
    expect(deliveries.map((e) => [e.retry_attempt, e.retry_reason])).toEqual([
      [0, ''],
      [1, 'timeout'],
      [2, 'timeout'],
    ]);
    expect(h.emulator.socketMode.acks.filter((a) => a.envelopeId === envelope.envelope_id)).toHaveLength(3);
    expect(await contactsNamed(h.database, 'Eve Ray')).toBe(1);
    await h.emulator.waitForCall('chat.postMessage', (c) => allText(c.args).includes('Added *Eve Ray*'));
    const confirmations = h.emulator
      .callsTo('chat.postMessage')
      .filter((c) => allText(c.args).includes('Added *Eve Ray*'));
    expect(confirmations).toHaveLength(1);
  });

  test('a dropped socket: /readyz says so, the app reconnects, and the next command works', async () => {
    const t = Date.now();
    h.emulator.socketMode.dropConnections();
    expect(await readyzBecomes(h.baseUrl, 503)).toEqual({ ok: false, slack: 'socket reconnecting' });
    expect(await socketGauge(h.baseUrl)).toBe('0');
    await h.emulator.socketMode.waitForConnection(t, RECONNECT_WAIT_MS);
    await readyzBecomes(h.baseUrl, 200);
    expect(await socketGauge(h.baseUrl)).toBe('1');
    const res = await h.driver.slashCommand(ALICE, 'help');
    expect(allText(res.json)).toContain('/touchbase add');
  }, 40_000);

  test('refresh_requested: the app reconnects through a fresh apps.connections.open', async () => {
    const opensBefore = h.emulator.callsTo('apps.connections.open').length;
    const [old] = h.emulator.socketMode.connections.filter((c) => c.closedAt === undefined);
    const t = Date.now();
    h.emulator.socketMode.requestRefresh();
    const fresh = await h.emulator.socketMode.waitForConnection(t, RECONNECT_WAIT_MS);
    expect(h.emulator.callsTo('apps.connections.open')).toHaveLength(opensBefore + 1);
    expect(fresh.ticket).not.toBe(old?.ticket);
    // The old connection was closed by the app, with a close handshake.
    expect(old?.closedAt).toBeDefined();
    const tView = preciseNow();
    await h.driver.slashCommand(ALICE, 'add Fay Wu');
    await openedViewId(h, 'contact_add', tView);
  }, 40_000);

  test('apps.connections.open answering 503 three times during a reconnect: ready again once it answers', async () => {
    h.emulator.failNext('apps.connections.open', { status: 503 }, 3);
    const opensBefore = h.emulator.callsTo('apps.connections.open').length;
    const t = Date.now();
    h.emulator.socketMode.dropConnections();
    expect(await readyzBecomes(h.baseUrl, 503)).toEqual({ ok: false, slack: 'socket reconnecting' });
    await h.emulator.socketMode.waitForConnection(t, RECONNECT_WAIT_MS);
    const opens = h.emulator.callsTo('apps.connections.open').slice(opensBefore);
    expect(opens.map((c) => c.status)).toEqual([503, 503, 503, 200]);
    await readyzBecomes(h.baseUrl, 200);
  }, 40_000);
});

describe('the built app in Socket Mode, as a process', () => {
  const root = path.resolve(__dirname, '..', '..');
  let database: TestDatabase;
  let emulator: SlackEmulator;
  let child: ChildProcessWithoutNullStreams | undefined;
  let output = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    emulator = await SlackEmulator.start({ teamId: 'T0ALPHA', botToken: BOT_TOKEN });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await emulator.stop();
    await database.drop();
  });

  function freePort(): Promise<number> {
    return new Promise((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
  }

  test('apps.connections.open answering 503 again and again does not end it; it reconnects once Slack answers', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !k.startsWith('SLACK_') && !k.startsWith('TOUCHBASE_') && k !== 'DATABASE_URL',
      ),
    );
    const started = spawn('node', ['dist/main.js'], {
      cwd: root,
      env: {
        ...env,
        SLACK_SIGNING_SECRET: 'test-signing-secret',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: database.url,
        PORT: String(port),
        TOUCHBASE_WORKER: 'off',
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
      },
    });
    child = started;
    started.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    started.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => started.once('exit', resolve));
    /** Waits for a connection, failing at once, with the app's output, if the process ends meanwhile. */
    const reconnected = (after: number, timeoutMs: number) =>
      Promise.race([
        emulator.socketMode.waitForConnection(after, timeoutMs),
        exited.then((code) => {
          throw new Error(`touchbase exited with ${code}:\n${output}`);
        }),
      ]);
    await reconnected(0, 20_000);
    await readyzBecomes(baseUrl, 200);

    // Twice is what ended the process before (the app's own one retry, then a fatal WebAPIHTTPError).
    emulator.failNext('apps.connections.open', { status: 503 }, 3);
    const t = Date.now();
    emulator.socketMode.dropConnections();
    expect(await readyzBecomes(baseUrl, 503)).toEqual({ ok: false, slack: 'socket reconnecting' });
    await reconnected(t, RECONNECT_WAIT_MS);
    expect(started.exitCode).toBeNull();
    expect(emulator.callsTo('apps.connections.open').map((c) => c.status)).toEqual([200, 503, 503, 503, 200]);
    await readyzBecomes(baseUrl, 200);

    const driver = new SlackDriver({ socketMode: true, emulator });
    const res = await driver.slashCommand(ALICE, 'help');
    expect(allText(res.json)).toContain('/touchbase add');
    expect(output).toContain('reconnected to Slack');

    started.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
