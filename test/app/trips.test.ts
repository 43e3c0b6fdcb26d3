import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, BOB, contactId, elementIn, openedViewId, reply } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
const ids: Record<string, number> = {};
beforeAll(async () => {
  // Monday 2 March 2026 in Berlin.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  for (const u of [ALICE, BOB]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  await addContact(h, ALICE, 'Ada', { city: 'Boston', cadence: 'yearly' });
  await addContact(h, ALICE, 'Jürgen', { city: 'Zürich', cadence: 'yearly' });
  await addContact(h, ALICE, 'Grace', {
    city: 'New York',
    how_met: 'met at Web Summit 2024',
    cadence: 'yearly',
  });
  await addContact(h, ALICE, 'Linus', { city: 'Helsinki', cadence: 'yearly' });
  await addContact(h, BOB, 'Bob in Boston', { city: 'boston', cadence: 'yearly' });
  for (const n of ['Ada', 'Jürgen', 'Grace', 'Linus']) ids[n] = await contactId(h, ALICE, n);
});
afterAll(() => h.stop());

async function planTrip(fields: Record<string, string | null>, text = 'trip') {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, text);
  const viewId = await openedViewId(h, 'trip_plan', t);
  return h.driver.submitView(ALICE, viewId, fields);
}

const tripDm = (after: number) =>
  h.emulator.waitForCall(
    'chat.postMessage',
    (c) => c.at >= after && /Saved your trip/.test(String(c.args.text)),
  );

describe('planning a trip', () => {
  test('lists contacts in the city, ignoring case and accents, and those whose notes mention the event; never anyone else’s', async () => {
    let t = preciseNow();
    let res = await planTrip(
      { starts_on: '2026-04-20', ends_on: '2026-04-22', event: 'Web Summit' },
      'trip boston',
    );
    expect(res.body).toBe('');
    const boston = allText((await tripDm(t)).args);
    expect(boston).toContain('*Ada* · in town');
    expect(boston).toContain('*Grace* · mentions the event');
    expect(boston).not.toContain('Linus');
    expect(boston).not.toContain('Bob in Boston');

    t = preciseNow();
    res = await planTrip({ city: 'zurich', starts_on: '2026-05-04', ends_on: '2026-05-04' });
    const zurich = allText((await tripDm(t)).args);
    expect(zurich).toContain('*Jürgen* · in town');
    expect(zurich).not.toContain('Ada');
    // Shown and kept as the contacts there spell it, not as typed.
    expect(zurich).toContain('Saved your trip to *Zürich*');
    expect(zurich).not.toContain('zurich');
  });

  test.each([
    [
      'a start in the past',
      { city: 'Paris', starts_on: '2026-03-01', ends_on: '2026-03-03' },
      'starts_on',
      /in the past/,
    ],
    [
      'an end before the start',
      { city: 'Paris', starts_on: '2026-04-10', ends_on: '2026-04-09' },
      'ends_on',
      /ends before it starts/,
    ],
    ['an empty city', { city: '   ', starts_on: '2026-04-10', ends_on: '2026-04-11' }, 'city', /Which city/],
  ])('%s: an inline error and nothing stored', async (_what, fields, field, message) => {
    const before = (await h.database.pool.query('SELECT count(*)::int AS n FROM trips')).rows[0].n;
    const res = await planTrip(fields);
    expect((res.json as { errors: Record<string, string> }).errors[field]).toMatch(message);
    expect((await h.database.pool.query('SELECT count(*)::int AS n FROM trips')).rows[0].n).toBe(before);
  });

  test('Plan to meet marks the contact; Bob cannot plan on Alice’s trip', async () => {
    const [trip] = (await h.database.pool.query(`SELECT id FROM trips WHERE city = 'Boston'`)).rows;
    const value = JSON.stringify({ t: trip.id, c: ids.Ada });
    let t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: `trip_plan_meet_${trip.id}_${ids.Ada}`,
      value,
      container: { type: 'ephemeral' },
    });
    await reply(h, /isn't in your network/, t);
    t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `trip_plan_meet_${trip.id}_${ids.Ada}`,
      value,
      container: { type: 'ephemeral' },
    });
    expect(allText(await reply(h, /Saved your trip/, t))).toContain(
      '*Ada* · in town · :white_check_mark: planned',
    );
  });

  test('/touchbase trips lists upcoming trips with a cancel button that works', async () => {
    let t = preciseNow();
    await h.driver.slashCommand(ALICE, 'trips');
    const list = await reply(h, /upcoming trips/, t);
    expect(allText(list)).toMatch(/Boston[\s\S]*Planning to meet Ada[\s\S]*Zürich/);
    const [zurich] = (await h.database.pool.query(`SELECT id FROM trips WHERE city = 'Zürich'`)).rows;
    t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `trip_cancel_${zurich.id}`,
      value: JSON.stringify({ t: zurich.id }),
      container: { type: 'ephemeral' },
    });
    await reply(h, /Cancelled your trip to \*Zürich\*/, t);
    t = preciseNow();
    await h.driver.slashCommand(BOB, 'trips');
    expect(allText(await reply(h, /No upcoming trips/, t))).not.toContain('Boston');
  });
});

describe('reminders around a trip', () => {
  const tripPosts = () =>
    h.emulator
      .callsTo('chat.postMessage')
      .filter(
        (c) =>
          c.ok && c.args.channel === h.emulator.dmChannelId(ALICE.userId) && /trip/.test(String(c.args.text)),
      );

  test('14 days before the start: reach out, planned contacts first; nothing before that', async () => {
    await h.tick('2026-04-03T08:00:00Z');
    expect(tripPosts()).toHaveLength(0);
    await h.tick('2026-04-06T07:00:00Z');
    expect(tripPosts()).toHaveLength(1);
    const text = allText(tripPosts()[0]?.args);
    expect(text).toContain('two weeks away: reach out to Ada (planned), Grace');
    expect(text).not.toContain('Zürich');
  });

  test('the day after it ends: whom did you meet? Logging them adds in-person touches in one go', async () => {
    await h.tick('2026-04-22T07:00:00Z');
    expect(tripPosts()).toHaveLength(1);
    await h.tick('2026-04-23T07:00:00Z');
    expect(tripPosts()).toHaveLength(2);
    const post = tripPosts()[1] as { response: { channel: string; ts: string } };
    const [trip] = (await h.database.pool.query(`SELECT id FROM trips WHERE city = 'Boston'`)).rows;
    const button = elementIn(
      h.emulator.message(post.response.channel, post.response.ts),
      `trip_log_met_${trip.id}`,
    );
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: button.action_id,
      container: { type: 'message', channelId: post.response.channel, messageTs: post.response.ts },
    });
    const viewId = await openedViewId(h, 'trip_met', t);
    const res = await h.driver.submitView(ALICE, viewId, { met: [String(ids.Ada), String(ids.Grace)] });
    expect(res.body).toBe('');
    const { rows } = await h.database.pool.query(
      `SELECT c.name, t.kind, t.touched_on::text FROM touches t JOIN contacts c ON c.id = t.contact_id
       WHERE t.user_id = $1 AND t.kind = 'in_person' ORDER BY c.name`,
      [ALICE.userId],
    );
    expect(rows).toEqual([
      { name: 'Ada', kind: 'in_person', touched_on: '2026-04-22' },
      { name: 'Grace', kind: 'in_person', touched_on: '2026-04-22' },
    ]);

    // The confirmation's Undo takes both in-person touches back.
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Logged in-person touches/.test(String(c.args.text)),
    );
    const confirmation = dm.response as { channel: string; ts: string };
    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: 'touches_undo',
      container: { type: 'message', channelId: confirmation.channel, messageTs: confirmation.ts },
    });
    await h.emulator.waitForResponsePost((p) => p.at >= t2);
    expect(allText(h.emulator.message(confirmation.channel, confirmation.ts))).toMatch(
      /Undone: deleted an in-person meeting with \*Ada\* and \*Grace\*/,
    );
    const after = await h.database.pool.query(
      `SELECT count(*)::int AS n FROM touches WHERE user_id = $1 AND kind = 'in_person'`,
      [ALICE.userId],
    );
    expect(after.rows[0].n).toBe(0);
  });
});
