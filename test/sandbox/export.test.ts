import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Locator, Page } from 'playwright-core';
import { SANDBOX_ARTIFACTS } from '../support/chromium';
import type { TestDatabase } from '../support/database';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * Export in Chromium, the way a member would: Ada (the demo's network) types `/touchbase export`, the
 * DM shows "Exporting…" becoming "Your export is ready: 2 files below" and the two files as Slack shows
 * them (name, kind, size), and the CSV downloads from the page with every one of her contacts in it;
 * then the Home's Export my data does the same.
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
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, `export-${name}.png`), fullPage: true });
}

async function adaContacts(): Promise<string[]> {
  const { rows } = await db.pool.query<{ name: string }>(
    'SELECT name FROM contacts WHERE user_id = $1 ORDER BY name',
    [ADA],
  );
  return rows.map((r) => r.name);
}

/** Clicks a shared file's card and reads what the browser saved. */
async function download(card: Locator): Promise<{ name: string; text: string }> {
  const [saved] = await Promise.all([page.waitForEvent('download'), card.click()]);
  const file = await saved.path();
  return { name: saved.suggestedFilename(), text: await readFile(file, 'utf8') };
}

test('a member exports from the page and downloads the CSV with all their contacts', async () => {
  await page.fill('#composer', '/touchbase export');
  await page.press('#composer', 'Enter');
  await page.getByText('Preparing your export').waitFor();
  const ready = page.locator('#timeline .sk-message', { hasText: 'Your export is ready: 2 files below' });
  await ready.waitFor();
  const cards = page.locator('#timeline .sk-attachment');
  await cards.nth(1).waitFor();
  expect(await cards.locator('.sk-attachment-name').allTextContents()).toEqual([
    'touchbase-contacts.csv',
    'touchbase-export.json',
  ]);
  expect(await cards.first().locator('.sk-attachment-meta').textContent()).toMatch(/^CSV · \d+(\.\d)? KB$/);
  await shot('1-ready');

  const csv = await download(cards.first());
  expect(csv.name).toBe('touchbase-contacts.csv');
  const rows = parse(csv.text, { columns: true, bom: true }) as Record<string, string>[];
  const names = await adaContacts();
  expect(names.length).toBeGreaterThan(3);
  expect(rows.map((r) => r.Name).sort()).toEqual([...names].sort());

  const json = await download(cards.nth(1));
  const data = JSON.parse(json.text);
  expect(data.version).toBe(1);
  expect(data.contacts).toHaveLength(names.length);
}, 120_000);

test('the Home tab has Export my data, which sends the files to the DM', async () => {
  await page.click('#tab-home');
  const button = page.locator('.sk-btn', { hasText: 'Export my data' });
  await button.waitFor();
  await shot('2-home');
  await button.click();
  await page.click('#tab-messages');
  await page.locator('#timeline .sk-message', { hasText: 'Your export is ready' }).nth(1).waitFor();
  await page.locator('#timeline .sk-attachment').nth(3).waitFor();
  await shot('3-second-export');
}, 120_000);
