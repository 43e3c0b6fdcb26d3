import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { eventually, SANDBOX_ARTIFACTS } from '../support/chromium';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * One-off reminders in Chromium, as a member would set them: the demo's Ada types `/touchbase remind
 * …` and reads the day back; a reminder without a clear day opens the form; the next morning's digest
 * brings both after the fresh transition (with the demo's reminder from the day before, marked
 * since), and Done strikes one out in place.
 */

const ADA = 'U0ADA';
// Monday 2 March 2026, 10:00 in London.
const START_AT = '2026-03-02T10:00:00Z';

let opened: SandboxPage | undefined;
let page: Page;

beforeAll(async () => {
  opened = await openSandboxPage({ startAt: START_AT, demo: true, user: ADA });
  ({ page } = opened);
}, 90_000);

afterAll(() => opened?.stop());

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, `reminders-${name}.png`), fullPage: true });
}

async function command(text: string): Promise<void> {
  await page.fill('#composer', text);
  await page.press('#composer', 'Enter');
}

function messages(text: string | RegExp): Locator {
  return page.locator('#timeline .sk-message').filter({ hasText: text });
}

test('a member sets reminders, finds them in the next morning’s digest and marks one done', async () => {
  await command('/touchbase remind Sam Lee tomorrow send him the deck');
  await messages('I’ll remind you on').filter({ hasText: 'Sam Lee' }).waitFor();
  expect(await messages('I’ll remind you on').first().textContent()).toMatch(
    /I’ll remind you on Tuesday.* about Sam Lee: send him the deck/,
  );
  await shot('1-said-back');

  // No day in it: the form opens with the picker on tomorrow and what was typed.
  await command('/touchbase remind Leo Martin ask about the fellowship');
  const form = page.locator('.sk-modal[data-callback-id="reminder_set"]');
  await form.waitFor();
  await form.getByText('I could not tell which day you meant').waitFor();
  expect(await form.locator('[data-block-id="what"] input').inputValue()).toBe('ask about the fellowship');
  await shot('2-form');
  await form.locator('.sk-modal-footer .sk-btn-primary').click();
  await form.waitFor({ state: 'detached' });
  await messages('about Leo Martin: ask about the fellowship').waitFor();

  await page.click('button[data-step="day"]');
  const digest = messages('Good morning');
  await digest.waitFor();
  const text = (await digest.textContent()) ?? '';
  expect(text).toContain('2 reminders you set.');
  // The fresh transition first, then the reminders, in the order they were set.
  expect(text).toMatch(
    /Jonas Berg[\s\S]*Sam Lee: send him the deck[\s\S]*Leo Martin: ask about the fellowship/,
  );
  await shot('3-digest');

  const ts = await digest.getAttribute('data-ts');
  const { rows } = await (opened as SandboxPage).db.pool.query<{ id: string }>(
    "SELECT id FROM reminders WHERE what = 'send him the deck'",
  );
  await digest.locator(`[data-action-id="reminder_done_${rows[0]?.id}"]`).click();
  const updated = page.locator(`#timeline .sk-message[data-ts="${ts}"]`);
  await eventually(
    () => updated.textContent(),
    (t) => /Sam Lee: send him the deck\W{0,4}Done\./u.test(t ?? ''),
    'Sam Lee’s reminder marked done in place',
  );
  expect(await updated.locator('[data-action-id^="reminder_done_"]').count()).toBe(1);
  await shot('4-done');
}, 120_000);
