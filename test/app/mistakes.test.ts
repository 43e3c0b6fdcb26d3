import { preciseNow } from '../../src/dev/slack-emulator';
import {
  ALICE,
  addContact,
  allText,
  BOB,
  contactId,
  elementIn,
  openedViewId,
  reply,
  type User,
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

// Monday 2 March 2026, 11:00 in Berlin.
const START = '2026-03-02T10:00:00Z';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: START });
  for (const u of [ALICE, BOB]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
});
afterAll(() => h.stop());

type Posted = { args: { text: string; blocks: unknown[] }; response: { channel: string; ts: string } };

/** Logs a touch through the modal; answers the confirmation DM, or the modal's answer when it stayed open. */
async function logTouch(user: User, name: string, fields: Record<string, unknown>) {
  const t = preciseNow();
  const earlier = new Set(h.emulator.callsTo('chat.postMessage'));
  await h.driver.slashCommand(user, `log ${name}`);
  const viewId = await openedViewId(h, 'touch_log', t);
  const res = await h.driver.submitView(user, viewId, fields as never);
  if (res.body !== '') return { viewId, res, dm: undefined };
  const dm = await h.emulator.waitForCall(
    'chat.postMessage',
    (c) => !earlier.has(c) && String(c.args.text).startsWith('Logged'),
  );
  return { viewId, res, dm: dm as unknown as Posted };
}

const clockOf = async (id: number) =>
  (
    await h.database.pool.query('SELECT last_touch_on::text, next_due_on::text FROM contacts WHERE id = $1', [
      id,
    ])
  ).rows[0];

const touchesOf = async (id: number) =>
  (
    await h.database.pool.query(
      'SELECT id, touched_on::text, kind, intent, note FROM touches WHERE contact_id = $1 ORDER BY touched_on, id',
      [id],
    )
  ).rows as { id: string; touched_on: string; kind: string; intent: string; note: string | null }[];

const asksOf = async (id: number) =>
  (
    await h.database.pool.query(
      'SELECT what, status, asked_on::text, follow_up_on::text FROM asks WHERE contact_id = $1 ORDER BY id',
      [id],
    )
  ).rows;

/** `/touchbase show <name>` and the card it answers. */
async function show(name: string) {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, `show ${name}`);
  return reply(h, /Recent touches/, t);
}

describe('deleting and editing a touch from show', () => {
  let ada: number;
  beforeAll(async () => {
    // Added before any of the touches below, so only the touches decide her clock.
    h.setNow('2025-12-01T10:00:00Z');
    await addContact(h, ALICE, 'Ada Lovelace', {
      company: 'Analytical Engines',
      city: 'London',
      cadence: 'yearly',
    });
    h.setNow(START);
    ada = await contactId(h, ALICE, 'Ada Lovelace');
    await logTouch(ALICE, 'Ada Lovelace', {
      touched_on: '2026-01-15',
      intent: 'give',
      note: 'sent <the> paper',
    });
    await logTouch(ALICE, 'Ada Lovelace', { touched_on: '2026-02-27', intent: 'ask', ask_what: 'an intro' });
  });

  test('each recent touch has Edit and a Delete that asks first in a confirmation dialog', async () => {
    const card = await show('Ada Lovelace');
    const [older, newer] = await touchesOf(ada);
    expect(elementIn(card, `touch_edit_${older?.id}`)).toBeTruthy();
    const del = elementIn(card, `touch_delete_${newer?.id}`) as { confirm?: { text: { text: string } } };
    expect(del.confirm?.text.text).toContain('A call with Ada Lovelace (Analytical Engines, London)');
    expect(del.confirm?.text.text).toContain('and the ask it recorded');
    expect(allText(card)).toContain('sent &lt;the&gt; paper');
  });

  test("another member's click on Delete finds nothing and changes nothing", async () => {
    const [, newer] = await touchesOf(ada);
    const t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: `touch_delete_${newer?.id}`,
      value: String(newer?.id),
      container: { type: 'ephemeral' },
    });
    const answer = await reply(h, /no longer in your network/, t);
    expect(allText(answer)).not.toContain('Ada');
    expect(await touchesOf(ada)).toHaveLength(2);
  });

  test('Delete removes the touch and its ask, and the clock follows the touch left', async () => {
    expect(await clockOf(ada)).toEqual({ last_touch_on: '2026-02-27', next_due_on: '2027-02-27' });
    const [older, newer] = await touchesOf(ada);
    await show('Ada Lovelace');
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `touch_delete_${newer?.id}`,
      container: { type: 'ephemeral' },
    });
    const card = await reply(h, /Deleted a call/, t);
    expect(card.replace_original).toBe(true);
    expect(allText(card)).toContain(
      'Deleted a call with *Ada Lovelace* (Analytical Engines, London) on Fri, 27 Feb 2026.',
    );
    expect(() => elementIn(card, `touch_delete_${newer?.id}`)).toThrow();
    expect((await touchesOf(ada)).map((x) => x.id)).toEqual([older?.id]);
    expect(await asksOf(ada)).toEqual([]);
    expect(await clockOf(ada)).toEqual({ last_touch_on: '2026-01-15', next_due_on: '2027-01-15' });

    // A second click on the same (old) button: plainly gone, nothing else changes.
    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `touch_delete_${newer?.id}`,
      value: String(newer?.id),
      container: { type: 'ephemeral', messageTs: '0' },
      blockId: 'crafted',
    });
    await reply(h, /no longer in your network/, t2);
    expect(await touchesOf(ada)).toHaveLength(1);
  });

  test('Edit opens the touch prefilled; saving moves the clock and turns it into an ask', async () => {
    const [touch] = await touchesOf(ada);
    await show('Ada Lovelace');
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `touch_edit_${touch?.id}`,
      container: { type: 'ephemeral' },
    });
    const viewId = await openedViewId(h, 'touch_edit', t);
    const view = h.emulator.view(viewId) as {
      blocks: { block_id?: string; element?: { initial_date?: string; initial_value?: string } }[];
    };
    expect(view.blocks.find((b) => b.block_id === 'touched_on')?.element?.initial_date).toBe('2026-01-15');
    expect(view.blocks.find((b) => b.block_id === 'note')?.element?.initial_value).toBe('sent <the> paper');

    const earlier = new Set(h.emulator.callsTo('chat.postMessage'));
    const res = await h.driver.submitView(ALICE, viewId, {
      touched_on: '2025-12-10',
      kind: 'email',
      intent: 'ask',
      ask_what: 'a reference',
    });
    expect(res.body).toBe('');
    expect(await touchesOf(ada)).toEqual([
      { id: touch?.id, touched_on: '2025-12-10', kind: 'email', intent: 'ask', note: 'sent <the> paper' },
    ]);
    expect(await asksOf(ada)).toEqual([
      { what: 'a reference', status: 'pending', asked_on: '2025-12-10', follow_up_on: '2025-12-20' },
    ]);
    // Yearly from the only touch left, now an earlier one.
    expect(await clockOf(ada)).toEqual({ last_touch_on: '2025-12-10', next_due_on: '2026-12-10' });
    const dm = await h.emulator.waitForCall('chat.postMessage', (c) => !earlier.has(c));
    expect(dm.args.text).toBe(
      'Saved an email with Ada Lovelace (Analytical Engines, London) on Wed, 10 Dec 2025 (ask). Next check-in: Thu, 10 Dec 2026.',
    );
  });

  test('editing an ask into a give takes its ask away', async () => {
    const [touch] = await touchesOf(ada);
    await show('Ada Lovelace');
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `touch_edit_${touch?.id}`,
      container: { type: 'ephemeral' },
    });
    const viewId = await openedViewId(h, 'touch_edit', t);
    const res = await h.driver.submitView(ALICE, viewId, { intent: 'give' });
    expect(res.body).toBe('');
    expect(await asksOf(ada)).toEqual([]);
    expect((await touchesOf(ada))[0]?.intent).toBe('give');
  });

  test('a touch dated in the future is refused beside the date and nothing changes', async () => {
    const [touch] = await touchesOf(ada);
    await show('Ada Lovelace');
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `touch_edit_${touch?.id}`,
      container: { type: 'ephemeral' },
    });
    const viewId = await openedViewId(h, 'touch_edit', t);
    const res = await h.driver.submitView(ALICE, viewId, { touched_on: '2026-04-01' });
    expect((res.json as { errors: Record<string, string> }).errors.touched_on).toMatch(/in the future/);
    expect((await touchesOf(ada))[0]?.touched_on).toBe('2025-12-10');
  });
});

describe('Undo on a "Logged …" confirmation', () => {
  let grace: number;
  beforeAll(async () => {
    h.setNow('2025-12-01T10:00:00Z');
    await addContact(h, ALICE, 'Grace Hopper', { cadence: 'monthly' });
    h.setNow(START);
    grace = await contactId(h, ALICE, 'Grace Hopper');
  });

  const click = (user: User, dm: Posted, actionId: string) =>
    h.driver.blockAction(user, {
      actionId,
      container: { type: 'message', channelId: dm.response.channel, messageTs: dm.response.ts },
    });

  test('Undo deletes the touch just logged, puts the clock back, and says so in place', async () => {
    const { dm } = await logTouch(ALICE, 'Grace Hopper', { touched_on: '2026-02-20' });
    if (!dm) throw new Error('no confirmation');
    expect(await clockOf(grace)).toEqual({ last_touch_on: '2026-02-20', next_due_on: '2026-03-20' });

    const t = preciseNow();
    await click(ALICE, dm, 'touch_undo');
    await reply(h, /Undone/, t);
    const message = h.emulator.message(dm.response.channel, dm.response.ts);
    expect(allText(message)).toContain(
      'Undone: deleted a call with *Grace Hopper* on Fri, 20 Feb 2026. Next check-in: due now.',
    );
    expect(() => elementIn(message, 'touch_undo')).toThrow();
    expect(await touchesOf(grace)).toEqual([]);
    // No touch left: one month from the day she was added.
    expect(await clockOf(grace)).toEqual({ last_touch_on: null, next_due_on: '2026-01-01' });
  });

  test('once a newer touch is logged, Undo on the older one answers why not and changes nothing', async () => {
    const first = await logTouch(ALICE, 'Grace Hopper', { touched_on: '2026-02-25' });
    await logTouch(ALICE, 'Grace Hopper', { touched_on: '2026-02-28', kind: 'email' });
    if (!first.dm) throw new Error('no confirmation');
    const t = preciseNow();
    await click(ALICE, first.dm, 'touch_undo');
    const answer = await reply(h, /newer touch/, t);
    expect(answer.replace_original).not.toBe(true);
    expect(allText(answer)).toContain('Nothing was changed');
    expect(allText(answer)).toContain('/touchbase show Grace Hopper');
    expect((await touchesOf(grace)).map((x) => x.touched_on)).toEqual(['2026-02-25', '2026-02-28']);
    expect(await clockOf(grace)).toEqual({ last_touch_on: '2026-02-28', next_due_on: '2026-03-28' });
  });

  test("another member's Undo finds nothing", async () => {
    const [, latest] = await touchesOf(grace);
    const t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: 'touch_undo',
      value: String(latest?.id),
      container: { type: 'ephemeral' },
    });
    await reply(h, /no longer in your network/, t);
    expect(await touchesOf(grace)).toHaveLength(2);
  });
});

describe('a touch dated more than 10 years back', () => {
  let linus: number;
  beforeAll(async () => {
    await addContact(h, ALICE, 'Linus Torvalds');
    linus = await contactId(h, ALICE, 'Linus Torvalds');
  });

  test('asks "are you sure?" in the modal, keeping what was typed, and logs once ticked', async () => {
    const first = await logTouch(ALICE, 'Linus', {
      touched_on: '1999-03-12',
      kind: 'email',
      note: 'kernel <patch>',
    });
    expect(first.dm).toBeUndefined();
    expect((first.res.json as { response_action: string }).response_action).toBe('update');
    expect(await touchesOf(linus)).toEqual([]);
    const view = h.emulator.view(first.viewId) as {
      blocks: {
        block_id?: string;
        element?: { initial_date?: string; initial_value?: string; initial_option?: { value: string } };
      }[];
    };
    const ids = view.blocks.map((b) => b.block_id);
    expect(ids.indexOf('date_confirm')).toBe(ids.indexOf('touched_on') + 2);
    expect(allText(view)).toContain('Fri, 12 Mar 1999 is 27 years ago, more than 10 years back');
    expect(view.blocks.find((b) => b.block_id === 'touched_on')?.element?.initial_date).toBe('1999-03-12');
    expect(view.blocks.find((b) => b.block_id === 'note')?.element?.initial_value).toBe('kernel <patch>');
    expect(view.blocks.find((b) => b.block_id === 'kind')?.element?.initial_option?.value).toBe('email');

    // Submitted again without the tick: an error beside the box, still nothing logged.
    const again = await h.driver.submitView(ALICE, first.viewId, {});
    expect((again.json as { errors: Record<string, string> }).errors.date_confirm).toMatch(/Tick this/);
    expect(await touchesOf(linus)).toEqual([]);

    const earlier = new Set(h.emulator.callsTo('chat.postMessage'));
    const ticked = await h.driver.submitView(ALICE, first.viewId, { date_confirm: ['yes'] } as never);
    expect(ticked.body).toBe('');
    expect(await touchesOf(linus)).toEqual([
      expect.objectContaining({ touched_on: '1999-03-12', kind: 'email', note: 'kernel <patch>' }),
    ]);
    await h.emulator.waitForCall('chat.postMessage', (c) => !earlier.has(c));
  });

  test('a date before an imported connection date asks too, naming when you connected', async () => {
    await addContact(h, ALICE, 'Priya Sharma');
    const priya = await contactId(h, ALICE, 'Priya Sharma');
    await h.database.pool.query(`UPDATE contacts SET known_since = '2024-03-12' WHERE id = $1`, [priya]);
    const first = await logTouch(ALICE, 'Priya', { touched_on: '2023-01-10' });
    expect(first.dm).toBeUndefined();
    expect(allText(h.emulator.view(first.viewId))).toContain(
      'Tue, 10 Jan 2023 is before you were connected with Priya Sharma (Tue, 12 Mar 2024)',
    );
    expect(await touchesOf(priya)).toEqual([]);
    const ticked = await h.driver.submitView(ALICE, first.viewId, { date_confirm: ['yes'] } as never);
    expect(ticked.body).toBe('');
    expect(await touchesOf(priya)).toEqual([expect.objectContaining({ touched_on: '2023-01-10' })]);
    // On or after the connection date: logged at once.
    expect((await logTouch(ALICE, 'Priya', { touched_on: '2024-03-12' })).dm).toBeDefined();
  });

  test('a date within 10 years logs at once', async () => {
    const { dm } = await logTouch(ALICE, 'Linus', { touched_on: '2016-03-03' });
    expect(dm).toBeDefined();
  });
});

describe('adding someone who is already a contact', () => {
  beforeAll(async () => {
    await addContact(h, ALICE, 'Zoë Ångström', { company: 'Acme', city: 'Zürich' });
    await addContact(h, ALICE, 'Sam Slack', { slack_user: 'U0SAM' });
  });

  const countNamed = async (sql: string) =>
    Number(
      (
        await h.database.pool.query(`SELECT count(*) AS n FROM contacts WHERE user_id = $1 AND ${sql}`, [
          ALICE.userId,
        ])
      ).rows[0]?.n,
    );

  test('the same name, case and accents ignored, warns in the modal with Show; adding anyway works', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'add zoe angstrom');
    const viewId = await openedViewId(h, 'contact_add', t);
    const res = await h.driver.submitView(ALICE, viewId, { city: 'Basel' });
    expect((res.json as { response_action: string }).response_action).toBe('update');
    expect(await countNamed("name_key = 'zoe angstrom'")).toBe(1);
    const view = h.emulator.view(viewId) as {
      blocks: { block_id?: string; element?: { initial_value?: string } }[];
    };
    expect(allText(view)).toContain('You already have *Zoë Ångström* (Acme, Zürich)');
    expect(view.blocks.find((b) => b.block_id === 'city')?.element?.initial_value).toBe('Basel');

    // Show opens the existing contact (in the DM: a modal has nowhere else to answer).
    const zoe = await contactId(h, ALICE, 'Zoë Ångström');
    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `contact_show_${zoe}`,
      container: { type: 'view', viewId },
    });
    await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t2 && allText(c.args).includes('Last 12 months'),
    );

    const unticked = await h.driver.submitView(ALICE, viewId, {});
    expect((unticked.json as { errors: Record<string, string> }).errors.add_anyway).toMatch(/Tick this/);
    const ticked = await h.driver.submitView(ALICE, viewId, { add_anyway: ['yes'] } as never);
    expect(ticked.body).toBe('');
    expect(await countNamed("name_key = 'zoe angstrom'")).toBe(2);
  });

  test('the same Slack user under another name warns too', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'add Samuel');
    const viewId = await openedViewId(h, 'contact_add', t);
    const res = await h.driver.submitView(ALICE, viewId, { slack_user: 'U0SAM' });
    expect((res.json as { response_action: string }).response_action).toBe('update');
    expect(allText(h.emulator.view(viewId))).toContain('You already have *Sam Slack* · <@U0SAM>');
    expect(await countNamed("name = 'Samuel'")).toBe(0);
  });

  test("a new name adds at once, and another member's contacts never count", async () => {
    await addContact(h, BOB, 'Zoe Angstrom');
    const { rows } = await h.database.pool.query(
      'SELECT count(*)::int AS n FROM contacts WHERE user_id = $1',
      [BOB.userId],
    );
    expect(rows[0]?.n).toBe(1);
  });
});

describe('archive names the contact, and list archived restores', () => {
  let zoe: number;
  beforeAll(async () => {
    const { rows } = await h.database.pool.query(
      "SELECT id FROM contacts WHERE user_id = $1 AND name = 'Zoë Ångström' AND city = 'Zürich'",
      [ALICE.userId],
    );
    zoe = Number(rows[0]?.id);
  });

  test('the archive confirmation tells two people of one name apart by company and city', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'archive Zoë Ångström');
    const choice = await reply(h, /2 contacts match/, t);
    expect(allText(choice)).toContain('Zürich');
    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `choose_archive_${zoe}`,
      container: { type: 'ephemeral' },
    });
    const ask = await reply(h, /Archive \*Zoë Ångström\*/, t2);
    expect(allText(ask)).toContain('Archive *Zoë Ångström* (Acme, Zürich)?');
    expect(ask.text).toBe('Archive Zoë Ångström (Acme, Zürich)?');
    const t3 = preciseNow();
    await h.driver.blockAction(ALICE, { actionId: 'archive_confirm', container: { type: 'ephemeral' } });
    expect(allText(await reply(h, /Archived/, t3))).toContain('Archived *Zoë Ångström* (Acme, Zürich).');
  });

  test('`list archived` lists archived contacts with Restore, which brings one back', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'list archived');
    const list = await reply(h, /Archived contacts/, t);
    expect(allText(list)).toContain('*Zoë Ångström* · Acme · Zürich');
    expect(allText(list)).not.toContain('Grace Hopper');

    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, { actionId: `list_restore_${zoe}`, container: { type: 'ephemeral' } });
    const after = await reply(h, /Restored/, t2);
    expect(after.replace_original).toBe(true);
    expect(allText(after)).toContain('Restored *Zoë Ångström* (Acme, Zürich).');
    expect(allText(after)).toContain('You have no archived contacts');
    const { rows } = await h.database.pool.query('SELECT archived_at FROM contacts WHERE id = $1', [zoe]);
    expect(rows[0]?.archived_at).toBeNull();
  });

  test("Bob's Restore on Alice's archived contact changes nothing", async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'archive Linus');
    await reply(h, /Archive \*Linus/, t);
    const linus = await contactId(h, ALICE, 'Linus Torvalds');
    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, { actionId: 'archive_confirm', container: { type: 'ephemeral' } });
    await reply(h, /Archived/, t2);
    const t3 = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: `list_restore_${linus}`,
      value: String(linus),
      container: { type: 'ephemeral' },
    });
    await reply(h, /isn't in your network/, t3);
    const { rows } = await h.database.pool.query('SELECT archived_at FROM contacts WHERE id = $1', [linus]);
    expect(rows[0]?.archived_at).not.toBeNull();
  });
});
