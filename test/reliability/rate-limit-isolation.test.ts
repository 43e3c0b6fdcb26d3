import { Writable } from 'node:stream';
import type { Installation } from '@slack/bolt';
import type { RateLimitScope, RecordedCall } from '../../src/dev/slack-emulator';
import { preciseNow } from '../../src/dev/slack-emulator';
import { createLogger } from '../../src/logger';
import { installationStore } from '../../src/store/installations';
import { ALICE, allText, openedViewId, type User } from '../support/flows';
import { BOT_TOKEN, type Harness, OAUTH, startHarness } from '../support/harness';

/**
 * Slack rate-limits a method per workspace (HTTP 429 with Retry-After). Issue #14: Alice's views.open
 * rate-limited for 8 s made other members' forms fail, because the app's client paused all its calls.
 * A 429 for one workspace's method must delay neither another workspace nor another method, and the
 * member it hits is told plainly, within Slack's 3 seconds, how long to wait.
 */

/** In Alice's workspace, like her. */
const CAROL: User = { teamId: ALICE.teamId, userId: 'U0CAROL' };
/** In another workspace. */
const BRUNO: User = { teamId: 'T0BRAVO', userId: 'U0BRUNO' };

/** Slack's window for a trigger_id, and so for any interactive answer. */
const SLACK_WINDOW_MS = 3000;
const BUSY = /Slack is busy right now; try again in (\d+) seconds?\./;

let h: Harness;
/** The app's log lines, as an operator reads them. */
let logLines: { level: number; msg: string; teamId?: string; method?: string }[];

/** Each workspace's bot token, in OAuth mode. */
const TOKENS: Record<string, string> = {
  [ALICE.teamId]: 'xoxb-alpha-token',
  [BRUNO.teamId]: 'xoxb-bravo-token',
};

/**
 * A fresh app for each test (the rate gate learnt in one test must not carry into the next): with one
 * bot token (members of two workspaces, as in Enterprise Grid), or through OAuth with each workspace
 * installed with its own token.
 */
async function start(auth: 'one token' | 'OAuth'): Promise<void> {
  logLines = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ level: 'info', pretty: false, destination });
  if (auth === 'one token') {
    h = await startHarness({ logger });
    return;
  }
  h = await startHarness({
    logger,
    auth: OAUTH,
  });
  const installations = installationStore(h.database.pool, h.clock, OAUTH.keys);
  for (const teamId of [ALICE.teamId, BRUNO.teamId]) {
    await installations.storeInstallation({
      team: { id: teamId, name: teamId },
      enterprise: undefined,
      user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
      bot: {
        id: h.emulator.botId,
        userId: h.emulator.botUserId,
        token: TOKENS[teamId],
        scopes: ['commands', 'chat:write'],
      },
      isEnterpriseInstall: false,
      tokenType: 'bot',
    } as unknown as Installation);
  }
}
afterEach(() => h.stop());

/** Waits for the answer that matches, posted to this member's response_url after `after`, and says when it came. */
async function answerTo(user: User, match: RegExp, after: number): Promise<{ text: string; at: number }> {
  const post = await h.emulator.waitForResponsePost((p) => p.at >= after && match.test(allText(p.body)));
  const text = allText(post.body);
  // Ephemeral: only this member sees it.
  expect(h.emulator.ephemeralMessages(user.userId).some((m) => allText(m) === text)).toBe(true);
  return { text, at: post.at };
}

function openHome(user: User) {
  return h.driver.event(user.teamId, {
    type: 'app_home_opened',
    user: user.userId,
    channel: h.emulator.dmChannelId(user.userId),
    tab: 'home',
  });
}

/** Resolves once Slack has answered a call of `method` for this member with 429. */
async function refused(method: string, user: User): Promise<void> {
  const isIt = (c: RecordedCall) => c.method === method && c.status === 429 && c.args.user_id === user.userId;
  for (let waited = 0; !h.emulator.calls.some(isIt); waited += 20) {
    if (waited > 5000) throw new Error(`no 429 for ${method} of ${user.userId}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const forTeam = (teamId: string) => (c: RecordedCall) => c.args.team_id === teamId;

describe.each([
  // Slack knows the workspace by the team a call is for, or by its token.
  { auth: 'one token' as const, aliceWorkspace: { teamId: ALICE.teamId } satisfies RateLimitScope },
  { auth: 'OAuth' as const, aliceWorkspace: { token: TOKENS[ALICE.teamId] } satisfies RateLimitScope },
])('$auth', ({ auth, aliceWorkspace }) => {
  beforeEach(() => start(auth));

  test("Alice's views.open rate-limited for 8 s: Bruno (another workspace) and Carol's Home (another method) go through at once; Alice hears how long to wait within 3 s", async () => {
    h.emulator.rateLimit('views.open', 8, aliceWorkspace);

    const t = preciseNow();
    const [alice, bruno, carolHome] = await Promise.all([
      h.driver.slashCommand(ALICE, 'add Ada Lovelace'),
      h.driver.slashCommand(BRUNO, 'add Grace Hopper'),
      openHome(CAROL),
    ]);
    expect([alice.status, bruno.status, carolHome.status]).toEqual([200, 200, 200]);

    // Bruno's form opened, in his workspace, well inside the trigger's 3 seconds.
    const brunoViewId = await openedViewId(h, 'contact_add', t);
    const brunoOpen = h.emulator.callsTo('views.open').find((c) => c.ok && forTeam(BRUNO.teamId)(c));
    // In his workspace's own name: its token under OAuth, the one bot token otherwise.
    expect(brunoOpen?.token).toBe(auth === 'OAuth' ? TOKENS[BRUNO.teamId] : BOT_TOKEN);
    expect((brunoOpen?.at ?? Number.POSITIVE_INFINITY) - t).toBeLessThan(SLACK_WINDOW_MS);
    expect(h.emulator.openModals(BRUNO.userId).map((v) => v.id)).toEqual([brunoViewId]);

    // Carol, in Alice's workspace, got her Home at once: only views.open is rate-limited there.
    const carolPublish = await h.emulator.waitForCall(
      'views.publish',
      (c) => c.args.user_id === CAROL.userId,
    );
    expect(carolPublish.at - t).toBeLessThan(SLACK_WINDOW_MS);
    expect(h.emulator.homeOf(CAROL.userId)).toBeDefined();

    // Alice is told plainly, within Slack's window, to try again in about 8 seconds (the seconds left of
    // Slack's Retry-After when her call reached it); no form opened.
    const told = await answerTo(ALICE, BUSY, t);
    expect(told.at - t).toBeLessThan(SLACK_WINDOW_MS);
    const seconds = Number(BUSY.exec(told.text)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(6);
    expect(seconds).toBeLessThanOrEqual(8);
    expect(h.emulator.openModals(ALICE.userId)).toEqual([]);
    expect(told.text).not.toMatch(/in time/);

    // Trying again at once, Alice hears the seconds left, and touchbase does not call Slack again meanwhile.
    const again = preciseNow();
    await h.driver.slashCommand(ALICE, 'add Ada Lovelace');
    const toldAgain = await answerTo(ALICE, BUSY, again);
    expect(toldAgain.at - again).toBeLessThan(SLACK_WINDOW_MS);
    expect(Number(BUSY.exec(toldAgain.text)?.[1])).toBeLessThanOrEqual(seconds);
    expect(h.emulator.callsTo('views.open').filter(forTeam(ALICE.teamId))).toHaveLength(1);
    // Operators read which workspace and method Slack limited.
    expect(logLines).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'Slack rate-limited a method',
        teamId: ALICE.teamId,
        method: 'views.open',
      }),
    );
  });

  test("Alice's Home (views.publish) rate-limited: Bruno's Home and Carol's form are not held up", async () => {
    h.emulator.rateLimit('views.publish', 8, aliceWorkspace);

    const t = preciseNow();
    await openHome(ALICE);
    // Slack has refused Alice's Home before the others act.
    await refused('views.publish', ALICE);
    const [bruno, carol] = await Promise.all([
      openHome(BRUNO),
      h.driver.slashCommand(CAROL, 'add Ada Lovelace'),
    ]);
    expect([bruno.status, carol.status]).toEqual([200, 200]);

    const brunoHome = await h.emulator.waitForCall('views.publish', (c) => c.args.user_id === BRUNO.userId);
    expect(brunoHome.at - t).toBeLessThan(SLACK_WINDOW_MS);
    expect(h.emulator.homeOf(BRUNO.userId)).toBeDefined();

    const carolForm = await h.emulator.waitForCall(
      'views.open',
      (c) => c.at >= t && forTeam(CAROL.teamId)(c),
    );
    expect(carolForm.at - t).toBeLessThan(SLACK_WINDOW_MS);
    expect(h.emulator.openModals(CAROL.userId)).toHaveLength(1);

    // Alice's Home waits for Slack: her one refused publish, and no Home yet.
    expect(h.emulator.homeOf(ALICE.userId)).toBeUndefined();
    expect(
      h.emulator.callsTo('views.publish').filter((c) => c.args.user_id === ALICE.userId && c.status === 429),
    ).toHaveLength(1);
  });
});

describe('what the member hears, by kind', () => {
  beforeEach(() => start('one token'));

  test('a refused bot token is told as a broken connection, not as Slack being late', async () => {
    h.emulator.failNext('views.open', { error: 'invalid_auth' });
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'add Ada Lovelace');
    const told = await answerTo(
      ALICE,
      /connection to this workspace is broken; ask an admin to reinstall it/,
      t,
    );
    expect(told.at - t).toBeLessThan(SLACK_WINDOW_MS);
    expect(told.text).not.toMatch(/in time/);
    // Operators see it as an error (pino level 50) that names the fix.
    expect(logLines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([
      expect.stringMatching(/reinstall/),
    ]);
  });

  test('an expired trigger is told as Slack not letting the form open in time', async () => {
    h.emulator.failNext('views.open', { error: 'expired_trigger_id' });
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'add Ada Lovelace');
    await answerTo(ALICE, /Slack did not let me open the form in time — please try again/, t);
  });

  test('a form that cannot open from the Home tab (no reply URL there) is explained in the DM', async () => {
    await openHome(ALICE);
    const home = await h.emulator.waitForCall('views.publish', (c) => c.args.user_id === ALICE.userId);
    h.emulator.rateLimit('views.open', 8, { teamId: ALICE.teamId });

    const t = preciseNow();
    const res = await h.driver.blockAction(ALICE, {
      actionId: 'home_add_contact',
      container: { type: 'view', viewId: (home.response as { view: { id: string } }).view.id },
    });
    expect(res.status).toBe(200);
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && c.args.channel === ALICE.userId && BUSY.test(allText(c.args)),
    );
    expect(dm.at - t).toBeLessThan(SLACK_WINDOW_MS);
    expect(h.emulator.openModals(ALICE.userId)).toEqual([]);
  });
});
