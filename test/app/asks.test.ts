import { preciseNow } from '../../src/dev/slack-emulator';
import {
  ALICE,
  addContact,
  allText,
  BOB,
  contactId,
  digestPosts,
  elementIn,
  openedViewId,
  reply,
  type User,
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

const CAROL: User = { teamId: 'T0ALPHA', userId: 'U0CAROL' };

let h: Harness;
beforeAll(async () => {
  // Monday 2 March 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  for (const u of [ALICE, BOB, CAROL]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  await addContact(h, ALICE, 'Ada Lovelace');
  await addContact(h, ALICE, 'Grace Hopper');
  await addContact(h, CAROL, 'Linus');
});
afterAll(() => h.stop());

/** Logs a touch through the modal and returns the confirmation DM. */
async function logTouch(user: User, name: string, fields: Record<string, string | null>) {
  const t = preciseNow();
  // DMs already sent can share this millisecond; only a new one is this touch's confirmation.
  const earlier = new Set(h.emulator.callsTo('chat.postMessage'));
  await h.driver.slashCommand(user, `log ${name}`);
  const viewId = await openedViewId(h, 'touch_log', t);
  const res = await h.driver.submitView(user, viewId, fields);
  if (res.body !== '')
    return { errors: (res.json as { errors: Record<string, string> }).errors, dm: undefined };
  const dm = await h.emulator.waitForCall(
    'chat.postMessage',
    (c) => !earlier.has(c) && String(c.args.text).startsWith('Logged'),
  );
  return { errors: undefined, dm: dm.args as { text: string; blocks: unknown[] } };
}

const asksOf = async (user: User) =>
  (
    await h.database.pool.query(
      'SELECT what, status, asked_on::text, follow_up_on::text FROM asks WHERE user_id = $1 ORDER BY id',
      [user.userId],
    )
  ).rows;

describe('give more than you ask', () => {
  test('an ask needs a few words on what was asked; nothing is stored without them', async () => {
    const { errors } = await logTouch(ALICE, 'Ada', { intent: 'ask' });
    expect(errors?.ask_what).toMatch(/what you asked for/);
    expect(await asksOf(ALICE)).toEqual([]);
  });

  test('three asks through the modal: no warning on the first, ask-only and too-many on the third', async () => {
    const first = await logTouch(ALICE, 'Ada', {
      intent: 'ask',
      ask_what: 'an intro to Ben at Acme',
      touched_on: '2026-02-20',
    });
    expect(first.dm?.text).not.toMatch(/asks|ask\b.*waiting/i);
    expect(allText(first.dm)).toContain('Granted');
    expect(allText(first.dm)).toContain('Withdrawn');

    const second = await logTouch(ALICE, 'Ada', {
      intent: 'ask',
      ask_what: 'feedback on my deck',
      touched_on: '2026-02-27',
    });
    expect(second.dm?.text).toContain('still waiting on an earlier ask (“an intro to Ben at Acme”)');
    expect(second.dm?.text).not.toContain('of your last');

    const third = await logTouch(ALICE, 'Ada', { intent: 'ask', ask_what: 'a reference' });
    expect(third.dm?.text).toContain('3 of your last 3 touches with them were asks');
    expect(third.dm?.text).toContain('try giving first');
    expect(third.dm?.text).toContain('this is your 3rd ask in 90 days');
    // Warnings never block logging.
    expect((await asksOf(ALICE)).map((a) => a.what)).toEqual([
      'an intro to Ben at Acme',
      'feedback on my deck',
      'a reference',
    ]);
  });

  test('an ask after a long silence warns gently, with how long', async () => {
    await logTouch(ALICE, 'Grace', { intent: 'catch_up', touched_on: '2025-08-01' });
    const ask = await logTouch(ALICE, 'Grace', { intent: 'ask', ask_what: 'a speaking slot' });
    expect(ask.dm?.text).toContain('You had not been in touch for 7 months before this ask');
  });

  test('show lists pending asks with buttons, the ask-only flag and the balance; list shows the balance', async () => {
    let t = preciseNow();
    await h.driver.slashCommand(ALICE, 'show Ada');
    const card = allText(await reply(h, /Last 12 months/, t));
    expect(card).toContain('Last 12 months: 0 gives · 3 asks · 0 catch-ups');
    expect(card).toContain('Your recent touches with them were all asks');
    expect(card).toContain('Pending ask: “an intro to Ben at Acme”');
    expect(card).toContain('Pending ask: “a reference”');
    t = preciseNow();
    await h.driver.slashCommand(ALICE, 'list ada');
    expect(allText(await reply(h, /Contacts matching/, t))).toContain('0 gives, 3 asks in 12 months');
  });

  test('resolving an ask from its button marks it, once, for its owner only', async () => {
    const [first] = (
      await h.database.pool.query('SELECT id FROM asks WHERE user_id = $1 ORDER BY id LIMIT 1', [
        ALICE.userId,
      ])
    ).rows;
    const value = JSON.stringify({ a: Number(first.id) });
    let t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: `ask_granted_${first.id}`,
      value,
      container: { type: 'ephemeral' },
    });
    expect(allText(await reply(h, /isn't in your network/, t))).not.toContain('Ben');
    expect((await asksOf(ALICE))[0]?.status).toBe('pending');

    t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `ask_granted_${first.id}`,
      value,
      container: { type: 'ephemeral' },
    });
    expect(allText(await reply(h, /is marked granted/, t))).toContain('Remember to thank them');
    expect((await asksOf(ALICE))[0]?.status).toBe('granted');
  });

  test('another member never sees any of it', async () => {
    await addContact(h, BOB, 'Ada Lovelace');
    const t = preciseNow();
    await h.driver.slashCommand(BOB, 'show Ada');
    const card = allText(await reply(h, /Last 12 months/, t));
    expect(card).toContain('0 gives · 0 asks');
    expect(card).not.toContain('Pending ask');
    expect(card).not.toContain('all asks');
  });
});

describe('patience after an ask', () => {
  let linus: number;
  beforeAll(async () => {
    linus = await contactId(h, CAROL, 'Linus');
    h.setNow('2026-03-02T10:00:00Z');
    await logTouch(CAROL, 'Linus', { intent: 'ask', ask_what: 'a warm intro to his CTO' });
  });

  test('the follow-up comes on day 10, not on day 9', async () => {
    expect(await asksOf(CAROL)).toEqual([
      {
        what: 'a warm intro to his CTO',
        status: 'pending',
        asked_on: '2026-03-02',
        follow_up_on: '2026-03-12',
      },
    ]);
    await h.tick('2026-03-11T08:00:00Z');
    expect(digestPosts(h, CAROL.userId)).toHaveLength(0);
    expect(
      h.emulator
        .callsTo('chat.postMessage')
        .filter(
          (c) =>
            c.args.channel === h.emulator.dmChannelId(CAROL.userId) && /follow-up/.test(String(c.args.text)),
        ),
    ).toHaveLength(0);

    await h.tick('2026-03-12T08:00:00Z');
    const post = h.emulator
      .callsTo('chat.postMessage')
      .find((c) => c.ok && c.args.channel === h.emulator.dmChannelId(CAROL.userId));
    expect(String(post?.args.text)).toContain('One ask has waited long enough for a follow-up');
    expect(allText(post?.args)).toContain(
      'Your ask is waiting. A short follow-up that thanks them for considering it is welcome now.',
    );
    expect(allText(post?.args)).toContain('You asked for “a warm intro to his CTO” 10 days ago.');
    expect(linus).toBeGreaterThan(0);
  });

  test('resolving the ask from the digest updates the message and ends the follow-ups', async () => {
    const post = h.emulator
      .callsTo('chat.postMessage')
      .find((c) => c.ok && c.args.channel === h.emulator.dmChannelId(CAROL.userId));
    const { channel, ts } = (post as { response: { channel: string; ts: string } }).response;
    const message = h.emulator.message(channel, ts);
    const [ask] = (await h.database.pool.query('SELECT id FROM asks WHERE user_id = $1', [CAROL.userId]))
      .rows;
    const button = elementIn(message, `ask_declined_${ask.id}`);
    const t = preciseNow();
    await h.driver.blockAction(CAROL, {
      actionId: button.action_id,
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(allText(h.emulator.message(channel, ts))).toContain('Marked declined');
    expect((await asksOf(CAROL))[0]?.status).toBe('declined');

    const before = h.emulator.callsTo('chat.postMessage').length;
    await h.tick('2026-03-13T08:00:00Z');
    await h.tick('2026-03-16T08:00:00Z');
    expect(
      h.emulator
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === h.emulator.dmChannelId(CAROL.userId)),
    ).toHaveLength(1);
    expect(h.emulator.callsTo('chat.postMessage').length).toBeGreaterThanOrEqual(before);
  });
});

describe('the digest suggests giving when the last touches were asks', () => {
  test('Ada, due after three asks, comes with the ask-only flag and a nudge to give', async () => {
    // Ada's clock restarted with the last ask on 2 March; quarterly: due 2 June.
    await h.tick('2026-06-02T07:00:00Z');
    const posts = digestPosts(h, ALICE.userId);
    const text = allText(posts.at(-1)?.args);
    expect(text).toContain('*Ada Lovelace* :warning:');
    expect(text).toContain('Your recent touches were all asks: give something this time');
  });
});
