import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SANDBOX_ARTIFACTS } from '../support/chromium';
import type { TestDatabase } from '../support/database';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * Birthdays in Chromium, on the demo network: Ada's Home lists the dates of the next two weeks, the
 * morning digest tells her "Maya Chen's birthday is today", and its Log it opens the log form set to
 * a message that gives; logging it marks the item done in place. The clock starts on a Monday
 * morning in London, with no scheduler: the page's +1 day runs the worker.
 */

const ADA = 'U0ADA';
const START_AT = '2026-03-02T10:00:00Z';

let opened: SandboxPage | undefined;
let db: TestDatabase;
let page: Page;

beforeAll(async () => {
  opened = await openSandboxPage({
    startAt: START_AT,
    demo: true,
    user: ADA,
    viewport: { width: 1280, height: 1000 },
  });
  ({ db, page } = opened);
}, 90_000);

afterAll(() => opened?.stop());

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, `birthdays-${name}.png`), fullPage: true });
}

function digest(): Locator {
  return page.locator('#timeline .sk-message').filter({ hasText: 'Good morning' });
}

test('the Home lists the coming dates; the digest tells of a birthday on the day, and Log it logs a give', async () => {
  await page.click('#tab-home');
  const upcoming = page.locator('#home .sk-blocks', { hasText: 'Upcoming dates' });
  await upcoming.waitFor();
  await upcoming.getByText("Maya Chen's birthday is on Tuesday").waitFor();
  await upcoming.getByText("Priya Nair's work anniversary at Initech is on Saturday").waitFor();
  await upcoming.getByText("Jonas Berg's birthday is on 11 March").waitFor();
  await shot('1-home');

  await page.click('#tab-messages');
  await page.click('button[data-step="day"]');
  const morning = digest();
  await morning.waitFor();
  await morning.getByText("Maya Chen's birthday is today.").waitFor();
  // Priya's Saturday is Friday's news, not Tuesday's.
  expect(await morning.textContent()).not.toContain('work anniversary');
  await shot('2-digest');

  await morning.locator('[data-action-id^="digest_date_log_"] button').click();
  const form = page.locator('.sk-modal[data-callback-id="touch_log"]');
  await form.waitFor();
  await form.getByText('Maya Chen').first().waitFor();
  // How: a message; why: a give.
  const chosen = (selector: string) =>
    form.locator(selector).evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
  expect(await chosen('select.sk-select')).toContain('message');
  expect(await chosen('input[type="radio"]:checked')).toEqual(['give']);
  await shot('3-log-form');
  await form.locator('.sk-modal-footer .sk-btn-primary').click();
  await form.waitFor({ state: 'detached' });

  // Maya is due too: one item for her, the birthday above why she is due, answered by the one message.
  await digest().getByText('Maya Chen · Northwind✅ Logged a touch').waitFor();
  await shot('4-logged');
  const { rows } = await db.pool.query(
    `SELECT t.kind, t.intent FROM touches t JOIN contacts c ON c.id = t.contact_id
     WHERE c.user_id = $1 AND c.name = 'Maya Chen' ORDER BY t.id DESC LIMIT 1`,
    [ADA],
  );
  expect(rows).toEqual([{ kind: 'message', intent: 'give' }]);
});
