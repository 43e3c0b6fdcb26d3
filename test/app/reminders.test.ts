import { preciseNow, type RecordedCall } from '../../src/dev/slack-emulator';
import { remindersBetween } from '../../src/store/reminders';
import {
  ALICE,
  addContact,
  allText,
  BOB,
  contactId,
  elementIn,
  openedViewId,
  reply,
  settledHome,
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
const ids = { Dana: 0, Eve: 0 };
beforeAll(async () => {
  // Wednesday 4 March 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-03-04T10:00:00Z' });
  for (const u of [ALICE, BOB]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  await addContact(h, ALICE, 'Dana', { cadence: 'yearly' });
  await addContact(h, ALICE, 'Sam Ray', { cadence: 'yearly' });
  await addContact(h, ALICE, 'Sam Oak', { cadence: 'yearly' });
  await addContact(h, BOB, 'Bob’s Eve', { cadence: 'yearly' });
  ids.Dana = await contactId(h, ALICE, 'Dana');
  ids.Eve = await contactId(h, BOB, 'Bob’s Eve');
});
afterAll(() => h.stop());

const remindersOf = async (user: { userId: string }) =>
  (
    await h.database.pool.query(
      `SELECT r.id::int, c.name, r.remind_on::text AS on, r.what, r.done_at IS NOT NULL AS done,
              r.cancelled_at IS NOT NULL AS cancelled
       FROM reminders r JOIN contacts c ON c.id = r.contact_id WHERE r.user_id = $1 ORDER BY r.id`,
      [user.userId],
    )
  ).rows;

const nextDueOf = async (id: number) =>
  (await h.database.pool.query('SELECT next_due_on::text AS d FROM contacts WHERE id = $1', [id])).rows[0].d;

/** `/touchbase <text>` that must open the reminder form: the form as opened. */
async function remindForm(text: string) {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, text);
  const viewId = await openedViewId(h, 'reminder_set', t);
  const view = h.emulator.view(viewId) as { blocks: unknown[] };
  return { viewId, view, text: allText(view) };
}

/** The form's initial values: the contact picked, the day, what to do. */
function initials(view: { blocks: unknown[] }) {
  const element = (id: string) =>
    (view.blocks as { block_id?: string; element?: Record<string, unknown> }[]).find((b) => b.block_id === id)
      ?.element ?? {};
  const contact = element('contact').initial_option as { value: string } | undefined;
  return {
    contact: contact ? Number(contact.value) : null,
    day: element('remind_on').initial_date,
    what: element('what').initial_value ?? '',
  };
}

/** Alice's DM posts that are digests with a reminder. */
const reminderDigests = () =>
  h.emulator
    .callsTo('chat.postMessage')
    .filter(
      (c: RecordedCall) =>
        c.ok &&
        c.args.channel === h.emulator.dmChannelId(ALICE.userId) &&
        /reminders? you set/.test(String(c.args.text)),
    ) as (RecordedCall & { response: { channel: string; ts: string } })[];

describe('/touchbase remind', () => {
  test('a clear name, day and what is saved at once and said back; the check-in date stays', async () => {
    const due = await nextDueOf(ids.Dana);
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'remind Dana Friday send her the deck');
    const answer = await reply(h, /remind you/, t);
    expect(allText(answer)).toContain('I’ll remind you on Fri, 6 Mar 2026 about *Dana*: send her the deck');
    expect(await remindersOf(ALICE)).toEqual([
      expect.objectContaining({ name: 'Dana', on: '2026-03-06', what: 'send her the deck', done: false }),
    ]);
    expect(await nextDueOf(ids.Dana)).toBe(due);
  });

  test('the day is read in the member’s own zone: at 10:00 UTC it is already Thursday on Kiritimati', async () => {
    const KIRI = { teamId: 'T0ALPHA', userId: 'U0KIRI' };
    h.emulator.setUser(KIRI.userId, { tz: 'Pacific/Kiritimati' });
    await addContact(h, KIRI, 'Tia');
    const t = preciseNow();
    await h.driver.slashCommand(KIRI, 'remind Tia tomorrow call');
    expect(allText(await reply(h, /about \*Tia\*/, t))).toContain('on Fri, 6 Mar 2026 about *Tia*: call');
    expect((await remindersOf(KIRI)).map((r) => r.on)).toEqual(['2026-03-06']);
  });

  test.each([
    ['no date', 'remind Dana call her about Boston', /which day/, '2026-03-05', 'call her about Boston'],
    ['a day past', 'remind Dana yesterday call her', /which day/, '2026-03-05', 'call her'],
    ['years away', 'remind Dana in 10 years call her', /which day/, '2026-03-05', 'call her'],
    ['nothing to do', 'remind Dana next week', /What should I remind you of/, '2026-03-09', ''],
  ])(
    '%s: the form opens, filled with what was understood, and nothing is saved',
    async (_, text, hint, day, what) => {
      const before = (await remindersOf(ALICE)).length;
      const form = await remindForm(text);
      expect(form.text).toMatch(hint);
      expect(initials(form.view)).toEqual({ contact: ids.Dana, day, what });
      expect(await remindersOf(ALICE)).toHaveLength(before);
    },
  );

  test('a name that fits several, or nobody, opens the form to pick one, with the day and what kept', async () => {
    let form = await remindForm('remind Sam tomorrow lunch');
    expect(form.text).toContain('Several contacts match “Sam”');
    expect(initials(form.view)).toEqual({ contact: null, day: '2026-03-05', what: 'lunch' });
    form = await remindForm('remind Zed <b> on 14 March intro');
    expect(form.text).toContain('No contact matches “Zed &lt;b&gt;”');
    expect(initials(form.view)).toEqual({ contact: null, day: '2026-03-14', what: 'intro' });
  });

  test('the form saves a reminder; a day past, empty what or someone else’s contact are refused beside the field', async () => {
    const before = (await remindersOf(ALICE)).length;
    const form = await remindForm('remind Dana soon');
    const refusals: [Record<string, string>, string, RegExp][] = [
      [{ remind_on: '2026-03-01' }, 'remind_on', /has passed/],
      [{ remind_on: '2036-03-01' }, 'remind_on', /Pick a day up to Sat, 4 Mar 2028/],
      [{ what: '   ' }, 'what', /Say what to do/],
      [{ contact: String(ids.Eve), what: 'steal' }, 'contact', /one of your contacts/],
    ];
    for (const [fields, field, message] of refusals) {
      const res = await h.driver.submitView(ALICE, form.viewId, { what: 'ring', ...fields });
      expect((res.json as { errors: Record<string, string> }).errors[field]).toMatch(message);
    }
    expect(await remindersOf(ALICE)).toHaveLength(before);
    const t = preciseNow();
    const res = await h.driver.submitView(ALICE, form.viewId, {
      remind_on: '2026-03-10',
      what: 'ring <her>',
    });
    expect(res.body).toBe('');
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /remind you/.test(String(c.args.text)),
    );
    expect(allText(dm.args)).toContain('on Tue, 10 Mar 2026 about *Dana*: ring &lt;her&gt;');
    expect((await remindersOf(ALICE)).at(-1)).toEqual(
      expect.objectContaining({ on: '2026-03-10', what: 'ring <her>' }),
    );
  });

  test('Remind me on a contact’s card opens the form about them; Bob’s click on Alice’s contact does not', async () => {
    let t = preciseNow();
    await h.driver.slashCommand(ALICE, 'show Dana');
    const card = await reply(h, /Dana/, t);
    const button = elementIn(card, `contact_remind`);
    t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: button.action_id,
      value: button.value,
      container: { type: 'ephemeral' },
    });
    const viewId = await openedViewId(h, 'reminder_set', t);
    expect(initials(h.emulator.view(viewId) as { blocks: unknown[] })).toEqual({
      contact: ids.Dana,
      day: '2026-03-05',
      what: '',
    });
    t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: 'contact_remind',
      value: String(ids.Dana),
      container: { type: 'ephemeral' },
    });
    await reply(h, /isn't in your network/, t);
  });
});

test('Set a reminder on the Home opens the form, about whom still to pick', async () => {
  let t = preciseNow();
  await h.driver.event(ALICE.teamId, {
    type: 'app_home_opened',
    user: ALICE.userId,
    channel: h.emulator.dmChannelId(ALICE.userId),
    tab: 'home',
  });
  const home = await settledHome(h, ALICE, t);
  expect(allText(home)).toContain('Set a reminder');
  t = preciseNow();
  await h.driver.blockAction(ALICE, {
    actionId: 'home_remind',
    container: { type: 'view', viewId: home.id },
  });
  const viewId = await openedViewId(h, 'reminder_set', t);
  expect(initials(h.emulator.view(viewId) as { blocks: unknown[] })).toEqual({
    contact: null,
    day: '2026-03-05',
    what: '',
  });
});

describe('reminders in the digest', () => {
  test('nothing before its day; on its day it comes first, with Done and Log it', async () => {
    await h.tick('2026-03-05T08:30:00Z');
    expect(reminderDigests()).toHaveLength(0);
    await h.tick('2026-03-06T08:30:00Z');
    expect(reminderDigests()).toHaveLength(1);
    const text = allText(reminderDigests()[0]?.args);
    expect(text).toContain('A reminder you set.');
    expect(text).toContain('*Dana*: send her the deck');
    expect(text).not.toContain('since');
  });

  test('left undone it comes again the next work day, marked since its day', async () => {
    await h.tick('2026-03-09T08:30:00Z');
    expect(reminderDigests()).toHaveLength(2);
    expect(allText(reminderDigests()[1]?.args)).toContain(
      '*Dana*: send her the deck _(since Fri, 6 Mar 2026)_',
    );
  });

  test('Bob cannot mark Alice’s reminder done; Done redraws the digest, and a second click writes nothing more', async () => {
    const [reminder] = await remindersOf(ALICE);
    const { channel, ts } = (reminderDigests()[1] as { response: { channel: string; ts: string } }).response;
    let t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: `reminder_done_${reminder.id}`,
      value: JSON.stringify({ r: reminder.id }),
      container: { type: 'ephemeral' },
    });
    await reply(h, /isn't in your network/, t);
    expect((await remindersOf(ALICE))[0].done).toBe(false);

    const button = elementIn(h.emulator.message(channel, ts), `reminder_done_${reminder.id}`);
    t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: button.action_id,
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(allText(h.emulator.message(channel, ts))).toMatch(
      /~\*Dana\*: send her the deck~\n:white_check_mark: Done\./,
    );
    expect((await remindersOf(ALICE))[0].done).toBe(true);
    const doneAt = async () =>
      (await h.database.pool.query('SELECT done_at FROM reminders WHERE id = $1', [reminder.id])).rows[0]
        .done_at;
    const first = await doneAt();
    const updates = h.emulator.callsTo('chat.update').length;
    await h.driver.blockAction(ALICE, {
      actionId: button.action_id,
      value: button.value,
      blockId: 'digest_item_0',
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    // Answered as the first click was (which only redrew the digest), not as a click on a done reminder.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.emulator.responsePosts.filter((p) => /already done/.test(allText(p.body)))).toEqual([]);
    expect(await doneAt()).toEqual(first);
    expect(h.emulator.callsTo('chat.update').length).toBe(updates);
    expect(await nextDueOf(ids.Dana)).not.toBe('2026-03-09');
  });

  test('once done it comes no more', async () => {
    const before = reminderDigests().length;
    await h.tick('2026-03-10T08:30:00Z');
    // Tuesday's reminder (set from the form) comes; Friday's, done, does not.
    expect(reminderDigests()).toHaveLength(before + 1);
    const text = allText(reminderDigests().at(-1)?.args);
    expect(text).toContain('*Dana*: ring &lt;her&gt;');
    expect(text).not.toContain('send her the deck');
  });

  test('Log it marks it done and opens the log form about the contact, once however often it is clicked', async () => {
    const reminder = (await remindersOf(ALICE)).find((r) => r.what === 'ring <her>');
    const { channel, ts } = (reminderDigests().at(-1) as { response: { channel: string; ts: string } })
      .response;
    const button = elementIn(h.emulator.message(channel, ts), `reminder_log_${reminder.id}`);
    const opensBefore = h.emulator.callsTo('views.open').length;
    const t = preciseNow();
    const click = () =>
      h.driver.blockAction(ALICE, {
        actionId: button.action_id,
        container: { type: 'message', channelId: channel, messageTs: ts },
      });
    await Promise.all([click(), click()]);
    const viewId = await openedViewId(h, 'touch_log', t);
    const form = h.emulator.view(viewId) as { blocks: unknown[] };
    expect(allText(form)).toContain('Dana');
    const note = (form.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find(
      (b) => b.block_id === 'note',
    );
    expect(note?.element?.initial_value).toBe('ring <her>');
    await click();
    expect(h.emulator.callsTo('views.open').length).toBe(opensBefore + 1);
    expect((await remindersOf(ALICE)).find((r) => r.id === reminder.id)?.done).toBe(true);
  });
});

describe('/touchbase reminders', () => {
  test('lists the pending ones soonest first with Cancel; Cancel takes one off and the list is redrawn', async () => {
    let t = preciseNow();
    await h.driver.slashCommand(ALICE, 'remind Dana on 14 March book the venue');
    await reply(h, /remind you on Sat, 14 Mar 2026/, t);
    t = preciseNow();
    await h.driver.slashCommand(ALICE, 'remind Sam Oak in 3 days lunch');
    await reply(h, /remind you on Fri, 13 Mar 2026 about \*Sam Oak\*/, t);
    t = preciseNow();
    await h.driver.slashCommand(ALICE, 'reminders');
    const list = await reply(h, /reminders pending/, t);
    expect(allText(list)).toMatch(/2 reminders pending[\s\S]*Sam Oak\*: lunch[\s\S]*Dana\*: book the venue/);
    expect(allText(list)).not.toContain('send her the deck');

    const venue = (await remindersOf(ALICE)).find((r) => r.what === 'book the venue');
    t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: `reminder_cancel_${venue.id}`,
      value: JSON.stringify({ r: venue.id }),
      container: { type: 'ephemeral' },
    });
    await reply(h, /isn't in your network/, t);
    t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `reminder_cancel_${venue.id}`,
      value: JSON.stringify({ r: venue.id }),
      container: { type: 'ephemeral' },
    });
    const redrawn = await reply(h, /Cancelled the reminder/, t);
    expect(redrawn.replace_original).toBe(true);
    expect(allText(redrawn)).toMatch(
      /Cancelled the reminder about \*Dana\* on Sat, 14 Mar 2026[\s\S]*One reminder pending/,
    );
    expect((await remindersOf(ALICE)).find((r) => r.id === venue.id)?.cancelled).toBe(true);

    t = preciseNow();
    await h.driver.slashCommand(ALICE, 'remind');
    expect(allText(await reply(h, /pending/, t))).not.toContain('book the venue');
    t = preciseNow();
    await h.driver.slashCommand(BOB, 'reminders');
    await reply(h, /No reminders pending/, t);
  });
});

describe('remindersBetween, for the calendar feed', () => {
  test('the member’s pending reminders in the range, by day; never done, cancelled or anyone else’s', async () => {
    const found = await remindersBetween(h.database.pool, ALICE, '2026-03-01', '2026-03-31');
    expect(found.map((r) => [r.remindOn, r.contactName, r.what])).toEqual([
      ['2026-03-13', 'Sam Oak', 'lunch'],
    ]);
    expect(await remindersBetween(h.database.pool, ALICE, '2026-03-14', '2026-03-31')).toEqual([]);
    expect(await remindersBetween(h.database.pool, BOB, '2026-01-01', '2027-12-31')).toEqual([]);
  });
});

describe('a long reminder', () => {
  test('takes more than a name’s 200 characters after `remind`; past what a reminder holds it is refused plainly', async () => {
    const what = `bring ${'the printed agenda and '.repeat(10)}the deck`;
    expect(what.length).toBeGreaterThan(200);
    let t = preciseNow();
    await h.driver.slashCommand(ALICE, `remind Dana Friday ${what}`);
    expect(allText(await reply(h, /remind you/, t))).toContain('about *Dana*: bring the printed agenda');
    const saved = (await remindersOf(ALICE)).filter((r) => r.what === what);
    expect(saved).toHaveLength(1);

    const before = await remindersOf(ALICE);
    t = preciseNow();
    const res = await h.driver.slashCommand(ALICE, `remind Dana Friday ${'x'.repeat(700)}`);
    expect(allText(res.json)).toContain(
      'That is longer than a reminder can be (600 characters at most). Nothing was changed.',
    );
    expect(await remindersOf(ALICE)).toEqual(before);
    // Leaves the reminders as the tests above left them.
    await h.database.pool.query('DELETE FROM reminders WHERE id = $1', [saved[0]?.id]);
  });
});

describe('an archived contact’s reminders', () => {
  test('wait while the contact is archived, out of the digest and the feed, and come again once restored', async () => {
    const ERIN = { teamId: 'T0ALPHA', userId: 'U0ERIN' };
    h.emulator.setUser(ERIN.userId, { tz: 'Europe/Berlin' });
    await addContact(h, ERIN, 'Finn Archer', { cadence: 'none' });
    const finn = await contactId(h, ERIN, 'Finn Archer');
    let t = preciseNow();
    await h.driver.slashCommand(ERIN, 'remind Finn Archer tomorrow return his book');
    await reply(h, /remind you/, t);
    const [reminder] = await remindersOf(ERIN);
    const day = (offset: number) => {
      const d = new Date(`${reminder.on}T08:30:00Z`);
      d.setUTCDate(d.getUTCDate() + offset);
      return d.toISOString();
    };

    t = preciseNow();
    await h.driver.slashCommand(ERIN, 'archive Finn Archer');
    await reply(h, /Archive \*Finn Archer\*\?/, t);
    t = preciseNow();
    await h.driver.blockAction(ERIN, {
      actionId: 'archive_confirm',
      value: String(finn),
      container: { type: 'ephemeral' },
    });
    await reply(h, /Archived \*Finn Archer\*/, t);

    const erinsDigests = (after: number) =>
      h.emulator
        .callsTo('chat.postMessage')
        .filter((c) => c.ok && c.at >= after && c.args.channel === h.emulator.dmChannelId(ERIN.userId));
    t = preciseNow();
    await h.tick(day(0));
    expect(erinsDigests(t)).toEqual([]);
    expect(await remindersBetween(h.database.pool, ERIN, reminder.on, reminder.on)).toEqual([]);

    t = preciseNow();
    await h.driver.slashCommand(ERIN, 'restore Finn Archer');
    await reply(h, /Restored \*Finn Archer\*/, t);
    t = preciseNow();
    await h.tick(day(1));
    expect(allText(erinsDigests(t)[0]?.args)).toContain('*Finn Archer*: return his book _(since');
  });
});
