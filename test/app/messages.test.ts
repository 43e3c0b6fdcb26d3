import { preciseNow } from '../../src/dev/slack-emulator';
import {
  addContact,
  allText,
  contactId,
  digestPosts,
  elementIn,
  openedViewId,
  reply,
  type User,
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

/** How messages read: grammar, one digest item per person, due today against overdue, asks settled in place. */

const GRAMMAR: User = { teamId: 'T0ALPHA', userId: 'U0GRAMMAR' };
const ASKER: User = { teamId: 'T0ALPHA', userId: 'U0ASKER' };
const TRAVELLER: User = { teamId: 'T0ALPHA', userId: 'U0TRAVEL' };
const WARNED: User = { teamId: 'T0ALPHA', userId: 'U0WARNED' };

let h: Harness;
beforeAll(async () => {
  // Monday 16 February 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-02-16T10:00:00Z' });
  for (const u of [GRAMMAR, ASKER, TRAVELLER, WARNED]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  // Due on 2 March: two weeks overdue by the digest of 16 March.
  await addContact(h, ASKER, 'Olga', { cadence: 'biweekly' });
  h.setNow('2026-03-02T10:00:00Z');
});
afterAll(() => h.stop());

type Posted = { text: string; blocks: unknown[] };

/** Logs a touch through the modal and returns the confirmation DM with where it was posted. */
async function logTouch(user: User, name: string, fields: Record<string, string>) {
  const t = preciseNow();
  const earlier = new Set(h.emulator.callsTo('chat.postMessage'));
  await h.driver.slashCommand(user, `log ${name}`);
  const viewId = await openedViewId(h, 'touch_log', t);
  const res = await h.driver.submitView(user, viewId, fields);
  expect(res.body).toBe('');
  const dm = await h.emulator.waitForCall(
    'chat.postMessage',
    (c) => !earlier.has(c) && String(c.args.text).startsWith('Logged'),
  );
  const { channel, ts } = dm.response as { channel: string; ts: string };
  return { ...(dm.args as Posted), channel, ts };
}

/** Sentences a member should never read. */
function expectGoodGrammar(text: string) {
  expect(text).not.toMatch(/\ba [aeiou]/i);
  expect(text).not.toMatch(/with a give with/);
  expect(text).not.toMatch(/ago\?/);
}

describe('grammar of the confirmations', () => {
  beforeAll(async () => {
    await addContact(h, GRAMMAR, 'Ada Lovelace', { cadence: 'yearly' });
  });

  const KINDS: [string, string][] = [
    ['call', 'a call'],
    ['video', 'a video call'],
    ['in_person', 'an in-person meeting'],
    ['message', 'a message'],
    ['email', 'an email'],
    ['event', 'a meeting at an event'],
  ];
  const INTENTS: [string, string][] = [
    ['give', 'give'],
    ['ask', 'ask'],
    ['catch_up', 'catch-up'],
  ];
  const table = KINDS.flatMap(([kind, phrase]) =>
    INTENTS.map(([intent, word]) => [kind, intent, `Logged ${phrase} with *Ada Lovelace* (${word}) today.`]),
  );

  test.each(table)('%s, %s: "%s"', async (kind, intent, expected) => {
    const dm = await logTouch(GRAMMAR, 'Ada', {
      kind,
      intent,
      ...(intent === 'ask' ? { ask_what: `advice on ${kind}` } : {}),
    });
    expect(allText(dm)).toContain(expected);
    expect(dm.text).toContain(expected.replaceAll('*', ''));
    expectGoodGrammar(allText(dm));
    expectGoodGrammar(dm.text);
  });

  test('a touch on another day says on which day', async () => {
    const dm = await logTouch(GRAMMAR, 'Ada', { kind: 'email', intent: 'give', touched_on: '2026-02-20' });
    expect(dm.text).toContain('Logged an email with Ada Lovelace (give) on Fri, 20 Feb 2026.');
  });
});

describe('asks: one paragraph of warnings, buttons that say which ask, settled in place', () => {
  beforeAll(async () => {
    await addContact(h, WARNED, 'Pia', { cadence: 'quarterly' });
  });

  test('the warnings after a third ask are one short paragraph, and the buttons name the ask', async () => {
    await logTouch(WARNED, 'Pia', { intent: 'ask', ask_what: 'an intro to Acme' });
    await logTouch(WARNED, 'Pia', { intent: 'ask', ask_what: 'feedback on my deck' });
    const third = await logTouch(WARNED, 'Pia', { intent: 'ask', ask_what: 'a <b>reference</b>' });
    const warnings = (third.blocks as { text?: { text: string } }[]).filter((b) =>
      b.text?.text.includes(':warning:'),
    );
    expect(warnings).toHaveLength(1);
    const paragraph = warnings[0]?.text?.text ?? '';
    expect(paragraph).not.toContain('\n');
    expect(paragraph.match(/:warning:/g)).toHaveLength(1);
    expect(paragraph).toBe(
      ':warning: 3 of your last 3 touches with them were asks, this is your 3rd ask in 90 days, and you are still ' +
        'waiting on 2 earlier asks (“an intro to Acme”, “feedback on my deck”). Next time, try giving first: ' +
        'share something useful, make an introduction, or just check in.',
    );
    expect(allText(third)).toContain(
      '“a &lt;b&gt;reference&lt;/b&gt;” stays pending until you mark how it went:',
    );
    expect(third.text).not.toContain('<b>');
  });

  test('Granted on an older confirmation updates that message in place: the outcome replaces the buttons', async () => {
    const [first] = (
      await h.database.pool.query(
        `SELECT a.id FROM asks a WHERE a.user_id = $1 AND a.what = 'an intro to Acme'`,
        [WARNED.userId],
      )
    ).rows;
    const confirmation = h.emulator
      .callsTo('chat.postMessage')
      .find((c) => allText(c.args).includes('“an intro to Acme” stays pending'));
    const { channel, ts } = (confirmation as { response: unknown }).response as {
      channel: string;
      ts: string;
    };
    const button = elementIn(h.emulator.message(channel, ts), `ask_granted_${first.id}`);
    await h.driver.blockAction(WARNED, {
      actionId: button.action_id,
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    await reply(h, /is marked granted/);
    const updated = h.emulator.message(channel, ts);
    const text = allText(updated);
    expect(text).toContain('Logged a call with *Pia* (ask) today.');
    expect(text).toContain(
      'Your ask to *Pia* (“an intro to Acme”) is marked granted. Remember to thank them.',
    );
    expect(text).not.toContain('stays pending');
    expect(() => elementIn(updated, `ask_granted_${first.id}`)).toThrow();
    expect(
      (await h.database.pool.query('SELECT status FROM asks WHERE id = $1', [first.id])).rows[0].status,
    ).toBe('granted');
  });
});

describe('the digest: one item per person, due today or overdue', () => {
  let channel: string;
  let ts: string;
  const message = () => h.emulator.message(channel, ts);

  beforeAll(async () => {
    // Dana: three asks today, all waiting for a follow-up on 16 March; not due herself until April.
    await addContact(h, ASKER, 'Dana', { cadence: 'monthly' });
    for (const what of ['a warm intro to her CTO', 'a quote for my article', 'a reference']) {
      await logTouch(ASKER, 'Dana', { intent: 'ask', ask_what: what });
    }
    // Finn: one ask, and due on 16 March as well: one item with both.
    await addContact(h, ASKER, 'Finn', { cadence: 'biweekly' });
    await logTouch(ASKER, 'Finn', { intent: 'ask', ask_what: 'a beta invite' });
    // Due today on 16 March.
    await addContact(h, ASKER, 'George', { cadence: 'biweekly' });
    await addContact(h, ASKER, 'Hana', { cadence: 'biweekly' });
    // Monday 16 March, 09:00 in Berlin.
    await h.tick('2026-03-16T08:00:00Z');
    const post = digestPosts(h, ASKER.userId).at(-1);
    ({ channel, ts } = (post as { response: unknown }).response as { channel: string; ts: string });
  });

  test('three asks to Dana are one item with a button row for each, and five items are five people', () => {
    const sections = (message()?.blocks ?? []) as { type: string; text?: { text: string } }[];
    const titles = sections.filter((b) => b.type === 'section' && /^\*\w+\*/.test(b.text?.text ?? ''));
    expect(titles.map((b) => b.text?.text.match(/^\*(\w+)\*/)?.[1]).sort()).toEqual([
      'Dana',
      'Finn',
      'George',
      'Hana',
      'Olga',
    ]);
    const text = allText(message());
    expect(text).toContain(
      '*Dana*\n3 asks waiting. A short follow-up that thanks them for considering it is welcome now.',
    );
    expect(text).toContain(':hourglass: You asked for “a warm intro to her CTO” 2 weeks ago.');
    expect(text).toContain(':hourglass: You asked for “a reference” 2 weeks ago.');
    expect(text).not.toContain('…and');
  });

  test('the heading says due today only for what is due today, and overdue for the rest', () => {
    const heading = allText((message()?.blocks ?? []).slice(0, 1));
    expect(heading).toBe(
      ':wave: Good morning! 3 check-ins are due today and one is overdue. 4 asks have waited long enough for a follow-up.',
    );
  });

  test('Finn, due and with an ask waiting, is one item: Log it and the ask’s own buttons', async () => {
    const finn = await contactId(h, ASKER, 'Finn');
    const [ask] = (await h.database.pool.query('SELECT id FROM asks WHERE contact_id = $1', [finn])).rows;
    const text = allText(message());
    expect(text).toMatch(/\*Finn\*\n[^\n]*you planned calls every other week\.[^\n]*\nYour ask is waiting\./);
    expect(elementIn(message(), `ask_granted_${ask.id}`).value).toContain('2026-03-16');
  });

  test('Granted on one of Dana’s asks marks that ask in place; the others keep their buttons', async () => {
    const dana = await contactId(h, ASKER, 'Dana');
    const asks = (
      await h.database.pool.query('SELECT id FROM asks WHERE contact_id = $1 ORDER BY id', [dana])
    ).rows.map((r) => Number(r.id));
    const t = preciseNow();
    await h.driver.blockAction(ASKER, {
      actionId: `ask_granted_${asks[1]}`,
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    const text = allText(message());
    expect(text).toContain('~“a quote for my article”~ :white_check_mark: Marked granted.');
    expect(text).toContain('*Dana*\n2 asks waiting.');
    expect(() => elementIn(message(), `ask_granted_${asks[1]}`)).toThrow();
    expect(elementIn(message(), `ask_granted_${asks[0]}`)).toBeDefined();
    expect(elementIn(message(), `ask_granted_${asks[2]}`)).toBeDefined();
  });
});

describe('trips in the digest', () => {
  test('after Log whom I met, the same digest no longer offers Log it for the people just logged', async () => {
    h.setNow('2026-03-02T10:00:00Z');
    // Due on 2 April, the day after the trip ends, when the digest asks whom you met.
    await addContact(h, TRAVELLER, 'Ines', { city: 'Zürich', cadence: 'monthly' });
    await addContact(h, TRAVELLER, 'Jonas', { city: 'Zürich', cadence: 'monthly' });
    await addContact(h, TRAVELLER, 'Karl', { city: 'zurich', cadence: 'monthly' });
    let t = preciseNow();
    await h.driver.slashCommand(TRAVELLER, 'trip ZURICH');
    const planId = await openedViewId(h, 'trip_plan', t);
    expect(
      (await h.driver.submitView(TRAVELLER, planId, { starts_on: '2026-03-30', ends_on: '2026-04-01' })).body,
    ).toBe('');
    // Thursday 2 April, 09:00 in Berlin (summer time).
    await h.tick('2026-04-02T07:00:00Z');
    const post = digestPosts(h, TRAVELLER.userId).at(-1);
    const { channel, ts } = (post as { response: unknown }).response as { channel: string; ts: string };
    const digest = () => h.emulator.message(channel, ts);
    const logIt = (name: string) =>
      ((digest()?.blocks ?? []) as { block_id?: string; text?: { text: string } }[]).findIndex((b) =>
        b.text?.text.startsWith(`*${name}*`),
      );
    expect(logIt('Ines')).toBeGreaterThan(0);
    expect(logIt('Jonas')).toBeGreaterThan(0);
    // The trip is named as the contacts there spell it.
    expect(allText(digest())).toContain('Back from *Zürich*');

    const [trip] = (
      await h.database.pool.query('SELECT id FROM trips WHERE user_id = $1', [TRAVELLER.userId])
    ).rows;
    t = preciseNow();
    await h.driver.blockAction(TRAVELLER, {
      actionId: `trip_log_met_${trip.id}`,
      container: { type: 'message', channelId: channel, messageTs: ts },
    });
    const metId = await openedViewId(h, 'trip_met', t);
    const ines = await contactId(h, TRAVELLER, 'Ines');
    t = preciseNow();
    expect((await h.driver.submitView(TRAVELLER, metId, { met: [String(ines)] })).body).toBe('');
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    const text = allText(digest());
    expect(text).toContain('~*Ines*~\n:white_check_mark: Logged a touch (Wed, 1 Apr 2026).');
    expect(text).toContain(':white_check_mark: Logged whom you met.');
    const logButtons = ((digest()?.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.action_id?.startsWith('digest_log_'))
      .map((e) => JSON.parse(e.value ?? '{}').c);
    expect(logButtons).not.toContain(ines);
    expect(logButtons).toContain(await contactId(h, TRAVELLER, 'Jonas'));
  });
});
