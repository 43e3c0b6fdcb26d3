import { DIGEST_WAITING_COUNT_CAP } from '../../src/domain/digest';
import { HOME_COUNT_CAP } from '../../src/domain/home';
import type { Sql } from '../../src/store/db';
// The app's type parsers (ids as numbers), registered as in the running app.
import '../../src/store/db';
import { firstFollowUpsDue, followUpsDueOf } from '../../src/store/asks';
import { datesComingBetween, insertContactDates } from '../../src/store/contact-dates';
import { pickContacts } from '../../src/store/contact-search';
import { dueCandidates } from '../../src/store/due';
import { fatigueFacts, oftenSkipped, recordCarried } from '../../src/store/fatigue';
import { introsAwaitingOutcome, pendingAsks } from '../../src/store/home';
import { insertIntroduction, introFollowUpsDue } from '../../src/store/intros';
import { insertReminder, remindersDue } from '../../src/store/reminders';
import { callAsksDue, insertCall } from '../../src/store/scheduled-calls';
import { unsortedSummary } from '../../src/store/triage';
import { insertTrip, tripPromptsDue, upcomingTrips } from '../../src/store/trips';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { tuplesRead } from '../support/tuples';

/*
 * The hot reads are prepared statements (src/store/db.ts): after five runs PostgreSQL keeps one
 * generic plan, made without the member's values, so it plans for an average member (a few hundred
 * contacts). A plan that reads a member's whole network, cheap for that average, is what a member
 * with thousands then gets at every request. Run here on the generic plan from the first call, and
 * counted in tuples read: `due`'s candidates and the App Home must read about what they show and
 * count, not the network once more.
 */

const TODAY = '2026-03-04';
const MEMBER = { teamId: 'T0ONE', userId: 'U0LARGE' };
const CONTACTS = 3000;
const DUE = 2000;
const ASKS = 300;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.pool;
  await db.query(`INSERT INTO members (team_id, user_id, created_at) VALUES ($1, $2, now())`, [
    MEMBER.teamId,
    MEMBER.userId,
  ]);
  // Other members' networks around this one, as in any workspace.
  await db.query(
    `INSERT INTO members (team_id, user_id, created_at) SELECT $1, 'U0OTHER' || g, now() FROM generate_series(1, 50) g`,
    [MEMBER.teamId],
  );
  await db.query(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, last_touch_on, next_due_on, created_at, updated_at)
     SELECT $1, CASE WHEN g % 3 = 0 THEN $2 ELSE 'U0OTHER' || (g % 50 + 1) END, 'Person ' || g, 'monthly',
            DATE '${TODAY}' - 400, DATE '${TODAY}' - 60,
            CASE WHEN g / 3 < ${DUE} THEN DATE '${TODAY}' - g % 30 ELSE DATE '${TODAY}' + 1 + g % 30 END,
            now(), now()
     FROM generate_series(0, ${3 * CONTACTS - 1}) g`,
    [MEMBER.teamId, MEMBER.userId],
  );
  const { rows } = await db.query<{ due: number }>(
    `SELECT count(*)::int AS due FROM contacts WHERE user_id = $1 AND next_due_on <= $2`,
    [MEMBER.userId, TODAY],
  );
  expect(rows[0]?.due).toBe(DUE);
  await db.query(
    `WITH asked AS (
       INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, created_at)
       SELECT team_id, user_id, id, DATE '${TODAY}' - 20, 'call', 'ask', now() FROM contacts
       WHERE user_id = $1 ORDER BY id LIMIT ${ASKS}
       RETURNING id, team_id, user_id, contact_id, touched_on
     )
     INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, follow_up_on, created_at)
     SELECT team_id, user_id, contact_id, id, 'An introduction', touched_on, touched_on + 10, now() FROM asked`,
    [MEMBER.userId],
  );
  // As a database in use: the visibility map set, so counts read their index alone.
  await db.query('VACUUM ANALYZE');
});
afterAll(() => database.drop());

/** Tuples of `contacts` that `read` takes on the generic plan of each prepared statement it runs. */
function onGenericPlans(read: (sql: Sql) => Promise<unknown>): Promise<number> {
  return tuplesRead(database.pool, 'contacts', async (sql) => {
    await sql.query('SET LOCAL plan_cache_mode = force_generic_plan');
    await read(sql);
  });
}

test.each([
  ['no other contact', []],
  ['one other contact asked for', [1]],
])(
  "`due`'s first 40 and how many, with %s: the count's pass over the due range, and little more",
  async (_what, alsoIds) => {
    const read = await onGenericPlans((sql) =>
      dueCandidates(sql, MEMBER, {
        today: TODAY,
        after: null,
        upTo: TODAY,
        limit: 40,
        freshFirst: true,
        alsoIds,
      }),
    );
    // The count reads an index entry per due contact; the candidates are a few dozen. Read once more
    // for the contacts asked for by id, the due range made 6,000.
    expect(read).toBeLessThan(DUE + 500);
  },
);

test("the Home's pending asks, the first 5 and how many: each ask's contact by its key, not the network", async () => {
  let asks: Awaited<ReturnType<typeof pendingAsks>> | undefined;
  const read = await onGenericPlans(async (sql) => {
    asks = await pendingAsks(sql, MEMBER, 5);
  });
  // Counted one past the Home's cap (it says "over 200"), not to the last of the 300.
  expect(asks?.total).toBe(HOME_COUNT_CAP + 1);
  expect(asks?.rows).toHaveLength(5);
  // One contact per ask counted; as joins, the plan read all 3,000 of the member's contacts twice.
  expect(read).toBeLessThan(2 * (HOME_COUNT_CAP + 1) + 50);
});

test('the contact menu with more names starting with what was typed than it shows: their range, not every match ranked', async () => {
  let picked: Awaited<ReturnType<typeof pickContacts>> = [];
  const read = await onGenericPlans(async (sql) => {
    picked = await pickContacts(sql, MEMBER, 'person 1', 100);
  });
  expect(picked).toHaveLength(100);
  expect(picked.every((c) => c.name.startsWith('Person 1'))).toBe(true);
  // About three reads per name shown (its index entry, its row, its row again for the answer).
  // Ranking every name containing "person 1" as well would read the member's 3,000 contacts.
  expect(read).toBeLessThan(400);
});

describe("a digest's and the Home's reads of a few items each: those items' contacts by key, not the network", () => {
  const NOW = new Date(`${TODAY}T12:00:00Z`);
  const FEW = 5;
  let ids: number[] = [];
  /** Contacts with an ask waiting (the member's first by id). */
  let asked: number[] = [];

  beforeAll(async () => {
    const db = database.pool;
    const { rows } = await db.query<{ id: number }>(
      `SELECT id FROM contacts WHERE team_id = $1 AND user_id = $2 ORDER BY id DESC LIMIT ${FEW * 2}`,
      [MEMBER.teamId, MEMBER.userId],
    );
    ids = rows.map((r) => r.id);
    const { rows: first } = await db.query<{ id: number }>(
      `SELECT id FROM contacts WHERE team_id = $1 AND user_id = $2 ORDER BY id LIMIT ${FEW}`,
      [MEMBER.teamId, MEMBER.userId],
    );
    asked = first.map((r) => r.id);
    const some = ids.slice(0, FEW);
    for (const [i, contactId] of some.entries()) {
      await insertReminder(db, MEMBER, { contactId, remindOn: TODAY, what: 'Send the deck' }, NOW);
      await insertContactDates(
        db,
        MEMBER,
        contactId,
        [{ kind: 'birthday', label: 'birthday', month: 3, day: 5, year: null, nextOn: '2026-03-05' }],
        NOW,
      );
      await insertIntroduction(
        db,
        MEMBER,
        {
          fromContactId: contactId,
          toContactId: ids[FEW + i] ?? null,
          toName: null,
          kind: 'founder_investor',
          why: null,
          introducedOn: '2026-02-01',
          followUpOn: '2026-02-15',
        },
        NOW,
      );
      await insertCall(
        db,
        MEMBER,
        {
          contactId,
          startsAt: new Date('2026-03-03T15:00:00Z'),
          minutes: 30,
          timeZone: 'UTC',
          askOn: TODAY,
          title: 'Call',
        },
        NOW,
      );
      // Carried in three digests without anything done: let pass often.
      for (const day of ['2026-02-20', '2026-02-25', '2026-03-01']) {
        await recordCarried(db, { ...MEMBER, localDate: day }, [contactId], '2026-01-01');
      }
    }
    await insertTrip(
      db,
      MEMBER,
      {
        city: 'Lisbon',
        event: null,
        startsOn: '2026-03-20',
        endsOn: '2026-03-22',
        reachOutOn: TODAY,
        metPromptOn: '2026-03-23',
      },
      some,
      NOW,
    );
    // Others imported and not yet sorted, with new jobs: the Home's triage summary.
    await db.query(
      `UPDATE contacts SET unsorted = true, transition_kind = 'new_job', transition_on = DATE '${TODAY}' - 5
       WHERE id = ANY ($1::bigint[])`,
      [ids.slice(FEW)],
    );
    await db.query('VACUUM ANALYZE');
  });

  /** Reads of `FEW` items read a few contacts each: a plan that reads the 3,000 is over by far. */
  const BOUND = 10 * FEW;

  test.each<[string, (sql: Sql) => Promise<unknown[] | { length: number }>]>([
    ['reminders due', async (sql) => (await remindersDue(sql, MEMBER, TODAY, 5)).reminders],
    ['dates in the week ahead', (sql) => datesComingBetween(sql, MEMBER, TODAY, '2026-03-11')],
    ['introductions to follow up', (sql) => introFollowUpsDue(sql, MEMBER, TODAY)],
    [
      'introductions awaiting their outcome',
      async (sql) => (await introsAwaitingOutcome(sql, MEMBER, 5)).rows,
    ],
    ['calls to ask about', (sql) => callAsksDue(sql, MEMBER, TODAY, 5)],
    ['trip prompts', (sql) => tripPromptsDue(sql, MEMBER, TODAY)],
    ['upcoming trips', (sql) => upcomingTrips(sql, MEMBER, TODAY, 5)],
    [
      'contacts often let pass',
      async (sql) => (await oftenSkipped(sql, MEMBER, '2026-01-01', TODAY, 3, 5)).rows,
    ],
    [
      'what the digests carried of some',
      (sql) => fatigueFacts(sql, MEMBER, ids.slice(0, FEW), '2026-01-01', TODAY),
    ],
    ['the asks waiting of some', (sql) => followUpsDueOf(sql, MEMBER, TODAY, asked, 3)],
    [
      'contacts not yet sorted, with new jobs',
      async (sql) => (await unsortedSummary(sql, MEMBER, '2026-01-01', 5)).jobChanges,
    ],
  ])('%s', async (_what, read) => {
    let found: unknown[] | { length: number } = [];
    const tuples = await onGenericPlans(async (sql) => {
      found = await read(sql);
    });
    expect(found.length).toBeGreaterThan(0);
    expect(tuples).toBeLessThan(BOUND);
  });

  test('the first people with asks waiting, and how many up to the cap: each one’s contact by key, none past it', async () => {
    let waiting: Awaited<ReturnType<typeof firstFollowUpsDue>> | undefined;
    const tuples = await onGenericPlans(async (sql) => {
      waiting = await firstFollowUpsDue(sql, MEMBER, TODAY, {
        people: 5,
        perPerson: 3,
        countCap: DIGEST_WAITING_COUNT_CAP,
      });
    });
    // 300 people wait; counted one past the cap (the digest says "over"), not to the last.
    expect(waiting).toMatchObject({ people: DIGEST_WAITING_COUNT_CAP + 1, atLeast: true });
    expect(waiting?.asks).toHaveLength(5);
    // A contact per person counted (its key's entry and its row). Counting them all read every
    // waiting ask's contact: 300 here, 600 tuples.
    expect(tuples).toBeLessThan(2 * (DIGEST_WAITING_COUNT_CAP + 1) + 50);
  });
});
