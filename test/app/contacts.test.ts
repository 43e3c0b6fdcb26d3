import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, contactId, countRows, openedViewId, reply } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

// Monday 2 March 2026, 10:00 UTC: TOUCHBASE_NOW for this file.
const START = '2026-03-02T10:00:00Z';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: START });
  h.emulator.setUser(ALICE.userId, { tz: 'Europe/Berlin' });
});
afterAll(() => h.stop());

describe('/touchbase help and usage', () => {
  test.each(['', 'help'])(
    '"/touchbase %s" answers privately with every subcommand and an example',
    async (text) => {
      const res = await h.driver.slashCommand(ALICE, text);
      expect(res.status).toBe(200);
      const body = res.json as { response_type: string };
      expect(body.response_type).toBe('ephemeral');
      const shown = allText(body);
      for (const sub of [
        'add',
        'log',
        'list',
        'due',
        'intro',
        'intros',
        'transition',
        'show',
        'edit',
        'archive',
        'restore',
        'help',
      ]) {
        expect(shown).toContain(`/touchbase ${sub}`);
      }
    },
  );

  // One line, not the whole help: the closest subcommand when one is close, and where help is.
  test.each([
    ['lsit', "I don't know `lsit`. Did you mean `/touchbase list`? `/touchbase help` lists everything."],
    ['shwo Ada', "I don't know `shwo`. Did you mean `/touchbase show`? `/touchbase help` lists everything."],
    ['sett', "I don't know `sett`. Did you mean `/touchbase settings`? `/touchbase help` lists everything."],
    ['frobnicate Ada', "I don't know `frobnicate`. `/touchbase help` lists everything."],
    ['<b>', "I don't know `&lt;b&gt;`. `/touchbase help` lists everything."],
  ])('an unknown subcommand "%s" gets one line with the closest subcommand', async (text, answer) => {
    const res = await h.driver.slashCommand(ALICE, text);
    const body = res.json as { text: string; blocks: unknown[] };
    expect(body.text).toBe(answer);
    expect(allText(body.blocks)).toBe(answer);
  });

  test('a name-taking subcommand without a name asks which contact', async () => {
    const res = await h.driver.slashCommand(ALICE, 'show');
    expect(allText(res.json)).toMatch(/Which contact\?/);
  });
});

describe('adding a contact', () => {
  test('opens a prefilled modal, stores the contact, and confirms by DM', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'add Ada Lovelace');
    const viewId = await openedViewId(h, 'contact_add', t);
    const view = h.emulator.view(viewId) as {
      blocks: { block_id: string; element: { initial_value?: string; initial_option?: { value: string } } }[];
    };
    expect(view.blocks.find((b) => b.block_id === 'name')?.element.initial_value).toBe('Ada Lovelace');
    expect(view.blocks.find((b) => b.block_id === 'cadence')?.element.initial_option?.value).toBe(
      'quarterly',
    );

    const res = await h.driver.submitView(ALICE, viewId, {
      company: 'Analytical Engines',
      role: 'Founder',
      city: 'London',
      cadence: 'monthly',
      wants_needs: 'looking for a mathematician',
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');

    const { rows } = await h.database.pool.query(
      `SELECT name, company, role, city, cadence, wants_needs, added_on::text, next_due_on::text FROM contacts WHERE user_id = $1 AND name = 'Ada Lovelace'`,
      [ALICE.userId],
    );
    expect(rows).toEqual([
      {
        name: 'Ada Lovelace',
        company: 'Analytical Engines',
        role: 'Founder',
        city: 'London',
        cadence: 'monthly',
        wants_needs: 'looking for a mathematician',
        added_on: '2026-03-02',
        next_due_on: '2026-04-02',
      },
    ]);
    const member = await h.database.pool.query('SELECT tz, tz_from_slack FROM members WHERE user_id = $1', [
      ALICE.userId,
    ]);
    expect(member.rows).toEqual([{ tz: 'Europe/Berlin', tz_from_slack: true }]);
    const dm = await h.emulator.waitForCall('chat.postMessage', (c) =>
      allText(c.args).includes('Added *Ada Lovelace*'),
    );
    expect(dm.args.channel).toBe(ALICE.userId);
    expect(allText(dm.args)).toContain('monthly');
  });

  test.each([
    ['an empty name', { name: '   ' }, 'name', /enter a name/],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name', /at most 200/],
    [
      'a note over 3,000 characters',
      { name: 'Long Notes', wants_needs: 'y'.repeat(3001) },
      'wants_needs',
      /at most 3000/,
    ],
  ])('%s is answered beside the field and nothing is stored', async (_what, fields, field, message) => {
    const before = await countRows(h, 'contacts');
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'add');
    const viewId = await openedViewId(h, 'contact_add', t);
    const res = await h.driver.submitView(ALICE, viewId, fields);
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[field]).toMatch(message);
    expect(await countRows(h, 'contacts')).toBe(before);
  });
});

describe('logging a touch', () => {
  beforeAll(async () => {
    await addContact(h, ALICE, 'Grace Hopper', { cadence: 'quarterly' });
    await addContact(h, ALICE, 'Grace Kelly');
  });

  test('preselects the one contact a name matches, records the touch and resets the clock', async () => {
    const id = await contactId(h, ALICE, 'Grace Hopper');
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'log grace hopper');
    const viewId = await openedViewId(h, 'touch_log', t);
    const view = h.emulator.view(viewId) as {
      blocks: {
        block_id: string;
        element?: { initial_options?: { value: string }[]; initial_date?: string };
      }[];
    };
    expect(view.blocks.find((b) => b.block_id === 'contact')?.element?.initial_options?.[0]?.value).toBe(
      String(id),
    );
    // 10:00 UTC is 11:00 in Berlin: still 2 March for the member.
    expect(view.blocks.find((b) => b.block_id === 'touched_on')?.element?.initial_date).toBe('2026-03-02');

    const res = await h.driver.submitView(ALICE, viewId, {
      kind: 'video',
      intent: 'give',
      touched_on: '2026-02-27',
      note: 'sent her the COBOL paper',
    });
    expect(res.body).toBe('');
    const { rows } = await h.database.pool.query(
      `SELECT t.touched_on::text, t.kind, t.intent, t.note, c.last_touch_on::text, c.next_due_on::text
       FROM touches t JOIN contacts c ON c.id = t.contact_id WHERE c.id = $1`,
      [id],
    );
    // A touch from before Grace was added counts from its own day: the check-in follows it.
    expect(rows).toEqual([
      {
        touched_on: '2026-02-27',
        kind: 'video',
        intent: 'give',
        note: 'sent her the COBOL paper',
        last_touch_on: '2026-02-27',
        next_due_on: '2026-05-27',
      },
    ]);
    await h.emulator.waitForCall('chat.postMessage', (c) =>
      /Logged a video call with \*Grace Hopper\* \(give\)/.test(allText(c.args)),
    );
  });

  test('a touch note can go into the contact’s wants and needs when the member chooses', async () => {
    const wants = async () =>
      (await h.database.pool.query(`SELECT wants_needs FROM contacts WHERE name = 'Grace Kelly'`)).rows[0]
        ?.wants_needs;
    const logWith = async (fields: Record<string, unknown>) => {
      const t = preciseNow();
      await h.driver.slashCommand(ALICE, 'log grace kelly');
      const viewId = await openedViewId(h, 'touch_log', t);
      expect((await h.driver.submitView(ALICE, viewId, fields as never)).body).toBe('');
    };
    await logWith({ note: 'asked about the weather' });
    expect(await wants()).toBeNull();
    await logWith({ note: 'looking for a Series A lead', note_to_wants: ['yes'] });
    expect(await wants()).toBe('looking for a Series A lead');
    await logWith({ note: 'and a CFO', note_to_wants: ['yes'] });
    expect(await wants()).toBe('looking for a Series A lead\nand a CFO');
  });

  test('an ambiguous name opens the modal with no guess and says why', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'log grace');
    const viewId = await openedViewId(h, 'touch_log', t);
    const view = h.emulator.view(viewId) as {
      blocks: { block_id: string; element?: { initial_options?: unknown } }[];
    };
    expect(view.blocks.find((b) => b.block_id === 'contact')?.element?.initial_options).toBeUndefined();
    expect(allText(view)).toMatch(/2 contacts match “grace”/);
  });

  test('the contact picker searches only the member’s own contacts', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'log');
    const viewId = await openedViewId(h, 'touch_log', t);
    const res = await h.driver.blockSuggestion(ALICE, viewId, 'contact', 'grac');
    const names = (res as { options: { text: { text: string } }[] }).options.map((o) => o.text.text);
    expect(names).toEqual(['Grace Hopper', 'Grace Kelly']);
  });

  test.each([
    ['a date in the future', { touched_on: '2026-03-03' }, 'touched_on', /in the future/],
    ['a note over 3,000 characters', { note: 'z'.repeat(3001) }, 'note', /at most 3000/],
    ['no contact picked', { contact: null }, 'contact', /Pick one of your contacts/],
  ])('%s is refused beside the field and nothing is stored', async (_what, fields, field, message) => {
    const before = await countRows(h, 'touches');
    const id = await contactId(h, ALICE, 'Grace Kelly');
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'log Grace Kelly');
    const viewId = await openedViewId(h, 'touch_log', t);
    const res = await h.driver.submitView(ALICE, viewId, {
      contact: [{ value: String(id), text: 'Grace Kelly' }],
      ...fields,
    } as never);
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[field]).toMatch(message);
    expect(await countRows(h, 'touches')).toBe(before);
  });
});

describe('list, show, edit, archive and restore', () => {
  beforeAll(async () => {
    for (let i = 1; i <= 45; i++)
      await addContact(h, ALICE, `Person ${String(i).padStart(2, '0')}`, { cadence: 'biweekly' });
  });

  test('list pages within Block Kit limits and pages on with a button', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'list');
    const page1 = await reply(h, /Your contacts, most overdue first/, t);
    expect(page1.blocks.length).toBeLessThanOrEqual(50);
    expect(allText(page1)).toMatch(/\(1–20 of 48\)/);

    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: 'list_page_next',
      value: JSON.stringify({ q: '', p: 1 }),
      container: { type: 'ephemeral' },
    });
    const page2 = await reply(h, /Your contacts/, t2);
    expect(allText(page2)).toMatch(/\(21–40 of 48\)/);
    expect(page2.replace_original).toBe(true);
  });

  test('list with a search narrows to matches', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'list analytical');
    const msg = await reply(h, /Contacts matching/, t);
    expect(allText(msg)).toContain('Ada Lovelace');
    expect(allText(msg)).not.toContain('Grace');
  });

  test('show gives details, recent touches and the 12-month balance, with buttons', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'show Grace Hopper');
    const card = await reply(h, /Last 12 months/, t);
    const text = allText(card);
    expect(text).toContain('Last 12 months: 1 give · 0 asks · 0 catch-ups');
    expect(text).toMatch(/Fri, 27 Feb 2026 · Video call · give · sent her the COBOL paper/);
    expect(text).toContain('Log a touch');
    expect(text).toContain('Edit');
  });

  test('an ambiguous name gets a choice of buttons, not a guess', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'show grace');
    const choice = await reply(h, /2 contacts match “grace”/, t);
    expect(allText(choice)).toContain('Grace Hopper');
    expect(allText(choice)).toContain('Grace Kelly');
    const kelly = await contactId(h, ALICE, 'Grace Kelly');
    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `choose_show_${kelly}`,
      value: String(kelly),
      container: { type: 'ephemeral' },
    });
    const card = await reply(h, /Last 12 months/, t2);
    expect(allText(card)).toContain('Grace Kelly');
  });

  test('edit opens the contact prefilled and saves the change', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'edit ada');
    const viewId = await openedViewId(h, 'contact_edit', t);
    const res = await h.driver.submitView(ALICE, viewId, { city: 'Paris', cadence: 'yearly' });
    expect(res.body).toBe('');
    const { rows } = await h.database.pool.query(
      `SELECT city, cadence, company, next_due_on::text FROM contacts WHERE name = 'Ada Lovelace'`,
    );
    expect(rows).toEqual([
      { city: 'Paris', cadence: 'yearly', company: 'Analytical Engines', next_due_on: '2027-03-02' },
    ]);
  });

  test('archive asks first, then archives; restore brings the contact back', async () => {
    const id = await contactId(h, ALICE, 'Person 01');
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'archive Person 01');
    const ask = await reply(h, /Archive \*Person 01\*\?/, t);
    expect(allText(ask)).toContain('restore');
    const archivedAt = async () =>
      (await h.database.pool.query('SELECT archived_at FROM contacts WHERE id = $1', [id])).rows[0]
        ?.archived_at;
    expect(await archivedAt()).toBeNull();

    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: 'archive_confirm',
      value: String(id),
      container: { type: 'ephemeral' },
    });
    await reply(h, /Archived \*Person 01\*/, t2);
    expect(await archivedAt()).not.toBeNull();

    const t3 = preciseNow();
    await h.driver.slashCommand(ALICE, 'list person 01');
    expect(allText(await reply(h, /No contacts match|Contacts matching/, t3))).not.toContain('Person 01*');

    const t4 = preciseNow();
    await h.driver.slashCommand(ALICE, 'restore person 01');
    await reply(h, /Restored \*Person 01\*/, t4);
    expect(await archivedAt()).toBeNull();
  });

  test('cancelling an archive changes nothing', async () => {
    const id = await contactId(h, ALICE, 'Person 02');
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: 'archive_cancel',
      value: String(id),
      container: { type: 'ephemeral' },
    });
    await reply(h, /Kept \*Person 02\*/, t);
    const { rows } = await h.database.pool.query('SELECT archived_at FROM contacts WHERE id = $1', [id]);
    expect(rows[0].archived_at).toBeNull();
  });
});

describe('a search matching hundreds', () => {
  const MANY = { teamId: ALICE.teamId, userId: 'U0MANY' };

  test('counts only as far as paging needs: "more than 200", exact once the pages reach the end', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(MANY, 'list initech');
    await reply(h, /No contacts match/, t);
    await h.database.pool.query(
      `INSERT INTO contacts (team_id, user_id, name, company, cadence, added_on, next_due_on, created_at, updated_at)
       SELECT $1, $2, 'Worker ' || lpad(i::text, 3, '0'), 'Initech', 'monthly', '2026-01-01', '2026-03-01', now(), now()
       FROM generate_series(1, 230) i`,
      [MANY.teamId, MANY.userId],
    );
    const t2 = preciseNow();
    await h.driver.slashCommand(MANY, 'list initech');
    const first = await reply(h, /Contacts matching/, t2);
    expect(allText(first)).toContain(
      'Contacts matching “initech”, most overdue first (1–20 of more than 200)',
    );
    expect(first.text).toBe('Contacts matching “initech” (more than 200)');
    expect(allText(first)).toContain('Worker 001');

    // Page 11 of 12 counts up to the page after it, so it knows there are 230.
    const t3 = preciseNow();
    await h.driver.blockAction(MANY, {
      actionId: 'list_page_next',
      value: JSON.stringify({ q: 'initech', p: 10 }),
      container: { type: 'ephemeral' },
    });
    const eleventh = await reply(h, /Contacts matching/, t3);
    expect(allText(eleventh)).toContain('(201–220 of 230)');
    expect(allText(eleventh)).toContain('Worker 201');
    expect(allText(eleventh)).toContain('Next');
  });
});
