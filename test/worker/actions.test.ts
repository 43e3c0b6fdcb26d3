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

let h: Harness;
let channel: string;
let ts: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  h.emulator.setUser(ALICE.userId, { tz: 'Europe/Berlin' });
  for (const name of ['Ada', 'Grace', 'Linus', 'Margaret']) {
    await addContact(h, ALICE, name, { cadence: 'biweekly' });
    ids[name] = await contactId(h, ALICE, name);
  }
  // Monday 16 March, 09:00 in Berlin: all four are due.
  await h.tick('2026-03-16T08:00:00Z');
  const [post] = digestPosts(h, ALICE.userId);
  const response = post?.response as { channel: string; ts: string };
  channel = response.channel;
  ts = response.ts;
  // The member clicks an hour later.
  h.setNow('2026-03-16T09:00:00Z');
});
afterAll(() => h.stop());

const message = () => h.emulator.message(channel, ts);
const itemIndex = (name: string) => {
  const m = message();
  const blocks = (m?.blocks ?? []) as { type: string; text?: { text: string }; block_id?: string }[];
  const at = blocks.findIndex((b) => b.type === 'section' && b.text?.text.includes(`*${name}*`));
  const actions = blocks[at + 1];
  return Number(actions?.block_id?.replace('digest_item_', ''));
};
const dueOn = async (name: string) =>
  (await h.database.pool.query('SELECT next_due_on::text AS d FROM contacts WHERE id = $1', [ids[name]]))
    .rows[0]?.d;

describe('acting on a digest from the DM', () => {
  test('the digest lists each due contact with Log it, Snooze, Skip and Open', () => {
    const text = allText(message());
    for (const name of ['Ada', 'Grace', 'Linus', 'Margaret']) expect(text).toContain(`*${name}*`);
    expect(text).toContain('Log it');
    expect(text).toContain('Skip this cycle');
    expect(text).toContain('Open');
    expect(allText(elementIn(message(), `digest_snooze_${itemIndex('Ada')}`))).toMatch(
      /Snooze 1 week[\s\S]*Snooze 2 weeks[\s\S]*Snooze 1 month/,
    );
  });

  test('Snooze 2 weeks moves the check-in two weeks from the click and updates the message in place', async () => {
    const i = itemIndex('Ada');
    const option = elementIn(message(), `digest_snooze_${i}`).options?.[1];
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `digest_snooze_${i}`,
      selectedOption: option?.value,
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(await dueOn('Ada')).toBe('2026-03-30');
    expect(allText(message())).toContain('Snoozed until Mon, 30 Mar 2026');
  });

  test('Skip this cycle restarts the clock without a touch', async () => {
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `digest_skip_${itemIndex('Grace')}`,
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(await dueOn('Grace')).toBe('2026-03-30');
    const touches = await h.database.pool.query(
      'SELECT count(*)::int AS n FROM touches WHERE contact_id = $1',
      [ids.Grace],
    );
    expect(touches.rows[0].n).toBe(0);
    expect(allText(message())).toContain('Skipped this cycle; next check-in Mon, 30 Mar 2026');
  });

  test('Log it opens the log modal for that contact and, once logged, marks the item done', async () => {
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `digest_log_${itemIndex('Linus')}`,
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    const viewId = await openedViewId(h, 'touch_log', t);
    const view = h.emulator.view(viewId) as {
      blocks: { block_id: string; element?: { initial_options?: { value: string }[] } }[];
    };
    expect(view.blocks.find((b) => b.block_id === 'contact')?.element?.initial_options?.[0]?.value).toBe(
      String(ids.Linus),
    );
    const t2 = preciseNow();
    const res = await h.driver.submitView(ALICE, viewId, { intent: 'give' });
    expect(res.body).toBe('');
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t2);
    expect(await dueOn('Linus')).toBe('2026-03-30');
    expect(allText(message())).toContain('Logged a touch (Mon, 16 Mar 2026)');
  });

  test('Open shows the contact', async () => {
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `digest_open_${itemIndex('Margaret')}`,
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    expect(allText(await reply(h, /Last 12 months/, t))).toContain('Margaret');
  });

  test("another member replaying Alice's digest button changes nothing and is told so", async () => {
    const before = await dueOn('Margaret');
    const value = elementIn(message(), `digest_skip_${itemIndex('Margaret')}`).value;
    const updates = h.emulator.callsTo('chat.update').length;
    const t = preciseNow();
    await h.driver.blockAction(BOB, { actionId: 'digest_skip_3', value, container: { type: 'ephemeral' } });
    expect(allText(await reply(h, /isn't in your network/, t))).not.toContain('Margaret');
    expect(await dueOn('Margaret')).toBe(before);
    expect(h.emulator.callsTo('chat.update').length).toBe(updates);
  });

  test('snoozed, skipped and logged contacts are not in the next day’s digest; the untouched one is', async () => {
    await h.tick('2026-03-17T08:00:00Z');
    const posts = digestPosts(h, ALICE.userId);
    expect(posts).toHaveLength(2);
    // Due yesterday: overdue now, not "due today".
    expect(String(posts[1]?.args.text)).toBe('One check-in is overdue. Margaret.');
  });

  test('/touchbase due lists what is due now, with why', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'due');
    const text = allText(await reply(h, /due now/, t));
    expect(text).toContain('*Margaret*');
    expect(text).toContain('you planned calls every other week');
    expect(text).not.toContain('*Ada*');
  });
});
