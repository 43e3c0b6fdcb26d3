import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SANDBOX_ARTIFACTS } from '../support/chromium';
import type { TestDatabase } from '../support/database';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * Nudge fatigue in Chromium, the way a member meets it: the demo's Tomás Rivera was let pass in
 * Ada's last two digests. The page's clock moves a morning at a time: the first digest carries him
 * a third time, the second asks "Keep quarterly, check in less often, or archive?", Ada picks
 * "Every 6 months" from the menu, the question gives way to what it did, and the third morning's
 * digest no longer reminds her about him; the Home lists him as often skipped.
 */

const ADA = 'U0ADA';
const QUESTION = "You've let Tomás Rivera's reminder pass three times.";

let opened: SandboxPage | undefined;
let db: TestDatabase;
let page: Page;

beforeAll(async () => {
  opened = await openSandboxPage({
    startAt: '2026-03-02T10:00:00Z',
    demo: true,
    user: ADA,
    viewport: { width: 1280, height: 1000 },
  });
  ({ db, page } = opened);
}, 90_000);

afterAll(() => opened?.stop());

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, `fatigue-${name}.png`), fullPage: true });
}

function digests(): Locator {
  return page.locator('#timeline .sk-message').filter({ hasText: 'Good morning' });
}

/** +1 day on the page's clock; answers Ada's digest of that morning once it is shown. */
async function nextMorning(n: number): Promise<Locator> {
  await page.click('button[data-step="day"]');
  await digests()
    .nth(n - 1)
    .waitFor();
  return digests().nth(n - 1);
}

async function tomas() {
  const { rows } = await db.pool.query<{ cadence: string; answer: string | null }>(
    `SELECT c.cadence, f.answer FROM contacts c
     LEFT JOIN contact_fatigue f ON f.contact_id = c.id
     WHERE c.user_id = $1 AND c.name = 'Tomás Rivera'`,
    [ADA],
  );
  return rows[0];
}

test('a contact let pass three mornings running is asked about once; the answer replaces the question', async () => {
  const first = await nextMorning(1);
  await first.getByText('Tomás Rivera').first().waitFor();
  expect(await first.textContent()).not.toContain(QUESTION);

  const second = await nextMorning(2);
  const question = second.locator('.sk-blocks', { hasText: QUESTION });
  await question.waitFor();
  expect(await second.textContent()).toContain('Keep quarterly, check in less often, or archive?');
  const keep = second.locator('[data-action-id^="digest_fatigue_keep_"] button');
  expect(await keep.textContent()).toBe('Keep quarterly');
  await second
    .locator('[data-action-id^="digest_fatigue_archive_"] button', { hasText: 'Archive' })
    .waitFor();
  await second.scrollIntoViewIfNeeded();
  await shot('1-question');

  // "Check in less often": the menu offers the longer rhythms; the digest updates in place.
  const ts = await second.getAttribute('data-ts');
  const menu = second.locator('[data-action-id^="digest_fatigue_less_often_"] select');
  expect(await menu.locator('option').allTextContents()).toEqual(
    expect.arrayContaining(['Every 6 months', 'Yearly']),
  );
  await menu.selectOption({ label: 'Every 6 months' });
  const answered = page.locator(`#timeline .sk-message[data-ts="${ts}"]`, {
    hasText: 'Now checking in with Tomás Rivera every 6 months.',
  });
  await answered.waitFor();
  expect(await answered.textContent()).not.toContain(QUESTION);
  expect(await tomas()).toEqual({ cadence: 'semiannual', answer: 'less_often' });
  await answered.scrollIntoViewIfNeeded();
  await shot('2-answered');

  // The next morning: no question, and no reminder about him (his new rhythm is months away).
  const third = await nextMorning(3);
  await third.scrollIntoViewIfNeeded();
  expect(await third.textContent()).not.toContain(QUESTION);
  expect(await third.textContent()).not.toContain('Tomás Rivera');
  await shot('3-next-morning');

  // The Home tab names him among the contacts often skipped lately.
  await page.click('#tab-home');
  const skipped = page.locator('#home .sk-blocks', { hasText: 'Often skipped · 1' });
  await skipped.waitFor();
  expect(await skipped.textContent()).toContain(
    'Tomás Rivera · Globex · reminder let pass three times in the last 60 days',
  );
  await page.getByText('Often skipped · 1').scrollIntoViewIfNeeded();
  await shot('4-home-often-skipped');
}, 120_000);
