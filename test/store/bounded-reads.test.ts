import fc from 'fast-check';
import { CADENCES } from '../../src/domain/cadence';
import { addDays, addMonths, type LocalDate } from '../../src/domain/dates';
import {
  composeDigest,
  DIGEST_MAX_ITEMS,
  DIGEST_WAITING_COUNT_CAP,
  type DueContact,
  dueItems,
  type PendingFollowUp,
} from '../../src/domain/digest';
import { composeHome, HOME_COUNT_CAP, type HomeInput, type PendingAsk } from '../../src/domain/home';
import { nextDueOn } from '../../src/domain/schedule';
import { TOUCH_INTENTS, type TouchFacts } from '../../src/domain/touches';
import { digestMessage } from '../../src/slack/blocks/digest';
import { homeView } from '../../src/slack/blocks/home-view';
import { followUpsDue, touchHistories } from '../../src/store/asks';
import type { Db } from '../../src/store/db';
// The app's type parsers (ids as numbers), registered as in the running app.
import '../../src/store/db';
import { DUE_CONTACT_COLUMNS, dueCandidates } from '../../src/store/due';
import { loadHomeInput } from '../../src/store/home';
import { type MemberRef, upsertMember } from '../../src/store/members';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { digestInputOf } from '../support/digest-input';

/*
 * The App Home, `due` and the digest read only what they show (src/store/due.ts, home.ts,
 * digests.ts). For any network, what they answer must be what the rules answered over the whole
 * network, read in full as before: the reference here.
 */

/** Wednesday 4 March 2026. */
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
async function newMember(): Promise<MemberRef> {
  members += 1;
  const member = { teamId: 'T0ONE', userId: `U0M${members}` };
  await upsertMember(db, member, NOW);
  return member;
}

const day = (offset: number): LocalDate => addDays(TODAY, offset);

/** Names equal but for case and accents tie, as they do in the Home's order; the id decides. */
const NAMES = ['Ann', 'ann', 'Änn', 'Bob', 'Zoë', 'zoe', 'Émile', 'Łukasz', 'Mei'];

const contactSpec = fc.record({
  name: fc.constantFrom(...NAMES),
  cadence: fc.constantFrom(...CADENCES),
  added: fc.integer({ min: -900, max: 0 }),
  lastTouch: fc.option(fc.integer({ min: -900, max: 0 }), { nil: null }),
  snoozed: fc.option(fc.integer({ min: -30, max: 60 }), { nil: null }),
  transition: fc.option(fc.integer({ min: -120, max: 0 }), { nil: null }),
  archived: fc.boolean(),
  touches: fc.array(
    fc.record({ on: fc.integer({ min: -500, max: 0 }), intent: fc.constantFrom(...TOUCH_INTENTS) }),
    { maxLength: 3 },
  ),
  ask: fc.option(fc.record({ followUp: fc.integer({ min: -40, max: 20 }), followedUp: fc.boolean() }), {
    nil: null,
  }),
});

type ContactSpec = typeof contactSpec extends fc.Arbitrary<infer T> ? T : never;

/** Writes the network as the app leaves it (next_due_on from the domain), touches and asks by plain SQL. */
async function seed(member: MemberRef, specs: ContactSpec[]): Promise<void> {
  for (const s of specs) {
    const state = {
      cadence: s.cadence,
      addedOn: day(s.added),
      lastTouchOn: s.lastTouch === null ? null : day(s.lastTouch),
      snoozedUntil: s.snoozed === null ? null : day(s.snoozed),
      transitionOn: s.transition === null ? null : day(s.transition),
    };
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, last_touch_on, snoozed_until,
                             transition_kind, transition_on, next_due_on, archived_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::date IS NOT NULL THEN 'lost_job' END, $8, $9,
               CASE WHEN $10::boolean THEN $11::timestamptz END, $11, $11)
       RETURNING id`,
      [
        member.teamId,
        member.userId,
        s.name,
        s.cadence,
        state.addedOn,
        state.lastTouchOn,
        state.snoozedUntil,
        state.transitionOn,
        nextDueOn(state),
        s.archived,
        NOW,
      ],
    );
    const id = rows[0]?.id;
    for (const t of s.touches) {
      const { rows: touch } = await db.query<{ id: number }>(
        `INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, created_at)
         VALUES ($1, $2, $3, $4, 'call', $5, $6) RETURNING id`,
        [member.teamId, member.userId, id, day(t.on), t.intent, NOW],
      );
      if (s.ask && t.intent === 'ask') {
        await db.query(
          `INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, follow_up_on, followed_up_on, created_at)
           VALUES ($1, $2, $3, $4, 'a word with their team', $5, $6, $7, $8)`,
          [
            member.teamId,
            member.userId,
            id,
            touch[0]?.id,
            day(t.on),
            day(s.ask.followUp),
            s.ask.followedUp ? day(s.ask.followUp) : null,
            NOW,
          ],
        );
      }
    }
  }
}

/** The member's whole active network and the year's touches of `ids`: what the rules were given before. */
async function wholeNetwork(member: MemberRef): Promise<DueContact[]> {
  const { rows } = await db.query<DueContact>(
    `SELECT ${DUE_CONTACT_COLUMNS} FROM contacts c
     WHERE c.team_id = $1 AND c.user_id = $2 AND c.archived_at IS NULL ORDER BY c.id`,
    [member.teamId, member.userId],
  );
  return rows;
}

const isDue = (c: DueContact) => c.nextDueOn !== null && c.nextDueOn <= TODAY;

async function historiesOf(member: MemberRef, contacts: DueContact[]): Promise<Map<number, TouchFacts[]>> {
  return touchHistories(
    db,
    member,
    contacts.map((c) => c.id),
    addMonths(TODAY, -12),
  );
}

/** The digest the rules compose from every due contact and every follow-up due: the reference. */
async function wholeNetworkDigest(member: MemberRef, due: DueContact[]) {
  const followUps: PendingFollowUp[] = (await followUpsDue(db, member, TODAY)).map((a) => ({
    id: a.id,
    contactId: a.contactId,
    contactName: a.contactName,
    what: a.what,
    askedOn: a.askedOn,
  }));
  return composeDigest({ contacts: due, followUps, histories: await historiesOf(member, due) }, TODAY);
}

// Large enough that each section, and each cadence within it, holds more than a Home shows.
const network = fc.array(contactSpec, { minLength: 20, maxLength: 120, size: 'max' });

test('the Home read section by section is the Home of the whole network', async () => {
  await fc.assert(
    fc.asyncProperty(network, async (specs) => {
      const member = await newMember();
      await seed(member, specs);
      const bounded = await loadHomeInput(db, member, TODAY);
      const contacts = await wholeNetwork(member);
      const { rows: asks } = await db.query<PendingAsk>(
        `SELECT a.id, a.contact_id AS "contactId", c.name AS "contactName", a.what, a.asked_on::text AS "askedOn",
                a.follow_up_on::text AS "followUpOn"
         FROM asks a JOIN contacts c ON c.id = a.contact_id
         WHERE a.team_id = $1 AND a.user_id = $2 AND a.status = 'pending' AND c.archived_at IS NULL`,
        [member.teamId, member.userId],
      );
      const { rows: balance } = await db.query(
        `SELECT count(*) FILTER (WHERE intent = 'give')::int AS gives, count(*) FILTER (WHERE intent = 'ask')::int AS asks,
                count(*) FILTER (WHERE intent = 'catch_up')::int AS "catchUps"
         FROM touches WHERE team_id = $1 AND user_id = $2 AND touched_on > $3 AND touched_on <= $4`,
        [member.teamId, member.userId, addMonths(TODAY, -12), TODAY],
      );
      const whole: HomeInput = {
        contacts,
        histories: await historiesOf(member, contacts.filter(isDue)),
        asks,
        intros: [],
        trips: bounded.trips,
        balance: balance[0],
        unsorted: bounded.unsorted,
      };
      expect(composeHome(bounded, TODAY)).toEqual(composeHome(whole, TODAY));
    }),
    { numRuns: 20 },
  );
}, 120_000);

test('`due` and the digest read the most urgent few, and count the rest as the whole network does', async () => {
  await fc.assert(
    fc.asyncProperty(network, fc.integer({ min: 1, max: 8 }), async (specs, limit) => {
      const member = await newMember();
      await seed(member, specs);
      const due = (await wholeNetwork(member)).filter(isDue);

      const read = await dueCandidates(db, member, {
        today: TODAY,
        after: null,
        upTo: TODAY,
        limit,
        freshFirst: true,
      });
      expect(read.total).toBe(due.length);
      const ids = (items: { contactId: number }[]) => items.map((i) => i.contactId);
      expect(ids(dueItems(read.rows, TODAY).slice(0, limit))).toEqual(
        ids(dueItems(due, TODAY).slice(0, limit)),
      );

      expect(composeDigest(await digestInputOf(db, member, TODAY), TODAY)).toEqual(
        await wholeNetworkDigest(member, due),
      );
    }),
    { numRuns: 20 },
  );
}, 120_000);

test('the day counts follow every touch written, rewritten and removed', async () => {
  const member = await newMember();
  await seed(member, [
    {
      name: 'Ann',
      cadence: 'monthly',
      added: -100,
      lastTouch: null,
      snoozed: null,
      transition: null,
      archived: false,
      touches: [
        { on: -10, intent: 'give' },
        { on: -10, intent: 'ask' },
        { on: -400, intent: 'catch_up' },
      ],
      ask: null,
    },
  ]);
  const counts = async () =>
    (
      await db.query(
        `SELECT day::text, intent, touches FROM touch_days WHERE team_id = $1 AND user_id = $2 AND touches <> 0
         ORDER BY day, intent`,
        [member.teamId, member.userId],
      )
    ).rows;
  expect(await counts()).toEqual([
    { day: day(-400), intent: 'catch_up', touches: 1 },
    { day: day(-10), intent: 'ask', touches: 1 },
    { day: day(-10), intent: 'give', touches: 1 },
  ]);
  await db.query(
    `UPDATE touches SET touched_on = $3, intent = 'give' WHERE team_id = $1 AND user_id = $2 AND intent = 'catch_up'`,
    [member.teamId, member.userId, day(-10)],
  );
  await db.query(`DELETE FROM touches WHERE team_id = $1 AND user_id = $2 AND intent = 'ask'`, [
    member.teamId,
    member.userId,
  ]);
  expect(await counts()).toEqual([{ day: day(-10), intent: 'give', touches: 2 }]);
  expect((await loadHomeInput(db, member, TODAY)).balance).toEqual({ gives: 2, asks: 0, catchUps: 0 });
});

/**
 * `n` people with no check-in, each asked once (the first `firstAsk` days ago, each next one a day
 * later) and waiting for a follow-up.
 */
function peopleWaiting(n: number, firstAsk: number): ContactSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    name: NAMES[i % NAMES.length] as string,
    cadence: 'none' as const,
    added: -300,
    lastTouch: null,
    snoozed: null,
    transition: null,
    archived: false,
    touches: [{ on: firstAsk + i, intent: 'ask' as const }],
    ask: { followUp: -20, followedUp: false },
  }));
}

test('a due contact shown in the digest brings its own waiting asks when more people wait than it reads', async () => {
  const member = await newMember();
  const waitingOnly = peopleWaiting(7, -90);
  // Due with a fresh transition, so first in the digest, and asked most recently of all: not among
  // the first people a digest reads for follow-ups.
  const due = {
    name: 'Mei',
    cadence: 'monthly' as const,
    added: -300,
    lastTouch: -200,
    snoozed: null,
    transition: -2,
    archived: false,
    touches: [
      { on: -30, intent: 'ask' as const },
      { on: -25, intent: 'ask' as const },
    ],
    ask: { followUp: -3, followedUp: false },
  };
  await seed(member, [...waitingOnly, due]);
  const digest = composeDigest(await digestInputOf(db, member, TODAY), TODAY);
  expect(digest).toEqual(await wholeNetworkDigest(member, (await wholeNetwork(member)).filter(isDue)));
  const mei = digest.items.find((i) => i.kind === 'due' && i.name === 'Mei');
  expect(mei?.kind === 'due' && mei.asks?.map((a) => a.askedOn)).toEqual([day(-30), day(-25)]);
});

test('a digest counts the people with asks waiting only to 200, and says "over" beyond', async () => {
  const atCap = await newMember();
  await seed(atCap, peopleWaiting(DIGEST_WAITING_COUNT_CAP, -250));
  const exact = composeDigest(await digestInputOf(db, atCap, TODAY), TODAY);
  expect(exact).toEqual(await wholeNetworkDigest(atCap, []));
  expect(exact.moreCount).toBe(DIGEST_WAITING_COUNT_CAP - DIGEST_MAX_ITEMS);
  expect(digestMessage({ localDate: TODAY, ...exact }).text).toMatch(/ and 195 more\.$/);

  const past = await newMember();
  await seed(past, peopleWaiting(DIGEST_WAITING_COUNT_CAP + 30, -250));
  const floor = composeDigest(await digestInputOf(db, past, TODAY), TODAY);
  const whole = await wholeNetworkDigest(past, []);
  // The same five people first (those asked longest ago); of the rest, a floor, said as one.
  expect(floor.items).toEqual(whole.items);
  expect(whole.moreCount).toBe(DIGEST_WAITING_COUNT_CAP + 30 - DIGEST_MAX_ITEMS);
  expect(floor).toMatchObject({
    moreCount: DIGEST_WAITING_COUNT_CAP + 1 - DIGEST_MAX_ITEMS,
    moreAtLeast: true,
  });
  const message = digestMessage({ localDate: TODAY, ...floor });
  expect(message.text).toMatch(/ and over 196 more\.$/);
  expect(JSON.stringify(message.blocks)).toContain('…and over 196 more. See them all');
}, 60_000);

test('a Home counts dormant contacts and pending asks only past 200, and says "over 200" beyond', async () => {
  /** `n` monthly contacts whose last touch, 400 days ago, was an ask still pending. */
  const seedDormantAsking = async (member: MemberRef, n: number) => {
    await db.query(
      `WITH added AS (
         INSERT INTO contacts (team_id, user_id, name, cadence, added_on, last_touch_on, next_due_on, created_at, updated_at)
         SELECT $1, $2, 'Silent ' || i, 'monthly', $3::date - 500, $3::date - 400, $3::date - 370, $4, $4
         FROM generate_series(1, $5::int) i
         RETURNING id
       ),
       touched AS (
         INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, created_at)
         SELECT $1, $2, id, $3::date - 400, 'call', 'ask', $4 FROM added
         RETURNING id, contact_id
       )
       INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, follow_up_on, created_at)
       SELECT $1, $2, contact_id, id, 'an introduction', $3::date - 400, $3::date - 370, $4 FROM touched`,
      [member.teamId, member.userId, TODAY, NOW, n],
    );
  };
  const texts = (member: MemberRef) =>
    loadHomeInput(db, member, TODAY).then((input) => {
      const view = JSON.stringify(homeView(composeHome(input, TODAY), TODAY));
      return { totals: input.totals, view };
    });

  const exact = await newMember();
  await seedDormantAsking(exact, HOME_COUNT_CAP);
  const atCap = await texts(exact);
  expect(atCap.totals).toMatchObject({ dormant: 200, asks: 200 });
  expect(atCap.view).toContain('Dormant · 200');
  expect(atCap.view).toContain('Pending asks · 200');
  expect(atCap.view).not.toMatch(/ over \d/);

  const many = await newMember();
  await seedDormantAsking(many, 230);
  const past = await texts(many);
  // Counted one past the cap, not to the end.
  expect(past.totals).toMatchObject({ dormant: 201, asks: 201, network: 230 });
  expect(past.view).toContain('Dormant · over 200');
  expect(past.view).toContain('Pending asks · over 200');
  expect(past.view).toContain('…and over 195 more.');
  expect(past.view).toContain('Your network:* 230 contacts.');
});
