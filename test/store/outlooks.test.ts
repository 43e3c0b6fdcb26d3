import fc from 'fast-check';
import { upcomingUntil } from '../../src/domain/contact-dates';
import { addDays, type LocalDate } from '../../src/domain/dates';
import { FATIGUE_KEPT_DAYS, fatigueWindowStart, OFTEN_SKIPPED_TIMES } from '../../src/domain/fatigue';
import { recentJobChangesSince } from '../../src/domain/triage';
import { firstFollowUpsDue } from '../../src/store/asks';
import { datesBetween, datesComingBetween, datesPassedBefore } from '../../src/store/contact-dates';
import type { Db } from '../../src/store/db';
import { digestOutlook } from '../../src/store/digests';
import { oftenSkipped } from '../../src/store/fatigue';
import { homeOutlook, introsAwaitingOutcome, pendingAsks } from '../../src/store/home';
import { introFollowUpsDue } from '../../src/store/intros';
import { type MemberRef, upsertMember } from '../../src/store/members';
import { remindersDue } from '../../src/store/reminders';
import { callAsksDue } from '../../src/store/scheduled-calls';
import { unsortedSummary } from '../../src/store/triage';
import { tripPromptsDue, upcomingTrips } from '../../src/store/trips';
import { createTestDatabase, type TestDatabase } from '../support/database';

/*
 * Composing a digest, or drawing the Home, reads only the kinds of item its outlook says there is
 * something of. An outlook that said "nothing" where the kind's own read finds something would drop
 * that item from the digest, or a section from the Home: so for any mix of rows, on any day, every
 * read that finds something must have been announced. And where there is nothing, the outlook must
 * say so, or it saves no read.
 */

const NOW = new Date('2026-03-04T12:00:00Z');
const TODAY = '2026-03-04';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.pool;
});
afterAll(() => database.drop());

let members = 0;
async function newMember(): Promise<MemberRef & { contactIds: number[] }> {
  members += 1;
  const member = { teamId: 'T0OUT', userId: `U0O${members}` };
  await upsertMember(db, member, NOW);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, archived_at, created_at, updated_at)
     SELECT $1, $2, 'Contact ' || n, 'monthly', '2026-01-01', '2026-02-01',
            CASE WHEN n = 3 THEN $3::timestamptz END, $3, $3
     FROM generate_series(1, 3) n RETURNING id`,
    [member.teamId, member.userId, NOW],
  );
  return { ...member, contactIds: rows.map((r) => Number(r.id)) };
}

// Close to today, so that the boundaries of each read are often hit.
const offset = fc.integer({ min: -4, max: 4 });
/** Half the time not set: not followed up, not asked, not answered yet. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 2 });
/** Contact 3 is archived: the reads leave its items out, which the outlook may or may not. */
const contactIndex = fc.integer({ min: 0, max: 2 });

const rows = fc.record({
  asks: fc.array(
    fc.record({
      contact: contactIndex,
      askedOn: offset,
      followUpOn: offset,
      followedUpOn: maybe(offset),
      status: fc.constantFrom('pending', 'pending', 'pending', 'granted', 'declined', 'withdrawn'),
    }),
    { maxLength: 3 },
  ),
  intros: fc.array(
    fc.record({
      contact: contactIndex,
      followUpOn: offset,
      followedUpOn: maybe(offset),
      outcome: maybe(fc.constantFrom('connected', 'no_response', 'not_a_fit')),
    }),
    { maxLength: 2 },
  ),
  trips: fc.array(
    fc.record({
      startsOn: offset,
      length: fc.integer({ min: 0, max: 4 }),
      reachOutOn: offset,
      reachedOutOn: maybe(offset),
      metPromptOn: offset,
      metPromptedOn: maybe(offset),
      cancelled: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  reminders: fc.array(
    fc.record({ contact: contactIndex, remindOn: offset, done: fc.boolean(), cancelled: fc.boolean() }),
    { maxLength: 2 },
  ),
  calls: fc.array(
    fc.record({
      contact: contactIndex,
      askOn: offset,
      askedOn: maybe(offset),
      outcome: maybe(fc.constantFrom('logged', 'didnt_happen')),
    }),
    { maxLength: 2 },
  ),
  dates: fc.array(fc.record({ contact: contactIndex, nextOn: fc.integer({ min: -5, max: 10 }) }), {
    maxLength: 2,
  }),
  /** What sent digests carried: a contact let pass three times in the window is "often skipped". */
  carried: fc.array(
    fc.record({ contact: contactIndex, on: fc.integer({ min: -70, max: 3 }), acted: fc.boolean() }),
    { maxLength: 6 },
  ),
  unsorted: fc.array(contactIndex, { maxLength: 2 }),
});

type Rows = typeof rows extends fc.Arbitrary<infer R> ? R : never;

async function write(member: MemberRef & { contactIds: number[] }, r: Rows): Promise<void> {
  const at = (n: number | null) => (n === null ? null : addDays(TODAY, n));
  const owner = [member.teamId, member.userId];
  const contact = (i: number) => member.contactIds[i];
  for (const a of r.asks) {
    const { rows: touch } = await db.query<{ id: string }>(
      `INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, created_at)
       VALUES ($1, $2, $3, $4, 'message', 'ask', $5) RETURNING id`,
      [...owner, contact(a.contact), at(a.askedOn), NOW],
    );
    await db.query(
      `INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, status, follow_up_on, followed_up_on, created_at)
       VALUES ($1, $2, $3, $4, 'an intro', $5, $6, $7, $8, $9)`,
      [
        ...owner,
        contact(a.contact),
        touch[0]?.id,
        at(a.askedOn),
        a.status,
        at(a.followUpOn),
        at(a.followedUpOn),
        NOW,
      ],
    );
  }
  for (const i of r.intros)
    await db.query(
      `INSERT INTO introductions (team_id, user_id, from_contact_id, to_name, kind, introduced_on, follow_up_on,
                                  followed_up_on, outcome, created_at)
       VALUES ($1, $2, $3, 'Someone', 'peer', $4, $5, $6, $7, $8)`,
      [
        ...owner,
        contact(i.contact),
        at(i.followUpOn - 14),
        at(i.followUpOn),
        at(i.followedUpOn),
        i.outcome,
        NOW,
      ],
    );
  for (const k of r.carried)
    await db.query(
      `INSERT INTO digest_carried (team_id, user_id, contact_id, local_date, acted) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [...owner, contact(k.contact), at(k.on), k.acted],
    );
  for (const u of r.unsorted)
    await db.query('UPDATE contacts SET unsorted = true WHERE id = $1', [contact(u)]);
  for (const t of r.trips)
    await db.query(
      `INSERT INTO trips (team_id, user_id, city, starts_on, ends_on, reach_out_on, reached_out_on, met_prompt_on,
                          met_prompted_on, cancelled_at, created_at)
       VALUES ($1, $2, 'Lisbon', $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        ...owner,
        at(t.startsOn),
        at(t.startsOn + t.length),
        at(t.reachOutOn),
        at(t.reachedOutOn),
        at(t.metPromptOn),
        at(t.metPromptedOn),
        t.cancelled ? NOW : null,
        NOW,
      ],
    );
  for (const m of r.reminders)
    await db.query(
      `INSERT INTO reminders (team_id, user_id, contact_id, remind_on, what, created_at, done_at, cancelled_at)
       VALUES ($1, $2, $3, $4, 'send the deck', $5, $6, $7)`,
      [...owner, contact(m.contact), at(m.remindOn), NOW, m.done ? NOW : null, m.cancelled ? NOW : null],
    );
  for (const c of r.calls)
    await db.query(
      `INSERT INTO scheduled_calls (team_id, user_id, contact_id, starts_at, minutes, time_zone, ask_on, asked_on, title,
                                    outcome, created_at)
       VALUES ($1, $2, $3, $4::date + time '15:00', 30, 'UTC', $4, $5, 'Catch-up', $6, $7)`,
      [...owner, contact(c.contact), at(c.askOn), at(c.askedOn), c.outcome, NOW],
    );
  for (const d of r.dates) {
    const on = at(d.nextOn) as LocalDate;
    await db.query(
      `INSERT INTO contact_dates (team_id, user_id, contact_id, kind, label, month, day, next_on, created_at)
       VALUES ($1, $2, $3, 'other', 'Anniversary', $4, $5, $6, $7)`,
      [...owner, contact(d.contact), Number(on.slice(5, 7)), Number(on.slice(8, 10)), on, NOW],
    );
  }
}

test('every kind a digest would carry is in its outlook, on any day', async () => {
  await fc.assert(
    fc.asyncProperty(rows, fc.integer({ min: -3, max: 3 }), async (r, shift) => {
      const member = await newMember();
      await write(member, r);
      const today = addDays(TODAY, shift);
      const outlook = await digestOutlook(db, member, today);
      if (!outlook) throw new Error('the member is missing');
      const found = {
        asks:
          (await firstFollowUpsDue(db, member, today, { people: 10, perPerson: 3, countCap: 10 })).asks
            .length > 0,
        intros: (await introFollowUpsDue(db, member, today)).length > 0,
        trips: (await tripPromptsDue(db, member, today)).length > 0,
        reminders: (await remindersDue(db, member, today, 10)).total > 0,
        calls: (await callAsksDue(db, member, today, 10)).length > 0,
        dates:
          (await datesPassedBefore(db, member, today)).length > 0 ||
          (await datesComingBetween(db, member, today, addDays(today, 6))).length > 0,
      };
      for (const [kind, any] of Object.entries(found))
        if (any)
          expect({ kind, announced: outlook[kind as keyof typeof found] }).toEqual({ kind, announced: true });
    }),
    { numRuns: 100 },
  );
}, 120_000);

test.each([
  [
    'due today',
    {
      asks: [{ contact: 0, askedOn: -3, followUpOn: 0, followedUpOn: null, status: 'pending' }],
      intros: [{ contact: 1, followUpOn: 0, followedUpOn: null, outcome: null }],
      trips: [
        {
          startsOn: 0,
          length: 1,
          reachOutOn: 0,
          reachedOutOn: null,
          metPromptOn: 2,
          metPromptedOn: null,
          cancelled: false,
        },
      ],
      reminders: [{ contact: 0, remindOn: 0, done: false, cancelled: false }],
      calls: [{ contact: 1, askOn: 0, askedOn: null, outcome: null }],
      dates: [{ contact: 0, nextOn: 6 }],
      carried: [],
      unsorted: [],
    },
  ],
  [
    'at the other edges',
    {
      asks: [{ contact: 0, askedOn: -9, followUpOn: -1, followedUpOn: null, status: 'pending' }],
      intros: [{ contact: 1, followUpOn: -4, followedUpOn: null, outcome: null }],
      trips: [
        {
          startsOn: -3,
          length: 2,
          reachOutOn: -6,
          reachedOutOn: -6,
          metPromptOn: 0,
          metPromptedOn: null,
          cancelled: false,
        },
      ],
      reminders: [{ contact: 1, remindOn: -4, done: false, cancelled: false }],
      calls: [{ contact: 0, askOn: -2, askedOn: null, outcome: null }],
      dates: [{ contact: 1, nextOn: -1 }],
      carried: [],
      unsorted: [],
    },
  ],
] as [string, Rows][])('each kind %s is announced', async (_edge, r) => {
  const member = await newMember();
  await write(member, r);
  expect(await digestOutlook(db, member, TODAY)).toMatchObject({
    asks: true,
    intros: true,
    trips: true,
    reminders: true,
    calls: true,
    dates: true,
  });
});

test('a member with due contacts and nothing else has an outlook of nothing else, and their work days', async () => {
  const member = await newMember();
  await db.query(`UPDATE members SET work_days = '{1,3,5}' WHERE team_id = $1 AND user_id = $2`, [
    member.teamId,
    member.userId,
  ]);
  // Everything of every kind done, asked, passed or far off.
  await write(member, {
    asks: [{ contact: 0, askedOn: -9, followUpOn: -2, followedUpOn: -1, status: 'pending' }],
    intros: [{ contact: 1, followUpOn: 3, followedUpOn: null, outcome: null }],
    trips: [
      {
        startsOn: -5,
        length: 1,
        reachOutOn: -8,
        reachedOutOn: -8,
        metPromptOn: -3,
        metPromptedOn: -3,
        cancelled: false,
      },
    ],
    reminders: [{ contact: 0, remindOn: -1, done: true, cancelled: false }],
    calls: [{ contact: 1, askOn: -1, askedOn: null, outcome: 'logged' }],
    dates: [{ contact: 0, nextOn: 7 }],
    carried: [],
    unsorted: [],
  });
  expect(await digestOutlook(db, member, TODAY)).toEqual({
    workDays: [1, 3, 5],
    asks: false,
    intros: false,
    trips: false,
    reminders: false,
    calls: false,
    dates: false,
  });
});

test('a member who is gone has no outlook', async () => {
  expect(await digestOutlook(db, { teamId: 'T0OUT', userId: 'U0GONE' }, TODAY)).toBeNull();
});

describe('the Home', () => {
  test('every section with something to show is in its outlook, on any day, with the network size', async () => {
    await fc.assert(
      fc.asyncProperty(rows, fc.integer({ min: -3, max: 3 }), async (r, shift) => {
        const member = await newMember();
        await write(member, r);
        const today = addDays(TODAY, shift);
        const outlook = await homeOutlook(db, member, today);
        const found = {
          asks: (await pendingAsks(db, member, 10)).total > 0,
          intros: (await introsAwaitingOutcome(db, member, 10)).total > 0,
          trips: (await upcomingTrips(db, member, today, 100)).length > 0,
          unsorted: (await unsortedSummary(db, member, recentJobChangesSince(today), 5)).count > 0,
          skipped:
            (await oftenSkipped(db, member, fatigueWindowStart(today), today, OFTEN_SKIPPED_TIMES, 5)).total >
            0,
          dates: (await datesBetween(db, member, today, upcomingUntil(today))).length > 0,
        };
        for (const [kind, any] of Object.entries(found))
          if (any)
            expect({ kind, announced: outlook[kind as keyof typeof found] }).toEqual({
              kind,
              announced: true,
            });
        // Contact 3 is archived.
        expect(outlook.network).toBe(2);
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  test('each section at its edge is announced', async () => {
    const member = await newMember();
    await write(member, {
      // Pending, past its follow-up or not: the Home lists every pending ask.
      asks: [{ contact: 0, askedOn: 0, followUpOn: 4, followedUpOn: null, status: 'pending' }],
      intros: [{ contact: 1, followUpOn: -3, followedUpOn: -3, outcome: 'no_response' }],
      trips: [
        {
          startsOn: -2,
          length: 2,
          reachOutOn: -8,
          reachedOutOn: -8,
          metPromptOn: 1,
          metPromptedOn: null,
          cancelled: false,
        },
      ],
      reminders: [],
      calls: [],
      // Far off: the Home's dates are read whole and placed in the rules.
      dates: [{ contact: 0, nextOn: 10 }],
      // Let pass three times, the first on the window's first day.
      carried: [
        { contact: 1, on: -FATIGUE_KEPT_DAYS, acted: false },
        { contact: 1, on: -5, acted: false },
        { contact: 1, on: -1, acted: false },
      ],
      unsorted: [0],
    });
    expect(await homeOutlook(db, member, TODAY)).toEqual({
      network: 2,
      asks: true,
      intros: true,
      trips: true,
      unsorted: true,
      skipped: true,
      dates: true,
    });
  });

  test('a member with nothing but contacts has an outlook of nothing else', async () => {
    const member = await newMember();
    await write(member, {
      asks: [{ contact: 0, askedOn: -9, followUpOn: -2, followedUpOn: null, status: 'granted' }],
      intros: [{ contact: 1, followUpOn: -3, followedUpOn: -3, outcome: 'connected' }],
      trips: [
        {
          startsOn: -5,
          length: 1,
          reachOutOn: -8,
          reachedOutOn: -8,
          metPromptOn: -3,
          metPromptedOn: -3,
          cancelled: false,
        },
      ],
      reminders: [],
      calls: [],
      dates: [],
      carried: [
        { contact: 0, on: -3, acted: true },
        { contact: 0, on: -2, acted: false },
        { contact: 0, on: -80, acted: false },
      ],
      unsorted: [2],
    });
    expect(await homeOutlook(db, member, TODAY)).toEqual({
      network: 2,
      asks: false,
      intros: false,
      trips: false,
      unsorted: false,
      skipped: false,
      dates: false,
    });
  });

  test('a member who is gone has a network of none and nothing to show', async () => {
    expect(await homeOutlook(db, { teamId: 'T0OUT', userId: 'U0GONE' }, TODAY)).toMatchObject({
      network: 0,
      asks: false,
      dates: false,
    });
  });
});
