import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { eventually, launchChromium, SANDBOX_ARTIFACTS } from '../support/chromium';

/**
 * `npm run sandbox` in a real browser: Debian's Chromium driven by playwright-core (never a downloaded
 * browser) plays a member through the page, which plays Slack for the real app. The sandbox runs as
 * the built CLI does (global setup builds dist-dev/), on its own embedded PostgreSQL, with the clock
 * starting on a Monday morning so that dates in the screenshots stay the same from run to run.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist-dev', 'dev', 'sandbox', 'cli.js');
const START_AT = '2026-03-02T10:00:00Z';

let sandbox: ChildProcessWithoutNullStreams | undefined;
let output = '';
let browser: Browser | undefined;
let page: Page;

function startCli(): Promise<string> {
  const child = spawn(process.execPath, ['--enable-source-maps', CLI, '--port', '0', '--now', START_AT], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  sandbox = child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the sandbox did not start in time:\n${output}`)),
      50_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /sandbox is running[^:]*: (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function stopCli(signal: NodeJS.Signals): Promise<number | null> {
  const child = sandbox;
  if (!child || child.exitCode !== null) return Promise.resolve(child?.exitCode ?? null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill(signal);
  });
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, `${name}.png`) });
}

/** Types a line in the message box and sends it, as a member would. */
async function command(text: string): Promise<void> {
  await page.fill('#composer', text);
  await page.press('#composer', 'Enter');
}

function modal(callbackId: string): Locator {
  return page.locator(`.sk-modal[data-callback-id="${callbackId}"]`);
}

function messages(text: string | RegExp): Locator {
  return page.locator('#timeline .sk-message').filter({ hasText: text });
}

/** Waits until exactly `n` messages of the member's DM hold `text`. */
function waitForMessages(text: string, n: number): Promise<void> {
  return eventually(
    () => messages(text).count(),
    (count) => count === n,
    `${n} message(s) with “${text}”`,
  );
}

async function logAsk(what: string, pick: 'typed' | 'preselected', nth: number): Promise<void> {
  await command(pick === 'typed' ? '/touchbase log' : '/touchbase log Grace');
  const log = modal('touch_log');
  await log.waitFor();
  const contact = log.locator('[data-block-id="contact"] input');
  if (pick === 'typed') {
    // The contact picker is an external select: what is typed goes to the app as block_suggestion.
    await contact.click();
    await contact.fill('Gra');
    await log.locator('.sk-menu-item', { hasText: 'Grace Hopper' }).click();
  }
  // The picker takes one or more people: each pick is a chip.
  await log.locator('[data-block-id="contact"] .sk-chip', { hasText: 'Grace Hopper' }).waitFor();
  await log.locator('[data-block-id="intent"] input[value="ask"]').check();
  await log.locator('[data-block-id="ask_what"] input').fill(what);
  await log.locator('.sk-modal-footer .sk-btn-primary').click();
  await log.waitFor({ state: 'detached' });
  await waitForMessages('Logged a call with Grace Hopper (ask)', nth);
}

beforeAll(async () => {
  const url = await startCli();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  await page.goto(url);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stopCli('SIGKILL');
});

test('a member adds a contact, logs three asks, moves the clock a month and snoozes from the digest', async () => {
  await page.locator('#clock-now', { hasText: '2 Mar 2026' }).waitFor();

  // Add a contact through the modal; an empty name is refused beside the field.
  await command('/touchbase add Grace Hopper');
  const add = modal('contact_add');
  await add.waitFor();
  const name = add.locator('[data-block-id="name"] input');
  expect(await name.inputValue()).toBe('Grace Hopper');
  await name.fill('');
  await add.locator('.sk-modal-footer .sk-btn-primary').click();
  await add.locator('[data-block-id="name"] .sk-error', { hasText: 'Please enter a name.' }).waitFor();
  await shot('1-contact-modal-inline-error');
  await name.fill('Grace Hopper');
  // Stars a member types are text, not Slack's bold: the digest below shows them as typed.
  await add.locator('[data-block-id="company"] input').fill('Compilers *Inc*');
  await add.locator('[data-block-id="slack_user"] select').selectOption('U0MAYA');
  await add.locator('[data-block-id="cadence"] select').selectOption('biweekly');
  await add
    .locator('[data-block-id="how_met"] textarea')
    .fill('Met at a conference.\nTalked about compilers.');
  await add.locator('.sk-modal-footer .sk-btn-primary').click();
  await add.waitFor({ state: 'detached' });
  await waitForMessages('Added Grace Hopper to your network', 1);

  // Three asks: the third draws the "too many asks" warning at once.
  await logAsk('an intro to her team', 'typed', 1);
  await logAsk('a reference', 'preselected', 2);
  await logAsk('feedback on a talk', 'preselected', 3);
  await waitForMessages('this is your 3rd ask in 90 days', 1);
  await shot('2-ask-warning');

  // A month on, the worker's tick delivers the morning digest.
  await page.click('button[data-step="month"]');
  await page.locator('#clock-now', { hasText: 'Apr 2026' }).waitFor();
  const digest = messages('Good morning');
  await digest.waitFor();
  expect(await digest.count()).toBe(1);
  await digest.filter({ hasText: 'Grace Hopper' }).waitFor();
  await digest.filter({ hasText: 'Compilers ∗Inc∗' }).waitFor();
  expect(await digest.locator('b', { hasText: 'Inc' }).count()).toBe(0);
  await shot('3-digest');

  // Snooze from the overflow menu: the same message updates in place.
  const ts = await digest.getAttribute('data-ts');
  await digest.locator('[data-action-id^="digest_snooze_"] .sk-overflow-button').first().click();
  await digest.locator('.sk-menu-item:visible', { hasText: 'Snooze 1 week' }).click();
  const snoozed = page.locator(`#timeline .sk-message[data-ts="${ts}"]`, { hasText: 'Snoozed until' });
  await snoozed.waitFor();
  expect(await messages('Good morning').count()).toBe(1);
  await shot('4-snoozed');

  // The Home tab: opening it tells the app (app_home_opened), which publishes the view.
  await page.click('#tab-home');
  await page.locator('#home .sk-blocks, #home .sk-empty').first().waitFor();
  // The app answers after its ack; give the published view a moment to replace the empty tab.
  await page
    .locator('#home .sk-blocks')
    .waitFor({ timeout: 5_000 })
    .catch(() => undefined);
  await shot('5-home');

  // Another pretend member sees none of it.
  await page.click('#tab-messages');
  await page.click('[data-member="U0BEN"]');
  await page.locator('#me', { hasText: 'Ben Member' }).waitFor();
  await eventually(
    () => page.locator('#timeline .sk-message').count(),
    (count) => count === 0,
    "Ben's empty DM",
  );
}, 120_000);

test('the sandbox stops cleanly on SIGTERM', async () => {
  expect(await stopCli('SIGTERM')).toBe(0);
  expect(output).not.toMatch(/did not stop cleanly|took too long/);
}, 30_000);
