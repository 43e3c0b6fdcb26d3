import { addContact, digestPosts, type User } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

const BERLIN: User = { teamId: 'T0ALPHA', userId: 'U0BERLIN' };
const WEEKEND: User = { teamId: 'T0ALPHA', userId: 'U0WEEKEND' };
const LA: User = { teamId: 'T0ALPHA', userId: 'U0LA' };
const AUCKLAND: User = { teamId: 'T0ALPHA', userId: 'U0AKL' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: '2026-02-23T12:00:00Z' });
  h.emulator.setUser(BERLIN.userId, { tz: 'Europe/Berlin' });
  h.emulator.setUser(WEEKEND.userId, { tz: 'Europe/Berlin' });
  h.emulator.setUser(LA.userId, { tz: 'America/Los_Angeles' });
  h.emulator.setUser(AUCKLAND.userId, { tz: 'Pacific/Auckland' });
  // Mon 23 Feb: LA adds someone biweekly, due Mon 9 Mar, the day after the US clocks go forward.
  await addContact(h, LA, 'Lee', { cadence: 'biweekly' });
  // Sat 28 Feb: a contact due on Sat 14 Mar.
  h.setNow('2026-02-28T12:00:00Z');
  await addContact(h, WEEKEND, 'Sam', { cadence: 'biweekly' });
  // Mon 2 Mar: due Mon 16 Mar.
  h.setNow('2026-03-02T10:00:00Z');
  await addContact(h, BERLIN, 'Ada', { cadence: 'biweekly' });
  await addContact(h, AUCKLAND, 'Kiri', { cadence: 'biweekly' });
});
afterAll(() => h.stop());

describe('the morning digest arrives on the first work-day morning after a contact is due', () => {
  test('nothing before due', async () => {
    await h.tick('2026-03-06T09:00:00Z');
    await h.tick('2026-03-13T09:00:00Z');
    for (const u of [BERLIN, AUCKLAND, WEEKEND]) expect(digestPosts(h, u.userId)).toHaveLength(0);
  });

  test('Los Angeles: not at 08:59 PDT, at 09:00 PDT on the Monday after the daylight-saving change', async () => {
    await h.tick('2026-03-09T15:59:00Z');
    expect(digestPosts(h, LA.userId)).toHaveLength(0);
    await h.tick('2026-03-09T16:00:00Z');
    const [post] = digestPosts(h, LA.userId);
    expect(String(post?.args.text)).toMatch(/One check-in is due today\. Lee/);
  });

  test('not on a weekend: a contact due on Saturday gets nothing on Saturday or Sunday', async () => {
    await h.tick('2026-03-14T09:00:00Z');
    await h.tick('2026-03-15T09:00:00Z');
    expect(digestPosts(h, WEEKEND.userId)).toHaveLength(0);
  });

  test('Auckland: at 09:00 NZDT on Monday, while it is still Sunday in UTC', async () => {
    await h.tick('2026-03-15T19:59:00Z');
    expect(digestPosts(h, AUCKLAND.userId)).toHaveLength(0);
    await h.tick('2026-03-15T20:00:00Z');
    expect(digestPosts(h, AUCKLAND.userId)).toHaveLength(1);
    expect(digestPosts(h, WEEKEND.userId)).toHaveLength(0);
  });

  test('Berlin: not at 08:59, at 09:00 on Monday, for the weekend contact too', async () => {
    await h.tick('2026-03-16T07:59:00Z');
    expect(digestPosts(h, WEEKEND.userId)).toHaveLength(0);
    expect(digestPosts(h, BERLIN.userId)).toHaveLength(0);
    await h.tick('2026-03-16T08:00:00Z');
    expect(digestPosts(h, WEEKEND.userId)).toHaveLength(1);
    expect(digestPosts(h, BERLIN.userId)).toHaveLength(1);
  });

  test('the digest says who and why, and comes once a day', async () => {
    const [post] = digestPosts(h, BERLIN.userId);
    expect(String(post?.args.text)).toContain('Ada');
    expect(JSON.stringify(post?.args.blocks)).toContain(
      'Added 2 weeks ago, no touch logged yet; you planned calls every other week.',
    );
    await h.tick('2026-03-16T12:00:00Z');
    await h.tick('2026-03-16T22:59:00Z');
    expect(digestPosts(h, BERLIN.userId)).toHaveLength(1);
  });

  test('the next work day brings another digest while the contact is still due', async () => {
    await h.tick('2026-03-17T08:00:00Z');
    expect(digestPosts(h, BERLIN.userId)).toHaveLength(2);
  });
});

describe('reminder settings apply from the next tick', () => {
  test('a paused member gets nothing until the pause ends; an earlier digest hour brings the digest forward', async () => {
    await h.database.pool.query(
      `UPDATE members SET paused_until = '2026-03-18', digest_hour = 7, work_days = '{1,2,3,4,5}' WHERE user_id = $1`,
      [BERLIN.userId],
    );
    const before = digestPosts(h, BERLIN.userId).length;
    await h.tick('2026-03-18T12:00:00Z');
    expect(digestPosts(h, BERLIN.userId)).toHaveLength(before);
    // Thursday 19 March: the pause is over; 07:00 in Berlin is 06:00 UTC.
    await h.tick('2026-03-19T05:59:00Z');
    expect(digestPosts(h, BERLIN.userId)).toHaveLength(before);
    await h.tick('2026-03-19T06:00:00Z');
    expect(digestPosts(h, BERLIN.userId)).toHaveLength(before + 1);
  });
});
