import { preciseNow } from '../../src/dev/slack-emulator';
import { addDays } from '../../src/domain/dates';
import { ALICE, allText, openedViewId, reply, settledHome } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

// Monday 2 March 2026, before Alice's 09:00 digest (London is on UTC in early March).
const START = '2026-03-02T07:00:00Z';
const WEEK = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: START });
  h.emulator.setUser(ALICE.userId, { tz: 'Europe/London' });
  await h.driver.slashCommand(ALICE, 'due'); // Alice becomes a member
});
afterAll(() => h.stop());

const name = (i: number) => `Person ${String(i).padStart(2, '0')}`;

/**
 * Fifty monthly contacts as a triage leaves them, all due by this week: Person 01 to 04 last talked
 * on 20 January, the next four a day later, and so on, so Person 01 is the most overdue. And Tess,
 * who just started a new job: her check-in waits on that.
 */
async function seedNetwork(): Promise<void> {
  for (let i = 1; i <= 50; i++) {
    const last = addDays('2026-01-20', Math.floor((i - 1) / 4));
    await h.database.pool.query(
      `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, last_touch_on, next_due_on, created_at, updated_at)
       VALUES ($1, $2, $3, 'monthly', '2025-06-01', $4::date, $4::date + interval '1 month', now(), now())`,
      [ALICE.teamId, ALICE.userId, name(i), last],
    );
  }
  await h.database.pool.query(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, last_touch_on, next_due_on,
                           transition_kind, transition_on, created_at, updated_at)
     VALUES ($1, $2, 'Tess Transition', 'monthly', '2025-06-01', '2026-02-25', '2026-03-01',
             'new_job', '2026-03-01', now(), now())`,
    [ALICE.teamId, ALICE.userId],
  );
}

async function setBudget(value: string | null): Promise<{ status: number; body: string; json: unknown }> {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, 'settings');
  const viewId = await openedViewId(h, 'settings', t);
  const res = await h.driver.submitView(ALICE, viewId, { weekly_budget: value });
  return { status: res.status, body: res.body, json: res.json };
}

/** The names of the check-ins in Alice's digests of these days, as the worker recorded them. */
async function checkInsIn(days: string[]): Promise<string[]> {
  const { rows } = await h.database.pool.query<{ name: string }>(
    `SELECT DISTINCT item->>'name' AS name
     FROM digests d, jsonb_array_elements(d.items) AS item
     WHERE d.team_id = $1 AND d.user_id = $2 AND d.local_date = ANY ($3::date[]) AND item->>'kind' = 'due'
     ORDER BY 1`,
    [ALICE.teamId, ALICE.userId, days],
  );
  return rows.map((r) => r.name);
}

async function budgetOf(): Promise<number | null> {
  const { rows } = await h.database.pool.query(
    'SELECT weekly_budget FROM members WHERE team_id = $1 AND user_id = $2',
    [ALICE.teamId, ALICE.userId],
  );
  return rows[0].weekly_budget;
}

/** Alice opens her Home tab; the Home's week plan as it settles (empty without one). */
async function openHome(): Promise<string> {
  const t = preciseNow();
  await h.driver.event(ALICE.teamId, {
    type: 'app_home_opened',
    user: ALICE.userId,
    channel: h.emulator.dmChannelId(ALICE.userId),
    tab: 'home',
  });
  const home = await settledHome(h, ALICE, t);
  return allText((home.blocks as { block_id?: string }[]).filter((b) => b.block_id === 'week_plan'));
}

/** What Alice is answered to a command (in the response, or posted to its response_url). */
async function answer(command: string): Promise<string> {
  const t = preciseNow();
  const res = await h.driver.slashCommand(ALICE, command);
  if (res.body) return allText(res.json);
  return allText(await reply(h, /\S/, t));
}

describe('a weekly budget of check-ins', () => {
  beforeAll(seedNetwork);

  test('settings refuse a budget that is not a whole number from 1 to 100, and change nothing', async () => {
    for (const bad of ['0', '101', '2.5', 'five', '-3']) {
      const res = await setBudget(bad);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        response_action: 'errors',
        errors: {
          weekly_budget: 'Type a whole number of check-ins from 1 to 100, or leave it empty for no limit.',
        },
      });
    }
    expect(await budgetOf()).toBeNull();
  });

  test('with 5 a week, the week of 50 due carries 5 check-ins: the transition and the 4 most overdue', async () => {
    const saved = await setBudget('5');
    expect(saved.body).toBe('');
    expect(await budgetOf()).toBe(5);
    const dm = await h.emulator.waitForCall('chat.postMessage', (c) =>
      String(c.args.text).includes('At most 5 check-ins a week'),
    );
    expect(dm.ok).toBe(true);

    for (const day of WEEK) await h.tick(`${day}T09:05:00Z`);
    expect(await checkInsIn(WEEK)).toEqual([name(1), name(2), name(3), name(4), 'Tess Transition']);
    const { rows } = await h.database.pool.query(
      `SELECT count(*)::int AS n, max(more_count)::int AS more FROM digests
       WHERE team_id = $1 AND user_id = $2 AND local_date = ANY ($3::date[])`,
      [ALICE.teamId, ALICE.userId, WEEK],
    );
    expect(rows[0]).toEqual({ n: 5, more: 0 });
  });

  test('`due` lists the week’s five; show and list say when a moved check-in comes and why', async () => {
    const due = await answer('due');
    expect(due).toContain('5 due now');
    expect(due).not.toContain(name(5));

    const shown = await answer(`show ${name(5)}`);
    expect(shown).toContain('next check-in moved to the week of 9 Mar to keep to your 5 a week');
    // Fifty less the four kept this week, five a week: Person 50 is in the tenth week.
    expect(await answer(`show ${name(50)}`)).toContain(
      'moved to the week of 11 May to keep to your 5 a week',
    );
    expect(await answer(`list ${name(6)}`)).toContain(
      'next check-in moved to the week of 9 Mar to keep to your 5 a week',
    );
    expect(await answer('show Tess Transition')).not.toContain('moved');
  });

  test('the App Home shows this week’s plan against the budget', async () => {
    const plan = await openHome();
    expect(plan).toContain('*This week:* 5 of 5 check-ins planned');
    expect(plan).toContain(`*${name(1)}* · due now`);
    expect(plan).toContain('*Tess Transition* · due now');
    expect(plan).not.toContain(name(5));
    // Those moved to next Monday, within the week ahead, say why they come later than their cadence.
    const full = allText(h.emulator.homeOf(ALICE.userId));
    const comingWeek = full.slice(full.indexOf('Due this week'), full.indexOf('Upcoming dates'));
    expect(comingWeek).toMatch(
      /9 Mar 2026\): next check-in moved to the week of 9 Mar to keep to your 5 a week/,
    );
  });

  test('next week, once the first were done, the digest brings the next most overdue, each saying it was moved', async () => {
    h.setNow('2026-03-06T12:00:00Z');
    for (const who of [name(1), name(2), name(3), name(4), 'Tess Transition']) {
      const t = preciseNow();
      await h.driver.slashCommand(ALICE, `log ${who}`);
      const viewId = await openedViewId(h, 'touch_log', t);
      expect(
        (await h.driver.submitView(ALICE, viewId, { kind: 'call', intent: 'catch_up' } as never)).body,
      ).toBe('');
    }
    const next = ['2026-03-09', '2026-03-10'];
    for (const day of next) await h.tick(`${day}T09:05:00Z`);
    expect(await checkInsIn(next)).toEqual([name(5), name(6), name(7), name(8), name(9)]);
    const posted = h.emulator
      .callsTo('chat.postMessage')
      .filter((c) => c.ok && c.args.channel === h.emulator.dmChannelId(ALICE.userId))
      .at(-1);
    expect(allText(posted?.args)).toContain(
      'Next check-in moved to the week of 9 Mar to keep to your 5 a week',
    );
  });

  test('with the budget removed, everyone due comes back as before', async () => {
    h.setNow('2026-03-10T12:00:00Z');
    expect((await setBudget(null)).body).toBe('');
    expect(await budgetOf()).toBeNull();
    const { rows } = await h.database.pool.query(
      `SELECT count(*) FILTER (WHERE leveled_to IS NOT NULL)::int AS moved,
              count(*) FILTER (WHERE next_due_on <= '2026-03-11')::int AS due
       FROM contacts WHERE team_id = $1 AND user_id = $2`,
      [ALICE.teamId, ALICE.userId],
    );
    // Everyone not talked to on Friday is due again.
    expect(rows[0]).toEqual({ moved: 0, due: 46 });
    await h.tick('2026-03-11T09:05:00Z');
    const { rows: digest } = await h.database.pool.query(
      `SELECT more_count AS more FROM digests WHERE team_id = $1 AND user_id = $2 AND local_date = '2026-03-11'`,
      [ALICE.teamId, ALICE.userId],
    );
    expect(digest[0]).toEqual({ more: 41 });
    expect(await answer(`show ${name(50)}`)).not.toContain('moved');
    expect(await openHome()).toBe('');
  });

  test('someone sorted in triage takes their place by urgency: the least urgent of the week moves on', async () => {
    // The budget again, in the week of 9 March: Person 05 to 09 are its five most overdue.
    expect((await setBudget('5')).body).toBe('');
    expect(await answer(`show ${name(9)}`)).not.toContain('moved');
    const { rows } = await h.database.pool.query(
      `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, unsorted, source, created_at, updated_at)
       VALUES ($1, $2, 'Uma Unsorted', 'none', '2025-06-01', true, 'linkedin', now(), now()) RETURNING id`,
      [ALICE.teamId, ALICE.userId],
    );
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'triage');
    await h.emulator.waitForResponsePost((p) => p.at >= t);
    // Monthly from when she was added, last June: far more overdue than anyone.
    const sorted = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `triage_sort_monthly_${rows[0].id}`,
      container: { type: 'ephemeral' },
    });
    await h.emulator.waitForResponsePost((p) => p.at >= sorted);

    expect(await answer('show Uma Unsorted')).not.toContain('moved');
    expect(await answer(`show ${name(9)}`)).toContain('moved to the week of 16 Mar to keep to your 5 a week');
    const plan = await openHome();
    expect(plan).toContain('*This week:* 5 of 5 check-ins planned');
    expect(plan).toContain('*Uma Unsorted* · due now');
    expect(plan).not.toContain(name(9));
  });

  test('two touches logged at the same moment both land, each leveling after the other', async () => {
    const views: string[] = [];
    for (const who of [name(10), name(11)]) {
      const t = preciseNow();
      await h.driver.slashCommand(ALICE, `log ${who}`);
      views.push(await openedViewId(h, 'touch_log', t));
    }
    const answers = await Promise.all(
      views.map((viewId) => h.driver.submitView(ALICE, viewId, { kind: 'call', intent: 'give' } as never)),
    );
    expect(answers.map((a) => a.body)).toEqual(['', '']);
    const { rows } = await h.database.pool.query(
      `SELECT c.name, count(t.id)::int AS touches FROM contacts c LEFT JOIN touches t ON t.contact_id = c.id
       WHERE c.team_id = $1 AND c.user_id = $2 AND c.name = ANY ($3) GROUP BY c.name ORDER BY c.name`,
      [ALICE.teamId, ALICE.userId, [name(10), name(11)]],
    );
    expect(rows).toEqual([
      { name: name(10), touches: 1 },
      { name: name(11), touches: 1 },
    ]);
    // Two check-ins done this week leave room for three.
    expect(await openHome()).toContain('*This week:* 3 of 5 check-ins planned, 2 done');
  });
});
