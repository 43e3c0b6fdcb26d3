import { setTimeout as sleep } from 'node:timers/promises';
import { preciseNow } from '../../src/dev/slack-emulator';
import {
  ALICE,
  addContact,
  allText,
  BOB,
  contactId,
  digestPosts,
  elementIn,
  openedViewId,
  reply,
  type User,
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

// Monday 2 March 2026, 11:00 in Berlin: past everyone's 09:00 digest time, on a work day.
const START = '2026-03-02T10:00:00Z';

/** The same user id as Alice's, in another workspace: a different member, whose data must stay. */
const ALICE_ELSEWHERE: User = { teamId: 'T0BETA', userId: 'U0ALICE' };
const DANA: User = { teamId: 'T0ALPHA', userId: 'U0DANA' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: START });
  for (const u of [ALICE, BOB, DANA]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
});
afterAll(() => h.stop());

const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await h.database.pool.query(text, params)).rows as T[];

/**
 * Every table with a team_id and a user_id column, read from the schema, so a table added later is
 * checked too.
 */
async function memberTables(): Promise<string[]> {
  const rows = await sql<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name IN ('team_id', 'user_id')
     GROUP BY table_name HAVING count(*) = 2 ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** How many rows each member-keyed table holds for `who`. */
async function rowsOf(who: User): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await memberTables()) {
    const [row] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE team_id = $1 AND user_id = $2`,
      [who.teamId, who.userId],
    );
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

/**
 * A network in every member table, written as the app and its worker would: two contacts (one due),
 * touches (one an ask), a transition, an introduction, a trip with a plan to meet, a scheduled call, an import with its
 * column map, a digest of an earlier day with its nudge-fatigue records, an idempotency key, and
 * settings on the member row.
 */
async function seedNetwork(who: User): Promise<void> {
  const p = [who.teamId, who.userId];
  await sql(
    `INSERT INTO members (team_id, user_id, tz, tz_from_slack, created_at, digest_hour, home_opened_at)
     VALUES ($1, $2, 'Europe/Berlin', true, now(), 8, now())`,
    p,
  );
  const contacts = await sql<{ id: string }>(
    `INSERT INTO contacts (team_id, user_id, name, company, city, cadence, added_on, next_due_on, created_at, updated_at)
     VALUES ($1, $2, 'Ada Lovelace', 'Analytical Engines', 'London', 'monthly', '2025-12-01', '2026-03-01', now(), now()),
            ($1, $2, 'Grace Hopper', 'Navy', 'Arlington', 'quarterly', '2025-12-01', '2026-06-01', now(), now())
     RETURNING id`,
    p,
  );
  const [ada, grace] = contacts.map((c) => c.id);
  const touches = await sql<{ id: string }>(
    `INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, note, created_at)
     VALUES ($1, $2, $3, '2026-01-10', 'call', 'ask', 'asked for an intro', now()),
            ($1, $2, $3, '2026-02-01', 'email', 'give', 'sent the paper', now()),
            ($1, $2, $4, '2026-02-03', 'video', 'catch_up', NULL, now())
     RETURNING id`,
    [...p, ada, grace],
  );
  await sql(
    `INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, follow_up_on, created_at)
     VALUES ($1, $2, $3, $4, 'an intro to Babbage', '2026-01-10', '2026-01-20', now())`,
    [...p, ada, touches[0]?.id],
  );
  await sql(
    `INSERT INTO transitions (team_id, user_id, contact_id, kind, noted_on, created_at)
     VALUES ($1, $2, $3, 'new_job', '2026-02-20', now())`,
    [...p, grace],
  );
  await sql(
    `INSERT INTO introductions (team_id, user_id, from_contact_id, to_contact_id, kind, introduced_on, follow_up_on, created_at)
     VALUES ($1, $2, $3, $4, 'peer', '2026-02-10', '2026-02-24', now())`,
    [...p, ada, grace],
  );
  await sql(
    `INSERT INTO contact_dates (team_id, user_id, contact_id, kind, label, month, day, year, next_on, created_at)
     VALUES ($1, $2, $3, 'birthday', 'birthday', 12, 10, NULL, '2026-12-10', now()),
            ($1, $2, $4, 'other', 'work anniversary', 6, 1, 2019, '2026-06-01', now())`,
    [...p, ada, grace],
  );
  const [trip] = await sql<{ id: string }>(
    `INSERT INTO trips (team_id, user_id, city, starts_on, ends_on, reach_out_on, met_prompt_on, created_at)
     VALUES ($1, $2, 'London', '2026-04-01', '2026-04-03', '2026-03-18', '2026-04-04', now()) RETURNING id`,
    p,
  );
  await sql(
    `INSERT INTO trip_contacts (trip_id, contact_id, team_id, user_id, planned) VALUES ($3, $4, $1, $2, true)`,
    [...p, trip?.id, ada],
  );
  await sql(
    `INSERT INTO reminders (team_id, user_id, contact_id, remind_on, what, created_at)
     VALUES ($1, $2, $3, '2026-03-20', 'send the deck', now())`,
    [...p, ada],
  );
  await sql(
    `INSERT INTO scheduled_calls (team_id, user_id, contact_id, starts_at, minutes, time_zone, ask_on, title, created_at)
     VALUES ($1, $2, $3, '2026-03-05T09:00:00Z', 30, 'Europe/Berlin', '2026-03-06', 'Catch-up with Grace', now())`,
    [...p, grace],
  );
  await sql(
    `INSERT INTO imports (team_id, user_id, format, state, plan, created_at) VALUES ($1, $2, 'csv', 'done', '{}', now())`,
    p,
  );
  // A calendar link she replaced and the live one.
  await sql(
    `INSERT INTO calendar_feeds (team_id, user_id, token_hash, created_at, revoked_at)
     VALUES ($1, $2, sha256(convert_to($1 || $2 || 'old', 'UTF8')), now(), now()),
            ($1, $2, sha256(convert_to($1 || $2 || 'live', 'UTF8')), now(), NULL)`,
    p,
  );
  await sql(
    `INSERT INTO import_column_maps (team_id, user_id, header_key, mapping, updated_at) VALUES ($1, $2, 'name,org', '{}', now())`,
    p,
  );
  await sql(
    `INSERT INTO digests (team_id, user_id, local_date, state, next_attempt_at, created_at)
     VALUES ($1, $2, '2026-02-27', 'sent', now(), now())`,
    p,
  );
  await sql(
    `INSERT INTO idempotency_keys (team_id, user_id, key, state, answer, created_at) VALUES ($1, $2, 'k', 'done', '{}', now())`,
    p,
  );
  // Nudge fatigue: a digest that carried Ada, and the question it asked with its answer.
  await sql(
    `INSERT INTO digest_carried (team_id, user_id, contact_id, local_date) VALUES ($1, $2, $3, '2026-02-27')`,
    [...p, ada],
  );
  await sql(
    `INSERT INTO contact_fatigue (team_id, user_id, contact_id, asked_on, answer, answered_on)
     VALUES ($1, $2, $3, '2026-02-27', 'keep', '2026-02-27')`,
    [...p, ada],
  );
}

/** Waits until no App Home publish for `who` has arrived for a moment (the refreshes after earlier requests). */
async function homePublishesSettle(who: User): Promise<void> {
  const count = () => h.emulator.callsTo('views.publish').filter((c) => c.args.user_id === who.userId).length;
  for (let seen = -1; seen !== count(); ) {
    seen = count();
    await sleep(250);
  }
}

/** `/touchbase delete my data`: the id of the form it opens. */
async function openEraseForm(who: User): Promise<string> {
  const t = preciseNow();
  const res = await h.driver.slashCommand(who, 'delete my data');
  expect(res.status).toBe(200);
  return openedViewId(h, 'erase_data', t);
}

describe('/touchbase delete my data', () => {
  let bobBefore: Record<string, number>;
  let elsewhereBefore: Record<string, number>;
  beforeAll(async () => {
    for (const who of [ALICE, BOB, ALICE_ELSEWHERE]) await seedNetwork(who);
    // The emulator has one DM per user id: the other workspace's Alice gets no digest in this file.
    await sql("UPDATE members SET paused_until = '2026-12-31' WHERE team_id = $1", [ALICE_ELSEWHERE.teamId]);
    // Alice's digest of today, planned and not yet sent: the erase must cancel it.
    await sql(
      `INSERT INTO digests (team_id, user_id, local_date, state, next_attempt_at, created_at)
       VALUES ($1, $2, '2026-03-02', 'pending', $3, $3)`,
      [ALICE.teamId, ALICE.userId, START],
    );
    bobBefore = await rowsOf(BOB);
    elsewhereBefore = await rowsOf(ALICE_ELSEWHERE);
  });

  test('the form says what goes, that it cannot be undone, and suggests an export first', async () => {
    const viewId = await openEraseForm(ALICE);
    const shown = allText(h.emulator.view(viewId));
    expect(shown).toContain('deletes everything touchbase keeps about you');
    expect(shown).toContain('It cannot be undone.');
    expect(shown).toContain('/touchbase export');
    expect(shown).toContain('Type "delete" to confirm');
    await h.driver.closeView(ALICE, viewId);
  });

  test.each(['yes', 'delet', 'delete everything', 'do not delete'])(
    'typing "%s" keeps the form open with an error beside the field, and deletes nothing',
    async (typed) => {
      const before = await rowsOf(ALICE);
      const viewId = await openEraseForm(ALICE);
      const res = await h.driver.submitView(ALICE, viewId, { erase_word: typed });
      const body = res.json as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(body.errors.erase_word).toBe(
        'Type the word delete to confirm, or close this form to keep your data.',
      );
      expect(h.emulator.isViewOpen(viewId)).toBe(true);
      await h.driver.closeView(ALICE, viewId);
      expect(await rowsOf(ALICE)).toEqual(before);
    },
  );

  test('`/touchbase delete` with anything but "my data" explains, and opens no form', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'delete Ada Lovelace');
    const answer = await reply(h, /delete my data/, t);
    expect(allText(answer)).toContain('To delete one contact for good, open them with `/touchbase show');
    expect(h.emulator.callsTo('views.open').filter((c) => c.at >= t)).toEqual([]);
  });

  test('"delete" (any case, spaces around) erases every row of hers, cancels her digest, empties her Home and confirms', async () => {
    expect(Object.values(await rowsOf(ALICE)).every((n) => n > 0)).toBe(true);
    const viewId = await openEraseForm(ALICE);
    // She has opened her Home, so each earlier request of hers re-published it after its answer, with
    // everything on it; those come first, and only then does she submit.
    await homePublishesSettle(ALICE);
    const t = preciseNow();
    const res = await h.driver.submitView(ALICE, viewId, { erase_word: '  DeLeTe ' });
    expect(res.body).toBe('');
    expect(h.emulator.isViewOpen(viewId)).toBe(false);

    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && c.args.channel === ALICE.userId && /data is deleted/.test(String(c.args.text)),
    );
    expect(String(dm.args.text)).toBe(
      ':wastebasket: Your touchbase data is deleted: 2 contacts, 3 touches, and with them every ask, introduction, transition, trip, reminder and setting. Nothing of it is kept. If you use touchbase again, you start afresh.',
    );
    const published = h.emulator
      .callsTo('views.publish')
      .filter((c) => c.at >= t && c.args.user_id === ALICE.userId);
    expect(published).toHaveLength(1);
    const home = allText(h.emulator.homeOf(ALICE.userId));
    expect(home).toContain('Your network is empty so far');
    expect(home).not.toMatch(/Ada|Grace|London/);

    // The follow-up (the Home refresh after a change) has had its turn: nothing of hers came back.
    await sleep(300);
    const tables = await memberTables();
    expect(tables).toEqual(
      expect.arrayContaining([
        'asks',
        'calendar_feeds',
        'contact_dates',
        'contact_fatigue',
        'contacts',
        'digest_carried',
        'digests',
        'idempotency_keys',
        'import_column_maps',
        'imports',
        'introductions',
        'members',
        'reminders',
        'scheduled_calls',
        'touches',
        'transitions',
        'trip_contacts',
        'trips',
      ]),
    );
    expect(await rowsOf(ALICE)).toEqual(Object.fromEntries(tables.map((table) => [table, 0])));
    // Another member of her workspace, and the member with her user id in another workspace: untouched.
    expect(await rowsOf(BOB)).toEqual(bobBefore);
    expect(await rowsOf(ALICE_ELSEWHERE)).toEqual(elsewhereBefore);
  });

  test('her pending digest is not sent at the next tick; the others still get theirs', async () => {
    const report = await h.tick('2026-03-02T10:01:00Z');
    expect(digestPosts(h, ALICE.userId)).toEqual([]);
    expect(digestPosts(h, BOB.userId)).toHaveLength(1);
    expect(report.sent).toBe(1);
    expect(await rowsOf(ALICE)).toEqual(Object.fromEntries((await memberTables()).map((t) => [t, 0])));
  });

  test('using touchbase again starts afresh, with an empty network', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'list');
    const answer = await reply(h, /network is empty/, t);
    expect(allText(answer)).toContain('Your network is empty so far.');
    const [member] = await sql<{ digest_hour: number }>(
      'SELECT digest_hour FROM members WHERE team_id = $1 AND user_id = $2',
      [ALICE.teamId, ALICE.userId],
    );
    expect(member?.digest_hour).toBe(9);
  });
});

describe('a digest being posted while its member erases their data', () => {
  test('one planned just as its member erased their data is dropped by the sender, not sent', async () => {
    // What a planner that read the member an instant before the erase committed would insert.
    await sql(
      `INSERT INTO digests (team_id, user_id, local_date, next_attempt_at, created_at)
       VALUES ('T0ALPHA', 'U0GONE', '2026-03-02', $1, $1)`,
      [START],
    );
    await h.tick('2026-03-02T10:01:30Z');
    expect(digestPosts(h, 'U0GONE')).toEqual([]);
    expect(await sql("SELECT state FROM digests WHERE user_id = 'U0GONE'")).toEqual([]);
  });

  test('is taken back from the DM, and nothing of the member comes back', async () => {
    await seedNetwork(DANA);
    h.emulator.delay('chat.postMessage', 1500);
    const t = preciseNow();
    const ticking = h.tick('2026-03-02T10:02:00Z');
    // The worker has composed Dana's digest and opened her DM; its post is on its way (1.5 s). (Seeing
    // the DM opened was not enough: the digest is composed meanwhile, and on a loaded machine the
    // erase could come first, leaving nothing to post.)
    const dm = h.emulator.dmChannelId(DANA.userId);
    await h.emulator.waitForArrival('chat.postMessage', (args) => args.channel === dm);
    const viewId = await openEraseForm(DANA);
    await h.driver.submitView(DANA, viewId, { erase_word: 'delete' });
    await ticking;
    h.emulator.delay('chat.postMessage', 0);

    const posted = digestPosts(h, DANA.userId);
    expect(posted).toHaveLength(1);
    const deleted = await h.emulator.waitForCall('chat.delete', (c) => c.at >= t);
    expect(deleted.args.ts).toBe((posted[0]?.response as { ts?: string } | undefined)?.ts);
    expect(h.emulator.dmMessages(DANA.userId).map((m) => m.text)).not.toContainEqual(
      expect.stringMatching(/check-ins? (is|are) (due|overdue)/),
    );
    await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && c.args.channel === DANA.userId && /data is deleted/.test(String(c.args.text)),
    );
    expect(Object.values(await rowsOf(DANA)).every((n) => n === 0)).toBe(true);
  });
});

describe('Delete on a contact card', () => {
  let grace: number;
  let ada: number;
  beforeAll(async () => {
    await addContact(h, BOB, 'Katherine Johnson', { company: 'NASA', city: 'Hampton' });
    grace = await contactId(h, BOB, 'Grace Hopper');
    ada = await contactId(h, BOB, 'Ada Lovelace');
  });

  async function show(who: User, name: string) {
    const t = preciseNow();
    await h.driver.slashCommand(who, `show ${name}`);
    return reply(h, /Recent touches/, t);
  }

  test('asks first in a confirmation dialog that names them', async () => {
    const card = await show(BOB, 'Ada Lovelace');
    const button = elementIn(card, 'contact_delete') as {
      value?: string;
      text?: { text: string };
      style?: string;
      confirm?: { text: { text: string }; confirm: { text: string } };
    };
    expect(button.value).toBe(String(ada));
    expect(button.text?.text).toBe('Delete contact');
    expect(button.style).toBe('danger');
    expect(button.confirm?.text.text).toContain('This cannot be undone');
    expect(button.confirm?.text.text).toContain('Delete Ada Lovelace (Analytical Engines, London)?');
  });

  test("another member's click with Bob's contact id finds nothing and deletes nothing", async () => {
    const t = preciseNow();
    await h.driver.blockAction(DANA, {
      actionId: 'contact_delete',
      value: String(ada),
      container: { type: 'ephemeral' },
    });
    const answer = await reply(h, /isn't in your network/, t);
    expect(allText(answer)).not.toContain('Ada');
    expect(await sql('SELECT 1 FROM contacts WHERE id = $1', [ada])).toHaveLength(1);
  });

  test('deletes them with their touches, ask, transition, trip plan and introduction, and nobody else', async () => {
    const others = await sql('SELECT id, name FROM contacts WHERE user_id = $1 AND id <> $2 ORDER BY id', [
      BOB.userId,
      ada,
    ]);
    const graceTouches = await sql('SELECT id FROM touches WHERE contact_id = $1', [grace]);
    await show(BOB, 'Ada Lovelace');
    const t = preciseNow();
    await h.driver.blockAction(BOB, { actionId: 'contact_delete', container: { type: 'ephemeral' } });
    const answer = await reply(h, /deleted for good/, t);
    expect(answer.replace_original).toBe(true);
    expect(answer.text).toBe(
      ':wastebasket: *Ada Lovelace* (Analytical Engines, London) and their 2 touches are deleted for good.',
    );
    for (const table of ['contacts WHERE id', 'touches WHERE contact_id', 'asks WHERE contact_id']) {
      expect(await sql(`SELECT 1 FROM ${table} = $1`, [ada])).toEqual([]);
    }
    expect(await sql('SELECT 1 FROM trip_contacts WHERE contact_id = $1', [ada])).toEqual([]);
    // The introduction named her on one side: it goes; Grace herself and her touches stay.
    expect(
      await sql('SELECT 1 FROM introductions WHERE from_contact_id = $1 OR to_contact_id = $1', [ada]),
    ).toEqual([]);
    expect(await sql('SELECT id, name FROM contacts WHERE user_id = $1 ORDER BY id', [BOB.userId])).toEqual(
      others,
    );
    expect(await sql('SELECT id FROM touches WHERE contact_id = $1', [grace])).toEqual(graceTouches);
    // The trip stays, without her in its plans.
    expect(await sql('SELECT 1 FROM trips WHERE user_id = $1', [BOB.userId])).toHaveLength(1);

    // The same click delivered again is answered as the first was, and deletes nothing more.
    const rows = await rowsOf(BOB);
    const t2 = preciseNow();
    await h.driver.resendLast();
    const again = await reply(h, /deleted for good/, t2);
    expect(again.text).toBe(answer.text);
    expect(await rowsOf(BOB)).toEqual(rows);
  });

  test('a contact with no touches reads so', async () => {
    await show(BOB, 'Katherine Johnson');
    const t = preciseNow();
    await h.driver.blockAction(BOB, { actionId: 'contact_delete', container: { type: 'ephemeral' } });
    const answer = await reply(h, /deleted for good/, t);
    expect(answer.text).toBe(':wastebasket: *Katherine Johnson* (NASA, Hampton) is deleted for good.');
  });
});

describe('an erase the database cannot finish', () => {
  // The app on a pool with the production limits (a statement waits at most 1.5 s).
  let hp: Harness;
  beforeAll(async () => {
    hp = await startHarness({ startAt: START, appDatabaseUrl: (url) => url });
    hp.emulator.setUser(ALICE.userId, { tz: 'Europe/Berlin' });
  });
  afterAll(() => hp.stop());

  test('deletes nothing at all, and says so in the DM', async () => {
    // The helpers above work on `h`: pointed at this harness for the test.
    const h0 = h;
    h = hp;
    try {
      await seedNetwork(ALICE);
      const before = await rowsOf(ALICE);
      // Another session holds one of her contacts: the erase's batch of contacts waits past its limit.
      const blocker = await hp.database.pool.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query(
          "SELECT 1 FROM contacts WHERE user_id = $1 AND name = 'Grace Hopper' FOR UPDATE",
          [ALICE.userId],
        );
        const viewId = await openEraseForm(ALICE);
        const t = preciseNow();
        const res = await hp.driver.submitView(ALICE, viewId, { erase_word: 'delete' });
        expect(res.body).toBe('');
        const dm = await hp.emulator.waitForCall(
          'chat.postMessage',
          (c) => c.at >= t && c.args.channel === ALICE.userId,
          10_000,
        );
        expect(String(dm.args.text)).toBe(
          "I couldn't delete your data just now, so nothing was deleted. Please try `/touchbase delete my data` again in a moment.",
        );
      } finally {
        await blocker.query('ROLLBACK');
        blocker.release();
      }
      // One transaction: the digests and keys it deleted first are back with everything else (and
      // the form's own idempotency key is kept, as for any submission).
      const after = await rowsOf(ALICE);
      expect({ ...after, idempotency_keys: 0 }).toEqual({ ...before, idempotency_keys: 0 });
    } finally {
      h = h0;
    }
  });
});
