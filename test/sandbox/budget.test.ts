import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SANDBOX_ARTIFACTS } from '../support/chromium';
import type { TestDatabase } from '../support/database';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * A weekly budget in Chromium, the way a member would set it: Ada (the demo's network, several
 * check-ins due this week) types `/touchbase settings`, enters 2 in "Check-ins a week" and saves;
 * her Home then shows "This week: 2 of 2 check-ins planned", and `/touchbase show` on a contact
 * the budget moved says to which week and why.
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

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, `budget-${name}.png`), fullPage: true });
}

function modal(callbackId: string): Locator {
  return page.locator(`.sk-modal[data-callback-id="${callbackId}"]`);
}

async function command(text: string): Promise<void> {
  await page.fill('#composer', text);
  await page.press('#composer', 'Enter');
}

test('a budget of 2 set in settings: the Home plans 2 this week and a moved contact says why', async () => {
  await command('/touchbase settings');
  const settings = modal('settings');
  await settings.waitFor();
  const budget = settings.locator('[data-block-id="weekly_budget"] input');
  // Out of range: refused beside the field, nothing saved.
  await budget.fill('0');
  await settings.locator('.sk-modal-footer .sk-btn-primary').click();
  await settings.getByText('Type a whole number of check-ins from 1 to 100').waitFor();
  await shot('1-refused');
  await budget.fill('2');
  await settings.locator('.sk-modal-footer .sk-btn-primary').click();
  await settings.waitFor({ state: 'detached' });
  await page.locator('#timeline .sk-message', { hasText: 'At most 2 check-ins a week' }).waitFor();

  await page.click('#tab-home');
  const plan = page.locator('[data-block-id="week_plan"]');
  await plan.getByText('This week: 2 of 2 check-ins planned').waitFor();
  await shot('2-home');

  const { rows } = await db.pool.query<{ name: string }>(
    `SELECT name FROM contacts WHERE user_id = $1 AND leveled_to IS NOT NULL AND next_due_on = leveled_to
     ORDER BY next_due_on, name LIMIT 1`,
    [ADA],
  );
  const moved = rows[0]?.name;
  if (!moved) throw new Error('the demo has no check-in moved by a budget of 2');
  await page.click('#tab-messages');
  await command(`/touchbase show ${moved}`);
  await page
    .locator('#timeline .sk-message', {
      hasText: /next check-in moved to the week of \d+ \w+ to keep to your 2 a week/,
    })
    .waitFor();
  await shot('3-moved');
}, 120_000);
