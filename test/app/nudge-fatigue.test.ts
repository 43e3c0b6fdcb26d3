import { preciseNow } from '../../src/dev/slack-emulator';
import {
  ALICE,
  addContact,
  allText,
  BOB,
  contactId,
  digestPosts,
  elementIn,
  reply,
  settledHome,
  type User,
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

/**
 * Nudge fatigue, end to end: digests sent by the worker, clicks signed as Slack signs them, the
 * answers read back from PostgreSQL. Alice (UTC) has Dana and Eli, both every other week, both due
 * on Monday 16 March 2026; each work day's 09:30 tick sends her digest.
 */
let h: Harness;
const ids: Record<string, number> = {};

const QUESTION = /You've let (\S+)'s reminder pass three times/;

beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  h.emulator.setUser(ALICE.userId, { tz: 'UTC' });
  h.emulator.setUser(BOB.userId, { tz: 'UTC' });
  for (const name of ['Dana', 'Eli']) {
    await addContact(h, ALICE, name, { cadence: 'biweekly' });
    ids[name] = await contactId(h, ALICE, name);
  }
});
afterAll(() => h.stop());

/** The worker's tick at 09:30 UTC on `day`; answers Alice's digest of that day as Slack holds it now. */
async function morning(day: string) {
  const before = digestPosts(h, ALICE.userId).length;
  await h.tick(`${day}T09:30:00Z`);
  const posts = digestPosts(h, ALICE.userId);
  expect(posts).toHaveLength(before + 1);
  const posted = posts.at(-1)?.response as { channel: string; ts: string } | undefined;
  if (!posted) throw new Error(`no digest for ${day}`);
  const { channel, ts } = posted;
  return { channel, ts, message: () => h.emulator.message(channel, ts) };
}

type Digest = Awaited<ReturnType<typeof morning>>;

/** The index of a person's item in the digest (its buttons are suffixed with it). */
function itemIndex(digest: Digest, name: string): number {
  const blocks = (digest.message()?.blocks ?? []) as {
    type: string;
    text?: { text: string };
    block_id?: string;
  }[];
  const at = blocks.findIndex((b) => b.type === 'section' && b.text?.text.startsWith(`*${name}*`));
  return Number(blocks[at + 1]?.block_id?.replace('digest_item_', ''));
}

async function click(
  user: User,
  digest: Digest,
  actionId: string,
  input: { value?: string; selectedOption?: string } = {},
) {
  const t = preciseNow();
  const res = await h.driver.blockAction(user, {
    actionId,
    ...input,
    container: { type: 'message', channelId: digest.channel, messageTs: digest.ts },
  });
  expect(res.status).toBe(200);
  return t;
}

async function fatigueRow(name: string) {
  const { rows } = await h.database.pool.query(
    `SELECT asked_on::text AS "askedOn", answer, answered_on::text AS "answeredOn"
     FROM contact_fatigue WHERE contact_id = $1`,
    [ids[name]],
  );
  return rows[0] ?? null;
}

async function cadenceOf(name: string): Promise<string> {
  const { rows } = await h.database.pool.query('SELECT cadence FROM contacts WHERE id = $1', [ids[name]]);
  return rows[0]?.cadence;
}

describe('a contact let pass three digests in a row', () => {
  let thursday: Digest;

  test('no question while the member keeps acting, or before the third ignored digest', async () => {
    for (const day of ['2026-03-16', '2026-03-17']) {
      expect(allText((await morning(day)).message())).not.toMatch(QUESTION);
    }
    // Wednesday: Alice snoozes Eli for a week from the digest; Dana is let pass a third time.
    const wednesday = await morning('2026-03-18');
    expect(allText(wednesday.message())).not.toMatch(QUESTION);
    const i = itemIndex(wednesday, 'Eli');
    const week = elementIn(wednesday.message(), `digest_snooze_${i}`).options?.[0]?.value;
    const t = await click(ALICE, wednesday, `digest_snooze_${i}`, { selectedOption: week });
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
  });

  test('the next digest asks once about Dana, with Keep, a menu of longer rhythms and Archive', async () => {
    thursday = await morning('2026-03-19');
    const text = allText(thursday.message());
    expect(text).toContain(
      "You've let Dana's reminder pass three times. Keep every other week, check in less often, or archive?",
    );
    const i = itemIndex(thursday, 'Dana');
    expect(allText(elementIn(thursday.message(), `digest_fatigue_keep_${i}`))).toBe('Keep every other week');
    const menu = elementIn(thursday.message(), `digest_fatigue_less_often_${i}`);
    expect(menu.options?.map((o) => o.text.text)).toEqual([
      'Monthly',
      'Quarterly',
      'Every 6 months',
      'Yearly',
    ]);
    expect(allText(elementIn(thursday.message(), `digest_fatigue_archive_${i}`))).toBe('Archive');
    expect(await fatigueRow('Dana')).toEqual({ askedOn: '2026-03-19', answer: null, answeredOn: null });
  });

  test('the App Home lists Dana as often skipped', async () => {
    const t = preciseNow();
    await h.driver.event(ALICE.teamId, {
      type: 'app_home_opened',
      user: ALICE.userId,
      channel: h.emulator.dmChannelId(ALICE.userId),
      tab: 'home',
    });
    const home = allText(await settledHome(h, ALICE, t));
    expect(home).toContain('Often skipped · 1');
    expect(home).toContain('*Dana* · reminder let pass three times in the last 60 days');
    expect(home).not.toMatch(/\*Eli\* · reminder let pass/);
  });

  test("another member replaying Alice's Archive button changes nothing and is told so", async () => {
    const value = elementIn(
      thursday.message(),
      `digest_fatigue_archive_${itemIndex(thursday, 'Dana')}`,
    ).value;
    const updates = h.emulator.callsTo('chat.update').length;
    const t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: 'digest_fatigue_archive_0',
      value,
      container: { type: 'ephemeral' },
    });
    expect(allText(await reply(h, /isn't in your network/, t))).not.toContain('Dana');
    const { rows } = await h.database.pool.query('SELECT archived_at FROM contacts WHERE id = $1', [
      ids.Dana,
    ]);
    expect(rows[0]?.archived_at).toBeNull();
    expect((await fatigueRow('Dana'))?.answer).toBeNull();
    expect(h.emulator.callsTo('chat.update').length).toBe(updates);
  });

  test('a double click on Keep writes once, and the digest shows the answer in place of the question', async () => {
    const i = itemIndex(thursday, 'Dana');
    const updates = h.emulator.callsTo('chat.update').length;
    const t = await click(ALICE, thursday, `digest_fatigue_keep_${i}`);
    await click(ALICE, thursday, `digest_fatigue_keep_${i}`);
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(h.emulator.callsTo('chat.update').length).toBe(updates + 1);
    const text = allText(thursday.message());
    expect(text).not.toMatch(QUESTION);
    expect(text).toContain('Keeping every other week check-ins with Dana.');
    expect(await fatigueRow('Dana')).toEqual({
      askedOn: '2026-03-19',
      answer: 'keep',
      answeredOn: '2026-03-19',
    });
    expect(await cadenceOf('Dana')).toBe('biweekly');
  });

  test('a second answer to a question already answered changes nothing', async () => {
    // The answered question has no buttons left: an Archive click still on its way finds it answered.
    const i = itemIndex(thursday, 'Dana');
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `digest_fatigue_archive_${i}`,
      blockId: `digest_item_${i}_fatigue`,
      value: JSON.stringify({ d: '2026-03-19', c: ids.Dana, a: 'archive' }),
      container: { type: 'message', channelId: thursday.channel, messageTs: thursday.ts },
    });
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    const { rows } = await h.database.pool.query('SELECT archived_at FROM contacts WHERE id = $1', [
      ids.Dana,
    ]);
    expect(rows[0]?.archived_at).toBeNull();
    expect((await fatigueRow('Dana'))?.answer).toBe('keep');
    expect(allText(thursday.message())).toContain('Keeping every other week check-ins with Dana.');
  });

  test('the answer is remembered: Dana, ignored again, is not asked about within 6 months', async () => {
    // Eli, snoozed to Wednesday 25, comes back; acting on him last week started his count afresh.
    for (const day of ['2026-03-20', '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27']) {
      expect(allText((await morning(day)).message())).not.toMatch(QUESTION);
    }
  });

  test('acting resets the count: Eli is asked about three ignored digests after his snooze', async () => {
    const monday = await morning('2026-03-30');
    expect(allText(monday.message()).match(QUESTION)?.[1]).toBe('Eli');
    const i = itemIndex(monday, 'Eli');
    // Crafted values change nothing: a shorter rhythm than his, or a question this digest never asked.
    for (const crafted of [
      { d: '2026-03-30', c: ids.Eli, a: 'less_often', k: 'biweekly' },
      { d: '2026-03-30', c: ids.Eli, a: 'less_often' },
      { d: '2026-03-27', c: ids.Eli, a: 'archive' },
    ]) {
      const t = preciseNow();
      await h.driver.blockAction(ALICE, {
        actionId: `digest_fatigue_${crafted.a}_${i}`,
        value: JSON.stringify(crafted),
        container: { type: 'ephemeral' },
      });
      await reply(h, /isn't in your network/, t);
    }
    expect(await cadenceOf('Eli')).toBe('biweekly');
    expect(await fatigueRow('Eli')).toEqual({ askedOn: '2026-03-30', answer: null, answeredOn: null });
    const quarterly = elementIn(monday.message(), `digest_fatigue_less_often_${i}`).options?.find(
      (o) => o.text.text === 'Quarterly',
    )?.value;
    const t = await click(ALICE, monday, `digest_fatigue_less_often_${i}`, { selectedOption: quarterly });
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(allText(monday.message())).toContain('Now checking in with Eli quarterly.');
    expect(await cadenceOf('Eli')).toBe('quarterly');
    expect((await fatigueRow('Eli'))?.answer).toBe('less_often');
  });

  let september: Digest;

  test('6 months after it was asked, three more ignored digests bring the question back', async () => {
    for (const day of ['2026-09-21', '2026-09-22', '2026-09-23']) {
      expect(allText((await morning(day)).message())).not.toMatch(QUESTION);
    }
    september = await morning('2026-09-24');
    expect(allText(september.message()).match(QUESTION)?.[1]).toBe('Dana');
    expect((await fatigueRow('Dana'))?.askedOn).toBe('2026-09-24');
  });

  test('Archive, from the question, archives the contact: the next digest leaves them out', async () => {
    const t = await click(ALICE, september, `digest_fatigue_archive_${itemIndex(september, 'Dana')}`);
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(allText(september.message())).toContain(
      'Archived Dana: no more reminders. `/touchbase restore` brings them back.',
    );
    const { rows } = await h.database.pool.query('SELECT archived_at FROM contacts WHERE id = $1', [
      ids.Dana,
    ]);
    expect(rows[0]?.archived_at).not.toBeNull();
    const friday = await morning('2026-09-25');
    expect(allText(friday.message())).not.toContain('*Dana*');
    expect(allText(friday.message())).toContain('*Eli*');
  });
});
