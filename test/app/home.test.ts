import { preciseNow, type RecordedCall, type SlackView } from '../../src/dev/slack-emulator';
import { insertTrip } from '../../src/store/trips';
import {
  ALICE,
  addContact,
  allText,
  BOB,
  contactId,
  elementIn,
  openedViewId,
  settledHome,
  type User,
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

const CAROL: User = { teamId: 'T0ALPHA', userId: 'U0CAROL' };

let h: Harness;
const ids: Record<string, number> = {};
const ALICES_NAMES = [
  'Dora Dormant',
  'Otto Old',
  'Nina Now',
  'Wes Week',
  'Tara Transition',
  'Ada Asked',
  'Ivan Intro',
  'Cara Catchup',
];

/** Logs a touch through `/touchbase log <name>` and its modal. */
async function logTouch(user: User, name: string, fields: Record<string, string>) {
  const t = preciseNow();
  await h.driver.slashCommand(user, `log ${name}`);
  const viewId = await openedViewId(h, 'touch_log', t);
  const res = await h.driver.submitView(user, viewId, fields);
  expect(res.body).toBe('');
}

/** Everything Alice's network needs, built through the app as she would, months apart. */
beforeAll(async () => {
  h = await startHarness({ startAt: '2025-06-02T10:00:00Z' });
  for (const u of [ALICE, BOB, CAROL]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  // June 2025: two monthly contacts never touched since: dormant by March.
  await addContact(h, ALICE, 'Dora Dormant', { cadence: 'monthly', company: 'Acme', city: 'Zürich' });
  await addContact(h, ALICE, 'Otto Old', { cadence: 'monthly' });
  // December: quarterly, due on 1 March.
  h.setNow('2025-12-01T10:00:00Z');
  await addContact(h, ALICE, 'Nina Now', { cadence: 'quarterly' });
  // 5 February: Wes monthly (due 5 March, "this week" on 2 March); the others quarterly.
  h.setNow('2026-02-05T10:00:00Z');
  await addContact(h, ALICE, 'Wes Week', { cadence: 'monthly' });
  for (const name of ['Tara Transition', 'Ada Asked', 'Ivan Intro', 'Cara Catchup']) {
    await addContact(h, ALICE, name, { cadence: 'quarterly' });
  }
  for (const name of ALICES_NAMES) ids[name] = await contactId(h, ALICE, name);
  await addContact(h, BOB, 'Bob Private', { cadence: 'monthly' });
  ids['Bob Private'] = await contactId(h, BOB, 'Bob Private');

  // Friday 27 February: Tara lost her job.
  h.setNow('2026-02-27T10:00:00Z');
  let t = preciseNow();
  await h.driver.slashCommand(ALICE, 'transition Tara');
  const transitionView = await openedViewId(h, 'transition_note', t);
  expect((await h.driver.submitView(ALICE, transitionView, { transition_kind: 'lost_job' })).body).toBe('');

  // Monday 2 March 2026, 11:00 in Berlin: an ask, a catch-up, an introduction, a trip.
  h.setNow('2026-03-02T10:00:00Z');
  await logTouch(ALICE, 'Ada', { intent: 'ask', ask_what: 'a warm intro to Acme', touched_on: '2026-02-26' });
  await logTouch(ALICE, 'Cara', { intent: 'catch_up', touched_on: '2026-03-01' });
  t = preciseNow();
  await h.driver.slashCommand(ALICE, 'intro Ivan');
  const introView = await openedViewId(h, 'intro_log', t);
  const introduced = await h.driver.submitView(ALICE, introView, {
    intro_to: { value: String(ids['Cara Catchup']), text: 'Cara Catchup' },
    intro_kind: 'peer',
  });
  expect(introduced.body).toBe('');
  await insertTrip(
    h.database.pool,
    ALICE,
    {
      city: 'Zürich',
      event: 'Fintech Week',
      startsOn: '2026-03-20',
      endsOn: '2026-03-22',
      reachOutOn: '2026-03-06',
      metPromptOn: '2026-03-23',
    },
    [ids['Nina Now'] as number],
    h.clock.now(),
  );
});
afterAll(() => h.stop());

/** The member opens their Home tab: Slack sends app_home_opened. */
async function openHome(user: User): Promise<SlackView> {
  const t = preciseNow();
  const res = await h.driver.event(user.teamId, {
    type: 'app_home_opened',
    user: user.userId,
    channel: h.emulator.dmChannelId(user.userId),
    tab: 'home',
  });
  expect(res.status).toBe(200);
  return settledHome(h, user, t);
}

/** Clicks a button in the member's Home and answers the Home re-published afterwards. */
async function clickInHome(user: User, actionId: string, value?: string): Promise<SlackView> {
  const home = h.emulator.homeOf(user.userId);
  if (!home) throw new Error(`no Home for ${user.userId}`);
  const t = preciseNow();
  const res = await h.driver.blockAction(user, {
    actionId,
    value,
    container: { type: 'view', viewId: home.id },
  });
  expect(res.status).toBe(200);
  return settledHome(h, user, t);
}

/** The text of one titled section of a Home: from its header to the next divider. */
function section(home: SlackView, title: string): string {
  const start = home.blocks.findIndex(
    (b) => b.type === 'header' && String((b.text as { text: string }).text).startsWith(title),
  );
  if (start < 0) return '';
  const end = home.blocks.findIndex((b, i) => i > start && b.type === 'divider');
  return allText(home.blocks.slice(start, end < 0 ? undefined : end));
}

function publishesTo(userId: string) {
  return h.emulator.callsTo('views.publish').filter((c) => c.args.user_id === userId);
}

describe('App Home', () => {
  test('nothing is published for a member who never opened their Home, however much they change', () => {
    expect(publishesTo(ALICE.userId)).toEqual([]);
    expect(publishesTo(BOB.userId)).toEqual([]);
  });

  test('app_home_opened publishes every section with the right people, and the balance', async () => {
    const home = await openHome(ALICE);
    expect(home.type).toBe('home');
    const text = allText(home);
    expect(text).toContain('Your network:* 8 contacts');
    expect(text).toContain('Give and ask, last 12 months:* 2 gives · 1 ask · 1 catch-up');
    expect(text).toContain('You give more than you ask');

    const dueNow = section(home, 'Due now');
    expect(dueNow).toContain('Due now · 4');
    // A fresh transition first, then the most overdue relative to the cadence.
    expect(dueNow.indexOf('Tara Transition')).toBeLessThan(dueNow.indexOf('Dora Dormant'));
    expect(dueNow.indexOf('Dora Dormant')).toBeLessThan(dueNow.indexOf('Nina Now'));
    expect(dueNow).toContain('Otto Old');
    for (const name of ['Wes Week', 'Ada Asked', 'Ivan Intro', 'Cara Catchup'])
      expect(dueNow).not.toContain(name);

    const week = section(home, 'Due this week');
    expect(week).toContain('Wes Week');
    expect(week).toMatch(/due in 3 days \(Thu,? 5 Mar 2026\)/);
    expect(week).not.toContain('Nina');

    const asks = section(home, 'Pending asks');
    expect(asks).toContain('*Ada Asked*: “a warm intro to Acme”');
    expect(asks).toContain('6 days of patience left');
    expect(asks).toContain('Granted');

    const intros = section(home, 'Introductions awaiting an outcome');
    expect(intros).toContain('*Ivan Intro* → *Cara Catchup*');
    expect(intros).toContain('They connected');

    const transition = section(home, 'In transition');
    expect(transition).toContain('Tara Transition');
    expect(transition).toContain('lost their job, noted 3 days ago. A good time to check in.');

    const trips = section(home, 'Upcoming trips');
    expect(trips).toContain('Zürich* · Fintech Week');
    expect(trips).toContain('Nina Now');

    const dormant = section(home, 'Dormant');
    expect(dormant).toContain('Dora Dormant');
    expect(dormant).toContain('Otto Old');
    expect(dormant).toContain('no touch since; you planned to talk monthly');
    expect(dormant).not.toContain('Nina');
    expect(dormant).toContain('Reconnect');

    for (const id of ['home_add_contact', 'home_log_touch', 'home_log_intro'])
      expect(elementIn(home, id)).toBeTruthy();
    const archive = elementIn(home, `home_archive_${ids['Dora Dormant']}`) as {
      confirm?: Record<string, unknown>;
    };
    expect(archive.confirm).toMatchObject({
      title: { text: 'Archive Dora Dormant?' },
      // Company and city, so two people of one name are told apart.
      text: { text: expect.stringContaining('Dora Dormant (Acme, Zürich)') },
      confirm: { text: 'Archive' },
      deny: { text: 'Keep' },
    });
    const opened = await h.database.pool.query('SELECT home_opened_at FROM members WHERE user_id = $1', [
      ALICE.userId,
    ]);
    expect(opened.rows[0]?.home_opened_at).toBeInstanceOf(Date);
  });

  test('the Messages tab publishes nothing', async () => {
    // A change made just before the Home was first opened may still be re-publishing it (the
    // refresh runs after the answer): let that settle before counting.
    await new Promise((r) => setTimeout(r, 300));
    const before = publishesTo(ALICE.userId).length;
    const res = await h.driver.event(ALICE.teamId, {
      type: 'app_home_opened',
      user: ALICE.userId,
      channel: h.emulator.dmChannelId(ALICE.userId),
      tab: 'messages',
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(publishesTo(ALICE.userId)).toHaveLength(before);
  });

  test('Log it on a due contact opens the log form for them; once logged, the Home no longer lists them', async () => {
    const t = preciseNow();
    await clickInHome(ALICE, `home_log_due_${ids['Nina Now']}`);
    const viewId = await openedViewId(h, 'touch_log', t);
    const form = h.emulator.view(viewId) as SlackView;
    const picker = form.blocks.find((b) => b.block_id === 'contact')?.element as {
      initial_options?: { value: string }[];
    };
    expect(picker.initial_options?.map((o) => o.value)).toEqual([String(ids['Nina Now'])]);
    const submitted = preciseNow();
    expect((await h.driver.submitView(ALICE, viewId, { intent: 'give' })).body).toBe('');
    const home = await settledHome(h, ALICE, submitted);
    expect(section(home, 'Due now')).not.toContain('Nina Now');
    expect(section(home, 'Due now')).toContain('Due now · 3');
    expect(allText(home)).toContain('3 gives · 1 ask · 1 catch-up');
  });

  test('Reconnect opens the log form for the dormant contact; logging it takes them off the dormant list', async () => {
    const t = preciseNow();
    await clickInHome(ALICE, `home_reconnect_${ids['Otto Old']}`);
    const viewId = await openedViewId(h, 'touch_log', t);
    const picker = (h.emulator.view(viewId) as SlackView).blocks.find((b) => b.block_id === 'contact')
      ?.element as {
      initial_options?: { value: string }[];
    };
    expect(picker.initial_options?.map((o) => o.value)).toEqual([String(ids['Otto Old'])]);
    const submitted = preciseNow();
    await h.driver.submitView(ALICE, viewId, { intent: 'catch_up', kind: 'call' });
    const home = await settledHome(h, ALICE, submitted);
    expect(section(home, 'Dormant')).not.toContain('Otto Old');
    expect(section(home, 'Due now')).not.toContain('Otto Old');
    expect(section(home, 'Dormant')).toContain('Dora Dormant');
  });

  test('Archive (after its confirmation dialog) archives the contact and the Home drops them', async () => {
    const home = await clickInHome(ALICE, `home_archive_${ids['Dora Dormant']}`);
    const row = await h.database.pool.query('SELECT archived_at FROM contacts WHERE id = $1', [
      ids['Dora Dormant'],
    ]);
    expect(row.rows[0]?.archived_at).toBeInstanceOf(Date);
    expect(allText(home)).not.toContain('Dora Dormant');
    expect(section(home, 'Dormant')).toBe('');
    expect(allText(home)).toContain('Your network:* 7 contacts');
  });

  test('Granted on a pending ask settles it; an introduction outcome is recorded; both leave the Home', async () => {
    const [ask] = (await h.database.pool.query('SELECT id FROM asks WHERE user_id = $1', [ALICE.userId]))
      .rows;
    let home = await clickInHome(ALICE, `home_ask_granted_${ask.id}`);
    const asks = await h.database.pool.query('SELECT status FROM asks WHERE id = $1', [ask.id]);
    expect(asks.rows[0]?.status).toBe('granted');
    expect(section(home, 'Pending asks')).toBe('');

    const [intro] = (
      await h.database.pool.query('SELECT id FROM introductions WHERE user_id = $1', [ALICE.userId])
    ).rows;
    home = await clickInHome(ALICE, `home_intro_outcome_no_response_${intro.id}`);
    expect(section(home, 'Introductions awaiting an outcome')).toContain('no response yet');
    home = await clickInHome(ALICE, `home_intro_outcome_connected_${intro.id}`);
    const intros = await h.database.pool.query('SELECT outcome FROM introductions WHERE id = $1', [intro.id]);
    expect(intros.rows[0]?.outcome).toBe('connected');
    expect(section(home, 'Introductions awaiting an outcome')).toBe('');
  });

  test('Add a contact, Log a touch and Log an introduction open their forms; an added contact shows at once', async () => {
    let t = preciseNow();
    await clickInHome(ALICE, 'home_log_touch');
    const logView = h.emulator.view(await openedViewId(h, 'touch_log', t)) as SlackView;
    const picker = logView.blocks.find((b) => b.block_id === 'contact')?.element as {
      initial_options?: unknown;
    };
    expect(picker.initial_options).toBeUndefined();

    t = preciseNow();
    await clickInHome(ALICE, 'home_log_intro');
    expect(await openedViewId(h, 'intro_log', t)).toBeTruthy();

    t = preciseNow();
    await clickInHome(ALICE, 'home_add_contact');
    const addView = await openedViewId(h, 'contact_add', t);
    const submitted = preciseNow();
    expect((await h.driver.submitView(ALICE, addView, { name: 'Hana Home' })).body).toBe('');
    const home = await settledHome(h, ALICE, submitted);
    expect(allText(home)).toContain('Your network:* 8 contacts');
  });

  test('a change made elsewhere (a slash command and its modal) refreshes the Home too', async () => {
    expect(section(h.emulator.homeOf(ALICE.userId) as SlackView, 'Due this week')).toContain('Wes Week');
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'log Wes');
    // The command alone re-publishes the Home (after opening the form); wait for it, then submit.
    await settledHome(h, ALICE, t);
    const viewId = await openedViewId(h, 'touch_log', t);
    const submitted = preciseNow();
    expect((await h.driver.submitView(ALICE, viewId, { intent: 'catch_up' })).body).toBe('');
    const home = await settledHome(h, ALICE, submitted);
    expect(section(home, 'Due this week')).toBe('');
  });
});

describe('privacy between members', () => {
  test("Bob's Home shows only his own network, never anything of Alice's", async () => {
    const home = await openHome(BOB);
    const text = allText(home);
    expect(text).toContain('Bob Private');
    expect(text).toContain('Your network:* 1 contact.');
    expect(text).toContain('0 gives · 0 asks · 0 catch-ups');
    for (const name of [...ALICES_NAMES, 'Hana Home', 'Zürich', 'Acme']) expect(text).not.toContain(name);
    expect(allText(h.emulator.homeOf(ALICE.userId))).not.toContain('Bob Private');
  });

  test("Bob clicking Alice's Home buttons changes nothing of hers, and his refreshed Home still shows none of it", async () => {
    const aliceHome = h.emulator.homeOf(ALICE.userId) as SlackView;
    const publishedBefore = publishesTo(ALICE.userId).length;
    const t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: `home_archive_${ids['Tara Transition']}`,
      blockId: 'home_dormant_x',
      value: String(ids['Tara Transition']),
      container: { type: 'view', viewId: aliceHome.id },
    });
    const bobs = await settledHome(h, BOB, t);
    const row = await h.database.pool.query('SELECT archived_at FROM contacts WHERE id = $1', [
      ids['Tara Transition'],
    ]);
    expect(row.rows[0]?.archived_at).toBeNull();
    for (const name of ALICES_NAMES) expect(allText(bobs)).not.toContain(name);
    // Alice's own Home is not published on Bob's behalf.
    expect(publishesTo(ALICE.userId)).toHaveLength(publishedBefore);
  });
});

describe('a large network', () => {
  test('2,000 contacts: a valid Home under 100 blocks, summarised with a pointer to /touchbase list', async () => {
    const db = h.database.pool;
    await db.query(`INSERT INTO members (team_id, user_id, created_at) VALUES ($1, $2, now())`, [
      CAROL.teamId,
      CAROL.userId,
    ]);
    // Cadences in turn; half overdue, many dormant, some due this week, every 40th in transition.
    await db.query(
      `INSERT INTO contacts (team_id, user_id, name, company, cadence, added_on, last_touch_on, next_due_on,
                             transition_kind, transition_on, created_at, updated_at)
       SELECT $1, $2, 'Person ' || g, 'Company ' || (g % 97),
              (ARRAY['biweekly','monthly','quarterly','semiannual','yearly','none'])[1 + g % 6],
              date '2024-01-01', date '2026-03-02' - (g % 400),
              date '2026-03-02' - (g % 400) + 60,
              CASE WHEN g % 40 = 0 THEN 'new_job' END, CASE WHEN g % 40 = 0 THEN date '2026-02-28' END,
              now(), now()
       FROM generate_series(1, 2000) g`,
      [CAROL.teamId, CAROL.userId],
    );
    await db.query(
      `WITH t AS (
         INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, created_at)
         SELECT team_id, user_id, id, date '2026-02-20', 'message', 'ask', now()
         FROM contacts WHERE user_id = $1 ORDER BY id LIMIT 50
         RETURNING id, contact_id, team_id, user_id
       )
       INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, follow_up_on, created_at)
       SELECT team_id, user_id, contact_id, id, 'a favour', date '2026-02-20', date '2026-03-02', now() FROM t`,
      [CAROL.userId],
    );
    await db.query(
      `INSERT INTO introductions (team_id, user_id, from_contact_id, to_name, kind, introduced_on, follow_up_on, created_at)
       SELECT team_id, user_id, id, 'Some Org', 'other', date '2026-02-01', date '2026-02-15', now()
       FROM contacts WHERE user_id = $1 ORDER BY id LIMIT 30`,
      [CAROL.userId],
    );
    for (let i = 0; i < 6; i++) {
      await insertTrip(
        db,
        CAROL,
        {
          city: `City ${i}`,
          event: null,
          startsOn: `2026-04-1${i}`,
          endsOn: `2026-04-1${i}`,
          reachOutOn: '2026-03-27',
          metPromptOn: '2026-04-20',
        },
        [],
        h.clock.now(),
      );
    }
    const home = await openHome(CAROL);
    expect(publishesTo(CAROL.userId).every((c) => c.ok)).toBe(true);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    const text = allText(home);
    expect(text).toContain('Your network:* 2000 contacts');
    for (const title of [
      'Due now',
      'Due this week',
      'Pending asks · 50',
      'Introductions awaiting an outcome · 30',
      'In transition · 50',
      'Upcoming trips · 6',
      'Dormant',
    ]) {
      expect(section(home, title)).not.toBe('');
    }
    expect(text).toMatch(/…and \d+ more\./);
    expect(text).toContain('`/touchbase list`');
    expect(text).toContain('0 gives · 50 asks · 0 catch-ups');
    for (const name of ALICES_NAMES) expect(text).not.toContain(name);
  });
});

describe('App Home publishes in order', () => {
  const DAVE: User = { teamId: 'T0ALPHA', userId: 'U0DAVE' };

  test('a slow publish that read the network first never lands over the Home that shows a newer change', async () => {
    await openHome(DAVE);
    const t = preciseNow();
    // Slack holds the next Home publish for a moment: it was drawn before Dave added anyone.
    const held = h.emulator.delayNext('views.publish', 800);
    const opened = await h.driver.event(DAVE.teamId, {
      type: 'app_home_opened',
      user: DAVE.userId,
      channel: h.emulator.dmChannelId(DAVE.userId),
      tab: 'home',
    });
    expect(opened.status).toBe(200);
    await addContact(h, DAVE, 'Zoe Newest', { cadence: 'monthly' });

    const showsZoe = (c: RecordedCall) => JSON.stringify(c.args.view).includes('Your network:* 1 contact.');
    expect(showsZoe(await held)).toBe(false);
    await h.emulator.waitForCall(
      'views.publish',
      (c) => c.at >= t && c.args.user_id === DAVE.userId && showsZoe(c),
    );
    const home = await settledHome(h, DAVE, t);
    expect(allText(home)).toContain('Your network:* 1 contact.');
  });
});
