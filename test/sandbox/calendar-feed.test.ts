import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SANDBOX_ARTIFACTS } from '../support/chromium';
import type { TestDatabase } from '../support/database';
import { parseFeed } from '../support/ics';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * The calendar feed in Chromium, the way a member tries it: Ada (the demo's network) types
 * `/touchbase calendar`, the answer shows her private link with New link and Turn off, and a click
 * on the link saves an .ics that a calendar parser reads, with her check-ins and trip and nobody else's.
 */

const ADA = 'U0ADA';

let opened: SandboxPage | undefined;
let db: TestDatabase;
let page: Page;

beforeAll(async () => {
  opened = await openSandboxPage({
    startAt: '2026-03-02T10:00:00Z',
    demo: true,
    user: ADA,
    viewport: { width: 1280, height: 900 },
  });
  ({ db, page } = opened);
}, 90_000);

afterAll(() => opened?.stop());

test('/touchbase calendar shows a link; clicking it downloads a calendar with her check-ins and trip', async () => {
  await page.fill('#composer', '/touchbase calendar');
  await page.press('#composer', 'Enter');
  const answer = page.locator('#timeline .sk-message', { hasText: 'Here is your private calendar feed' });
  await answer.waitFor();
  await answer.getByRole('button', { name: 'New link' }).waitFor();
  await answer.getByRole('button', { name: 'Turn off' }).waitFor();
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, 'calendar-feed-1-link.png'), fullPage: true });

  const link = answer.locator('a.sk-ics');
  expect(await link.getAttribute('href')).toMatch(
    /^http:\/\/127\.0\.0\.1:\d+\/calendar\/[A-Za-z0-9_-]{22}\.ics$/,
  );
  const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(saved.suggestedFilename()).toBe('touchbase.ics');
  const text = await readFile(await saved.path(), 'utf8');
  const { events } = parseFeed(text);

  const { rows } = await db.pool.query<{ name: string }>(
    `SELECT name FROM contacts WHERE user_id = $1 AND archived_at IS NULL AND cadence <> 'none'
       AND NOT unsorted AND next_due_on <= '2026-05-31'`,
    [ADA],
  );
  expect(rows.length).toBeGreaterThan(0);
  const checkIns = new Set(
    events.filter((e) => e.summary.startsWith('Check in with ')).map((e) => e.summary),
  );
  expect([...checkIns].sort()).toEqual(rows.map((r) => `Check in with ${r.name}`).sort());
  // Her demo trip, over its days.
  expect(events.find((e) => e.summary === 'Trip: Lisbon (Lisbon Tech Week)')).toMatchObject({
    start: '2026-03-18',
    end: '2026-03-22',
  });
  const others = await db.pool.query<{ name: string }>('SELECT name FROM contacts WHERE user_id <> $1', [
    ADA,
  ]);
  for (const { name } of others.rows) expect(checkIns.has(`Check in with ${name}`)).toBe(false);
}, 120_000);
