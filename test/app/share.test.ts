import { preciseNow } from '../../src/dev/slack-emulator';
import { WANTS_NEEDS_DOCUMENT } from '../../src/store/shares';
import { ALICE, addContact, allText, BOB, contactId, reply, type User } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  // Monday 2 March 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  for (const u of [ALICE, BOB]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  await addContact(h, ALICE, 'Fiona Reyes', {
    company: 'Ledger Labs',
    wants_needs: 'Raising a seed round; looking for a fintech investor who knows payments.',
  });
  await addContact(h, ALICE, 'Ivo Marsh', {
    wants_needs: 'Would love an intro to a fintech investor, ideally seed-stage.',
  });
  await addContact(h, ALICE, 'Dana Cole', { company: 'Studio Nine', wants_needs: 'Hiring designers.' });
  await addContact(h, ALICE, 'Bea Stone', { wants_needs: 'Meeting other investor relations people.' });
  await addContact(h, ALICE, 'Abe Stone', { wants_needs: 'Investor relations peers.' });
  await addContact(h, ALICE, 'Archie Gone', { wants_needs: 'A fintech investor intro, urgently.' });
  await addContact(h, BOB, 'Bobs Friend', { wants_needs: 'An intro to a fintech investor.' });
  await archive(ALICE, 'Archie Gone');
});
afterAll(() => h.stop());

async function archive(user: User, name: string) {
  const t = preciseNow();
  await h.driver.slashCommand(user, `archive ${name}`);
  await reply(h, /Archive \*/, t);
  await h.driver.blockAction(user, {
    actionId: 'archive_confirm',
    value: String(await contactId(h, user, name)),
    container: { type: 'ephemeral' },
  });
  await reply(h, /Archived \*/, t);
}

async function share(user: User, what: string, match: RegExp) {
  const t = preciseNow();
  const res = await h.driver.slashCommand(user, `share ${what}`);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return reply(h, match, t);
}

type Section = { type: string; text?: { text: string }; accessory?: { action_id: string; value?: string } };

/** The names listed in a share answer, in order, and their Mark as shared buttons. */
function listed(message: { blocks: unknown[] }) {
  return (message.blocks as Section[])
    .filter((b) => b.type === 'section' && /^\*[^*]+\*/.test(b.text?.text ?? ''))
    .map((b) => ({
      name: /^\*([^*]+)\*/.exec(b.text?.text ?? '')?.[1],
      text: allText(b.text),
      button: b.accessory,
    }));
}

const touchesWith = async (id: number) =>
  (
    await h.database.pool.query(
      `SELECT user_id, touched_on::text, kind, intent, note FROM touches WHERE contact_id = $1 ORDER BY id`,
      [id],
    )
  ).rows;

describe('/touchbase share <what>', () => {
  test('lists the contacts whose wants and needs mention any of the words, best match first', async () => {
    const answer = await share(ALICE, 'intro to a fintech investor', /Who could use/);
    const rows = listed(answer);
    // Ivo mentions intro, fintech and investor; Fiona fintech and investor; the Stones only investor,
    // equally, so by name.
    expect(rows.map((r) => r.name)).toEqual(['Ivo Marsh', 'Fiona Reyes', 'Abe Stone', 'Bea Stone']);
    const text = allText(answer);
    expect(text).toContain('4 people whose wants and needs mention it');
    expect(text).not.toContain('Dana Cole');
    // Archived contacts and other members' contacts never appear, even when they match best.
    expect(text).not.toContain('Archie');
    expect(text).not.toContain('Bobs Friend');
    // Name, company and the matching words of their wants and needs.
    expect(rows[1]?.text).toContain('*Fiona Reyes* · Ledger Labs');
    expect(rows[1]?.text).toMatch(/looking for a \*fintech\* \*investor\*/);
    expect(rows[1]?.button?.action_id).toBe(`share_mark_${await contactId(h, ALICE, 'Fiona Reyes')}`);
    expect(JSON.parse(rows[1]?.button?.value ?? '')).toEqual({
      c: await contactId(h, ALICE, 'Fiona Reyes'),
      w: 'intro to a fintech investor',
    });
  });

  test('stems words: "designer" finds "hiring designers", and nothing about investors', async () => {
    const answer = await share(ALICE, 'Designer portfolio review', /Who could use/);
    expect(listed(answer).map((r) => r.name)).toEqual(['Dana Cole']);
  });

  test('no match, or only little words, gets a friendly nudge', async () => {
    for (const what of ['quantum knitting', 'the and of']) {
      const answer = await share(ALICE, what, /Nobody's wants and needs mention that yet/);
      expect(allText(answer)).toContain('/touchbase edit <name>');
    }
  });

  test('an empty share asks what is being shared, with an example', async () => {
    const answer = await share(ALICE, '', /What are you sharing\?/);
    expect(allText(answer)).toContain('/touchbase share');
  });

  test('what the member typed is escaped in the notification text too', async () => {
    const answer = await share(ALICE, 'fintech investor <!channel>', /Who could use/);
    expect(answer.text).toContain('&lt;!channel&gt;');
    expect(answer.text).not.toContain('<!channel>');
  });

  test('only the matching words are bold: marks the member typed in wants and needs stay text', async () => {
    await addContact(h, ALICE, 'Gil Sand', {
      wants_needs: 'Wants a *senior* sommelier, ~soon~, \uE000not\uE001 a match.',
    });
    const answer = await share(ALICE, 'sommelier course', /Who could use/);
    const rows = listed(answer);
    expect(rows.map((r) => r.name)).toEqual(['Gil Sand']);
    expect(rows[0]?.text).toContain('Wants a ∗senior∗ *sommelier*, ∼soon∼, not a match');
  });

  test('the help lists share', async () => {
    const res = await h.driver.slashCommand(ALICE, 'help');
    expect(allText(res.json)).toContain('/touchbase share <what>');
  });

  test('the search can use the GIN index on wants and needs (migration 006)', async () => {
    const client = await h.database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query(
        `EXPLAIN SELECT id FROM contacts WHERE ${WANTS_NEEDS_DOCUMENT} @@ to_tsquery('english', 'fintech | seed')`,
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('contacts_wants_needs_search');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe('Mark as shared', () => {
  test('logs a give with the note, moves their clock, and ticks them in place', async () => {
    const fiona = await contactId(h, ALICE, 'Fiona Reyes');
    await share(ALICE, 'intro to a fintech investor', /Who could use/);
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `share_mark_${fiona}`,
      container: { type: 'ephemeral' },
    });
    const updated = await reply(h, /Logged a give/, t);
    expect(updated.replace_original).toBe(true);
    expect(await touchesWith(fiona)).toEqual([
      {
        user_id: ALICE.userId,
        touched_on: '2026-03-02',
        kind: 'message',
        intent: 'give',
        note: 'Shared: intro to a fintech investor',
      },
    ]);
    const { rows } = await h.database.pool.query(
      'SELECT last_touch_on::text, next_due_on::text FROM contacts WHERE id = $1',
      [fiona],
    );
    // Quarterly, the default: the next check-in moves to three months after the share.
    expect(rows).toEqual([{ last_touch_on: '2026-03-02', next_due_on: '2026-06-02' }]);

    expect(allText(updated)).toContain(
      'Logged a give with *Fiona Reyes* today. Next check-in: Tue, 2 Jun 2026.',
    );
    const rowsShown = listed(updated);
    const fionaRow = rowsShown.find((r) => r.name === 'Fiona Reyes');
    expect(fionaRow?.text).toContain('Shared with *Fiona Reyes* ✓');
    expect(fionaRow?.button).toBeUndefined();
    // Everyone else keeps their button.
    expect(rowsShown.find((r) => r.name === 'Ivo Marsh')?.button?.action_id).toMatch(/^share_mark_/);
    // The member's view of the ephemeral message is the updated one.
    const ephemeral = h.emulator.ephemeralMessages(ALICE.userId).at(-1);
    expect(allText(ephemeral)).toContain('Shared with *Fiona Reyes* ✓');
  });

  test('a later answer for the same thing shows who already has it, with the day', async () => {
    h.setNow('2026-03-09T10:00:00Z');
    try {
      const answer = await share(ALICE, 'intro to a fintech investor', /Who could use/);
      const fionaRow = listed(answer).find((r) => r.name === 'Fiona Reyes');
      expect(fionaRow?.text).toContain('Shared with *Fiona Reyes* ✓ (Mon, 2 Mar 2026)');
      expect(fionaRow?.button).toBeUndefined();
      // Something else shared is a different share.
      const other = await share(ALICE, 'fintech meetup', /Who could use/);
      expect(listed(other).find((r) => r.name === 'Fiona Reyes')?.button).toBeDefined();
    } finally {
      h.setNow('2026-03-02T10:00:00Z');
    }
  });

  test("a forged click with another member's contact stores nothing and reveals nothing", async () => {
    const fiona = await contactId(h, ALICE, 'Fiona Reyes');
    const before = await touchesWith(fiona);
    const t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: `share_mark_${fiona}`,
      value: JSON.stringify({ c: fiona, w: 'intro to a fintech investor' }),
      container: { type: 'ephemeral' },
    });
    const answer = await reply(h, /isn't in your network/, t);
    expect(allText(answer)).not.toContain('Fiona');
    expect(await touchesWith(fiona)).toEqual(before);
    const bobs = await h.database.pool.query('SELECT count(*)::int AS n FROM touches WHERE user_id = $1', [
      BOB.userId,
    ]);
    expect(bobs.rows[0].n).toBe(0);
  });

  test('a button value that is not a share reference stores nothing', async () => {
    const before = await h.database.pool.query('SELECT count(*)::int AS n FROM touches');
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: 'share_mark_999999',
      value: '{"c": "1; DROP TABLE contacts", "w": ""}',
      container: { type: 'ephemeral' },
    });
    await reply(h, /isn't in your network/, t);
    expect((await h.database.pool.query('SELECT count(*)::int AS n FROM touches')).rows).toEqual(before.rows);
  });
});

describe('many matches', () => {
  beforeAll(async () => {
    for (let i = 1; i <= 12; i++) {
      await addContact(h, ALICE, `Climate ${String(i).padStart(2, '0')}`, {
        wants_needs: 'Climate tech jobs',
      });
    }
  });

  test('shows the best 10 and says how many more', async () => {
    const answer = await share(ALICE, 'climate', /Who could use/);
    expect(listed(answer)).toHaveLength(10);
    expect(allText(answer)).toContain('12 people whose wants and needs mention it');
    expect(allText(answer)).toContain('…and 2 more with weaker matches');
    expect(answer.blocks.length).toBeLessThanOrEqual(50);
  });
});
