import { preciseNow } from '../../src/dev/slack-emulator';
import {
  ALICE,
  addContact,
  allText,
  contactId,
  countRows,
  openedViewId,
  rawText,
  reply,
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

// Tuesday 1 December 2026, 10:00 UTC (11:00 in Berlin, the member's zone).
const START = '2026-12-01T10:00:00Z';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: START });
  h.emulator.setUser(ALICE.userId, { tz: 'Europe/Berlin' });
});
afterAll(() => h.stop());

async function schedule(name: string) {
  const { rows } = await h.database.pool.query(
    `SELECT last_touch_on::text, talked_before_on::text, next_due_on::text FROM contacts WHERE user_id = $1 AND name = $2`,
    [ALICE.userId, name],
  );
  return rows[0];
}

async function logTouch(name: string, fields: Record<string, unknown>) {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, `log ${name}`);
  const viewId = await openedViewId(h, 'touch_log', t);
  expect((await h.driver.submitView(ALICE, viewId, fields as never)).body).toBe('');
  const dm = await h.emulator.waitForCall(
    'chat.postMessage',
    (c) => c.at >= t && String(c.args.text).startsWith('Logged'),
  );
  return dm.args;
}

/** The DM confirming a contact was added. */
async function added(name: string, after: number) {
  const dm = await h.emulator.waitForCall(
    'chat.postMessage',
    (c) => c.at >= after && allText(c.args).includes(`Added *${name}*`),
  );
  return dm.args;
}

/** Slack's token for a day at noon UTC, with our own date as its fallback. */
function token(day: string, fallback: string): string {
  return `<!date^${Date.parse(`${day}T12:00:00Z`) / 1000}^{date_short_pretty}|${fallback}>`;
}

describe('the next check-in follows the latest real touch', () => {
  test('a yearly contact added today with a touch from 14 months ago is due now, in every message', async () => {
    await addContact(h, ALICE, 'Yuki Tanaka', { cadence: 'yearly' });
    const logged = await logTouch('yuki tanaka', {
      kind: 'call',
      intent: 'catch_up',
      touched_on: '2025-10-01',
    });
    expect(await schedule('Yuki Tanaka')).toEqual({
      last_touch_on: '2025-10-01',
      talked_before_on: null,
      next_due_on: '2026-10-01',
    });
    expect(allText(logged)).toContain('Next check-in: due now.');
    expect(allText(logged)).not.toMatch(/2027/);

    let t = preciseNow();
    await h.driver.slashCommand(ALICE, 'show yuki');
    const card = allText(await reply(h, /Recent touches/, t));
    expect(card).toContain('*Next*\noverdue since Thu, 1 Oct 2026');
    expect(card).not.toMatch(/2027/);

    t = preciseNow();
    await h.driver.slashCommand(ALICE, 'due');
    expect(allText(await reply(h, /due now/, t))).toContain('Yuki Tanaka');

    t = preciseNow();
    await h.driver.slashCommand(ALICE, 'edit yuki');
    await h.driver.submitView(ALICE, await openedViewId(h, 'contact_edit', t), { role: 'Designer' });
    const saved = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && allText(c.args).includes('Saved *Yuki Tanaka*'),
    );
    expect(allText(saved.args)).toContain('Saved *Yuki Tanaka*: yearly, next check-in due now.');
  });

  test('a later touch moves the clock on; an older one leaves it where it is', async () => {
    await logTouch('yuki tanaka', { kind: 'video', intent: 'give', touched_on: '2026-11-20' });
    expect((await schedule('Yuki Tanaka'))?.next_due_on).toBe('2027-11-20');
    const older = await logTouch('yuki tanaka', { kind: 'call', intent: 'give', touched_on: '2026-01-15' });
    expect((await schedule('Yuki Tanaka'))?.next_due_on).toBe('2027-11-20');
    expect(allText(older)).toContain('Next check-in: Sat, 20 Nov 2027.');
  });
});

describe('adding a contact can say when you last talked', () => {
  test('the add form asks, roughly or on a day; the edit form does not', async () => {
    let t = preciseNow();
    await h.driver.slashCommand(ALICE, 'add Someone New');
    const add = h.emulator.view(await openedViewId(h, 'contact_add', t)) as {
      blocks: { block_id: string; element: { options?: { value: string }[] } }[];
    };
    expect(
      add.blocks.find((b) => b.block_id === 'talked_before')?.element.options?.map((o) => o.value),
    ).toEqual(['1m', '3m', '6m', '1y', 'never']);
    expect(allText(add)).toContain('About 3 months ago');
    expect(add.blocks.some((b) => b.block_id === 'talked_on')).toBe(true);

    t = preciseNow();
    await h.driver.slashCommand(ALICE, 'edit yuki');
    const edit = h.emulator.view(await openedViewId(h, 'contact_edit', t)) as {
      blocks: { block_id: string }[];
    };
    expect(edit.blocks.map((b) => b.block_id)).not.toContain('talked_before');
    expect(edit.blocks.map((b) => b.block_id)).not.toContain('talked_on');
  });

  test('"about 6 months ago" on a yearly cadence: the first check-in is in 6 months, and no touch is made', async () => {
    const t = preciseNow();
    const touches = await countRows(h, 'touches');
    await addContact(h, ALICE, 'Kenji Sato', { cadence: 'yearly', talked_before: '6m' });
    expect(await schedule('Kenji Sato')).toEqual({
      last_touch_on: '2026-06-01',
      talked_before_on: '2026-06-01',
      next_due_on: '2027-06-01',
    });
    expect(await countRows(h, 'touches')).toBe(touches);
    const dm = await added('Kenji Sato', t);
    expect(allText(dm)).toContain('yearly, first check-in in 6 months (Tue, 1 Jun 2027).');
    // Each reader sees the day in their own locale; the fallback is for clients that cannot.
    expect(rawText(dm)).toContain(token('2027-06-01', 'Tue, 1 Jun 2027'));
  });

  test('a day long enough ago makes them due at once, and the digest reason counts from it', async () => {
    let t = preciseNow();
    await addContact(h, ALICE, 'Mara Olsen', { cadence: 'quarterly', talked_on: '2026-05-10' });
    expect(await schedule('Mara Olsen')).toEqual({
      last_touch_on: '2026-05-10',
      talked_before_on: '2026-05-10',
      next_due_on: '2026-08-10',
    });
    expect(allText(await added('Mara Olsen', t))).toContain('quarterly, first check-in due now.');
    t = preciseNow();
    await h.driver.slashCommand(ALICE, 'due');
    expect(allText(await reply(h, /Mara Olsen/, t))).toMatch(/Mara Olsen[\s\S]*Last talked 7 months ago/);
  });

  test('"never" starts a full cadence from today, as not saying does', async () => {
    await addContact(h, ALICE, 'Nils Berg', { cadence: 'quarterly', talked_before: 'never' });
    expect(await schedule('Nils Berg')).toEqual({
      last_touch_on: null,
      talked_before_on: null,
      next_due_on: '2027-03-01',
    });
  });

  test('a touch logged later counts as usual; one older than the day given changes nothing', async () => {
    await logTouch('kenji sato', { kind: 'call', intent: 'catch_up', touched_on: '2026-02-01' });
    expect(await schedule('Kenji Sato')).toMatchObject({
      last_touch_on: '2026-06-01',
      next_due_on: '2027-06-01',
    });
    await logTouch('kenji sato', { kind: 'call', intent: 'catch_up', touched_on: '2026-11-30' });
    expect(await schedule('Kenji Sato')).toEqual({
      last_touch_on: '2026-11-30',
      talked_before_on: '2026-06-01',
      next_due_on: '2027-11-30',
    });
  });

  test('undoing the only touch since puts the clock back on the day given, not on the day added', async () => {
    await addContact(h, ALICE, 'Pia Lund', { cadence: 'yearly', talked_before: '6m' });
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'log pia lund');
    const viewId = await openedViewId(h, 'touch_log', t);
    await h.driver.submitView(ALICE, viewId, {
      kind: 'call',
      intent: 'catch_up',
      touched_on: '2026-11-30',
    } as never);
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && String(c.args.text).startsWith('Logged'),
    );
    expect((await schedule('Pia Lund')).next_due_on).toBe('2027-11-30');
    const response = dm.response as { channel: string; ts: string };
    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: 'touch_undo',
      container: { type: 'message', channelId: response.channel, messageTs: response.ts },
    });
    await reply(h, /Undone/, t2);
    expect(await schedule('Pia Lund')).toEqual({
      last_touch_on: '2026-06-01',
      talked_before_on: '2026-06-01',
      next_due_on: '2027-06-01',
    });
  });

  test.each([
    [
      'a day and a rough time both',
      { talked_before: '3m', talked_on: '2026-09-01' },
      'talked_on',
      /not both/,
    ],
    ['a day in the future', { talked_on: '2026-12-02' }, 'talked_on', /in the future/],
  ])('%s is refused beside the field and nothing is stored', async (_what, fields, field, message) => {
    const before = await countRows(h, 'contacts');
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'add Refused Person');
    const viewId = await openedViewId(h, 'contact_add', t);
    const res = await h.driver.submitView(ALICE, viewId, fields as never);
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[field]).toMatch(message);
    expect(await countRows(h, 'contacts')).toBe(before);
    expect(await contactId(h, ALICE, 'Refused Person').catch(() => null)).toBeNull();
  });
});
