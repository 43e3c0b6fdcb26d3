import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, BOB, contactId, elementIn, openedViewId, reply } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
const ids: Record<string, number> = {};
beforeAll(async () => {
  // Monday 2 March 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  for (const u of [ALICE, BOB]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  for (const name of ['Ada Lovelace', 'Grace Hopper']) {
    await addContact(h, ALICE, name, { cadence: 'yearly' });
    ids[name] = await contactId(h, ALICE, name);
  }
  await addContact(h, BOB, 'Bob Contact');
  ids.bobs = await contactId(h, BOB, 'Bob Contact');
});
afterAll(() => h.stop());

const pick = (id: number, text: string) => ({ value: String(id), text });
const introsOf = async (userId: string) =>
  (
    await h.database.pool.query(
      `SELECT from_contact_id::int AS "from", to_contact_id::int AS "to", to_name, kind, outcome, follow_up_on::text
       FROM introductions WHERE user_id = $1 ORDER BY id`,
      [userId],
    )
  ).rows;

async function openIntro(user = ALICE, text = 'intro') {
  const t = preciseNow();
  await h.driver.slashCommand(user, text);
  return openedViewId(h, 'intro_log', t);
}

describe('logging an introduction', () => {
  test('between two contacts: stored, a give with each side, both clocks reset, confirmed by DM', async () => {
    const viewId = await openIntro(ALICE, 'intro ada');
    const view = h.emulator.view(viewId) as {
      blocks: { block_id: string; element?: { initial_option?: { value: string } } }[];
    };
    expect(view.blocks.find((b) => b.block_id === 'intro_from')?.element?.initial_option?.value).toBe(
      String(ids['Ada Lovelace']),
    );
    const t = preciseNow();
    const res = await h.driver.submitView(ALICE, viewId, {
      intro_to: pick(ids['Grace Hopper'] as number, 'Grace Hopper'),
      intro_kind: 'founder_investor',
      intro_why: 'Ada is raising; Grace invests in compilers',
    });
    expect(res.body).toBe('');
    expect(await introsOf(ALICE.userId)).toEqual([
      {
        from: ids['Ada Lovelace'],
        to: ids['Grace Hopper'],
        to_name: null,
        kind: 'founder_investor',
        outcome: null,
        follow_up_on: '2026-03-16',
      },
    ]);
    const gives = await h.database.pool.query(
      `SELECT c.name, t.intent, c.last_touch_on::text AS last FROM touches t JOIN contacts c ON c.id = t.contact_id
       WHERE t.user_id = $1 ORDER BY c.name`,
      [ALICE.userId],
    );
    expect(gives.rows).toEqual([
      { name: 'Ada Lovelace', intent: 'give', last: '2026-03-02' },
      { name: 'Grace Hopper', intent: 'give', last: '2026-03-02' },
    ]);
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /introduction/.test(String(c.args.text)),
    );
    expect(allText(dm.args)).toContain(
      'Logged your introduction of *Ada Lovelace* to *Grace Hopper* (founder to investor): a give with each of them.',
    );
  });

  test('to an organisation by name, from the global shortcut: one give', async () => {
    const t = preciseNow();
    const res = await h.driver.globalShortcut(ALICE, 'log_intro');
    expect(res.status).toBe(200);
    const viewId = await openedViewId(h, 'intro_log', t);
    await h.driver.submitView(ALICE, viewId, {
      intro_from: pick(ids['Grace Hopper'] as number, 'Grace Hopper'),
      intro_to_name: 'Acme Fellowship',
      intro_kind: 'candidate_employer',
    });
    expect((await introsOf(ALICE.userId))[1]).toMatchObject({
      from: ids['Grace Hopper'],
      to: null,
      to_name: 'Acme Fellowship',
    });
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Acme Fellowship/.test(String(c.args.text)),
    );
    expect(allText(dm.args)).toContain(
      'to *Acme Fellowship* (job candidate to employer): a give with *Grace Hopper*.',
    );
  });

  test.each([
    [
      'a contact to themselves',
      () => ({
        intro_from: pick(ids['Ada Lovelace'] as number, 'Ada'),
        intro_to: pick(ids['Ada Lovelace'] as number, 'Ada'),
      }),
      'intro_to',
      /cannot be introduced to themselves/,
    ],
    [
      'nobody to introduce them to',
      () => ({ intro_from: pick(ids['Ada Lovelace'] as number, 'Ada') }),
      'intro_to',
      /Pick a contact, or name/,
    ],
    [
      'both a contact and a name',
      () => ({
        intro_from: pick(ids['Ada Lovelace'] as number, 'Ada'),
        intro_to: pick(ids['Grace Hopper'] as number, 'Grace'),
        intro_to_name: 'Acme',
      }),
      'intro_to_name',
      /one of the two/,
    ],
    [
      "another member's contact",
      () => ({
        intro_from: pick(ids['Ada Lovelace'] as number, 'Ada'),
        intro_to: pick(ids.bobs as number, 'Bob Contact'),
      }),
      'intro_from',
      /isn't in your network/,
    ],
    [
      'an unknown contact',
      () => ({ intro_from: pick(987654, 'Nobody'), intro_to_name: 'Acme' }),
      'intro_from',
      /isn't in your network/,
    ],
    [
      'a date in the future',
      () => ({
        intro_from: pick(ids['Ada Lovelace'] as number, 'Ada'),
        intro_to_name: 'Acme',
        intro_on: '2026-03-05',
      }),
      'intro_on',
      /in the future/,
    ],
  ])('%s is refused with a clear message and nothing is stored', async (_what, fields, block, message) => {
    const before = (await introsOf(ALICE.userId)).length;
    const touches = (await h.database.pool.query('SELECT count(*)::int AS n FROM touches')).rows[0].n;
    const viewId = await openIntro();
    const res = await h.driver.submitView(ALICE, viewId, fields() as never);
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[block]).toMatch(message);
    expect(await introsOf(ALICE.userId)).toHaveLength(before);
    expect((await h.database.pool.query('SELECT count(*)::int AS n FROM touches')).rows[0].n).toBe(touches);
  });

  test('/touchbase intros lists them with outcomes; another member sees none of them', async () => {
    let t = preciseNow();
    await h.driver.slashCommand(ALICE, 'intros');
    const text = allText(await reply(h, /recent introductions/, t));
    expect(text).toContain('*Ada Lovelace* → *Grace Hopper* · Founder to investor');
    expect(text).toContain('*Grace Hopper* → *Acme Fellowship*');
    expect(text).toContain('No outcome yet');
    t = preciseNow();
    await h.driver.slashCommand(BOB, 'intros');
    expect(allText(await reply(h, /No introductions logged yet/, t))).not.toContain('Ada');
  });
});

describe('"how did it go?" 14 days later', () => {
  const introPosts = () =>
    h.emulator
      .callsTo('chat.postMessage')
      .filter(
        (c) =>
          c.ok &&
          c.args.channel === h.emulator.dmChannelId(ALICE.userId) &&
          /how did it go/.test(String(c.args.text)),
      );

  test('not before day 14; on day 14, with outcome buttons', async () => {
    await h.tick('2026-03-15T08:00:00Z'); // Sunday anyway
    await h.tick('2026-03-13T08:00:00Z');
    expect(introPosts()).toHaveLength(0);
    await h.tick('2026-03-16T08:00:00Z');
    expect(introPosts()).toHaveLength(1);
    expect(allText(introPosts()[0]?.args)).toContain(
      'How did the introduction between Ada Lovelace and Grace Hopper go? You introduced them 2 weeks ago.',
    );
    expect(allText(introPosts()[0]?.args)).not.toMatch(/ago\?/);
  });

  test('"no response yet" updates the message and asks once more 14 days later, then never again', async () => {
    const post = introPosts()[0];
    const { channel, ts } = (post as { response: { channel: string; ts: string } }).response;
    const [intro] = (
      await h.database.pool.query('SELECT id FROM introductions WHERE user_id = $1 ORDER BY id LIMIT 1', [
        ALICE.userId,
      ])
    ).rows;
    h.setNow('2026-03-16T09:00:00Z');
    let button = elementIn(h.emulator.message(channel, ts), `intro_outcome_no_response_${intro.id}`);
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: button.action_id,
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(allText(h.emulator.message(channel, ts))).toContain('No response yet');
    expect((await introsOf(ALICE.userId))[0]).toMatchObject({
      outcome: 'no_response',
      follow_up_on: '2026-03-30',
    });

    await h.tick('2026-03-27T08:00:00Z');
    expect(introPosts()).toHaveLength(1);
    await h.tick('2026-03-30T07:00:00Z');
    expect(introPosts()).toHaveLength(2);

    const again = introPosts()[1] as { response: { channel: string; ts: string } };
    button = elementIn(
      h.emulator.message(again.response.channel, again.response.ts),
      `intro_outcome_no_response_${intro.id}`,
    );
    await h.driver.blockAction(ALICE, {
      actionId: button.action_id,
      container: { type: 'message', channelId: again.response.channel, messageTs: again.response.ts },
    });
    await h.tick('2026-04-14T07:00:00Z');
    await h.tick('2026-04-15T07:00:00Z');
    expect(introPosts()).toHaveLength(2);
  });
});

describe('Undo on "Logged your introduction …"', () => {
  async function logIntro(whyText: string) {
    const viewId = await openIntro(ALICE, 'intro ada');
    const t = preciseNow();
    await h.driver.submitView(ALICE, viewId, {
      intro_to: pick(ids['Grace Hopper'] as number, 'Grace Hopper'),
      intro_kind: 'peer',
      intro_why: whyText,
    });
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Logged your introduction/.test(String(c.args.text)),
    );
    return dm.response as { channel: string; ts: string };
  }
  const state = async () => ({
    intros: (await introsOf(ALICE.userId)).length,
    touches: (
      await h.database.pool.query(
        `SELECT c.name, count(t.id)::int AS n, c.next_due_on::text AS next FROM contacts c
         LEFT JOIN touches t ON t.contact_id = c.id WHERE c.user_id = $1 GROUP BY c.id ORDER BY c.name`,
        [ALICE.userId],
      )
    ).rows,
  });
  const undo = (posted: { channel: string; ts: string }) =>
    h.driver.blockAction(ALICE, {
      actionId: 'intro_undo',
      container: { type: 'message', channelId: posted.channel, messageTs: posted.ts },
    });

  test('takes back the introduction and both gives, and says so in place', async () => {
    const before = await state();
    const posted = await logIntro('a second try');
    expect((await state()).intros).toBe(before.intros + 1);
    const t = preciseNow();
    await undo(posted);
    await h.emulator.waitForResponsePost((p) => p.at >= t);
    expect(allText(h.emulator.message(posted.channel, posted.ts))).toMatch(
      /Undone: your introduction of \*Ada Lovelace\* to \*Grace Hopper\* and its gives are deleted/,
    );
    expect(await state()).toEqual(before);
  });

  test('after a newer touch with one side, changes nothing and says why; another member cannot undo it', async () => {
    const posted = await logIntro('a third try');
    const t0 = preciseNow();
    await h.driver.slashCommand(ALICE, 'log grace');
    const viewId = await openedViewId(h, 'touch_log', t0);
    await h.driver.submitView(ALICE, viewId, { kind: 'call', intent: 'catch_up' });
    const before = await state();
    const t = preciseNow();
    await undo(posted);
    expect(allText(await reply(h, /newer touch with \*Grace Hopper\*/, t))).toContain('Nothing was changed');
    const t2 = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: 'intro_undo',
      value: JSON.stringify({ i: 1, t: [1] }),
      container: { type: 'ephemeral' },
    });
    await reply(h, /no longer in your network/, t2);
    expect(await state()).toEqual(before);
  });
});
