import { setTimeout as sleep } from 'node:timers/promises';
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
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

/**
 * A member's button clicks write once: two clicks 8 ms apart, two at the same instant, or a click
 * later on the same button of an old message. Each repeat is answered as the first click was.
 */

let h: Harness;
const ids: Record<string, number> = {};
beforeAll(async () => {
  // Monday 2 March 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  h.emulator.setUser(ALICE.userId, { tz: 'Europe/Berlin' });
  await addContact(h, ALICE, 'Fiona Reyes', { wants_needs: 'Looking for a fintech investor.' });
  await addContact(h, ALICE, 'Ivo Marsh', { wants_needs: 'An intro to a fintech investor.' });
  for (const name of ['Ada', 'Grace', 'Linus']) await addContact(h, ALICE, name, { cadence: 'biweekly' });
  for (const name of ['Fiona Reyes', 'Ivo Marsh', 'Ada', 'Grace', 'Linus']) {
    ids[name] = await contactId(h, ALICE, name);
  }
});
afterAll(() => h.stop());

const touchCount = async (contact: number) =>
  (await h.database.pool.query('SELECT count(*)::int AS n FROM touches WHERE contact_id = $1', [contact]))
    .rows[0].n as number;
const dueOn = async (contact: number) =>
  (await h.database.pool.query('SELECT next_due_on::text AS d FROM contacts WHERE id = $1', [contact]))
    .rows[0]?.d as string;

/** A share answer's Mark as shared button for a contact, as the member's Slack shows it: its message, block and value. */
async function shareButton(what: string, contact: number) {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, `share ${what}`);
  await reply(h, /Who could use/, t);
  const message = h.emulator.ephemeralMessages(ALICE.userId).at(-1);
  if (!message) throw new Error('no share answer');
  const actionId = `share_mark_${contact}`;
  const block = ((message.blocks ?? []) as { block_id?: string; accessory?: { action_id: string } }[]).find(
    (b) => b.accessory?.action_id === actionId,
  );
  return {
    actionId,
    value: elementIn({ blocks: [{ elements: [block?.accessory] }] }, actionId).value,
    blockId: block?.block_id,
    container: { type: 'ephemeral' as const, channelId: message.channel, messageTs: message.ts },
  };
}

describe('Mark as shared', () => {
  test('two clicks 8 ms apart log one give, and both are answered with the same confirmation', async () => {
    const button = await shareButton('fintech investor', ids['Fiona Reyes'] as number);
    const t = preciseNow();
    const first = h.driver.blockAction(ALICE, button);
    await sleep(8);
    const second = h.driver.blockAction(ALICE, button);
    expect((await Promise.all([first, second])).map((r) => r.status)).toEqual([200, 200]);
    await reply(h, /Logged a give/, t);
    // Both clicks get the answer of the one that wrote: the list with Fiona's give confirmed, in place.
    await waitFor(() => answersSince(t).length === 2);
    for (const answer of answersSince(t)) {
      expect(answer.replace_original).toBe(true);
      expect(allText(answer)).toContain('Logged a give with *Fiona Reyes* today.');
    }
    expect(await touchCount(ids['Fiona Reyes'] as number)).toBe(1);

    // Later, a click on the same button of that old message (a stale copy of it): still one give.
    h.setNow('2026-03-02T10:20:00Z');
    const later = preciseNow();
    await h.driver.blockAction(ALICE, button);
    await waitFor(() => answersSince(later).length === 1);
    expect(allText(answersSince(later)[0])).toContain('Logged a give with *Fiona Reyes* today.');
    expect(allText(answersSince(later)[0])).not.toMatch(/something went wrong/i);
    expect(await touchCount(ids['Fiona Reyes'] as number)).toBe(1);
  });

  test('two clicks at the same instant log one give', async () => {
    const button = await shareButton('intro to an investor', ids['Ivo Marsh'] as number);
    const t = preciseNow();
    await Promise.all([h.driver.blockAction(ALICE, button), h.driver.blockAction(ALICE, button)]);
    await waitFor(() => answersSince(t).length === 2);
    expect(await touchCount(ids['Ivo Marsh'] as number)).toBe(1);
  });

  test('sharing something else with the same person is another give', async () => {
    const before = await touchCount(ids['Ivo Marsh'] as number);
    const button = await shareButton('fintech meetup', ids['Ivo Marsh'] as number);
    const t = preciseNow();
    await h.driver.blockAction(ALICE, button);
    await reply(h, /Logged a give/, t);
    expect(await touchCount(ids['Ivo Marsh'] as number)).toBe(before + 1);
  });
});

describe("the digest's buttons", () => {
  let channel: string;
  let ts: string;
  const message = () => h.emulator.message(channel, ts);
  const itemIndex = (name: string) => {
    const blocks = (message()?.blocks ?? []) as {
      type: string;
      text?: { text: string };
      block_id?: string;
    }[];
    const at = blocks.findIndex((b) => b.type === 'section' && b.text?.text.includes(`*${name}*`));
    return Number(blocks[at + 1]?.block_id?.replace('digest_item_', ''));
  };
  const inDigest = () => ({ type: 'message' as const, channelId: channel, messageTs: ts });

  beforeAll(async () => {
    // Monday 16 March, 09:00 in Berlin: the three biweekly contacts are due.
    await h.tick('2026-03-16T08:00:00Z');
    const response = digestPosts(h, ALICE.userId)[0]?.response as { channel: string; ts: string };
    channel = response.channel;
    ts = response.ts;
    h.setNow('2026-03-16T09:00:00Z');
  });

  test('Snooze clicked twice 8 ms apart, then again a day later, snoozes once, from the first click', async () => {
    const i = itemIndex('Ada');
    const option = elementIn(message(), `digest_snooze_${i}`).options?.[1]?.value; // 2 weeks
    // The member's Slack may still show the menu after the digest was redrawn without it: the same
    // block and option are sent each time.
    const click = () =>
      h.driver.blockAction(ALICE, {
        actionId: `digest_snooze_${i}`,
        blockId: `digest_item_${i}`,
        selectedOption: option,
        value: option,
        container: inDigest(),
      });
    const t = preciseNow();
    const first = click();
    await sleep(8);
    await Promise.all([first, click()]);
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(await dueOn(ids.Ada as number)).toBe('2026-03-30');
    expect(allText(message())).toContain('Snoozed until Mon, 30 Mar 2026');
    // The digest was redrawn once: the repeat had nothing new to show.
    await sleep(200);
    expect(h.emulator.callsTo('chat.update').filter((c) => c.at >= t)).toHaveLength(1);

    // The next day, the same option on the same message would count two weeks from then; it does not.
    h.setNow('2026-03-17T09:00:00Z');
    try {
      await click();
      expect(await dueOn(ids.Ada as number)).toBe('2026-03-30');
    } finally {
      h.setNow('2026-03-16T09:00:00Z');
    }
  });

  test('Skip this cycle clicked twice at once, then a day later, restarts the clock once', async () => {
    const i = itemIndex('Grace');
    const value = elementIn(message(), `digest_skip_${i}`).value;
    const click = () =>
      h.driver.blockAction(ALICE, {
        actionId: `digest_skip_${i}`,
        blockId: `digest_item_${i}`,
        value,
        container: inDigest(),
      });
    const t = preciseNow();
    await Promise.all([click(), click()]);
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(await dueOn(ids.Grace as number)).toBe('2026-03-30');
    expect(allText(message())).toContain('Skipped this cycle; next check-in Mon, 30 Mar 2026');
    // A day later, on the same message, it would restart the clock from then; it does not.
    h.setNow('2026-03-17T09:00:00Z');
    try {
      await click();
      expect(await dueOn(ids.Grace as number)).toBe('2026-03-30');
    } finally {
      h.setNow('2026-03-16T09:00:00Z');
    }
  });

  test('Log it clicked twice opens the form each time; the touch is logged once, however often it is submitted', async () => {
    const t = preciseNow();
    const logIt = () =>
      h.driver.blockAction(ALICE, { actionId: `digest_log_${itemIndex('Linus')}`, container: inDigest() });
    // Opening a form writes nothing: the member who closed it gets it again.
    await logIt();
    await openedViewId(h, 'touch_log', t);
    const t1 = preciseNow();
    await logIt();
    const viewId = await openedViewId(h, 'touch_log', t1);
    const submitted = h.driver.submitView(ALICE, viewId, { intent: 'give' });
    const again = h.driver.resendLast();
    const answers = await Promise.all([submitted, again]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    // Both closed the form, as the first did.
    expect(answers.map((a) => a.body)).toEqual(['', '']);
    expect(await touchCount(ids.Linus as number)).toBe(1);
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(allText(message())).toContain('Logged a touch (Mon, 16 Mar 2026)');
    // One confirmation DM, not two.
    await sleep(200);
    const confirmations = h.emulator
      .callsTo('chat.postMessage')
      .filter((c) => c.at >= t && /Logged a/.test(String(c.args.text)));
    expect(confirmations).toHaveLength(1);
  });
});

describe('Undo', () => {
  test('clicked twice takes the touch back once, and both clicks hear that it was undone', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'log fiona');
    const viewId = await openedViewId(h, 'touch_log', t);
    await h.driver.submitView(ALICE, viewId, { intent: 'catch_up' });
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Logged a/.test(String(c.args.text)),
    );
    const { channel, ts } = dm.response as { channel: string; ts: string };
    const before = await touchCount(ids['Fiona Reyes'] as number);
    const blocks = (h.emulator.message(channel, ts)?.blocks ?? []) as {
      block_id: string;
      accessory?: { action_id: string; value: string };
    }[];
    const undo = blocks.find((b) => b.accessory?.action_id === 'touch_undo');
    if (!undo?.accessory) throw new Error('no Undo in the confirmation');
    const { value } = undo.accessory;
    const click = () =>
      h.driver.blockAction(ALICE, {
        actionId: 'touch_undo',
        blockId: undo.block_id,
        value,
        container: { type: 'message', channelId: channel, messageTs: ts },
      });
    const t2 = preciseNow();
    const first = click();
    await sleep(8);
    await Promise.all([first, click()]);
    await waitFor(() => answersSince(t2).length === 2);
    expect(await touchCount(ids['Fiona Reyes'] as number)).toBe(before - 1);
    for (const answer of answersSince(t2)) {
      expect(allText(answer)).toMatch(/Undone/i);
      expect(allText(answer)).not.toMatch(/no longer in your network|newer touch/);
    }
  });
});

describe('Archive on the App Home', () => {
  test('archives again after a restore: the Home redrawn is a new view of the same id', async () => {
    await addContact(h, BOB, 'Dormant Dan', { cadence: 'monthly' });
    const dan = await contactId(h, BOB, 'Dormant Dan');
    // Half a year without a word: more than twice their cadence, so the Home offers to archive them.
    h.setNow('2026-09-15T09:00:00Z');
    const archived = async () =>
      (
        await h.database.pool.query(
          'SELECT archived_at IS NOT NULL AS archived FROM contacts WHERE id = $1',
          [dan],
        )
      ).rows[0]?.archived;
    const homeAfter = async (t: number) => {
      const call = await h.emulator.waitForCall(
        'views.publish',
        (c) => c.at >= t && c.args.user_id === BOB.userId && allText(c.args).includes('Dormant Dan'),
      );
      return (call.response as { view: { id: string } }).view.id;
    };
    const archiveFromHome = async (viewId: string) => {
      const t = preciseNow();
      await h.driver.blockAction(BOB, {
        actionId: `home_archive_${dan}`,
        container: { type: 'view', viewId },
      });
      // The answer is the refreshed Home.
      await h.emulator.waitForCall('views.publish', (c) => c.at >= t && c.args.user_id === BOB.userId);
    };
    let t = preciseNow();
    await h.driver.event(BOB.teamId, {
      type: 'app_home_opened',
      user: BOB.userId,
      channel: h.emulator.dmChannelId(BOB.userId),
      tab: 'home',
    });
    const home = await homeAfter(t);
    await archiveFromHome(home);
    expect(await archived()).toBe(true);

    t = preciseNow();
    await h.driver.slashCommand(BOB, 'restore Dormant Dan');
    await reply(h, /Restored/, t);
    expect(await archived()).toBe(false);
    // The same button in the Home as it is now (same view id, block and value) is a new click.
    expect(await homeAfter(t)).toBe(home);
    await archiveFromHome(home);
    expect(await archived()).toBe(true);
  });
});

/** Answers to clicks (response_url posts) since `t`, oldest first. */
function answersSince(t: number) {
  return h.emulator.responsePosts
    .filter((p) => p.at >= t)
    .map((p) => p.body as { text: string; blocks: unknown[]; replace_original?: boolean });
}

async function waitFor(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(20);
  }
}
