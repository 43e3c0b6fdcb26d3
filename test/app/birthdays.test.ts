import { preciseNow, type RecordedCall } from '../../src/dev/slack-emulator';
import {
  ALICE,
  addContact,
  allText,
  BOB,
  contactId,
  openedViewId,
  reply,
  settledHome,
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
/** A member with nothing else going on, so only her work days decide when her digest comes. */
const CAROL = { teamId: 'T0ALPHA', userId: 'U0CAROL' };
const ids: Record<string, number> = {};

beforeAll(async () => {
  // Monday 2 March 2026, 11:00 in Berlin. Saturday 7 March is Dana's birthday, Wednesday 4 March Sam's.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  for (const u of [ALICE, BOB, CAROL]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  // No cadence: the digests below carry dates and nothing else.
  await addContact(h, ALICE, 'Dana Lee', { cadence: 'none', birthday_day: '7', birthday_month: '3' });
  await addContact(h, ALICE, 'Sam Park', { cadence: 'none', birthday_day: '4', birthday_month: '3' });
  await addContact(h, BOB, 'Bobs Friend', {
    cadence: 'none',
    birthday_day: '4',
    birthday_month: '3',
    date_label_0: 'secret anniversary',
    date_on_0: '2020-03-05',
  });
  for (const n of ['Dana Lee', 'Sam Park']) ids[n] = await contactId(h, ALICE, n);
});
afterAll(() => h.stop());

async function datesOf(id: number) {
  const { rows } = await h.database.pool.query(
    `SELECT kind, label, month, day, year, next_on::text AS next_on FROM contact_dates
     WHERE contact_id = $1 ORDER BY kind = 'birthday' DESC, id`,
    [id],
  );
  return rows;
}

async function openForm(user: typeof ALICE, command: string, callbackId: string) {
  const t = preciseNow();
  await h.driver.slashCommand(user, command);
  return openedViewId(h, callbackId, t);
}

/** The DM posts the worker sent a member after `after`. */
function dmPosts(userId: string, after: number): RecordedCall[] {
  const dm = h.emulator.dmChannelId(userId);
  return h.emulator.callsTo('chat.postMessage').filter((c) => c.ok && c.args.channel === dm && c.at >= after);
}

async function show(user: typeof ALICE, name: string) {
  const t = preciseNow();
  await h.driver.slashCommand(user, `show ${name}`);
  return allText(await reply(h, /Last 12 months|No contact|don't have/i, t));
}

describe('the contact form', () => {
  test('a birthday with its year and another date are kept, shown by `show` next first, and pre-filled in edit', async () => {
    await addContact(h, ALICE, 'Ada', {
      cadence: 'none',
      birthday_day: '12',
      birthday_month: '4',
      birthday_year: '1985',
      date_label_0: 'work anniversary',
      date_on_0: '2019-03-20',
    });
    ids.Ada = await contactId(h, ALICE, 'Ada');
    expect(await datesOf(ids.Ada as number)).toEqual([
      { kind: 'birthday', label: 'birthday', month: 4, day: 12, year: 1985, next_on: '2026-04-12' },
      { kind: 'other', label: 'work anniversary', month: 3, day: 20, year: 2019, next_on: '2026-03-20' },
    ]);

    const card = await show(ALICE, 'Ada');
    expect(card).toContain('Work anniversary: 20 March 2019 · next Fri, 20 Mar 2026 (in 3 weeks)');
    expect(card).toContain('Birthday: 12 April 1985 · next Sun, 12 Apr 2026');
    expect(card.indexOf('Work anniversary')).toBeLessThan(card.indexOf('Birthday:'));

    const viewId = await openForm(ALICE, 'edit Ada', 'contact_edit');
    const view = h.emulator.view(viewId) as unknown as {
      blocks: { block_id: string; element: Record<string, unknown> }[];
    };
    const element = (id: string) => view.blocks.find((b) => b.block_id === id)?.element;
    expect(element('birthday_day')?.initial_option).toMatchObject({ value: '12' });
    expect(element('birthday_month')?.initial_option).toMatchObject({ value: '4' });
    expect(element('birthday_year')?.initial_value).toBe('1985');
    expect(element('date_label_0')?.initial_value).toBe('work anniversary');
    expect(element('date_on_0')?.initial_date).toBe('2019-03-20');
    // A second row, empty, to add another.
    expect(element('date_label_1')?.initial_value).toBeUndefined();

    // Clearing the anniversary's row removes it; the birthday stays as it was.
    const res = await h.driver.submitView(ALICE, viewId, { date_label_0: '', date_on_0: null });
    expect(res.body).toBe('');
    expect(await datesOf(ids.Ada as number)).toEqual([
      { kind: 'birthday', label: 'birthday', month: 4, day: 12, year: 1985, next_on: '2026-04-12' },
    ]);
  });

  test.each([
    ['31 April', { birthday_day: '31', birthday_month: '4' }, 'birthday_day', 'April has no day 31.'],
    ['a day without its month', { birthday_day: '3' }, 'birthday_month', /Pick the month/],
    ['a year alone', { birthday_year: '1980' }, 'birthday_day', /day and month/],
    [
      'a year after this one',
      { birthday_day: '3', birthday_month: '5', birthday_year: '2027' },
      'birthday_year',
      'The year must be between 1900 and 2026.',
    ],
    [
      'a year before 1900',
      { birthday_day: '3', birthday_month: '5', birthday_year: '1899' },
      'birthday_year',
      /between 1900/,
    ],
    [
      '29 February of a year that had none',
      { birthday_day: '29', birthday_month: '2', birthday_year: '1985' },
      'birthday_year',
      '1985 was not a leap year: February had no day 29.',
    ],
    [
      'a year in words',
      { birthday_day: '3', birthday_month: '5', birthday_year: 'nineteen' },
      'birthday_year',
      /four digits/,
    ],
    ['a date without its label', { date_on_0: '2020-06-01' }, 'date_label_0', /what this date is for/],
    ['a label without its date', { date_label_0: 'graduation' }, 'date_on_0', 'Pick the day.'],
    [
      'a label of control characters only',
      { date_label_0: '\u0007\u0008', date_on_0: '2020-06-01' },
      'date_label_0',
      /what this date is for/,
    ],
  ])('%s: an error beside the field, and nothing saved', async (_what, fields, field, message) => {
    const count = async () =>
      (
        await h.database.pool.query(
          'SELECT (SELECT count(*) FROM contacts)::int + (SELECT count(*) FROM contact_dates)::int AS n',
        )
      ).rows[0].n;
    const before = await count();
    const viewId = await openForm(ALICE, 'add Someone New', 'contact_add');
    const res = await h.driver.submitView(ALICE, viewId, { cadence: 'none', ...fields });
    expect((res.json as { errors: Record<string, string> }).errors[field]).toEqual(
      typeof message === 'string' ? message : expect.stringMatching(message),
    );
    expect(await count()).toBe(before);
  });
});

describe('crafted and stale forms', () => {
  type View = { blocks: { block_id?: string }[] } & Record<string, unknown>;
  const text = (value: string) => ({ type: 'plain_text_input', value });
  const option = (value: string) => ({
    type: 'static_select',
    selected_option: { value, text: { type: 'plain_text', text: value } },
  });

  test('a crafted day the list never offers gets an error, and nothing changes', async () => {
    const before = await datesOf(ids['Dana Lee'] as number);
    const viewId = await openForm(ALICE, 'edit Dana Lee', 'contact_edit');
    const view = h.emulator.view(viewId) as unknown as View;
    const res = await h.driver.submitViewRaw(ALICE, {
      view: {
        ...view,
        state: {
          values: {
            name: { name: text('Dana Lee') },
            cadence: { cadence: option('none') },
            birthday_day: { birthday_day: option('99') },
            birthday_month: { birthday_month: option('5') },
          },
        },
      },
    });
    expect(res.json).toMatchObject({
      response_action: 'errors',
      errors: { birthday_day: 'May has no day 99.' },
    });
    expect(await datesOf(ids['Dana Lee'] as number)).toEqual(before);
  });

  test('an edit form opened before dates existed (no date fields) leaves the dates as they are', async () => {
    const before = await datesOf(ids['Dana Lee'] as number);
    expect(before).toHaveLength(1);
    const viewId = await openForm(ALICE, 'edit Dana Lee', 'contact_edit');
    const view = h.emulator.view(viewId) as unknown as View;
    const dateless = view.blocks.filter((b) => !/^(birthday|date)_/.test(String(b.block_id)));
    const res = await h.driver.submitViewRaw(ALICE, {
      view: {
        ...view,
        blocks: dateless,
        state: { values: { name: { name: text('Dana Lee') }, cadence: { cadence: option('none') } } },
      },
    });
    expect(res.body).toBe('');
    expect(await datesOf(ids['Dana Lee'] as number)).toEqual(before);
  });
});

describe('the digest', () => {
  test('on the day: "Sam Park\'s birthday is today" with Log it, which logs a message that gives and moves no check-in', async () => {
    const t = preciseNow();
    // Wednesday 4 March, 09:00 in Berlin.
    await h.tick('2026-03-04T08:00:00Z');
    const [post] = dmPosts(ALICE.userId, t);
    const text = allText(post?.args);
    expect(text).toContain("Sam Park's birthday is today.");
    expect(text).not.toContain('Dana Lee');
    expect(text).not.toContain('Bobs Friend');
    expect(String(post?.args.text)).toContain('Sam Park');
    expect(allText(dmPosts(BOB.userId, t)[0]?.args)).toContain("Bobs Friend's birthday is today.");

    const { channel, ts } = (post?.response ?? {}) as { channel: string; ts: string };
    const blocks = (post?.args.blocks ?? []) as { block_id?: string; elements?: { action_id: string }[] }[];
    const button = blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id.startsWith('digest_date_log_'));
    expect(button).toBeDefined();

    // Bob clicking Alice's button (a forged click) opens nothing.
    const t0 = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: String(button?.action_id),
      value: (button as { value?: string }).value,
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    expect(allText(await reply(h, /isn't in your network/, t0))).toBeTruthy();

    const t1 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: String(button?.action_id),
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    const viewId = await openedViewId(h, 'touch_log', t1);
    const view = h.emulator.view(viewId) as unknown as {
      blocks: {
        block_id: string;
        element: { initial_option?: { value: string }; initial_options?: { value: string }[] };
      }[];
    };
    const element = (id: string) => view.blocks.find((b) => b.block_id === id)?.element;
    expect(element('contact')?.initial_options?.[0]?.value).toBe(String(ids['Sam Park']));
    expect(element('kind')?.initial_option?.value).toBe('message');
    expect(element('intent')?.initial_option?.value).toBe('give');

    const t2 = preciseNow();
    expect((await h.driver.submitView(ALICE, viewId, {})).body).toBe('');
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t2);
    expect(allText(h.emulator.message(channel, ts))).toContain('Logged a touch (Wed, 4 Mar 2026)');
    const { rows } = await h.database.pool.query(
      'SELECT t.kind, t.intent, c.next_due_on FROM touches t JOIN contacts c ON c.id = t.contact_id WHERE t.contact_id = $1',
      [ids['Sam Park']],
    );
    expect(rows).toEqual([{ kind: 'message', intent: 'give', next_due_on: null }]);
    // Told once: next year's birthday is the one to come.
    expect((await datesOf(ids['Sam Park'] as number))[0]?.next_on).toBe('2027-03-04');
  });

  test('a Saturday birthday comes in Friday\'s digest, "on Saturday", and not again on the day', async () => {
    let t = preciseNow();
    await h.tick('2026-03-05T08:00:00Z');
    expect(dmPosts(ALICE.userId, t)).toEqual([]);
    t = preciseNow();
    // Friday 6 March, 09:00 in Berlin.
    await h.tick('2026-03-06T08:00:00Z');
    const posts = dmPosts(ALICE.userId, t);
    expect(posts).toHaveLength(1);
    expect(allText(posts[0]?.args)).toContain("Dana Lee's birthday is on Saturday.");
    t = preciseNow();
    await h.tick('2026-03-07T08:00:00Z');
    await h.tick('2026-03-09T08:00:00Z');
    expect(dmPosts(ALICE.userId, t)).toEqual([]);
    expect((await datesOf(ids['Dana Lee'] as number))[0]?.next_on).toBe('2027-03-07');
  });
});

describe('one item per person', () => {
  test('a due contact whose birthday it is gets one item, the birthday above why they are due, and it is told once', async () => {
    const DAVE = { teamId: 'T0ALPHA', userId: 'U0DAVE' };
    h.emulator.setUser(DAVE.userId, { tz: 'Europe/Berlin' });
    // Last talked about three months back, monthly: overdue by Tuesday 10 March, her birthday.
    await addContact(h, DAVE, 'Gil Due', {
      cadence: 'monthly',
      talked_before: '3m',
      birthday_day: '10',
      birthday_month: '3',
    });
    const gil = await contactId(h, DAVE, 'Gil Due');
    const t = preciseNow();
    await h.tick('2026-03-10T08:00:00Z');
    const [post] = dmPosts(DAVE.userId, t);
    const text = allText(post?.args);
    expect(text).toContain("Gil Due's birthday is today.");
    expect(text.match(/Gil Due\*/g)).toHaveLength(1);
    expect(text.indexOf('birthday is today')).toBeLessThan(text.indexOf('Last talked'));
    const buttons = ((post?.args.blocks ?? []) as { elements?: { action_id: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .map((e) => e.action_id);
    expect(
      buttons.filter((id) => id.startsWith('digest_log_') || id.startsWith('digest_date_log_')),
    ).toHaveLength(1);
    expect((await datesOf(gil))[0]?.next_on).toBe('2027-03-10');
  });
});

describe('work days', () => {
  test('with Monday to Thursday, a Friday birthday comes in Thursday\'s digest, "on Friday"', async () => {
    await addContact(h, CAROL, 'Fay Friday', { cadence: 'none', birthday_day: '13', birthday_month: '3' });
    const t0 = preciseNow();
    await h.driver.slashCommand(CAROL, 'settings');
    const viewId = await openedViewId(h, 'settings', t0);
    expect((await h.driver.submitView(CAROL, viewId, { work_days: ['1', '2', '3', '4'] })).status).toBe(200);
    const t = preciseNow();
    // Thursday 12 March, 09:00 in Berlin.
    await h.tick('2026-03-12T08:00:00Z');
    expect(allText(dmPosts(CAROL.userId, t)[0]?.args)).toContain("Fay Friday's birthday is on Friday.");
  });
});

describe('App Home and privacy', () => {
  test('"Upcoming dates" lists the next 14 days, soonest first, only the member\'s own', async () => {
    h.setNow('2026-04-01T10:00:00Z');
    const t = preciseNow();
    await h.driver.event(ALICE.teamId, {
      type: 'app_home_opened',
      user: ALICE.userId,
      channel: h.emulator.dmChannelId(ALICE.userId),
      tab: 'home',
    });
    const home = allText(await settledHome(h, ALICE, t));
    expect(home).toContain('Upcoming dates · 1');
    // Ada's birthday (12 April) is in the window; Dana's and Sam's (March) are past.
    expect(home).toContain("Ada's birthday is on 12 April (Sun, 12 Apr 2026)");
    expect(home).not.toContain('Dana Lee');

    // Its Log it opens the log form for Ada, set to a message that gives.
    const view = await settledHome(h, ALICE, t);
    const button = (view.blocks as { accessory?: { action_id: string } }[])
      .map((b) => b.accessory)
      .find((a) => a?.action_id.startsWith('home_log_date_'));
    const t1 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: String(button?.action_id),
      container: { type: 'view', viewId: String(view.id) },
    });
    const form = h.emulator.view(await openedViewId(h, 'touch_log', t1)) as unknown as {
      blocks: {
        block_id: string;
        element: { initial_option?: { value: string }; initial_options?: { value: string }[] };
      }[];
    };
    const element = (id: string) => form.blocks.find((b) => b.block_id === id)?.element;
    expect(element('contact')?.initial_options?.[0]?.value).toBe(String(ids.Ada));
    expect(element('kind')?.initial_option?.value).toBe('message');
    expect(element('intent')?.initial_option?.value).toBe('give');
    expect(home).not.toContain('Bobs Friend');

    const t2 = preciseNow();
    await h.driver.event(BOB.teamId, {
      type: 'app_home_opened',
      user: BOB.userId,
      channel: h.emulator.dmChannelId(BOB.userId),
      tab: 'home',
    });
    const bobs = allText(await settledHome(h, BOB, t2));
    expect(bobs).not.toContain('Ada');
    expect(bobs).not.toContain('Upcoming dates');
  });

  test("`show` never finds another member's contact or dates", async () => {
    const text = await show(BOB, 'Ada');
    expect(text).not.toContain('work anniversary');
    expect(text).not.toContain('Birthday');
  });
});

describe('imports', () => {
  const card = (name: string, bday: string) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nN:${name.split(' ').reverse().join(';')};;;\r\nBDAY:${bday}\r\nEND:VCARD\r\n`;
  const VCF = Buffer.from(
    [
      card('Vera Basic', '19850412'),
      card('Vic Dashes', '1985-04-13'),
      card('Val Noyear', '--0414'),
      card('Viv Noyear', '--04-15'),
    ].join(''),
  );

  async function importFile(name: string, content: Buffer) {
    const file = h.emulator.uploadFile({ userId: ALICE.userId, name, content });
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'import');
    const viewId = await openedViewId(h, 'import_file', t);
    await h.driver.submitView(ALICE, viewId, { import_file: [file.id] });
    const final = await h.emulator.waitForCall(
      'views.update',
      (c: RecordedCall) =>
        c.at >= t && c.args.view_id === viewId && !/Reading your file/.test(allText(c.args.view)),
    );
    const modal = allText(final.args.view);
    if (/Nothing changed/.test(modal)) return modal;
    const preview = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Ready to import/.test(String(c.args.text)),
    );
    const { channel, ts } = preview.response as { channel: string; ts: string };
    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: 'import_confirm',
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    await reply(h, /Imported from/, t2);
    return modal;
  }

  test('vCard BDAY in its four forms becomes a birthday; importing the file again adds none', async () => {
    await importFile('contacts.vcf', VCF);
    const { rows } = await h.database.pool.query(
      `SELECT c.name, d.month, d.day, d.year FROM contact_dates d JOIN contacts c ON c.id = d.contact_id
       WHERE c.name LIKE 'V%' AND d.kind = 'birthday' ORDER BY c.name`,
    );
    expect(rows).toEqual([
      { name: 'Val Noyear', month: 4, day: 14, year: null },
      { name: 'Vera Basic', month: 4, day: 12, year: 1985 },
      { name: 'Vic Dashes', month: 4, day: 13, year: 1985 },
      { name: 'Viv Noyear', month: 4, day: 15, year: null },
    ]);
    expect(await importFile('contacts.vcf', VCF)).toContain('Nothing changed: all 4 are already here');
    const again = await h.database.pool.query(
      `SELECT count(*)::int AS n FROM contact_dates d JOIN contacts c ON c.id = d.contact_id WHERE c.name LIKE 'V%'`,
    );
    expect(again.rows[0].n).toBe(4);
  });
});

describe('Google CSV', () => {
  test('the Birthday column becomes a birthday, with or without its year', async () => {
    const csv = Buffer.from(
      'First Name,Last Name,Organization Name,Birthday\r\nGina,Gold,Acme,1990-05-06\r\nGus,Gold,Acme,--05-07\r\n',
    );
    const file = h.emulator.uploadFile({ userId: ALICE.userId, name: 'google.csv', content: csv });
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'import');
    const viewId = await openedViewId(h, 'import_file', t);
    await h.driver.submitView(ALICE, viewId, { import_file: [file.id] });
    const preview = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Ready to import from Google/.test(String(c.args.text)),
    );
    const { channel, ts } = preview.response as { channel: string; ts: string };
    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: 'import_confirm',
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    await reply(h, /Imported from/, t2);
    const { rows } = await h.database.pool.query(
      `SELECT c.name, d.month, d.day, d.year FROM contact_dates d JOIN contacts c ON c.id = d.contact_id
       WHERE c.name LIKE 'G% Gold' ORDER BY c.name`,
    );
    expect(rows).toEqual([
      { name: 'Gina Gold', month: 5, day: 6, year: 1990 },
      { name: 'Gus Gold', month: 5, day: 7, year: null },
    ]);
  });
});

describe('leap day', () => {
  test("29 February comes on 28 February in a year without one: Sunday 28 February 2027, in Friday's digest", async () => {
    await addContact(h, ALICE, 'Leah Leap', { cadence: 'none', birthday_day: '29', birthday_month: '2' });
    const id = await contactId(h, ALICE, 'Leah Leap');
    expect((await datesOf(id))[0]).toMatchObject({ month: 2, day: 29, year: null, next_on: '2027-02-28' });
    const t = preciseNow();
    // Friday 26 February 2027, 09:00 in Berlin.
    await h.tick('2027-02-26T08:00:00Z');
    const text = allText(dmPosts(ALICE.userId, t)[0]?.args);
    expect(text).toContain("Leah Leap's birthday is on Sunday.");
    expect((await datesOf(id))[0]?.next_on).toBe('2028-02-29');
  });
});
