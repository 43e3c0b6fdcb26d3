import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { eventually, SANDBOX_ARTIFACTS } from '../support/chromium';
import type { TestDatabase } from '../support/database';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * The walk-through in Chromium: a member imports a real LinkedIn Connections.csv through the
 * sandbox's page (the modal's file chooser, the preview in the DM, Import, the summary), then sorts
 * two of the new people in triage. The sandbox runs in this process on its own database, without the
 * demo, so the member's network is just the file; the clock starts on a Monday morning in London.
 */

const ADA = 'U0ADA';
const START_AT = '2026-03-02T10:00:00Z';
const CONNECTIONS = path.resolve(__dirname, '..', 'fixtures', 'import', 'linkedin-Connections.csv');

let opened: SandboxPage | undefined;
let db: TestDatabase;
let page: Page;

beforeAll(async () => {
  opened = await openSandboxPage({ startAt: START_AT, user: ADA, viewport: { width: 1280, height: 900 } });
  ({ db, page } = opened);
}, 90_000);

afterAll(() => opened?.stop());

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, `import-triage-${name}.png`), fullPage: true });
}

async function command(text: string): Promise<void> {
  await page.fill('#composer', text);
  await page.press('#composer', 'Enter');
}

function modal(callbackId: string): Locator {
  return page.locator(`.sk-modal[data-callback-id="${callbackId}"]`);
}

function message(text: string | RegExp): Locator {
  return page.locator('#timeline .sk-message').filter({ hasText: text });
}

/** The rows the member's contacts table holds for the imported people, as the app wrote them. */
async function ada(name: string) {
  const { rows } = await db.pool.query<{
    cadence: string;
    unsorted: boolean;
    next_due_on: string | null;
    talked_before_on: string | null;
  }>(
    `SELECT cadence, unsorted, next_due_on::text, talked_before_on::text
       FROM contacts WHERE user_id = $1 AND name = $2`,
    [ADA, name],
  );
  return rows;
}

test('a member imports Connections.csv in the page, then sorts two people in triage', async () => {
  // The modal's file chooser: a LinkedIn export, read only once the member asks.
  await command('/touchbase import');
  const form = modal('import_file');
  await form.waitFor();
  await form.getByText('You see a preview first').waitFor();
  await form.locator('input[type="file"]').setInputFiles(CONNECTIONS);
  await form.locator('.sk-file', { hasText: 'linkedin-Connections.csv' }).waitFor();
  await shot('1-file-chosen');
  await form.locator('.sk-modal-footer .sk-btn-primary').click();

  // The preview in the DM: four new people, nothing written yet.
  const preview = message('Ready to import from LinkedIn');
  await preview.waitFor();
  await preview.getByText('4 new, 0 already here, 0 changed jobs, 0 skipped').waitFor();
  for (const name of ['Priya Sharma', 'Marcus Okafor', 'Lena Fischer', 'Dana Lee'])
    await preview.getByText(name).first().waitFor();
  // "Stripe, Inc." is one company, quoted in the file with its comma.
  await preview.getByText('Technical Recruiter at Stripe, Inc.').waitFor();
  expect(await ada('Priya Sharma')).toEqual([]);
  // The modal says where the preview went; the member closes it to get to the DM.
  const status = page.locator('.sk-modal', { hasText: 'The preview is in your DM' });
  await status.waitFor();
  await shot('2-modal-points-to-preview');
  await status.locator('.sk-modal-footer .sk-btn', { hasText: 'Close' }).click();
  await status.waitFor({ state: 'detached' });
  await shot('3-preview');

  // Import: the summary says what landed and that nobody gets reminders yet.
  await preview.locator('.sk-btn', { hasText: /^Import$/ }).click();
  const summary = message('Imported from LinkedIn');
  await summary.waitFor();
  await summary.getByText('4 new people').waitFor();
  await summary.getByText('no reminders until you give them a rhythm').waitFor();
  await summary.locator('.sk-btn', { hasText: 'Sort them now' }).waitFor();
  expect(await ada('Priya Sharma')).toEqual([
    { cadence: 'none', unsorted: true, next_due_on: null, talked_before_on: null },
  ]);
  await shot('4-summary');

  // Triage, most recently connected first: Dana (Nov 2025), Priya (Mar 2024), Marcus, Lena.
  await command('/touchbase triage');
  const triage = message('Triage:');
  await triage.waitFor();
  await triage.getByText('4 unsorted contacts').waitFor();
  const names = await triage
    .locator('[data-block-id^="triage_"] b, [data-block-id^="triage_"] strong')
    .allTextContents();
  expect(names.filter((n) => !/^Triage/.test(n))).toEqual([
    'Dana Lee',
    'Priya Sharma',
    'Marcus Okafor',
    'Lena Fischer',
  ]);
  const priya = triage.locator('[data-block-id^="triage_"]', { hasText: 'Priya Sharma' }).first();
  await priya.getByText('connected since').waitFor();
  await shot('5-triage');

  // Priya: last talked 3 months ago, from her ⋮ menu, then Monthly; the message updates in place.
  const ts = await triage.getAttribute('data-ts');
  const inPlace = page.locator(`#timeline .sk-message[data-ts="${ts}"]`);
  const priyaRow = inPlace.locator('[data-block-id^="triage_"]').filter({ hasText: 'Priya Sharma' }).first();
  await priyaRow.locator('.sk-overflow-button').click();
  await priyaRow.locator('.sk-menu-item:visible', { hasText: 'Last talked 3 months ago' }).click();
  await inPlace.locator('[data-block-id^="triage_"]', { hasText: /· last talked/ }).waitFor();
  await inPlace.locator('[data-action-id^="triage_sort_monthly_"]').nth(1).locator('button').click();
  await inPlace.getByText('Monthly, next check-in').waitFor();
  await shot('6-priya-monthly');

  // Dana: just keep, without reminders.
  await inPlace.locator('[data-action-id^="triage_sort_keep_"]').first().locator('button').click();
  await inPlace.getByText('Kept without reminders').waitFor();
  await shot('7-dana-kept');
  expect(await page.locator('#timeline .sk-message').filter({ hasText: 'Triage:' }).count()).toBe(1);

  // Sorted as the member chose: Priya monthly, due a month after they last talked (2 Dec 2025 +
  // 1 month, so at once); Dana kept without reminders; the other two still unsorted.
  expect(await ada('Priya Sharma')).toEqual([
    { cadence: 'monthly', unsorted: false, next_due_on: '2026-01-02', talked_before_on: '2025-12-02' },
  ]);
  expect(await ada('Dana Lee')).toEqual([
    { cadence: 'none', unsorted: false, next_due_on: null, talked_before_on: null },
  ]);
  expect((await ada('Marcus Okafor'))[0]?.unsorted).toBe(true);

  // What the member's list says about the two.
  const before = await page.locator('#timeline .sk-message').count();
  await command('/touchbase list');
  await eventually(
    () => page.locator('#timeline .sk-message').count(),
    (count) => count === before + 1,
    'the list',
  );
  const list = page.locator('#timeline .sk-message').last();
  await list.getByText('Priya Sharma').waitFor();
  await list.getByText('Dana Lee').waitFor();
  const lines = (await list.locator('.sk-section-text').allInnerTexts()).filter((t) => /Priya|Dana/.test(t));
  expect(lines).toEqual([
    expect.stringMatching(
      /^Priya Sharma · Technical Recruiter, Stripe, Inc\.\s+Monthly · last touch 3 months ago · overdue by/,
    ),
    // "No reminders" once: the cadence already says it.
    expect.stringMatching(/^Dana Lee\s+No reminders · no touch logged yet$/),
  ]);
  await shot('8-list');
}, 120_000);

test('a search that matches hundreds after an import says "more than 200" and pages on', async () => {
  // A LinkedIn export of 230 people at one company, written as LinkedIn writes it.
  const rows = Array.from(
    { length: 230 },
    (_, i) =>
      `Worker,No${String(i + 1).padStart(3, '0')},https://www.linkedin.com/in/initech-${i + 1},,Initech,Engineer,01 Feb 2025`,
  );
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'initech-')), 'Connections.csv');
  writeFileSync(
    file,
    `First Name,Last Name,URL,Email Address,Company,Position,Connected On\n${rows.join('\n')}\n`,
  );
  await command('/touchbase import');
  const form = modal('import_file');
  await form.waitFor();
  await form.locator('input[type="file"]').setInputFiles(file);
  await form.locator('.sk-file', { hasText: 'Connections.csv' }).waitFor();
  await form.locator('.sk-modal-footer .sk-btn-primary').click();
  const status = page.locator('.sk-modal', { hasText: 'The preview is in your DM' });
  await status.waitFor();
  await status.locator('.sk-modal-footer .sk-btn', { hasText: 'Close' }).click();
  const preview = message('230 new');
  await preview.waitFor();
  await preview.locator('.sk-btn', { hasText: /^Import$/ }).click();
  await message('230 new people').waitFor();

  await command('/touchbase list initech');
  const list = message('Contacts matching “initech”');
  await list.waitFor();
  await list.getByText('(1–20 of more than 200)').scrollIntoViewIfNeeded();
  await shot('9-list-more-than-200');
  const ts = await list.getAttribute('data-ts');
  const inPlace = page.locator(`#timeline .sk-message[data-ts="${ts}"]`);
  await inPlace.locator('.sk-btn', { hasText: /^Next$/ }).click();
  await inPlace.getByText('(21–40 of more than 200)').waitFor();
  await inPlace.locator('.sk-btn', { hasText: /^Previous$/ }).waitFor();
  await inPlace.getByText('(21–40 of more than 200)').scrollIntoViewIfNeeded();
  await shot('10-list-page-2');
}, 120_000);
