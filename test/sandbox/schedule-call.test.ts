import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Locator, Page } from 'playwright-core';
import { SANDBOX_ARTIFACTS } from '../support/chromium';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * Schedule a call in Chromium, as a member would: Ada (the demo's network, in London) presses +1 day,
 * clicks **Schedule** on the first check-in of her digest, picks 11:30 in the form, and the invite
 * arrives in her DM as Slack shows a file (name, kind, size); it downloads from the page and parses as
 * an RFC 5545 event at 11:30 London time. The demo's own call with Sam Lee, scheduled for her Tuesday,
 * is asked about in Wednesday's digest.
 */

const ADA = 'U0ADA';

let opened: SandboxPage | undefined;
let page: Page;

beforeAll(async () => {
  // Monday 2 March 2026, 10:00 in London.
  opened = await openSandboxPage({
    startAt: '2026-03-02T10:00:00Z',
    demo: true,
    user: ADA,
    viewport: { width: 1280, height: 900 },
  });
  ({ page } = opened);
}, 90_000);

afterAll(() => opened?.stop());

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, `schedule-call-${name}.png`), fullPage: true });
}

function digest(): Locator {
  return page.locator('#timeline .sk-message').filter({ hasText: 'Good morning' });
}

test('Schedule from a digest item: the invite file is in the DM, downloads, and parses', async () => {
  await page.click('button[data-step="day"]');
  const first = digest().last();
  await first.waitFor();
  await first.locator('.sk-btn', { hasText: 'Schedule' }).first().click();

  const form = page.locator('.sk-modal[data-callback-id="call_schedule"]');
  await form.waitFor();
  expect(await form.locator('input[type="date"]').inputValue()).toBe('2026-03-04');
  expect(await form.locator('input[type="time"]').inputValue()).toBe('10:00');
  const title = await form.locator('input[type="text"]').inputValue();
  expect(title).toMatch(/^Catch-up with /);
  await form.locator('input[type="time"]').fill('11:30');
  await shot('1-form');
  await form.locator('.sk-modal-footer .sk-btn-primary').click();

  const invite = page.locator('#timeline .sk-message', { hasText: `Your invite for ${title}` });
  await invite.waitFor();
  expect(await invite.textContent()).toContain('Wed 4 Mar, 11:30–12:00 (Europe/London)');
  const card = invite.locator('.sk-attachment');
  await card.waitFor();
  expect(await card.locator('.sk-attachment-name').textContent()).toBe(`2026-03-04 ${title}.ics`);
  expect(await card.locator('.sk-attachment-meta').textContent()).toMatch(/^iCalendar · \d+ B$/);
  await shot('2-invite');

  const [saved] = await Promise.all([page.waitForEvent('download'), card.click()]);
  const ics = await readFile(await saved.path(), 'utf8');
  const event = new ICAL.Event(
    new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') as ICAL.Component,
  );
  expect(event.summary).toBe(title);
  // London is on GMT in early March: 11:30 there is 11:30Z.
  expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-04T11:30:00.000Z');
  expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-04T12:00:00.000Z');
  expect(event.organizer).toBe('mailto:ada@sandbox.example');
}, 120_000);

test('the day after the demo’s call with Sam Lee, the digest asks "did you talk?"; Didn’t happen answers it', async () => {
  await page.click('button[data-step="day"]');
  // Redrawn in place once answered, the digest is found by its place, not by the question.
  const wednesday = digest().nth(1);
  await wednesday.getByText('Did you talk with Sam Lee on Tue?').waitFor();
  await shot('3-did-you-talk');
  await wednesday.locator('.sk-btn', { hasText: "Didn't happen" }).click();
  await wednesday.getByText("Didn't happen: due again.").waitFor();
  await shot('4-didnt-happen');
}, 120_000);
