import { addContact, digestPosts, type User } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

const RATE: User = { teamId: 'T0ALPHA', userId: 'U0RATE' };
const FLAKY: User = { teamId: 'T0ALPHA', userId: 'U0FLAKY' };
const GONE: User = { teamId: 'T0ALPHA', userId: 'U0GONE' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  await addContact(h, RATE, 'Ada', { cadence: 'biweekly' });
  await addContact(h, FLAKY, 'Grace', { cadence: 'biweekly' });
  await addContact(h, GONE, 'Linus', { cadence: 'biweekly' });
  // Only one member is due at each test's first tick.
  await h.database.pool.query(`UPDATE contacts SET next_due_on = '2026-03-17' WHERE name = 'Grace'`);
  await h.database.pool.query(`UPDATE contacts SET next_due_on = '2026-03-18' WHERE name = 'Linus'`);
});
afterAll(() => h.stop());

const digestRow = async (u: User) =>
  (
    await h.database.pool.query(
      'SELECT state, attempts, last_error FROM digests WHERE user_id = $1 ORDER BY local_date LIMIT 1',
      [u.userId],
    )
  ).rows[0];

describe('delivery when Slack pushes back', () => {
  test('a 429 with Retry-After: 2 delays delivery at least 2 s and delivers once', async () => {
    h.emulator.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const report = await h.tick('2026-03-16T09:00:00Z');
    const attempts = h.emulator
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === h.emulator.dmChannelId(RATE.userId));
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    expect(digestPosts(h, RATE.userId)).toHaveLength(1);
    expect(report.sent).toBe(1);
    expect(await digestRow(RATE)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  const notDueAnyMore = (name: string) =>
    h.database.pool.query(`UPDATE contacts SET next_due_on = '2027-01-01' WHERE name = $1`, [name]);

  test('a 500 is retried on a later tick and delivered once', async () => {
    await notDueAnyMore('Ada');
    h.emulator.failNext('chat.postMessage', { status: 500 });
    const first = await h.tick('2026-03-17T09:00:00Z');
    expect(first.retried).toBe(1);
    expect(digestPosts(h, FLAKY.userId)).toHaveLength(0);
    expect(await digestRow(FLAKY)).toMatchObject({
      state: 'pending',
      attempts: 1,
      last_error: 'slack http 500',
    });

    // Too early for the retry (1 minute of backoff): nothing happens.
    await h.tick('2026-03-17T09:00:30Z');
    expect(digestPosts(h, FLAKY.userId)).toHaveLength(0);

    const second = await h.tick('2026-03-17T09:02:00Z');
    expect(second.sent).toBe(1);
    expect(digestPosts(h, FLAKY.userId)).toHaveLength(1);
    await h.tick('2026-03-17T09:10:00Z');
    expect(digestPosts(h, FLAKY.userId)).toHaveLength(1);
    expect(await digestRow(FLAKY)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  test('after 24 hours of failures the digest is marked failed, logged and counted, never dropped silently', async () => {
    await notDueAnyMore('Grace');
    h.emulator.failNext('chat.postMessage', { status: 503 }, 1000);
    await h.tick('2026-03-18T09:00:00Z');
    for (const iso of ['2026-03-18T10:00:00Z', '2026-03-18T20:00:00Z', '2026-03-19T08:00:00Z']) {
      await h.tick(iso);
      expect((await digestRow(GONE)).state).toBe('pending');
    }
    await h.tick('2026-03-19T09:00:00Z');
    expect(await digestRow(GONE)).toMatchObject({ state: 'failed', last_error: 'slack http 503' });
    expect(digestPosts(h, GONE.userId)).toHaveLength(0);
    h.emulator.reset();

    const metrics = await (await fetch(`${h.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^touchbase_digests_failed_total 1$/m);
    expect(metrics).toMatch(/^touchbase_digests_sent_total 2$/m);
    expect(metrics).toMatch(/^touchbase_digests_retried_total [1-9]/m);
    expect(metrics).toMatch(/^touchbase_digests_planned_total [3-9]$/m);
    expect(metrics).toMatch(/^touchbase_digest_send_seconds_count 2$/m);
    expect(metrics).toMatch(/^touchbase_due_contacts \d+$/m);
  });
});
