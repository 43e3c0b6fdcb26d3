import { parse } from 'csv-parse/sync';
import { preciseNow, type RecordedCall, type SlackFile } from '../../src/dev/slack-emulator';
import { parseImport } from '../../src/imports/parse';
import {
  ALICE,
  addContact,
  allText,
  BOB,
  contactId,
  openedViewId,
  reply,
  settledHome,
  type User,
} from '../support/flows';
import { BOT_TOKEN, type Harness, startHarness } from '../support/harness';

let h: Harness;

/** A member of another workspace. */
const OSCAR: User = { teamId: 'T0OTHER', userId: 'U0OSCAR' };

const FORMULA = '=HYPERLINK("http://x")';
const WANTS = 'A CFO, "seed" funding,\nand a co-founder';

const LINKEDIN = Buffer.from(
  [
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    'Grace,Hopper,https://www.linkedin.com/in/grace,grace@navy.example,Navy,Rear Admiral,15 Jan 2020',
    'Ann,Example,https://www.linkedin.com/in/ann,,Initech,Designer,02 Feb 2022',
  ].join('\r\n'),
  'utf8',
);

/** `/touchbase import` of `content` as the member's upload; answers the modal's final text. */
async function importFile(user: User, content: Buffer, name = 'touchbase-contacts.csv'): Promise<string> {
  const file = h.emulator.uploadFile({ userId: user.userId, name, content });
  const t = preciseNow();
  await h.driver.slashCommand(user, 'import');
  const viewId = await openedViewId(h, 'import_file', t);
  await h.driver.submitView(user, viewId, { import_file: [file.id] });
  const final = await h.emulator.waitForCall(
    'views.update',
    (c: RecordedCall) =>
      c.at >= t && c.args.view_id === viewId && !/Reading your file/.test(allText(c.args.view)),
  );
  return allText(final.args.view);
}

beforeAll(async () => {
  // Monday 2 March 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  for (const u of [ALICE, BOB, OSCAR]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  await addContact(h, ALICE, 'Dana Lee', {
    company: 'Acme',
    role: 'CTO',
    city: 'Berlin',
    cadence: 'monthly',
    wants_needs: WANTS,
    birthday_day: '14',
    birthday_month: '7',
    date_label_0: 'work anniversary',
    date_on_0: '2019-06-03',
  });
  await addContact(h, ALICE, FORMULA, { company: 'Formula Inc' });
  await addContact(h, ALICE, '-Dana', { company: '+Plus', role: '@lead' });
  await addContact(h, ALICE, '@acme');
  await addContact(h, BOB, 'Bob Secret', {
    company: 'Bobco',
    date_label_0: 'Bobco party',
    date_on_0: '2020-05-05',
  });
  await addContact(h, OSCAR, 'Oscar Secret', { company: 'Elsewhere' });
  // A weekly budget set in settings is exported with the other settings.
  const opened = preciseNow();
  await h.driver.slashCommand(ALICE, 'settings');
  const settingsView = await openedViewId(h, 'settings', opened);
  expect((await h.driver.submitView(ALICE, settingsView, { weekly_budget: '7' })).body).toBe('');

  // Imported people carry what the importer matches on: a profile, an email, a connection date.
  const t = preciseNow();
  expect(await importFile(ALICE, LINKEDIN, 'Connections.csv')).toContain('The preview is in your DM');
  const preview = await h.emulator.waitForCall(
    'chat.postMessage',
    (c) => c.at >= t && /Ready to import/.test(String(c.args.text)),
  );
  const response = preview.response as { ts: string; channel: string };
  await h.driver.blockAction(ALICE, {
    actionId: 'import_confirm',
    container: { type: 'message', channelId: response.channel, messageTs: response.ts },
  });
  await reply(h, /Imported from/, t);

  // An ask, a transition, an introduction and a trip, each through its form.
  let at = preciseNow();
  await h.driver.slashCommand(ALICE, 'log Dana Lee');
  let viewId = await openedViewId(h, 'touch_log', at);
  await h.driver.submitView(ALICE, viewId, {
    intent: 'ask',
    ask_what: 'an intro to their CFO',
    touched_on: '2026-02-20',
  });
  at = preciseNow();
  await h.driver.slashCommand(ALICE, 'transition Dana Lee');
  viewId = await openedViewId(h, 'transition_note', at);
  await h.driver.submitView(ALICE, viewId, { transition_kind: 'moved', transition_note: 'Moved to Lisbon' });
  at = preciseNow();
  await h.driver.slashCommand(ALICE, 'intro Dana Lee');
  viewId = await openedViewId(h, 'intro_log', at);
  await h.driver.submitView(ALICE, viewId, {
    intro_to_name: 'Acme Fellowship',
    intro_kind: 'other',
    intro_why: 'a fit',
  });
  at = preciseNow();
  await h.driver.slashCommand(ALICE, 'trip Berlin');
  viewId = await openedViewId(h, 'trip_plan', at);
  await h.driver.submitView(ALICE, viewId, { starts_on: '2026-04-20', ends_on: '2026-04-22' });
  // A calendar link, replaced by a new one: two feeds, one revoked.
  at = preciseNow();
  await h.driver.slashCommand(ALICE, 'calendar');
  calendarTokens.push(tokenIn(await reply(h, /private calendar feed/, at)));
  at = preciseNow();
  await h.driver.blockAction(ALICE, { actionId: 'calendar_new_link', container: { type: 'ephemeral' } });
  calendarTokens.push(tokenIn(await reply(h, /new calendar link/, at)));

  // A call scheduled from Dana's card, with the form's defaults (before the digests below: scheduling is acting on her).
  at = preciseNow();
  await h.driver.slashCommand(ALICE, 'show Dana Lee');
  await reply(h, /Dana Lee/, at);
  at = preciseNow();
  await h.driver.blockAction(ALICE, {
    actionId: 'contact_schedule',
    value: String(await contactId(h, ALICE, 'Dana Lee')),
    container: { type: 'ephemeral' },
  });
  viewId = await openedViewId(h, 'call_schedule', at);
  at = preciseNow();
  await h.driver.submitView(ALICE, viewId, {});
  // Its invite comes to the DM after the form closes: wait for it, so the exports below are the last files.
  await h.emulator.waitForCall('files.completeUploadExternal', (c) => c.at >= at);

  // Three digests carried Dana with nothing done, and the fourth asked about her: as the worker records it.
  const dana = await contactId(h, ALICE, 'Dana Lee');
  await h.database.pool.query(
    `INSERT INTO digest_carried (team_id, user_id, contact_id, local_date)
     SELECT $1, $2, $3, d::date FROM unnest(ARRAY['2026-02-23', '2026-02-24', '2026-02-25']) AS d`,
    [ALICE.teamId, ALICE.userId, dana],
  );
  await h.database.pool.query(
    `INSERT INTO contact_fatigue (team_id, user_id, contact_id, asked_on, answer, answered_on)
     VALUES ($1, $2, $3, '2026-02-26', 'keep', '2026-02-26')`,
    [ALICE.teamId, ALICE.userId, dana],
  );
  at = preciseNow();
  await h.driver.slashCommand(ALICE, 'remind Dana Lee tomorrow send the deck');
  await reply(h, /remind you/, at);
});

const calendarTokens: string[] = [];
const tokenIn = (message: unknown) =>
  allText(message).match(/\/calendar\/([A-Za-z0-9_-]{22})\.ics/)?.[1] ?? '';
afterAll(() => h.stop());

interface Exported {
  message: { text: string; files?: SlackFile[] };
  csv: Buffer;
  json: Buffer;
}

async function download(file: SlackFile): Promise<Buffer> {
  const response = await fetch(file.url_private_download, {
    headers: { Authorization: `Bearer ${BOT_TOKEN}` },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** The files an export shared into the member's DM after `after`, downloaded as the member would. */
async function exportedSince(user: User, after: number): Promise<Exported> {
  const done = await h.emulator.waitForCall(
    'files.completeUploadExternal',
    (c) => c.at >= after && c.args.channel_id === h.emulator.dmChannelId(user.userId),
    15_000,
  );
  const ids = (done.response as { files: { id: string }[] }).files.map((f) => f.id);
  const message = h.emulator
    .dmMessages(user.userId)
    .find((m) => m.files?.some((f) => ids.includes(f.id))) as Exported['message'];
  expect(message.files?.map((f) => f.name)).toEqual(['touchbase-contacts.csv', 'touchbase-export.json']);
  const [csvFile, jsonFile] = message.files as [SlackFile, SlackFile];
  return { message, csv: await download(csvFile), json: await download(jsonFile) };
}

function csvRecords(csv: Buffer): Record<string, string>[] {
  return parse(csv, { columns: true, bom: true });
}

async function contactsOf(user: User) {
  const { rows } = await h.database.pool.query(
    'SELECT * FROM contacts WHERE team_id = $1 AND user_id = $2 ORDER BY id',
    [user.teamId, user.userId],
  );
  return rows;
}

let first: Exported;

describe('/touchbase export', () => {
  test('answers at once, counts in a DM message that becomes "ready", and shares the two files in the DM', async () => {
    const t = preciseNow();
    const res = await h.driver.slashCommand(ALICE, 'export');
    expect(res.status).toBe(200);
    await reply(h, /Preparing your export/, t);
    first = await exportedSince(ALICE, t);
    const progress = await h.emulator.waitForCall(
      'chat.update',
      (c) => c.at >= t && /Your export is ready: 2 files below/.test(String(c.args.text)),
    );
    expect(allText(progress.args)).toContain('has your 6 contacts');
    const firstPost = h.emulator
      .callsTo('chat.postMessage')
      .find((c) => c.at >= t && /Exporting… \d+ of 6 contacts/.test(String(c.args.text)));
    expect(firstPost).toBeDefined();
    // The ready word sits above the files it announces.
    const dm = h.emulator.dmMessages(ALICE.userId);
    const readyAt = dm.findIndex((m) => /Your export is ready/.test(m.text));
    const filesAt = dm.findIndex((m) => m.files?.some((f) => f.name === 'touchbase-export.json'));
    expect(readyAt).toBeGreaterThanOrEqual(0);
    expect(filesAt).toBeGreaterThan(readyAt);
    expect(first.message.files?.map((f) => f.size)).toEqual([first.csv.length, first.json.length]);
  });

  test('the CSV has one row per contact, with cadence, last touch, next due, wants and needs, archived', async () => {
    const rows = csvRecords(first.csv);
    expect(rows.map((r) => r.Name).sort()).toEqual(
      [`'${FORMULA}`, "'-Dana", "'@acme", 'Ann Example', 'Dana Lee', 'Grace Hopper'].sort(),
    );
    const dana = rows.find((r) => r.Name === 'Dana Lee');
    const stored = (await contactsOf(ALICE)).find((c) => c.name === 'Dana Lee');
    expect(dana).toMatchObject({
      Company: 'Acme',
      Role: 'CTO',
      City: 'Berlin',
      Cadence: 'monthly',
      // The introduction of today is a give with her, after the ask of 20 February.
      'Last touch': '2026-03-02',
      'Next due': stored.next_due_on,
      'Wants and needs': WANTS,
      Birthday: '07-14',
      Archived: 'no',
    });
    const grace = rows.find((r) => r.Name === 'Grace Hopper');
    expect(grace).toMatchObject({
      Email: 'grace@navy.example',
      'Profile URL': 'https://www.linkedin.com/in/grace',
      'Connected On': '2020-01-15',
      Cadence: 'none',
    });
  });

  test('no cell a spreadsheet would evaluate: formula-like cells start with a quote', () => {
    const rows = parse(first.csv, { bom: true }) as string[][];
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const minus = csvRecords(first.csv).find((r) => r.Name === "'-Dana");
    expect(minus).toMatchObject({ Company: "'+Plus", Role: "'@lead" });
    expect(first.csv.toString('utf8')).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  test('the JSON has a version and everything the member has', async () => {
    const data = JSON.parse(first.json.toString('utf8'));
    expect(data.version).toBe(1);
    expect(data.member).toEqual({ teamId: ALICE.teamId, userId: ALICE.userId });
    expect(data.settings).toMatchObject({
      digestHour: 9,
      workDays: [1, 2, 3, 4, 5],
      patienceDays: 10,
      weeklyBudget: 7,
    });
    const danaId = await contactId(h, ALICE, 'Dana Lee');
    expect(data.contacts).toHaveLength(6);
    expect(data.contacts.find((c: { id: number }) => c.id === danaId)).toMatchObject({
      name: 'Dana Lee',
      wantsNeeds: WANTS,
      cadence: 'monthly',
      transitionKind: 'moved',
      lastTouchOn: '2026-03-02',
    });
    expect(data.touches.map((t: { contactId: number; intent: string }) => [t.contactId, t.intent])).toEqual(
      expect.arrayContaining([
        [danaId, 'ask'],
        [danaId, 'give'],
      ]),
    );
    expect(data.asks).toEqual([
      expect.objectContaining({ contactId: danaId, what: 'an intro to their CFO', status: 'pending' }),
    ]);
    expect(data.transitions).toEqual([
      expect.objectContaining({ contactId: danaId, kind: 'moved', note: 'Moved to Lisbon' }),
    ]);
    expect(data.nudgeFatigue).toEqual([
      { contactId: danaId, timesLetPass: 3, askedOn: '2026-02-26', answer: 'keep', answeredOn: '2026-02-26' },
    ]);
    expect(data.introductions).toEqual([
      expect.objectContaining({ fromContactId: danaId, toName: 'Acme Fellowship', kind: 'other' }),
    ]);
    expect(data.trips).toEqual([
      expect.objectContaining({ city: 'Berlin', startsOn: '2026-04-20', endsOn: '2026-04-22' }),
    ]);
    // When each calendar link was made and revoked; never a token or its hash.
    expect(data.calendarFeeds).toEqual([
      { createdAt: expect.any(String), revokedAt: expect.any(String) },
      { createdAt: expect.any(String), revokedAt: null },
    ]);
    expect(calendarTokens.filter(Boolean)).toHaveLength(2);
    for (const token of calendarTokens) expect(first.json.toString('utf8')).not.toContain(token);
    expect(first.json.toString('utf8')).not.toMatch(/hash/i);
    expect(data.reminders).toEqual([
      expect.objectContaining({ contactId: danaId, what: 'send the deck', doneAt: null, cancelledAt: null }),
    ]);
    expect(data.scheduledCalls).toEqual([
      expect.objectContaining({
        contactId: danaId,
        minutes: 30,
        title: 'Catch-up with Dana Lee',
        outcome: null,
      }),
    ]);
    expect(data.dates).toEqual([
      {
        id: expect.any(Number),
        contactId: danaId,
        kind: 'birthday',
        label: 'birthday',
        month: 7,
        day: 14,
        year: null,
        nextOn: '2026-07-14',
      },
      {
        id: expect.any(Number),
        contactId: danaId,
        kind: 'other',
        label: 'work anniversary',
        month: 6,
        day: 3,
        year: 2019,
        nextOn: '2026-06-03',
      },
    ]);
    const ids = new Set(data.contacts.map((c: { id: number }) => c.id));
    for (const t of data.touches) expect(ids.has(t.contactId)).toBe(true);
  });

  test("another member's data, in this workspace or another, never appears", () => {
    for (const bytes of [first.csv, first.json]) {
      const text = bytes.toString('utf8');
      expect(text).not.toContain('Bob Secret');
      expect(text).not.toContain('Oscar Secret');
      expect(text).not.toContain('Bobco');
    }
  });

  test('the CSV re-imports into the same contacts with nothing changed', async () => {
    const before = await contactsOf(ALICE);
    const parsed = parseImport(first.csv);
    expect(parsed.kind).toBe('people');
    if (parsed.kind !== 'people') return;
    expect(parsed.people.map((p) => p.name).sort()).toEqual(before.map((c) => c.name).sort());
    expect(parsed.people.map((p) => p.name)).toEqual(expect.arrayContaining([FORMULA, '-Dana', '@acme']));

    const modal = await importFile(ALICE, first.csv);
    expect(modal).toContain('Nothing changed: all 6 are already here as they are.');
    expect(await contactsOf(ALICE)).toEqual(before);
  });

  test("Bob's and another workspace's exports hold only their own", async () => {
    for (const [user, own, other] of [
      [BOB, 'Bob Secret', 'Dana Lee'],
      [OSCAR, 'Oscar Secret', 'Dana Lee'],
    ] as const) {
      const t = preciseNow();
      await h.driver.slashCommand(user, 'export');
      const got = await exportedSince(user, t);
      expect(csvRecords(got.csv).map((r) => r.Name)).toEqual([own]);
      const data = JSON.parse(got.json.toString('utf8'));
      expect(data.member).toEqual(user);
      expect(data.contacts.map((c: { name: string }) => c.name)).toEqual([own]);
      expect(data.touches).toEqual([]);
      expect(got.json.toString('utf8')).not.toContain(other);
    }
  });
});

describe('a network larger than a page', () => {
  const CAROL: User = { teamId: ALICE.teamId, userId: 'U0CAROL' };

  test('every contact once, across pages of 1,000 (namesakes too), with a progress message counting them', async () => {
    // Setup only: 2,500 contacts, ten of each name, each with two touches, written straight in.
    await addContact(h, CAROL, 'Carol First');
    await h.database.pool.query(
      `INSERT INTO contacts (team_id, user_id, name, company, cadence, added_on, created_at, updated_at)
       SELECT $1, $2, 'Person ' || lpad((n / 10)::text, 3, '0'), 'Co ' || n, 'quarterly', date '2026-01-01', now(), now()
       FROM generate_series(1, 2499) n`,
      [CAROL.teamId, CAROL.userId],
    );
    await h.database.pool.query(
      `INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, created_at)
       SELECT team_id, user_id, id, date '2026-02-01' + k, 'call', 'catch_up', now()
       FROM contacts, generate_series(0, 1) k WHERE team_id = $1 AND user_id = $2`,
      [CAROL.teamId, CAROL.userId],
    );
    const t = preciseNow();
    await h.driver.slashCommand(CAROL, 'export');
    const got = await exportedSince(CAROL, t);
    const rows = csvRecords(got.csv);
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r.Company)).size).toBe(2500);
    const data = JSON.parse(got.json.toString('utf8'));
    expect(new Set(data.contacts.map((c: { id: number }) => c.id)).size).toBe(2500);
    expect(new Set(data.touches.map((x: { id: number }) => x.id)).size).toBe(5000);
    const posted = h.emulator
      .callsTo('chat.postMessage')
      .find((c) => c.at >= t && c.args.channel === h.emulator.dmChannelId(CAROL.userId));
    expect(String(posted?.args.text)).toBe('Exporting… 1,000 of 2,500 contacts');
    if (!posted) throw new Error("no progress message in Carol's DM");
    const ts = (posted.response as { ts: string }).ts;
    const final = await h.emulator.waitForCall(
      'chat.update',
      (c) => c.at >= t && c.args.ts === ts && /ready/.test(String(c.args.text)),
    );
    expect(String(final.args.text)).toMatch(
      /^Your export is ready: 2 files below\. `touchbase-contacts.csv` has your 2,500 contacts/,
    );
  });
});

describe('the Home button', () => {
  test('Export my data sends the same two files to the DM', async () => {
    const t1 = preciseNow();
    await h.driver.event(ALICE.teamId, {
      type: 'app_home_opened',
      user: ALICE.userId,
      channel: h.emulator.dmChannelId(ALICE.userId),
      tab: 'home',
    });
    const home = await settledHome(h, ALICE, t1);
    expect(allText(home)).toContain('Export my data');
    const t = preciseNow();
    const res = await h.driver.blockAction(ALICE, {
      actionId: 'home_export',
      container: { type: 'view', viewId: String(home?.id) },
    });
    expect(res.status).toBe(200);
    const got = await exportedSince(ALICE, t);
    expect(got.csv.equals(first.csv)).toBe(true);
    expect(JSON.parse(got.json.toString('utf8')).contacts).toEqual(
      JSON.parse(first.json.toString('utf8')).contacts,
    );
  });
});

describe('one export at a time', () => {
  test('a second request while the first runs is told so plainly, and one pair of files arrives', async () => {
    h.emulator.delay('files.completeUploadExternal', 1500);
    try {
      const t = preciseNow();
      const [a, b] = await Promise.all([
        h.driver.slashCommand(ALICE, 'export'),
        new Promise((resolve) => setTimeout(resolve, 300)).then(() => h.driver.slashCommand(ALICE, 'export')),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      await reply(h, /already on its way/, t);
      await exportedSince(ALICE, t);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(h.emulator.callsTo('files.completeUploadExternal').filter((c) => c.at >= t)).toHaveLength(1);
    } finally {
      h.emulator.delay('files.completeUploadExternal', 0);
    }
  });

  test('when Slack refuses the upload, the message says so, and the next export works', async () => {
    h.emulator.failNext('files.completeUploadExternal', { error: 'invalid_arguments' });
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'export');
    const failed = await h.emulator.waitForCall(
      'chat.update',
      (c) => c.at >= t && /Your export didn't finish/.test(String(c.args.text)),
    );
    expect(String(failed.args.text)).toContain('nothing was changed');
    const t2 = preciseNow();
    await h.driver.slashCommand(ALICE, 'export');
    await exportedSince(ALICE, t2);
  });
});
