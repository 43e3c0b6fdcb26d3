import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createApp, type TouchbaseApp } from '../../src/app';
import { SlackDriver } from '../../src/dev/slack-driver';
import { preciseNow } from '../../src/dev/slack-emulator';
import { silentLogger } from '../support/database';
import { ALICE, addContact, allText, BOB, contactId, openedViewId, reply } from '../support/flows';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/harness';

/**
 * Slack may deliver the same request twice (or someone may replay a captured one): each writes
 * once, and the repeat is answered as the first was.
 */

let h: Harness;
const ids: Record<string, number> = {};
beforeAll(async () => {
  // Monday 2 March 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  for (const u of [ALICE, BOB]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  for (const name of ['Ada Lovelace', 'Grace Hopper']) {
    await addContact(h, ALICE, name, { cadence: 'yearly', city: 'Zürich' });
    ids[name] = await contactId(h, ALICE, name);
  }
});
afterAll(() => h.stop());

const count = async (sql: string, ...params: unknown[]) =>
  (await h.database.pool.query(sql, params)).rows[0].n as number;
const contactsNamed = (name: string) =>
  count('SELECT count(*)::int AS n FROM contacts WHERE user_id = $1 AND name = $2', ALICE.userId, name);
const dmsSince = (t: number, text: RegExp) =>
  h.emulator.callsTo('chat.postMessage').filter((c) => c.at >= t && text.test(allText(c.args)));

/** Opens a form with a slash command and answers the id of the modal it opened. */
async function openForm(text: string, callbackId: string): Promise<string> {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, text);
  return openedViewId(h, callbackId, t);
}

describe('the same view_submission delivered twice', () => {
  test('add a contact, twice at once: one contact, both answered by closing the form', async () => {
    const viewId = await openForm('add Linus Torvalds', 'contact_add');
    const t = preciseNow();
    const first = h.driver.submitView(ALICE, viewId, { company: 'Linux Foundation' });
    const again = h.driver.resendLast();
    const answers = await Promise.all([first, again]);
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [200, ''],
      [200, ''],
    ]);
    expect(await contactsNamed('Linus Torvalds')).toBe(1);
    await sleep(200);
    expect(dmsSince(t, /Linus Torvalds/)).toHaveLength(1);
  });

  test('add a contact, again a moment later (a replay of the signed request): still one, answered alike', async () => {
    const viewId = await openForm('add Margaret Hamilton', 'contact_add');
    const first = await h.driver.submitView(ALICE, viewId, { company: 'MIT' });
    const replayed = await h.driver.resendLast();
    expect([replayed.status, replayed.body]).toEqual([first.status, first.body]);
    expect(first.body).toBe('');
    expect(await contactsNamed('Margaret Hamilton')).toBe(1);
  });

  test('log an introduction, at once and again later: one introduction, one give with each side', async () => {
    const gives = () =>
      count(
        `SELECT count(*)::int AS n FROM touches WHERE user_id = $1 AND note LIKE 'Introduced them%'`,
        ALICE.userId,
      );
    const before = await gives();
    const viewId = await openForm('intro ada', 'intro_log');
    const t = preciseNow();
    const first = h.driver.submitView(ALICE, viewId, {
      intro_to: { value: String(ids['Grace Hopper']), text: 'Grace Hopper' },
      intro_kind: 'peer',
    });
    const again = h.driver.resendLast();
    const answers = await Promise.all([first, again]);
    const later = await h.driver.resendLast();
    expect([...answers, later].map((a) => a.body)).toEqual(['', '', '']);
    expect(await count('SELECT count(*)::int AS n FROM introductions WHERE user_id = $1', ALICE.userId)).toBe(
      1,
    );
    expect(await gives()).toBe(before + 1);
    expect(
      await count(
        'SELECT count(*)::int AS n FROM touches WHERE user_id = $1 AND intent = $2',
        ALICE.userId,
        'give',
      ),
    ).toBe(2);
    await sleep(200);
    expect(dmsSince(t, /Logged your introduction/)).toHaveLength(1);
  });

  test('plan a trip, twice at once and again: one trip', async () => {
    const viewId = await openForm('trip', 'trip_plan');
    const first = h.driver.submitView(ALICE, viewId, {
      city: 'zurich',
      starts_on: '2026-05-04',
      ends_on: '2026-05-06',
    });
    const again = h.driver.resendLast();
    const answers = await Promise.all([first, again]);
    const later = await h.driver.resendLast();
    expect([...answers, later].map((a) => [a.status, a.body])).toEqual([
      [200, ''],
      [200, ''],
      [200, ''],
    ]);
    expect(await count('SELECT count(*)::int AS n FROM trips WHERE user_id = $1', ALICE.userId)).toBe(1);
  });

  test('log a touch, again a moment later: one touch', async () => {
    const before = await count(
      'SELECT count(*)::int AS n FROM touches WHERE contact_id = $1',
      ids['Grace Hopper'],
    );
    const viewId = await openForm('log grace', 'touch_log');
    const first = await h.driver.submitView(ALICE, viewId, { intent: 'catch_up' });
    const replayed = await h.driver.resendLast();
    expect([replayed.status, replayed.body]).toEqual([200, first.body]);
    expect(
      await count('SELECT count(*)::int AS n FROM touches WHERE contact_id = $1', ids['Grace Hopper']),
    ).toBe(before + 1);
  });

  test('a submission that failed does not block the same one sent again: it then saves', async () => {
    // The database refuses the first write (as an outage would), through a trigger of the test's own.
    await h.database.pool.query(`
      CREATE FUNCTION refuse_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the database is unavailable'; END $$;
      CREATE TRIGGER refuse_once BEFORE INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION refuse_once();`);
    const viewId = await openForm('add Dorothy Vaughan', 'contact_add');
    let failed: Awaited<ReturnType<typeof h.driver.submitView>>;
    try {
      failed = await h.driver.submitView(ALICE, viewId, {});
    } finally {
      await h.database.pool.query('DROP TRIGGER refuse_once ON contacts; DROP FUNCTION refuse_once()');
    }
    expect((failed.json as { response_action?: string }).response_action).toBe('errors');
    expect(JSON.stringify(failed.json)).toContain('nothing was saved');
    expect(await contactsNamed('Dorothy Vaughan')).toBe(0);
    const retried = await h.driver.resendLast();
    expect([retried.status, retried.body]).toEqual([200, '']);
    expect(await contactsNamed('Dorothy Vaughan')).toBe(1);
  });

  test('a form sent back with errors is not remembered: fixed and sent again, it saves', async () => {
    const viewId = await openForm('trip', 'trip_plan');
    const wrong = await h.driver.submitView(ALICE, viewId, {
      city: 'Lisbon',
      starts_on: '2026-06-10',
      ends_on: '2026-06-01',
    });
    expect((wrong.json as { response_action?: string }).response_action).toBe('errors');
    const fixed = await h.driver.submitView(ALICE, viewId, {
      city: 'Lisbon',
      starts_on: '2026-06-01',
      ends_on: '2026-06-10',
    });
    expect(fixed.body).toBe('');
    expect(
      await count(
        `SELECT count(*)::int AS n FROM trips WHERE user_id = $1 AND city = 'Lisbon'`,
        ALICE.userId,
      ),
    ).toBe(1);
  });
});

describe('two web processes behind one load balancer', () => {
  let other: TouchbaseApp;
  let otherPool: pg.Pool;
  let otherUrl: string;
  beforeAll(async () => {
    // Another instance of the app with its own connections to the same database, as a second process has.
    otherPool = new pg.Pool({ connectionString: h.database.url, max: 5 });
    other = createApp({ config: h.config, db: otherPool, logger: silentLogger, clock: h.clock });
    const server = await other.start(0);
    if (!server) throw new Error('the second app did not start an HTTP server');
    otherUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    await other.stop();
    await otherPool.end();
  });

  test('the same submission reaching both at once stores one contact; both answer by closing the form', async () => {
    const viewId = await openForm('add Katherine Johnson', 'contact_add');
    const first = h.driver.submitView(ALICE, viewId, { company: 'NASA' });
    const there = h.driver.resendLast({ to: otherUrl });
    const answers = await Promise.all([first, there]);
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [200, ''],
      [200, ''],
    ]);
    expect(await contactsNamed('Katherine Johnson')).toBe(1);
  });
});

describe('a click replayed', () => {
  test('the same signed Cancel trip request sent again within 5 minutes cancels once and answers alike', async () => {
    const { rows } = await h.database.pool.query(
      `SELECT id FROM trips WHERE user_id = $1 AND city = 'Lisbon'`,
      [ALICE.userId],
    );
    const tripId = Number(rows[0].id);
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `trip_cancel_${tripId}`,
      value: JSON.stringify({ t: tripId }),
      blockId: 'trips',
      container: { type: 'ephemeral' },
    });
    await reply(h, /Cancelled your trip/, t);
    await h.driver.resendLast();
    const answers = await waitForPosts(t, 2);
    expect(answers.map((a) => allText(a))).toEqual([allText(answers[0]), allText(answers[0])]);
    expect(allText(answers[1])).toContain('Cancelled your trip to *Lisbon*');
  });
});

describe('a slash command replayed', () => {
  test('the same signed /touchbase restore sent again does not run again', async () => {
    const archive = () =>
      h.database.pool.query('UPDATE contacts SET archived_at = now() WHERE id = $1', [ids['Grace Hopper']]);
    const archived = async () =>
      (await h.database.pool.query('SELECT archived_at FROM contacts WHERE id = $1', [ids['Grace Hopper']]))
        .rows[0].archived_at !== null;
    await archive();
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'restore Grace Hopper');
    await reply(h, /Grace Hopper/, t);
    expect(await archived()).toBe(false);
    // Archived again since; a replay of the old command must not bring her back.
    await archive();
    const replayed = await h.driver.resendLast();
    expect(replayed.status).toBe(200);
    await sleep(300);
    expect(await archived()).toBe(true);
  });
});

describe('"No response yet" from /touchbase intros', () => {
  test('clicked again keeps the promised re-ask', async () => {
    const intro = Number(
      (await h.database.pool.query('SELECT id FROM introductions WHERE user_id = $1', [ALICE.userId])).rows[0]
        .id,
    );
    const clickNoResponse = async () => {
      const t = preciseNow();
      await h.driver.slashCommand(ALICE, 'intros');
      await reply(h, /recent introductions/, t);
      await h.driver.blockAction(ALICE, {
        actionId: `intro_outcome_no_response_${intro}`,
        container: { type: 'ephemeral' },
      });
      await reply(h, /Noted for/, t);
    };
    await clickNoResponse();
    const followUp = async () =>
      (
        await h.database.pool.query(
          'SELECT follow_up_on::text AS due, followed_up_on::text AS done FROM introductions WHERE id = $1',
          [intro],
        )
      ).rows[0];
    expect(await followUp()).toEqual({ due: '2026-03-16', done: null });
    // The next day, from a fresh `/touchbase intros`, the member says it again.
    h.setNow('2026-03-03T10:00:00Z');
    await clickNoResponse();
    expect(await followUp()).toEqual({ due: '2026-03-16', done: null });
    // And the re-ask comes.
    await h.tick('2026-03-16T08:00:00Z');
    const asked = h.emulator
      .callsTo('chat.postMessage')
      .filter(
        (c) => c.ok && /how did it go/.test(allText(c.args)) && allText(c.args).includes('Ada Lovelace'),
      );
    expect(asked).toHaveLength(1);
  });
});

describe('Events API retries', () => {
  const publishesTo = (userId: string) =>
    h.emulator.callsTo('views.publish').filter((c) => c.args.user_id === userId);
  const homeOpened = (eventId: string, retryNum?: number) =>
    h.driver.event(
      BOB.teamId,
      { type: 'app_home_opened', user: BOB.userId, channel: h.emulator.dmChannelId(BOB.userId), tab: 'home' },
      { eventId, retryNum },
    );

  test('an event delivered again with X-Slack-Retry-Num is processed once', async () => {
    const t = preciseNow();
    expect((await homeOpened('Ev0RETRIED01')).status).toBe(200);
    await h.emulator.waitForCall('views.publish', (c) => c.at >= t && c.args.user_id === BOB.userId);
    const published = publishesTo(BOB.userId).length;
    expect((await homeOpened('Ev0RETRIED01', 1)).status).toBe(200);
    expect((await homeOpened('Ev0RETRIED01', 2)).status).toBe(200);
    // Another event (the member opens the Home again) is processed: the retries were not.
    const t2 = preciseNow();
    await homeOpened('Ev0ANOTHER001');
    await h.emulator.waitForCall('views.publish', (c) => c.at >= t2 && c.args.user_id === BOB.userId);
    await sleep(200);
    expect(publishesTo(BOB.userId).length).toBe(published + 1);
  });
});

describe('signed timestamps', () => {
  const stampedAhead = (seconds: number) =>
    new SlackDriver({
      eventsUrl: `${h.baseUrl}/slack/events`,
      signingSecret: SIGNING_SECRET,
      emulator: h.emulator,
      nowSeconds: () => Math.floor(Date.now() / 1000) + seconds,
    });

  test('a correctly signed request stamped 10 minutes ahead is refused like a bad signature, and does nothing', async () => {
    const viewId = await openForm('add Future Person', 'contact_add');
    const res = await stampedAhead(600).submitView(ALICE, viewId, {});
    expect(res.status).toBe(401);
    expect(await contactsNamed('Future Person')).toBe(0);
  });

  test('one stamped 4 minutes ahead (a clock a little fast) is accepted', async () => {
    const viewId = await openForm('add Slightly Ahead', 'contact_add');
    const res = await stampedAhead(240).submitView(ALICE, viewId, {});
    expect([res.status, res.body]).toEqual([200, '']);
    expect(await contactsNamed('Slightly Ahead')).toBe(1);
  });
});

async function waitForPosts(t: number, n: number) {
  const until = Date.now() + 5000;
  for (;;) {
    const posts = h.emulator.responsePosts.filter((p) => p.at >= t).map((p) => p.body);
    if (posts.length >= n) return posts;
    if (Date.now() > until) throw new Error(`only ${posts.length} answers`);
    await sleep(20);
  }
}

describe("the worker's housekeeping", () => {
  test('a tick forgets idempotency keys and event ids a day old, and keeps younger ones', async () => {
    const rows = async () => ({
      keys: await count('SELECT count(*)::int AS n FROM idempotency_keys'),
      events: await count('SELECT count(*)::int AS n FROM slack_deliveries'),
    });
    const kept = await rows();
    expect(kept.keys).toBeGreaterThan(0);
    expect(kept.events).toBeGreaterThan(0);
    // Those of the tests above since the re-ask's tick, which already forgot the older ones.
    const now = h.clock.now().getTime();
    await h.tick(new Date(now + 60 * 60_000).toISOString());
    expect(await rows()).toEqual(kept);
    await h.tick(new Date(now + 25 * 60 * 60_000).toISOString());
    expect(await rows()).toEqual({ keys: 0, events: 0 });
  });
});
