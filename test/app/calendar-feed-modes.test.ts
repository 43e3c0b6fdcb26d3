import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, reply } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { parseFeed } from '../support/ics';
import { TcpProxy } from '../support/tcp-proxy';

/** The feed from the two other ways the web process runs: in Socket Mode, and with its database gone silent. */

async function feedLink(h: Harness): Promise<string> {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, 'calendar');
  const answer = await reply(h, /private calendar feed/, t);
  const path = allText(answer).match(/\/calendar\/[A-Za-z0-9_-]{22}\.ics/)?.[0];
  expect(path).toBeDefined();
  return `${h.baseUrl}${path}`;
}

describe('in Socket Mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-03-02T10:00:00Z', socketMode: true });
    await addContact(h, ALICE, 'Dana Lee', { cadence: 'monthly' });
  });
  afterAll(() => h.stop());

  test('the command gives a link, and the HTTP port beside health serves the feed', async () => {
    const res = await fetch(await feedLink(h));
    expect(res.status).toBe(200);
    const { events } = parseFeed(await res.text());
    expect(events.map((e) => [e.summary, e.start])).toEqual([
      ['Check in with Dana Lee', '2026-04-02'],
      ['Check in with Dana Lee', '2026-05-02'],
    ]);
    for (const path of ['/calendar/AAAAAAAAAAAAAAAAAAAAAA.ics', '/calendar/%E0%A4%A.ics']) {
      const wrong = await fetch(`${h.baseUrl}${path}`);
      expect(wrong.status).toBe(404);
      expect(await wrong.text()).toBe('');
    }
    // The routes beside it still answer.
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe('with the database gone silent', () => {
  let h: Harness;
  let proxy: TcpProxy;
  beforeAll(async () => {
    const admin = new URL(process.env.TOUCHBASE_TEST_ADMIN_URL ?? '');
    proxy = await TcpProxy.start({ host: admin.hostname, port: Number(admin.port || 5432) });
    h = await startHarness({
      startAt: '2026-03-02T10:00:00Z',
      appDatabaseUrl: (url) => proxy.urlThrough(url),
    });
    await addContact(h, ALICE, 'Dana Lee', { cadence: 'monthly' });
  });
  afterAll(async () => {
    await h.stop();
    await proxy.stop();
  });

  test('a fetch gets 503 with an empty body within the budget, not a hang; then 200 once it is back', async () => {
    const url = await feedLink(h);
    proxy.blackhole();
    const t = preciseNow();
    const res = await fetch(url);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('');
    expect(preciseNow() - t).toBeLessThan(4500);
    proxy.heal();
    expect((await fetch(url)).status).toBe(200);
  });
});
