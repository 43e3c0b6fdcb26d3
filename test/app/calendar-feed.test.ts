import { readFileSync } from 'node:fs';
import path from 'node:path';
import { preciseNow } from '../../src/dev/slack-emulator';
import { untilALockWait } from '../support/database';
import { ALICE, addContact, allText, BOB, openedViewId, reply, type User } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { parseFeed, rawLines } from '../support/ics';

let h: Harness;

/** A name with every character iCalendar's TEXT escapes, an emoji, and past one content line. */
const TRICKY = 'Lee, Dana; the 2nd \\ of her name 🎉';
const LONG = `Maximiliane ${'Ångström-Øverby '.repeat(9)}Jr`.slice(0, 190);

beforeAll(async () => {
  // Monday 2 March 2026 in Berlin: the feed covers 2 March to 31 May.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  for (const u of [ALICE, BOB]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  await addContact(h, ALICE, 'Dana Lee', {
    cadence: 'monthly',
    how_met: 'SECRET how we met',
    wants_needs: 'SECRET wants',
    birthday_day: '14',
    birthday_month: '4',
  });
  await addContact(h, ALICE, TRICKY, { cadence: 'biweekly' });
  await addContact(h, ALICE, LONG, { cadence: 'monthly' });
  await addContact(h, ALICE, 'Quinn Quarterly', { cadence: 'quarterly' });
  await addContact(h, ALICE, 'Nora None', { cadence: 'none' });
  await addContact(h, BOB, 'Bob Private', { cadence: 'monthly' });
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, 'trip Zürich');
  const viewId = await openedViewId(h, 'trip_plan', t);
  await h.driver.submitView(ALICE, viewId, {
    starts_on: '2026-04-20',
    ends_on: '2026-04-22',
    event: 'Fintech Week',
  });
  const r = preciseNow();
  await h.driver.slashCommand(ALICE, 'remind Dana Lee on 20 March send the deck');
  await reply(h, /remind you/, r);
});
afterAll(() => h.stop());

/** `/touchbase calendar` as `user`: the reply, and the feed's path when it shows a link. */
async function calendarCommand(user: User, text = 'calendar') {
  const t = preciseNow();
  const res = await h.driver.slashCommand(user, text);
  expect(res.status).toBe(200);
  const answer = await reply(h, /calendar/i, t);
  return { answer, path: feedPath(answer) };
}

function feedPath(answer: { blocks: unknown[] }): string | undefined {
  return allText(answer).match(/https?:\/\/[^\s|>]+(\/calendar\/[A-Za-z0-9_-]{22}\.ics)/)?.[1];
}

async function click(user: User, actionId: string) {
  const t = preciseNow();
  await h.driver.blockAction(user, { actionId, container: { type: 'ephemeral' } });
  return reply(h, /calendar/i, t);
}

const get = (path: string, method = 'GET') => fetch(`${h.baseUrl}${path}`, { method });

let alicePath: string;
let bobPath: string;

describe('/touchbase calendar', () => {
  test('gives a private link once, with New link and Turn off; asked again, says it is on without a link', async () => {
    const { answer, path } = await calendarCommand(ALICE);
    expect(path).toBeDefined();
    alicePath = path as string;
    expect(allText(answer)).toContain('From URL');
    expect(allText(answer)).toContain('New Calendar Subscription');
    expect(JSON.stringify(answer.blocks)).toContain('calendar_new_link');
    expect(JSON.stringify(answer.blocks)).toContain('calendar_turn_off');

    const again = await calendarCommand(ALICE);
    expect(again.path).toBeUndefined();
    expect(allText(again.answer)).toContain('Your calendar feed is on, since Mon, 2 Mar 2026');
    // The token itself is kept nowhere: only its SHA-256.
    const token = alicePath.slice('/calendar/'.length, -'.ics'.length);
    const { rows } = await h.database.pool.query(
      `SELECT count(*)::int AS live, bool_and(token_hash = sha256(convert_to($3, 'UTF8'))) AS hashed
       FROM calendar_feeds WHERE team_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [ALICE.teamId, ALICE.userId, token],
    );
    expect(rows[0]).toEqual({ live: 1, hashed: true });
    const dump = await h.database.pool.query('SELECT answer::text FROM idempotency_keys');
    expect(JSON.stringify(dump.rows)).not.toContain(token);
  });

  test('words after it are refused plainly and make nothing', async () => {
    const { answer, path } = await calendarCommand(BOB, 'calendar please <b>now</b>');
    expect(path).toBeUndefined();
    expect(allText(answer)).toContain('takes nothing after it');
    expect(allText(answer)).toContain('&lt;b&gt;now&lt;/b&gt;');
    const { rows } = await h.database.pool.query('SELECT 1 FROM calendar_feeds WHERE user_id = $1', [
      BOB.userId,
    ]);
    expect(rows).toEqual([]);
  });
});

describe('GET /calendar/<token>.ics', () => {
  test('serves an RFC 5545 calendar: all-day check-ins for 90 days and trips, names only', async () => {
    const res = await get(alicePath);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const text = await res.text();
    const lines = rawLines(text);
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//touchbase//calendar feed//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:touchbase',
    ]);
    expect(text).not.toContain('VTIMEZONE');
    expect(text).not.toContain('SECRET');

    const { events } = parseFeed(text);
    expect(events.every((e) => e.allDay)).toBe(true);
    const on = (summary: string) => events.filter((e) => e.summary === summary).map((e) => e.start);
    expect(on('Check in with Dana Lee')).toEqual(['2026-04-02', '2026-05-02']);
    expect(on(`Check in with ${TRICKY}`)).toEqual([
      '2026-03-16',
      '2026-03-30',
      '2026-04-13',
      '2026-04-27',
      '2026-05-11',
      '2026-05-25',
    ]);
    expect(on(`Check in with ${LONG}`)).toEqual(['2026-04-02', '2026-05-02']);
    // Due after the 90 days, or on no rhythm: not in it.
    expect(text).not.toContain('Quinn');
    expect(text).not.toContain('Nora');
    const trip = events.find((e) => e.summary === 'Trip: Zürich (Fintech Week)');
    expect(trip).toMatchObject({
      start: '2026-04-20',
      end: '2026-04-23',
      uid: expect.stringMatching(/^trip-\d+@touchbase$/),
    });
    // A one-off reminder on its day, naming whom it is about but not what was typed.
    expect(text).not.toContain('send the deck');
    expect(on("Dana Lee's birthday")).toEqual(['2026-04-14']);
    const reminder = events.find((e) => e.summary === 'Reminder about Dana Lee');
    expect(reminder).toMatchObject({
      start: '2026-03-20',
      uid: expect.stringMatching(/^reminder-\d+@touchbase$/),
    });
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    // The escaped name on the wire; the long one folded across lines.
    expect(text).toContain('Lee\\, Dana\\; the 2nd \\\\ of her name');
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
  });

  test('the same UIDs on every fetch, each with a fresh DTSTAMP', async () => {
    const first = await (await get(alicePath)).text();
    h.setNow('2026-03-02T16:30:00Z');
    const second = await (await get(alicePath)).text();
    expect(parseFeed(second).events.map((e) => e.uid)).toEqual(parseFeed(first).events.map((e) => e.uid));
    expect(first).toContain('DTSTAMP:20260302T10');
    expect(second).toContain('DTSTAMP:20260302T163000Z');
  });

  test('HEAD answers the headers alone', async () => {
    const res = await get(alicePath, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  test.each([
    ['a wrong token', '/calendar/AAAAAAAAAAAAAAAAAAAAAA.ics'],
    ['no .ics', () => alicePath.replace(/\.ics$/, '')],
    ['a token too long', () => alicePath.replace('.ics', 'x.ics')],
    ['junk', '/calendar/..%2F..%2Fetc.ics'],
    ['a broken escape', '/calendar/%E0%A4%A.ics'],
    ['an empty token', '/calendar/.ics'],
  ])('%s: 404 and nothing else', async (_what, path) => {
    const res = await get(typeof path === 'function' ? path() : path);
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.text()).toBe('');
  });

  test('any other method is refused, the feed untouched', async () => {
    const res = await get(alicePath, 'POST');
    expect(res.status).toBe(405);
    expect(await res.text()).toBe('');
    expect((await get(alicePath)).status).toBe(200);
  });

  test("Bob's link shows Bob's check-ins, never Alice's", async () => {
    const { path } = await calendarCommand(BOB);
    bobPath = path as string;
    const text = await (await get(path as string)).text();
    const { events } = parseFeed(text);
    expect(events.map((e) => e.summary)).toEqual(['Check in with Bob Private', 'Check in with Bob Private']);
    expect(text).not.toContain('Dana');
    expect(text).not.toContain('Zürich');
  });
});

describe('New link and Turn off', () => {
  test('New link, after its confirmation, makes a working link and stops the old one', async () => {
    const { answer } = await calendarCommand(ALICE);
    expect(JSON.stringify(answer.blocks)).toContain('Make a new link?');
    const renewed = await click(ALICE, 'calendar_new_link');
    expect(renewed.replace_original).toBe(true);
    expect(allText(renewed)).toContain('The old one no longer works');
    const newPath = feedPath(renewed) as string;
    expect(newPath).toBeDefined();
    expect(newPath).not.toBe(alicePath);
    expect((await get(alicePath)).status).toBe(404);
    expect((await get(newPath)).status).toBe(200);
    alicePath = newPath;
    const { rows } = await h.database.pool.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE revoked_at IS NULL)::int AS live
       FROM calendar_feeds WHERE user_id = $1`,
      [ALICE.userId],
    );
    expect(rows[0]).toEqual({ n: 2, live: 1 });
  });

  test('a double click on New link makes one link; the repeat says where it is and shows none', async () => {
    await calendarCommand(ALICE);
    const before = await h.database.pool.query('SELECT count(*)::int AS n FROM calendar_feeds');
    const t = preciseNow();
    const container = { type: 'ephemeral' as const };
    await Promise.all([
      h.driver.blockAction(ALICE, { actionId: 'calendar_new_link', container }),
      h.driver.blockAction(ALICE, { actionId: 'calendar_new_link', container }),
    ]);
    const repeat = await reply(h, /already made your new calendar link/, t);
    expect(feedPath(repeat)).toBeUndefined();
    const made = await reply(h, /new calendar link/, t);
    alicePath = feedPath(made) as string;
    expect((await get(alicePath)).status).toBe(200);
    const after = await h.database.pool.query('SELECT count(*)::int AS n FROM calendar_feeds');
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
  });

  test('New link under another answer in the same moment: that link stays live, this click says where it is', async () => {
    // The other click's transaction is held open, its new link not yet committed, while this one runs.
    const other = await h.database.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        'UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
        [ALICE.userId],
      );
      await other.query(
        `INSERT INTO calendar_feeds (team_id, user_id, token_hash, created_at)
         VALUES ($1, $2, sha256('the other click'::bytea), now())`,
        [ALICE.teamId, ALICE.userId],
      );
      const t = preciseNow();
      const res = await h.driver.blockAction(ALICE, {
        actionId: 'calendar_new_link',
        container: { type: 'ephemeral', messageTs: '1772445600.000100' },
      });
      expect(res.status).toBe(200);
      await untilALockWait(h.database.pool);
      await other.query('COMMIT');
      const answer = await reply(h, /calendar link/, t);
      expect(allText(answer)).toContain('under another answer made your new calendar link');
      expect(feedPath(answer)).toBeUndefined();
      expect(answer.replace_original).toBeFalsy();
    } finally {
      other.release();
    }
    const { rows } = await h.database.pool.query(
      `SELECT token_hash = sha256('the other click'::bytea) AS other FROM calendar_feeds
       WHERE user_id = $1 AND revoked_at IS NULL`,
      [ALICE.userId],
    );
    expect(rows).toEqual([{ other: true }]);
    expect((await get(alicePath)).status).toBe(404);
  });

  test('Turn off: the link answers 404; the command then makes a new one', async () => {
    const off = await click(ALICE, 'calendar_turn_off');
    expect(allText(off)).toContain('Your calendar feed is off');
    expect((await get(alicePath)).status).toBe(404);
    const { path } = await calendarCommand(ALICE);
    expect(path).toBeDefined();
    expect((await get(path as string)).status).toBe(200);
  });
});

test('once the workspace uninstalls touchbase, its links answer 404', async () => {
  expect((await get(bobPath)).status).toBe(200);
  const { event } = JSON.parse(
    readFileSync(path.join(__dirname, '..', 'fixtures', 'slack', 'app-uninstalled.json'), 'utf8'),
  );
  expect((await h.driver.event(ALICE.teamId, event, { eventId: 'Ev0CALENDARGONE' })).status).toBe(200);
  for (let waited = 0; (await get(bobPath)).status !== 404; waited += 25) {
    if (waited > 5000) throw new Error('the feed still answers after the uninstall');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(await (await get(bobPath)).text()).toBe('');
});
