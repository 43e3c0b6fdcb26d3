import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SANDBOX_ARTIFACTS } from '../support/chromium';
import type { TestDatabase } from '../support/database';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * `/touchbase delete my data` in Chromium, as a member would: the demo's Ada sees her network on the
 * Home tab, types the command, is refused for a word other than "delete", types it, and finds her
 * Home empty and the confirmation in her DM. Ben, the other pretend member, keeps his network.
 */

const ADA = 'U0ADA';
const BEN = 'U0BEN';
const START_AT = '2026-03-02T10:00:00Z';

let opened: SandboxPage | undefined;
let db: TestDatabase;
let page: Page;

beforeAll(async () => {
  opened = await openSandboxPage({ startAt: START_AT, demo: true, user: ADA });
  ({ db, page } = opened);
}, 90_000);

afterAll(() => opened?.stop());

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, `delete-data-${name}.png`), fullPage: true });
}

async function command(text: string): Promise<void> {
  await page.fill('#composer', text);
  await page.press('#composer', 'Enter');
}

function modal(callbackId: string): Locator {
  return page.locator(`.sk-modal[data-callback-id="${callbackId}"]`);
}

async function contactsOf(userId: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM contacts WHERE user_id = $1',
    [userId],
  );
  return rows[0]?.n ?? 0;
}

test('a member deletes all her data from the page: refused without the word, then an empty Home and a confirmation', async () => {
  const bens = await contactsOf(BEN);
  expect(await contactsOf(ADA)).toBeGreaterThan(0);
  expect(bens).toBeGreaterThan(0);

  // Her Home shows her network first.
  await page.click('#tab-home');
  await page.locator('#home .sk-blocks', { hasText: 'Your network:' }).waitFor();
  await page.click('#tab-messages');

  await command('/touchbase delete my data');
  const form = modal('erase_data');
  await form.waitFor();
  await form.getByText('It cannot be undone.').waitFor();
  await form.getByText('/touchbase export').waitFor();
  const word = form.locator('[data-block-id="erase_word"] input');
  await word.fill('yes please');
  await form.locator('.sk-modal-footer .sk-btn-primary').click();
  await form
    .locator('[data-block-id="erase_word"] .sk-error', { hasText: 'Type the word delete to confirm' })
    .waitFor();
  await shot('1-refused');
  expect(await contactsOf(ADA)).toBeGreaterThan(0);

  await word.fill('delete');
  await form.locator('.sk-modal-footer .sk-btn-primary').click();
  await form.waitFor({ state: 'detached' });
  await page.locator('#timeline .sk-message', { hasText: 'Your touchbase data is deleted' }).waitFor();
  await shot('2-confirmed');
  expect(await contactsOf(ADA)).toBe(0);
  const member = () => db.pool.query('SELECT 1 FROM members WHERE user_id = $1', [ADA]);
  expect((await member()).rows).toEqual([]);
  expect(await contactsOf(BEN)).toBe(bens);

  // The empty Home was published with the erase; opening the tab again is using touchbase again,
  // which starts afresh.
  await page.click('#tab-home');
  await page.locator('#home .sk-blocks', { hasText: 'Your network is empty so far' }).waitFor();
  await shot('3-empty-home');
  expect(await contactsOf(ADA)).toBe(0);
}, 120_000);

test("a member deletes one contact for good from the card, after Slack's confirmation dialog", async () => {
  await page.click('#tab-messages');
  await page.click('[data-member="U0BEN"]');
  await page.locator('#me', { hasText: 'Ben Member' }).waitFor();
  const olivia = async () =>
    (await db.pool.query("SELECT id FROM contacts WHERE user_id = $1 AND name = 'Olivia Park'", [BEN])).rows;
  expect(await olivia()).toHaveLength(1);

  await command('/touchbase show Olivia Park');
  const card = page.locator('#timeline .sk-message', { hasText: 'Recent touches' }).last();
  await card.waitFor();
  const del = card.locator('[data-action-id="contact_delete"] button');
  const dialog = page.locator('.sk-confirm');

  // Slack asks first, naming her; "Keep them" changes nothing.
  await del.click();
  await dialog.getByText('Delete Olivia Park (Stark Industries, New York)?').waitFor();
  await shot('4-contact-confirm');
  await dialog.locator('.sk-btn', { hasText: 'Keep them' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(await olivia()).toHaveLength(1);

  await del.click();
  await dialog.locator('.sk-btn-danger', { hasText: 'Delete' }).click();
  await page
    .locator('#timeline .sk-message', {
      hasText: 'Olivia Park (Stark Industries, New York) and the one touch with them are deleted for good.',
    })
    .waitFor();
  await shot('5-contact-deleted');
  expect(await olivia()).toEqual([]);
  const { rows } = await db.pool.query("SELECT 1 FROM contacts WHERE user_id = $1 AND name = 'Ravi Kumar'", [
    BEN,
  ]);
  expect(rows).toHaveLength(1);
}, 60_000);
