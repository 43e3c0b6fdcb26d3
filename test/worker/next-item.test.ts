import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Cadence } from '../../src/domain/cadence';
import type { LocalDate } from '../../src/domain/dates';
import { askAgainOn } from '../../src/domain/intros';
import { nextDueOn } from '../../src/domain/schedule';
import { metPromptOn, reachOutOn } from '../../src/domain/trips';
import { markFollowedUp, resolveAsk } from '../../src/store/asks';
import { datesOfContact, insertContactDates, moveDatesOn } from '../../src/store/contact-dates';
import {
  appendWantsNeeds,
  findContact,
  insertContact,
  setArchived,
  setSchedule,
} from '../../src/store/contacts';
import type { Db } from '../../src/store/db';
import { markIntrosFollowedUp, setIntroOutcome } from '../../src/store/intros';
import { getMember, type MemberRef, updateMemberSettings, upsertMember } from '../../src/store/members';
import { MIGRATIONS_DIR, migrate } from '../../src/store/migrate';
import { refreshNextItems } from '../../src/store/next-items';
import { insertCall, markCallsAsked, setCallOutcome } from '../../src/store/scheduled-calls';
import { cancelTrip, insertTrip, markTripPrompted } from '../../src/store/trips';
import { archiveContact, restoreContact } from '../../src/usecases/contacts';
import type { UseCaseDeps } from '../../src/usecases/deps';
import { logIntroduction } from '../../src/usecases/introductions';
import { logTouch } from '../../src/usecases/touches';
import { noteTransition } from '../../src/usecases/transitions';
import { createTestDatabase, silentLogger, type TestDatabase, untilALockWait } from '../support/database';

/** Monday 2 March 2026. */
const NOW = new Date('2026-03-02T12:00:00Z');
const TODAY = '2026-03-02';

const ANA: MemberRef = { teamId: 'T0ONE', userId: 'U0ANA' };
const BEN: MemberRef = { teamId: 'T0ONE', userId: 'U0BEN' };
/** Ana's user id in another workspace: another member. */
const ANA_ELSEWHERE: MemberRef = { teamId: 'T0TWO', userId: 'U0ANA' };

let database: TestDatabase;
let db: Db;
let deps: UseCaseDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.pool;
  deps = { db, clock: { now: () => NOW }, logger: silentLogger };
  for (const m of [ANA, BEN, ANA_ELSEWHERE]) await upsertMember(db, m, NOW);
});
afterAll(() => database.drop());

const key = (m: MemberRef) => `${m.teamId}/${m.userId}`;

/**
 * Every member's stored next_item_on next to the same value worked out from scratch: the planner's
 * sources, written here independently of the migrations, as one union and min(). A date counts
 * on its digest day: the last of the member's work days up to it (the date itself when none).
 */
async function storedAndExpected(
  pool: Db = db,
): Promise<Map<string, { stored: string | null; expected: string | null }>> {
  const { rows } = await pool.query<{ key: string; stored: string | null; expected: string | null }>(
    `SELECT m.team_id || '/' || m.user_id AS key, m.next_item_on::text AS stored,
            (SELECT min(item.on_date)::text FROM (
               SELECT c.next_due_on AS on_date FROM contacts c
               WHERE c.team_id = m.team_id AND c.user_id = m.user_id AND c.archived_at IS NULL
               UNION ALL
               SELECT a.follow_up_on FROM asks a
               WHERE a.team_id = m.team_id AND a.user_id = m.user_id AND a.status = 'pending' AND a.followed_up_on IS NULL
               UNION ALL
               SELECT i.follow_up_on FROM introductions i
               WHERE i.team_id = m.team_id AND i.user_id = m.user_id AND i.followed_up_on IS NULL
               UNION ALL
               SELECT t.reach_out_on FROM trips t
               WHERE t.team_id = m.team_id AND t.user_id = m.user_id AND t.reached_out_on IS NULL AND t.cancelled_at IS NULL
               UNION ALL
               SELECT t.met_prompt_on FROM trips t
               WHERE t.team_id = m.team_id AND t.user_id = m.user_id AND t.met_prompted_on IS NULL AND t.cancelled_at IS NULL
               UNION ALL
               SELECT s.ask_on FROM scheduled_calls s
               WHERE s.team_id = m.team_id AND s.user_id = m.user_id AND s.asked_on IS NULL AND s.outcome IS NULL
               UNION ALL
               SELECT r.remind_on FROM reminders r JOIN contacts c ON c.id = r.contact_id
               WHERE r.team_id = m.team_id AND r.user_id = m.user_id AND r.done_at IS NULL AND r.cancelled_at IS NULL
                 AND c.archived_at IS NULL
               UNION ALL
               SELECT coalesce(
                        (SELECT max(g::date) FROM generate_series(d.next_on - 6, d.next_on, interval '1 day') g
                         WHERE extract(isodow FROM g)::int = ANY (m.work_days)),
                        d.next_on)
               FROM contact_dates d JOIN contacts c ON c.id = d.contact_id
               WHERE d.team_id = m.team_id AND d.user_id = m.user_id AND c.archived_at IS NULL AND NOT c.unsorted
             ) item) AS expected
     FROM members m ORDER BY 1`,
  );
  return new Map(rows.map((r) => [r.key, { stored: r.stored, expected: r.expected }]));
}

/** Asserts every member's stored value is exact; returns them by member. */
async function expectExact(pool: Db = db): Promise<Map<string, string | null>> {
  const all = await storedAndExpected(pool);
  const wrong = [...all].filter(([, v]) => v.stored !== v.expected);
  expect(wrong).toEqual([]);
  return new Map([...all].map(([k, v]) => [k, v.stored]));
}

async function nextItemOf(m: MemberRef): Promise<string | null> {
  return (await expectExact()).get(key(m)) ?? null;
}

/** The member's row version: unchanged when nothing rewrote it. */
async function rowVersion(m: MemberRef): Promise<string> {
  const { rows } = await db.query<{ xmin: string }>(
    'SELECT xmin::text FROM members WHERE team_id = $1::text AND user_id = $2::text',
    [m.teamId, m.userId],
  );
  return rows[0]?.xmin ?? '';
}

/** Snoozes the contact to `until`, its next check-in following, as the digest's Snooze does. */
async function snooze(m: MemberRef, contactId: number, until: LocalDate) {
  const contact = await findContact(db, m, contactId);
  if (!contact) throw new Error('no such contact');
  const snoozed = { ...contact, snoozedUntil: until };
  return setSchedule(db, m, contactId, { ...snoozed, nextDueOn: nextDueOn(snoozed) }, NOW);
}

async function addContact(m: MemberRef, name: string, cadence: Cadence, addedOn: LocalDate = TODAY) {
  const schedule = {
    addedOn,
    nextDueOn: nextDueOn({ cadence, addedOn, lastTouchOn: null, snoozedUntil: null, transitionOn: null }),
  };
  const fields = {
    name,
    company: null,
    role: null,
    city: null,
    slackUserId: null,
    cadence,
    howMet: null,
    wantsNeeds: null,
  };
  return insertContact(db, m, fields, schedule, NOW);
}

async function touch(m: MemberRef, contactId: number, on: LocalDate, ask?: string) {
  const member = await getMember(db, m);
  if (!member) throw new Error('no such member');
  const saved = await logTouch(deps, member, {
    contactId,
    touchedOn: on,
    kind: 'call',
    intent: ask ? 'ask' : 'catch_up',
    note: null,
    askWhat: ask ?? null,
    noteToWantsNeeds: false,
    fromDigest: null,
  });
  if (!saved.ok) throw new Error('touch not recorded');
  return saved;
}

const ids: Record<string, number> = {};

describe("members.next_item_on follows every write through the project's use cases and store", () => {
  test('a new member has nothing pending', async () => {
    expect(await nextItemOf(ANA)).toBeNull();
  });

  test('contacts added: the earliest check-in; a contact without cadence adds nothing', async () => {
    ids.ada = (await addContact(ANA, 'Ada', 'quarterly')).id;
    expect(await nextItemOf(ANA)).toBe('2026-06-02');
    ids.bo = (await addContact(ANA, 'Bo', 'monthly')).id;
    expect(await nextItemOf(ANA)).toBe('2026-04-02');
    ids.cy = (await addContact(ANA, 'Cy', 'none')).id;
    expect(await nextItemOf(ANA)).toBe('2026-04-02');
    expect(await nextItemOf(BEN)).toBeNull();
  });

  test('a touch moves the clock; an ask adds its follow-up until it is resolved or followed up', async () => {
    await touch(ANA, ids.bo as number, '2026-03-10');
    expect(await nextItemOf(ANA)).toBe('2026-04-10');
    const asked = await touch(ANA, ids.ada as number, '2026-03-12', 'an intro to their CTO');
    expect(await nextItemOf(ANA)).toBe('2026-03-22');
    await resolveAsk(db, ANA, asked.askId as number, 'granted', NOW);
    expect(await nextItemOf(ANA)).toBe('2026-04-10');
    const again = await touch(ANA, ids.cy as number, '2026-03-15', 'a reference');
    expect(await nextItemOf(ANA)).toBe('2026-03-25');
    await markFollowedUp(db, ANA, [again.askId as number], '2026-03-25');
    expect(await nextItemOf(ANA)).toBe('2026-04-10');
    const declined = await touch(ANA, ids.cy as number, '2026-03-16', 'a quote');
    await expectExact();
    await resolveAsk(db, ANA, declined.askId as number, 'declined', NOW);
    expect(await nextItemOf(ANA)).toBe('2026-04-10');
  });

  test('snoozing, archiving and restoring', async () => {
    await snooze(ANA, ids.bo as number, '2026-05-01');
    expect(await nextItemOf(ANA)).toBe('2026-05-01');
    // Archived, even with its date kept, a contact is not pending.
    await setArchived(db, ANA, ids.bo as number, true, '2026-05-01', NOW);
    expect(await nextItemOf(ANA)).toBe('2026-06-12');
    await restoreContact(deps, ANA, ids.bo as number);
    expect(await nextItemOf(ANA)).toBe('2026-05-01');
    await archiveContact(deps, ANA, ids.bo as number);
    expect(await nextItemOf(ANA)).toBe('2026-06-12');
    await restoreContact(deps, ANA, ids.bo as number);
    expect(await nextItemOf(ANA)).toBe('2026-05-01');
  });

  test('a write that moves no date leaves the member row as it was', async () => {
    const before = await rowVersion(ANA);
    await appendWantsNeeds(db, ANA, ids.ada as number, 'a co-founder', NOW);
    expect(await rowVersion(ANA)).toBe(before);
    await expectExact();
  });

  test('a transition makes a check-in due at once', async () => {
    await noteTransition(deps, ANA, {
      contactId: ids.ada as number,
      kind: 'new_job',
      notedOn: '2026-03-20',
      note: null,
    });
    expect(await nextItemOf(ANA)).toBe('2026-03-20');
  });

  test('an introduction: gives to both sides, and its follow-up until it is asked, or asked again', async () => {
    const result = await logIntroduction(deps, ANA, {
      fromContactId: ids.ada as number,
      toContactId: ids.bo as number,
      toName: null,
      kind: 'peer',
      why: null,
      introducedOn: '2026-03-21',
    });
    if (!result.ok) throw new Error('introduction not recorded');
    expect(await nextItemOf(ANA)).toBe('2026-04-04');
    await markIntrosFollowedUp(db, ANA, [result.intro.id], '2026-04-04');
    expect(await nextItemOf(ANA)).toBe('2026-04-21');
    await setIntroOutcome(
      db,
      ANA,
      result.intro.id,
      'no_response',
      askAgainOn('no_response', false, '2026-04-04'),
    );
    expect(await nextItemOf(ANA)).toBe('2026-04-18');
    await setIntroOutcome(db, ANA, result.intro.id, 'connected', null);
    expect(await nextItemOf(ANA)).toBe('2026-04-21');
  });

  test('a trip: its reach-out, then its "whom did you meet?", until cancelled', async () => {
    const startsOn = '2026-04-10';
    const endsOn = '2026-04-12';
    const trip = await insertTrip(
      db,
      ANA,
      {
        city: 'Lisbon',
        event: null,
        startsOn,
        endsOn,
        reachOutOn: reachOutOn(startsOn),
        metPromptOn: metPromptOn(endsOn),
      },
      [ids.ada as number],
      NOW,
    );
    expect(await nextItemOf(ANA)).toBe('2026-03-27');
    await markTripPrompted(db, ANA, [{ tripId: trip.id, prompt: 'reach_out' }], '2026-03-27');
    expect(await nextItemOf(ANA)).toBe('2026-04-13');
    await cancelTrip(db, ANA, trip.id, NOW);
    expect(await nextItemOf(ANA)).toBe('2026-04-21');
  });

  test('a scheduled call: its "did you talk?", until asked or answered', async () => {
    const before = await nextItemOf(ANA);
    const call = {
      contactId: ids.ada as number,
      startsAt: new Date('2026-03-19T09:00:00Z'),
      minutes: 30,
      timeZone: 'Europe/Berlin',
      askOn: '2026-03-20',
      title: 'Catch-up',
    };
    const asked = await insertCall(db, ANA, call, NOW);
    expect(await nextItemOf(ANA)).toBe('2026-03-20');
    await markCallsAsked(db, ANA, [asked?.id as number], '2026-03-20');
    expect(await nextItemOf(ANA)).toBe(before);
    const answered = await insertCall(db, ANA, call, NOW);
    expect(await nextItemOf(ANA)).toBe('2026-03-20');
    await setCallOutcome(db, ANA, answered?.id as number, 'didnt_happen');
    expect(await nextItemOf(ANA)).toBe(before);
  });

  test('a date: the digest day of its next occurrence, moved by work days, telling it and archiving', async () => {
    const cal = { teamId: 'T0ONE', userId: 'U0CAL' };
    const member = await upsertMember(db, cal, NOW);
    const bea = await addContact(cal, 'Bea', 'none');
    // Saturday 14 March: the Friday before.
    await insertContactDates(
      db,
      cal,
      bea.id,
      [{ kind: 'birthday', label: 'birthday', month: 3, day: 14, year: null, nextOn: '2026-03-14' }],
      NOW,
    );
    expect(await nextItemOf(cal)).toBe('2026-03-13');
    await updateMemberSettings(db, cal, { ...member, workDays: [1, 2, 3] });
    expect(await nextItemOf(cal)).toBe('2026-03-11');
    const [date] = await datesOfContact(db, cal, bea.id);
    await moveDatesOn(db, cal, [{ dateId: date?.id as number, from: '2026-03-14', to: '2027-03-14' }]);
    // Sunday 14 March 2027: Wednesday the 10th.
    expect(await nextItemOf(cal)).toBe('2027-03-10');
    await setArchived(db, cal, bea.id, true, null, NOW);
    expect(await nextItemOf(cal)).toBeNull();
    // The tests after this one count the three members above.
    await db.query('DELETE FROM members WHERE team_id = $1::text AND user_id = $2::text', [
      cal.teamId,
      cal.userId,
    ]);
  });

  test("one member's writes never change another member's value", async () => {
    const anaBefore = await nextItemOf(ANA);
    const versions = [await rowVersion(ANA), await rowVersion(ANA_ELSEWHERE)];
    // The same user in another workspace, and a teammate, each with earlier dates than Ana's.
    for (const m of [ANA_ELSEWHERE, BEN]) {
      const c = await addContact(m, 'Early', 'biweekly');
      await touch(m, c.id, '2026-03-03', 'a favour');
      await snooze(m, c.id, '2026-03-04');
      await insertTrip(
        db,
        m,
        {
          city: 'Porto',
          event: null,
          startsOn: '2026-03-20',
          endsOn: '2026-03-21',
          reachOutOn: '2026-03-06',
          metPromptOn: '2026-03-22',
        },
        [c.id],
        NOW,
      );
      await archiveContact(deps, m, c.id);
    }
    expect(await nextItemOf(ANA)).toBe(anaBefore);
    expect(await rowVersion(ANA)).toBe(versions[0]);
    expect(await nextItemOf(ANA_ELSEWHERE)).toBe('2026-03-06');
    expect(await nextItemOf(BEN)).toBe('2026-03-06');
  });
});

describe('statements that write several members at once', () => {
  test('a multi-row INSERT for three members', async () => {
    await db.query(
      `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
       SELECT m.team_id, m.user_id, 'Bulk ' || n, 'monthly', $1::date, $1::date + 10 * n, $2::timestamptz, $2::timestamptz
       FROM members m CROSS JOIN generate_series(1, 3) n`,
      [TODAY, NOW],
    );
    const all = await expectExact();
    expect([...all.values()]).toEqual(['2026-03-12', '2026-03-06', '2026-03-06']);
  });

  test('a multi-row UPDATE across members, moving dates both ways', async () => {
    await db.query(
      `UPDATE contacts SET next_due_on = next_due_on + CASE WHEN user_id = 'U0BEN' THEN 30 ELSE -5 END`,
    );
    await db.query(`UPDATE asks SET status = 'pending', followed_up_on = NULL`);
    await db.query(`UPDATE trips SET cancelled_at = NULL, reached_out_on = NULL`);
    await db.query(`UPDATE introductions SET followed_up_on = NULL, follow_up_on = follow_up_on - 20`);
    await expectExact();
  });

  test('moving rows from one member to another recomputes both', async () => {
    const before = await expectExact();
    await db.query(`UPDATE trips SET team_id = 'T0ONE' WHERE team_id = 'T0TWO'`);
    const after = await expectExact();
    expect(after.get(key(ANA_ELSEWHERE))).not.toBe(before.get(key(ANA_ELSEWHERE)));
    await db.query(
      `UPDATE contacts SET user_id = 'U0BEN' WHERE team_id = 'T0ONE' AND user_id = 'U0ANA' AND name LIKE 'Bulk%'`,
    );
    await expectExact();
  });

  test('a multi-row DELETE across members, with its cascades', async () => {
    await db.query(`DELETE FROM contacts WHERE name IN ('Bulk 1', 'Early', 'Ada')`);
    await expectExact();
    await db.query('DELETE FROM asks');
    await db.query('DELETE FROM trips');
    await expectExact();
  });

  test('TRUNCATE', async () => {
    await insertTrip(
      db,
      BEN,
      {
        city: 'Rome',
        event: null,
        startsOn: '2026-03-08',
        endsOn: '2026-03-09',
        reachOutOn: '2026-02-22',
        metPromptOn: '2026-03-10',
      },
      [],
      NOW,
    );
    expect(await nextItemOf(BEN)).toBe('2026-02-22');
    await db.query('TRUNCATE trips CASCADE');
    await expectExact();
  });

  test("a member's deletion cascades to everything of theirs, and the rest stays exact", async () => {
    await db.query('DELETE FROM members WHERE team_id = $1::text AND user_id = $2::text', [
      ANA.teamId,
      ANA.userId,
    ]);
    const all = await expectExact();
    expect(all.has(key(ANA))).toBe(false);
    expect(all.size).toBe(2);
    await upsertMember(db, ANA, NOW);
    expect(await nextItemOf(ANA)).toBeNull();
  });
});

describe('refreshNextItems', () => {
  test('repairs a wrong value, and then finds nothing to change', async () => {
    await db.query(`UPDATE members SET next_item_on = '1999-01-01' WHERE user_id = 'U0BEN'`);
    expect((await storedAndExpected()).get(key(BEN))?.stored).toBe('1999-01-01');
    expect(await refreshNextItems(db)).toBe(1);
    await expectExact();
    expect(await refreshNextItems(db)).toBe(0);
  });

  test('brings members up to date after a bulk load with triggers off', async () => {
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(
        `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
         SELECT team_id, user_id, 'Loaded', 'monthly', $1::date, '2026-01-15', $2::timestamptz, $2::timestamptz
         FROM members`,
        [TODAY, NOW],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const stale = await storedAndExpected();
    expect([...stale.values()].every((v) => v.stored !== v.expected && v.expected === '2026-01-15')).toBe(
      true,
    );
    expect(await refreshNextItems(db)).toBe(3);
    await expectExact();
  });
});

describe('exact under concurrency', () => {
  const DEV: MemberRef = { teamId: 'T0ONE', userId: 'U0DEV' };

  test("two transactions changing one member's items at once: the later sees the earlier's change", async () => {
    await upsertMember(db, DEV, NOW);
    const x = await addContact(DEV, 'X', 'monthly', '2026-03-01'); // due 1 April
    await addContact(DEV, 'Y', 'monthly', '2026-03-05'); // due 5 April
    expect(await nextItemOf(DEV)).toBe('2026-04-01');

    // One transaction adds a contact due 20 March and has not committed yet…
    const first = new pg.Client({ connectionString: database.url });
    await first.connect();
    try {
      await first.query('BEGIN');
      await first.query(
        `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
         VALUES ($1::text, $2::text, 'Z', 'monthly', '2026-02-20', '2026-03-20', $3::timestamptz, $3::timestamptz)`,
        [DEV.teamId, DEV.userId, NOW],
      );
      // …while another snoozes X past Y: seen on its own, Dev's earliest would be Y's 5 April.
      const second = snooze(DEV, x.id, '2026-05-01');
      await untilALockWait(db);
      await first.query('COMMIT');
      await second;
    } finally {
      await first.end();
    }
    expect(await nextItemOf(DEV)).toBe('2026-03-20');
  });
});

test("the migration's backfill sets existing members' values", async () => {
  const legacy = await createTestDatabase({ migrate: false });
  const before = await mkdtemp(path.join(os.tmpdir(), 'touchbase-migrations-'));
  try {
    for (const file of await readdir(MIGRATIONS_DIR)) {
      if (file < '009') await symlink(path.join(MIGRATIONS_DIR, file), path.join(before, file));
    }
    await migrate(legacy.pool, silentLogger, before);
    const pool = legacy.pool;
    // Written as that release wrote them: today's code expects today's schema.
    for (const m of [ANA, BEN, ANA_ELSEWHERE])
      await pool.query(
        'INSERT INTO members (team_id, user_id, created_at) VALUES ($1::text, $2::text, $3::timestamptz)',
        [m.teamId, m.userId, NOW],
      );
    await pool.query(
      `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, archived_at, created_at, updated_at)
       VALUES ('T0ONE', 'U0ANA', 'A', 'monthly', '2026-03-01', '2026-04-01', NULL, $1::timestamptz, $1::timestamptz),
              ('T0ONE', 'U0ANA', 'B', 'monthly', '2026-02-01', '2026-03-01', $1::timestamptz, $1::timestamptz, $1::timestamptz),
              ('T0ONE', 'U0BEN', 'C', 'none', '2026-02-01', NULL, NULL, $1::timestamptz, $1::timestamptz)`,
      [NOW],
    );
    await pool.query(
      `INSERT INTO trips (team_id, user_id, city, starts_on, ends_on, reach_out_on, met_prompt_on, created_at)
       VALUES ('T0TWO', 'U0ANA', 'Oslo', '2026-04-01', '2026-04-02', '2026-03-18', '2026-04-03', $1::timestamptz)`,
      [NOW],
    );
    await migrate(pool, silentLogger);
    const all = await expectExact(pool);
    expect(Object.fromEntries(all)).toEqual({
      'T0ONE/U0ANA': '2026-04-01',
      'T0ONE/U0BEN': null,
      'T0TWO/U0ANA': '2026-03-18',
    });
  } finally {
    await legacy.drop();
    await rm(before, { recursive: true, force: true });
  }
});
