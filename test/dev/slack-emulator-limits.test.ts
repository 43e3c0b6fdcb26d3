import { SLACK_LIMITS, SlackEmulator } from '../../src/dev/slack-emulator';

/**
 * The emulator plays Slack's rate limits when asked (issue #16): per channel and per workspace for
 * chat.postMessage, per workspace and method for the tiers, answered 429 with Retry-After; and Slack's
 * latency on every call. Off by default, so tests that are not about limits never meet a 429.
 */

const ALPHA = 'xoxb-alpha-token';
const BRAVO = 'xoxb-bravo-token';

let emulator: SlackEmulator;
beforeEach(async () => {
  emulator = await SlackEmulator.start({ botToken: ALPHA });
});
afterEach(() => emulator.stop());

/** One Web API call as the app's client makes it: its HTTP status, Retry-After and answer. */
async function call(method: string, token: string, args: Record<string, unknown>) {
  const res = await fetch(`${emulator.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
    body: JSON.stringify(args),
  });
  const body = (await res.json()) as { ok: boolean; error?: string };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ok: body.ok, error: body.error };
}

const post = (token: string, channel: string, text = 'hello') =>
  call('chat.postMessage', token, { channel, text });
const open = (token: string, users: string) => call('conversations.open', token, { users });

test('off by default: a burst of posts into one DM and of opens is all answered', async () => {
  const channel = emulator.dmChannelId('U0ALICE');
  const posts = await Promise.all(Array.from({ length: 20 }, () => post(ALPHA, channel)));
  const opens = await Promise.all(Array.from({ length: 80 }, (_, i) => open(ALPHA, `U${1000 + i}`)));
  expect([...posts, ...opens].every((r) => r.status === 200 && r.ok)).toBe(true);
});

test('one DM takes a short burst, then about one message a second: the next is answered 429 with Retry-After', async () => {
  emulator.setLimits({});
  const alice = emulator.dmChannelId('U0ALICE');
  const bob = emulator.dmChannelId('U0BOB');
  const burst = SLACK_LIMITS.postsPerChannel?.burst ?? 0;
  for (let i = 0; i < burst; i++) expect(await post(ALPHA, alice)).toMatchObject({ status: 200, ok: true });
  expect(await post(ALPHA, alice)).toEqual({ status: 429, retryAfter: '1', ok: false, error: 'ratelimited' });
  // Another DM in the same workspace is not held up.
  expect(await post(ALPHA, bob)).toMatchObject({ status: 200, ok: true });
  // The refused post was not delivered and counted against nothing: after its Retry-After, one more goes.
  expect(emulator.dmMessages('U0ALICE')).toHaveLength(burst);
  await new Promise((r) => setTimeout(r, 1000));
  expect(await post(ALPHA, alice)).toMatchObject({ status: 200, ok: true });
  expect(emulator.callsTo('chat.postMessage').map((c) => c.status)).toEqual([
    ...Array(burst).fill(200),
    429,
    200,
    200,
  ]);
});

test("a workspace's posts are limited across its channels; another workspace's are not", async () => {
  emulator.setLimits({ postsPerWorkspace: { perMinute: 60, burst: 5 }, postsPerChannel: null });
  const channels = ['U0A', 'U0B', 'U0C', 'U0D', 'U0E', 'U0F'].map((u) => emulator.dmChannelId(u));
  const answers = [];
  for (const channel of channels) answers.push(await post(ALPHA, channel));
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429]);
  expect(Number(answers[5]?.retryAfter)).toBeGreaterThanOrEqual(1);
  // Another workspace's token: its own allowance.
  expect(await post(BRAVO, channels[5] as string)).toMatchObject({ status: 200, ok: true });
});

test('Tier 3 conversations.open: about 50 a minute per workspace; other workspaces and Tier 4 methods go on', async () => {
  emulator.setLimits({});
  const tier3 = SLACK_LIMITS.methods['conversations.open'];
  if (!tier3) throw new Error('conversations.open has no tier');
  const answers = [];
  for (let i = 0; i < tier3.burst + 1; i++) answers.push(await open(ALPHA, `U${2000 + i}`));
  expect(answers.slice(0, tier3.burst).every((a) => a.status === 200)).toBe(true);
  const refused = answers[tier3.burst];
  expect(refused).toMatchObject({ status: 429, ok: false, error: 'ratelimited' });
  // 60 s / 50 calls: the next one is due at most 1.2 s later (less once the burst itself took a
  // while, as the bucket refills meanwhile), said in whole seconds, never 0.
  const retryAfter = Number(refused?.retryAfter);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(Math.ceil(60 / tier3.perMinute));
  expect(await open(BRAVO, 'U0BRAVO')).toMatchObject({ status: 200, ok: true });
  expect(await call('users.info', ALPHA, { user: 'U0ALICE' })).toMatchObject({ status: 200, ok: true });
  // A call naming its workspace (team_id) counts against that workspace.
  expect(await call('conversations.open', ALPHA, { users: 'U0X', team_id: 'T0OTHER' })).toMatchObject({
    status: 200,
  });
});

test('setLimits(null) turns the limits off, and targeted rateLimit() keeps working beside them', async () => {
  emulator.setLimits({ methods: { 'users.info': { perMinute: 1, burst: 1 } } });
  expect((await call('users.info', ALPHA, { user: 'U0A' })).status).toBe(200);
  expect((await call('users.info', ALPHA, { user: 'U0A' })).status).toBe(429);
  emulator.setLimits(null);
  expect((await call('users.info', ALPHA, { user: 'U0A' })).status).toBe(200);
  emulator.rateLimit('users.info', 7);
  expect(await call('users.info', ALPHA, { user: 'U0A' })).toMatchObject({ status: 429, retryAfter: '7' });
});

test("every call waits Slack's latency before it is answered; a method's delay replaces it", async () => {
  emulator.setLatency(150);
  const started = performance.now();
  expect((await call('auth.test', ALPHA, {})).ok).toBe(true);
  expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  emulator.delay('auth.test', 400);
  const again = performance.now();
  await call('auth.test', ALPHA, {});
  expect(performance.now() - again).toBeGreaterThanOrEqual(395);
});

test('renewDmChannel: the old id answers channel_not_found, conversations.open gives the new one, messages stay', async () => {
  const before = emulator.dmChannelId('U0ALICE');
  await post(ALPHA, before, 'first');
  const renewed = emulator.renewDmChannel('U0ALICE');
  expect(renewed.before).toBe(before);
  expect(await post(ALPHA, before)).toMatchObject({ ok: false, error: 'channel_not_found' });
  const opened = await fetch(`${emulator.apiUrl}conversations.open`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${ALPHA}` },
    body: JSON.stringify({ users: 'U0ALICE' }),
  });
  expect(((await opened.json()) as { channel: { id: string } }).channel.id).toBe(renewed.after);
  expect(emulator.dmMessages('U0ALICE').map((m) => m.text)).toEqual(['first']);
});
