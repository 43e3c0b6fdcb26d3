import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, contactId, digestPosts, openedViewId, reply } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

/**
 * What members type reaches the database clean and Slack as text: control characters and NUL are
 * dropped where Slack input enters, dates outside 1900–2200 get an error beside the field, and a
 * contact named to break out of mrkdwn arrives in the digest as their name, not a broadcast.
 */
let h: Harness;
const EVIL = '<!channel> <@U123> <https://evil|x> & *bold*';

beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  await addContact(h, ALICE, 'Ada', { cadence: 'monthly' });
});
afterAll(() => h.stop());

/** How many of Alice's rows a form stores to (for settings: a pause set). */
const count = async (table: string) =>
  (
    await h.database.pool.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1${table === 'members' ? ' AND paused_until IS NOT NULL' : ''}`,
      [ALICE.userId],
    )
  ).rows[0].n as number;

/** Opens a form with `/touchbase <command>` and submits it with `fields`; answers the errors shown beside fields. */
async function submitForm(command: string, callbackId: string, fields: Record<string, unknown>) {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, command);
  const viewId = await openedViewId(h, callbackId, t);
  const res = await h.driver.submitView(ALICE, viewId, fields as never);
  expect(res.status).toBe(200);
  return (res.json as { errors?: Record<string, string> } | undefined)?.errors ?? {};
}

describe('dates out of range', () => {
  test.each([
    [
      'a trip ending in 9999',
      'trip Lisbon',
      'trip_plan',
      { starts_on: '2026-04-01', ends_on: '9999-12-31' },
      'ends_on',
      'trips',
    ],
    [
      'a trip starting in year 1',
      'trip Lisbon',
      'trip_plan',
      { starts_on: '0001-01-01', ends_on: '2026-04-01' },
      'starts_on',
      'trips',
    ],
    ['a touch in 1899', 'log Ada', 'touch_log', { touched_on: '1899-12-31' }, 'touched_on', 'touches'],
    [
      'last talked in year 1',
      'add Zed',
      'contact_add',
      { name: 'Zed', talked_on: '0001-01-01' },
      'talked_on',
      'contacts',
    ],
    [
      'a transition in 1850',
      'transition Ada',
      'transition_note',
      { transition_on: '1850-06-01' },
      'transition_on',
      'transitions',
    ],
    [
      'an introduction in 1800',
      'intro',
      'intro_log',
      { intro_on: '1800-01-01' },
      'intro_on',
      'introductions',
    ],
    [
      'reminders paused until 9999',
      'settings',
      'settings',
      { paused_until: '9999-12-31' },
      'paused_until',
      'members',
    ],
  ])(
    '%s: an error beside the date, nothing stored, nothing crashes',
    async (_what, command, callbackId, fields, field, table) => {
      const before = await count(table);
      const errors = await submitForm(command, callbackId, fields);
      expect(errors[field]).toBe('Pick a date between 1900 and 2200.');
      expect(await count(table)).toBe(before);
    },
  );

  test('the same forms take a date inside the range', async () => {
    const errors = await submitForm('trip Lisbon', 'trip_plan', {
      starts_on: '2026-04-01',
      ends_on: '2026-04-03',
    });
    expect(errors).toEqual({});
    expect(await count('trips')).toBe(1);
  });
});

describe('control characters', () => {
  test('NUL and other controls are dropped from a contact; a one-line field loses its line breaks, a note keeps them', async () => {
    await addContact(h, ALICE, 'Nul', {
      name: 'Ann\u0000 Lee\u0007',
      company: 'Acme\r\nCorp\u0085',
      how_met: 'met at\r\nschool\u0000\u001b',
      wants_needs: 'x\uD800y',
    });
    const { rows } = await h.database.pool.query(
      'SELECT name, company, how_met, wants_needs FROM contacts WHERE id = $1',
      [await contactId(h, ALICE, 'Ann Lee')],
    );
    expect(rows[0]).toEqual({
      name: 'Ann Lee',
      company: 'Acme Corp',
      how_met: 'met at\nschool',
      wants_needs: 'xy',
    });

    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'show Ann\u0000 Lee');
    expect((await reply(h, /Ann Lee/, t)).text).toContain('Ann Lee');
  });
});

describe('escaping in what touchbase sends', () => {
  test('a due contact named <!channel> <@U123> gets a digest whose text and blocks carry no raw mention', async () => {
    await addContact(h, ALICE, EVIL, { cadence: 'biweekly', company: EVIL });
    await h.database.pool.query(`UPDATE contacts SET next_due_on = '2026-03-01' WHERE user_id = $1`, [
      ALICE.userId,
    ]);
    await h.tick('2026-03-03T09:00:00Z');
    const [post] = digestPosts(h, ALICE.userId);
    if (!post) throw new Error('no digest was posted');
    const texts = [String(post.args.text), ...mrkdwnTexts(post.args.blocks)];
    const all = texts.join('\n');
    expect(all).toContain('&lt;!channel&gt; &lt;@U123&gt;');
    for (const raw of ['<!channel>', '<@U123>', '<https://evil']) expect(all).not.toContain(raw);
  });
});

/** The text of every `type: 'mrkdwn'` object, at any depth. */
function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (!value || typeof value !== 'object') return [];
  const v = value as Record<string, unknown>;
  const own = v.type === 'mrkdwn' && typeof v.text === 'string' ? [v.text] : [];
  return [...own, ...Object.values(v).flatMap(mrkdwnTexts)];
}
