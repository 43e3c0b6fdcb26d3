import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, allText, BOB, openedViewId, rawText, type User } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

// Monday 2 March 2026, 10:00 UTC: 11:00 in Berlin, 05:00 in New York, the same date everywhere used here.
const START = '2026-03-02T10:00:00Z';

interface Option {
  text: { text: string };
  value: string;
}

interface SettingsView {
  title: { text: string };
  blocks: {
    block_id: string;
    element: {
      initial_option?: Option;
      initial_options?: Option[];
      initial_date?: string;
      options?: Option[];
    };
  }[];
}

interface SettingsRow {
  digest_hour: number;
  work_days: number[];
  tz_override: string | null;
  paused_until: string | null;
}

const DEFAULTS: SettingsRow = {
  digest_hour: 9,
  work_days: [1, 2, 3, 4, 5],
  tz_override: null,
  paused_until: null,
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: START });
  h.emulator.setUser(ALICE.userId, { tz: 'Europe/Berlin' });
  h.emulator.setUser(BOB.userId, { tz: 'Asia/Tokyo' });
});
afterAll(() => h.stop());

/** `/touchbase settings`: checks the command is acked at once with nothing to show, answers the opened view. */
async function openSettings(user: User): Promise<{ viewId: string; view: SettingsView }> {
  const t = preciseNow();
  const res = await h.driver.slashCommand(user, 'settings');
  expect(res.status).toBe(200);
  expect(res.body).toBe('');
  const viewId = await openedViewId(h, 'settings', t);
  return { viewId, view: h.emulator.view(viewId) as unknown as SettingsView };
}

function element(view: SettingsView, blockId: string) {
  const block = view.blocks.find((b) => b.block_id === blockId);
  if (!block) throw new Error(`no block ${blockId}`);
  return block.element;
}

async function settingsOf(user: User): Promise<SettingsRow> {
  const { rows } = await h.database.pool.query<SettingsRow>(
    `SELECT digest_hour, work_days::int[] AS work_days, tz_override, paused_until::text AS paused_until
     FROM members WHERE team_id = $1 AND user_id = $2`,
    [user.teamId, user.userId],
  );
  if (!rows[0]) throw new Error(`no member ${user.userId}`);
  return rows[0];
}

async function zoneSearch(viewId: string, query: string): Promise<Option[]> {
  const res = (await h.driver.blockSuggestion(ALICE, viewId, 'time_zone', query)) as { options: Option[] };
  return res.options;
}

const option = (value: string, text = value) => ({ text: { type: 'plain_text', text, emoji: true }, value });

/**
 * A submission a tampering client built: Slack's own client only ever sends options the view
 * offered, so these values cannot be entered through the driver's `submitView`.
 */
function craftedSubmit(
  user: User,
  viewId: string,
  state: { digest_hour?: string; work_days?: string[]; time_zone?: string; paused_until?: string | null },
) {
  const view = h.emulator.view(viewId);
  const values = {
    digest_hour: {
      digest_hour: { type: 'static_select', selected_option: option(state.digest_hour ?? '9', 'any') },
    },
    work_days: {
      work_days: { type: 'checkboxes', selected_options: (state.work_days ?? ['1']).map((d) => option(d)) },
    },
    time_zone: {
      time_zone: { type: 'external_select', selected_option: option(state.time_zone ?? 'slack') },
    },
    paused_until: { paused_until: { type: 'datepicker', selected_date: state.paused_until ?? null } },
  };
  return h.driver.submitViewRaw(user, { view: { ...view, state: { values } } });
}

describe('/touchbase settings', () => {
  test('is in the help list with an example', async () => {
    const res = await h.driver.slashCommand(ALICE, 'help');
    expect(allText(res.json)).toContain('`/touchbase settings`');
  });

  test('opens "Reminder settings" prefilled with the defaults: 09:00, Monday to Friday, the Slack zone', async () => {
    const { view } = await openSettings(ALICE);
    expect(view.title.text).toBe('Reminder settings');
    const hour = element(view, 'digest_hour');
    expect(hour.initial_option?.value).toBe('9');
    expect(hour.initial_option?.text.text).toBe('09:00');
    expect(hour.options?.map((o) => o.value)).toEqual(Array.from({ length: 24 }, (_, i) => String(i)));
    expect(hour.options?.[7]?.text.text).toBe('07:00');
    expect(element(view, 'work_days').initial_options?.map((o) => o.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(element(view, 'work_days').options?.map((o) => o.text.text)).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(element(view, 'time_zone').initial_option).toEqual(
      option('slack', 'Use my Slack time zone (Europe/Berlin)'),
    );
    expect(element(view, 'paused_until').initial_date).toBeUndefined();
    expect(await settingsOf(ALICE)).toEqual(DEFAULTS);
  });

  test('the zone picker searches every zone, best match first, the Slack choice first when it fits', async () => {
    const { viewId } = await openSettings(ALICE);
    const all = await zoneSearch(viewId, '');
    expect(all[0]?.value).toBe('slack');
    expect(all).toHaveLength(100);

    const newYork = await zoneSearch(viewId, 'new york');
    expect(newYork[0]).toEqual(option('America/New_York', 'America/New York'));
    expect(newYork.map((o) => o.value)).not.toContain('slack');

    expect((await zoneSearch(viewId, 'NEW_YORK'))[0]?.value).toBe('America/New_York');
    expect((await zoneSearch(viewId, 'berlin')).map((o) => o.value).slice(0, 2)).toEqual([
      'slack',
      'Europe/Berlin',
    ]);
    const europe = await zoneSearch(viewId, 'europe');
    expect(europe.length).toBeGreaterThan(30);
    // Alice's Slack zone is in Europe, so the Slack choice fits too.
    expect(europe[0]?.value).toBe('slack');
    expect(europe.slice(1).every((o) => o.value.startsWith('Europe/'))).toBe(true);
    expect(await zoneSearch(viewId, 'qqqzzz')).toEqual([]);
  });

  test('saves exactly the chosen hour, days, zone and pause, and confirms them by DM', async () => {
    const { viewId } = await openSettings(ALICE);
    const picked = (await zoneSearch(viewId, 'new york'))[0];
    if (!picked) throw new Error('no zone found');
    const res = await h.driver.submitView(ALICE, viewId, {
      digest_hour: '8',
      work_days: ['1', '3', '5', '6'],
      time_zone: { value: picked.value, text: picked.text.text },
      paused_until: '2026-03-16',
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');

    expect(await settingsOf(ALICE)).toEqual({
      digest_hour: 8,
      work_days: [1, 3, 5, 6],
      tz_override: 'America/New_York',
      paused_until: '2026-03-16',
    });
    const dm = await h.emulator.waitForCall('chat.postMessage', (c) =>
      allText(c.args).includes('Reminders: 08:00'),
    );
    expect(dm.args.channel).toBe(ALICE.userId);
    expect(allText(dm.args)).toContain(
      'Reminders: 08:00 on Mon, Wed, Fri, Sat, America/New_York time. Paused until Mon, 16 Mar 2026',
    );
    // The days as Slack shows them in the reader's own locale.
    expect(rawText(dm.args)).toContain(
      'Paused until <!date^1773662400^{date_short_pretty}|Mon, 16 Mar 2026> (they resume on <!date^1773748800^{date_short_pretty}|Tue, 17 Mar 2026>)',
    );
    expect(allText(dm.args)).toMatch(/apply from the next reminder check/);
  });

  test('reopening shows the saved values', async () => {
    const { view } = await openSettings(ALICE);
    expect(element(view, 'digest_hour').initial_option?.value).toBe('8');
    expect(element(view, 'work_days').initial_options?.map((o) => o.value)).toEqual(['1', '3', '5', '6']);
    expect(element(view, 'time_zone').initial_option).toEqual(option('America/New_York', 'America/New York'));
    expect(element(view, 'paused_until').initial_date).toBe('2026-03-16');
  });

  test.each([
    ['no work days', { work_days: [] }, 'work_days', /at least one day/],
    ['a pause date in the past', { paused_until: '2026-03-01' }, 'paused_until', /in the past/],
    [
      'an unknown zone',
      { time_zone: { value: 'Mars/Olympus_Mons', text: 'Mars' } },
      'time_zone',
      /don't know/,
    ],
    [
      'a zone PostgreSQL does not know',
      { time_zone: { value: 'america/new_york', text: 'x' } },
      'time_zone',
      /can't plan reminders/,
    ],
  ])('%s is refused beside the field and nothing changes', async (_what, fields, field, message) => {
    const before = await settingsOf(ALICE);
    const { viewId } = await openSettings(ALICE);
    const res = await h.driver.submitView(ALICE, viewId, { digest_hour: '6', ...fields } as never);
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[field]).toMatch(message);
    expect(Object.keys(body.errors)).toEqual([field]);
    expect(await settingsOf(ALICE)).toEqual(before);
  });

  test.each([
    ['hour 25', { digest_hour: '25' }, 'digest_hour', /Pick a time/],
    ['hour -1', { digest_hour: '-1' }, 'digest_hour', /Pick a time/],
    ['weekday 9', { work_days: ['1', '9'] }, 'work_days', /Pick days/],
    ['a garbage zone', { time_zone: '../../etc/passwd' }, 'time_zone', /don't know/],
    ['a zone far too long', { time_zone: 'A'.repeat(5000) }, 'time_zone', /from the list/],
    ['a date that is no date', { paused_until: '2026-02-30' }, 'paused_until', /Pick a date/],
  ])('a crafted %s is refused beside the field and nothing changes', async (_what, state, field, message) => {
    const before = await settingsOf(ALICE);
    const { viewId } = await openSettings(ALICE);
    const res = await craftedSubmit(ALICE, viewId, state);
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[field]).toMatch(message);
    expect(await settingsOf(ALICE)).toEqual(before);
  });

  test('a pause from today is accepted; back to the Slack zone and no pause clears both', async () => {
    let { viewId } = await openSettings(ALICE);
    let res = await h.driver.submitView(ALICE, viewId, { paused_until: '2026-03-02' });
    expect(res.body).toBe('');
    expect((await settingsOf(ALICE)).paused_until).toBe('2026-03-02');

    ({ viewId } = await openSettings(ALICE));
    res = await h.driver.submitView(ALICE, viewId, {
      time_zone: { value: 'slack', text: 'Use my Slack time zone (Europe/Berlin)' },
      paused_until: null,
    });
    expect(res.body).toBe('');
    expect(await settingsOf(ALICE)).toEqual({
      digest_hour: 8,
      work_days: [1, 3, 5, 6],
      tz_override: null,
      paused_until: null,
    });
    await h.emulator.waitForCall('chat.postMessage', (c) =>
      allText(c.args).includes(
        'Europe/Berlin time (your Slack time zone). Follow-ups to your asks are suggested after 10 days. These apply',
      ),
    );
  });

  test("another member's settings are untouched, and their modal shows their own", async () => {
    const { view } = await openSettings(BOB);
    expect(await settingsOf(BOB)).toEqual(DEFAULTS);
    expect(element(view, 'digest_hour').initial_option?.value).toBe('9');
    expect(element(view, 'time_zone').initial_option?.text.text).toBe('Use my Slack time zone (Asia/Tokyo)');
  });

  test('a submission changes only the settings of the user who sent it, whoever opened the view', async () => {
    const alice = await settingsOf(ALICE);
    const { viewId } = await openSettings(ALICE);
    const res = await h.driver.submitView(BOB, viewId, { digest_hour: '17', work_days: ['6', '7'] });
    expect(res.body).toBe('');
    expect(await settingsOf(BOB)).toEqual({ ...DEFAULTS, digest_hour: 17, work_days: [6, 7] });
    expect(await settingsOf(ALICE)).toEqual(alice);
  });
});
