import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandbox } from '../../src/dev/sandbox/sandbox';
import { eventually, SANDBOX_ARTIFACTS } from '../support/chromium';
import type { TestDatabase } from '../support/database';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * Issue #15's uninstall in Chromium, as a workspace admin would do it in the sandbox: touchbase
 * uninstalled (Slack sends app_uninstalled), digests stop and /touchbase is gone; reinstalled within
 * the retention period, Ada's network is there and her digests come again; uninstalled once more and
 * left a month, the network is deleted. The sandbox runs in this process with the demo network.
 */

const START_AT = '2026-03-02T10:00:00Z';
const ADA = 'U0ADA';

let opened: SandboxPage | undefined;
let sandbox: Sandbox;
let db: TestDatabase;
let page: Page;

beforeAll(async () => {
  opened = await openSandboxPage({ startAt: START_AT, demo: true, user: ADA });
  ({ sandbox, db, page } = opened);
}, 90_000);

afterAll(() => opened?.stop());

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, `uninstall-${name}.png`) });
}

const contacts = async () =>
  (await db.pool.query('SELECT count(*)::int AS n FROM contacts WHERE team_id = $1', ['T0SANDBOX'])).rows[0]
    .n;
const adasDms = () => sandbox.emulator.dmMessages(ADA).length;

async function moveClock(step: 'day' | 'month'): Promise<string[]> {
  await page.click(`button[data-step="${step}"]`);
  const toast = page.locator('#toast', { hasText: 'Moved to' });
  await toast.locator('li').first().waitFor();
  const lines = await toast.locator('li').allTextContents();
  // Hidden again, so the next move's toast is read, not this one.
  await page.evaluate("document.querySelector('#toast').hidden = true");
  return lines;
}

test('uninstalled, touchbase sends nothing and /touchbase is gone; reinstalled, the network is there and digests resume', async () => {
  const network = await contacts();
  expect(network).toBeGreaterThan(5);
  const button = page.locator('#workspace-install');
  await button.filter({ hasText: 'Uninstall touchbase' }).click();
  const note = page.locator('#workspace-note');
  await note.filter({ hasText: 'touchbase was uninstalled on' }).waitFor();
  expect(await note.textContent()).toMatch(
    /^touchbase was uninstalled on 2 March 2026: no more digests\. Its data is deleted on 1 April 2026 unless it is reinstalled before\.$/,
  );
  await button.filter({ hasText: 'Reinstall touchbase' }).waitFor();
  expect(await page.locator('#toast').textContent()).toBe(
    'touchbase was uninstalled: its tokens are gone and no more digests come. The network is kept for a while (the sidebar says until when), in case it comes back.',
  );
  await shot('1-uninstalled');

  await page.fill('#composer', '/touchbase due');
  await page.press('#composer', 'Enter');
  await page.locator('#notice', { hasText: '/touchbase is not a valid command' }).waitFor();

  const before = adasDms();
  const lines = await moveClock('day');
  expect(lines[0]).toMatch(/^Ada, Tue 09:00 in London: nothing was due$/);
  expect(adasDms()).toBe(before);

  await page.click('#tab-home');
  await page.locator('#home', { hasText: 'touchbase is not installed in this workspace.' }).waitFor();

  await button.filter({ hasText: 'Reinstall touchbase' }).click();
  await button.filter({ hasText: 'Uninstall touchbase' }).waitFor();
  // The Home is published again from the network kept.
  await page.locator('#home .sk-blocks').first().waitFor();
  await page.locator('#home', { hasText: 'Jonas Berg' }).first().waitFor();
  expect(await contacts()).toBe(network);
  await shot('2-reinstalled');

  await page.click('#tab-messages');
  const back = await moveClock('day');
  expect(back[0]).toMatch(/^Ada, Wed 09:00 in London: got “/);
  expect(adasDms()).toBe(before + 1);
});

test('uninstalled and left past the retention period, the network is deleted; a reinstall starts afresh', async () => {
  const button = page.locator('#workspace-install');
  await button.filter({ hasText: 'Uninstall touchbase' }).click();
  await page.locator('#workspace-note', { hasText: 'Its data is deleted on' }).waitFor();
  await moveClock('month');
  await page.locator('#workspace-note', { hasText: 'Its data was deleted on' }).waitFor();
  await eventually(contacts, (n) => n === 0, 'the network to be deleted');
  await shot('3-deleted');

  await button.filter({ hasText: 'Reinstall touchbase' }).click();
  await button.filter({ hasText: 'Uninstall touchbase' }).waitFor();
  await page.click('#tab-home');
  // Opening the tab publishes the Home afresh; until it lands, the page may still show the one from
  // before the uninstall.
  await page.locator('#home', { hasText: 'Your network is empty so far' }).first().waitFor();
  expect(await page.locator('#home').textContent()).not.toContain('Jonas Berg');
});
