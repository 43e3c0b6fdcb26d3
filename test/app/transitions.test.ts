import { preciseNow } from '../../src/dev/slack-emulator';
import {
  ALICE,
  addContact,
  allText,
  BOB,
  contactId,
  digestPosts,
  openedViewId,
  reply,
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
const ids: Record<string, number> = {};
beforeAll(async () => {
  // Monday 5 January 2026: Ada quarterly (due 5 April); Grace monthly (due 5 February).
  h = await startHarness({ startAt: '2026-01-05T10:00:00Z' });
  for (const u of [ALICE, BOB]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  await addContact(h, ALICE, 'Ada Lovelace', { cadence: 'quarterly' });
  await addContact(h, ALICE, 'Grace Hopper', { cadence: 'monthly' });
  for (const n of ['Ada Lovelace', 'Grace Hopper']) ids[n] = await contactId(h, ALICE, n);
  await addContact(h, BOB, 'Bob Contact');
  ids.bobs = await contactId(h, BOB, 'Bob Contact');
});
afterAll(() => h.stop());

const contactRow = async (id: number) =>
  (
    await h.database.pool.query(
      'SELECT transition_kind, transition_on::text, next_due_on::text FROM contacts WHERE id = $1',
      [id],
    )
  ).rows[0];

describe('a transition in a contact’s life', () => {
  test('noted from the command: stored, the check-in due at once, confirmed', async () => {
    // Tuesday 10 February: Grace is two cadences overdue by now; Ada is not due until April.
    h.setNow('2026-02-10T10:00:00Z');
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'transition ada');
    const viewId = await openedViewId(h, 'transition_note', t);
    const res = await h.driver.submitView(ALICE, viewId, {
      transition_kind: 'lost_job',
      transition_note: 'Acme closed its Berlin office',
    });
    expect(res.body).toBe('');
    expect(await contactRow(ids['Ada Lovelace'] as number)).toEqual({
      transition_kind: 'lost_job',
      transition_on: '2026-02-10',
      next_due_on: '2026-02-10',
    });
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Noted/.test(String(c.args.text)),
    );
    expect(allText(dm.args)).toContain('*Ada Lovelace* lost their job');
  });

  test('the next digest puts the fresh transition first, whatever the cadence', async () => {
    await h.tick('2026-02-11T08:00:00Z');
    const [post] = digestPosts(h, ALICE.userId);
    const text = allText(post?.args);
    expect(text.indexOf('Ada Lovelace')).toBeLessThan(text.indexOf('Grace Hopper'));
    expect(text).toContain('Lost their job (noted yesterday): a good time to check in.');
  });

  test('list and show mark it', async () => {
    let t = preciseNow();
    await h.driver.slashCommand(ALICE, 'list');
    expect(allText(await reply(h, /Your contacts/, t))).toMatch(
      /Ada Lovelace[\s\S]*lost their job, yesterday/,
    );
    t = preciseNow();
    await h.driver.slashCommand(ALICE, 'show Ada');
    const card = allText(await reply(h, /Last 12 months/, t));
    expect(card).toContain('lost their job, yesterday');
    expect(card).toContain('Note a transition');
  });

  test('for 90 days the cadence is at most monthly; afterwards it is the contact’s own again', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'log Ada Lovelace');
    let viewId = await openedViewId(h, 'touch_log', t);
    await h.driver.submitView(ALICE, viewId, { intent: 'catch_up' });
    // 11 February + 1 month, not + 3 months.
    expect((await contactRow(ids['Ada Lovelace'] as number)).next_due_on).toBe('2026-03-11');

    // 12 May is past the 90 days (they ended on 10 May): quarterly again.
    h.setNow('2026-05-12T10:00:00Z');
    const t2 = preciseNow();
    await h.driver.slashCommand(ALICE, 'log Ada Lovelace');
    viewId = await openedViewId(h, 'touch_log', t2);
    await h.driver.submitView(ALICE, viewId, { intent: 'give' });
    expect((await contactRow(ids['Ada Lovelace'] as number)).next_due_on).toBe('2026-08-12');
  });

  test("the show card's button opens the form; a crafted form for another member's contact stores nothing", async () => {
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: 'contact_transition',
      value: String(ids['Grace Hopper']),
      container: { type: 'ephemeral' },
    });
    const viewId = await openedViewId(h, 'transition_note', t);
    const res = await h.driver.submitView(
      ALICE,
      viewId,
      { transition_kind: 'moved' },
      { privateMetadata: JSON.stringify({ contactId: ids.bobs }) },
    );
    expect((res.json as { errors: Record<string, string> }).errors.transition_kind).toMatch(
      /isn't in your network/,
    );
    expect(await contactRow(ids.bobs as number)).toMatchObject({
      transition_kind: null,
      transition_on: null,
    });
    const rows = await h.database.pool.query(
      'SELECT count(*)::int AS n FROM transitions WHERE contact_id = $1',
      [ids.bobs],
    );
    expect(rows.rows[0].n).toBe(0);
  });
});
