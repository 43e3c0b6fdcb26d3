import path from 'node:path';
import { WebClient } from '@slack/web-api';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Sandbox } from '../../src/dev/sandbox/sandbox';
import { launchChromium, SANDBOX_ARTIFACTS } from '../support/chromium';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * The sandbox's page itself, in Chromium: the demo's first hint, the clock for every member, menus
 * near the bottom, Slack's date tokens in each member's locale, a narrow window, and a machine with
 * no emoji font. The sandbox runs in this process (so a test can post as the app would, straight to
 * the emulator), with the demo network and the clock on a Monday morning in London; its minute
 * scheduler is off, so digests come only when the page moves the clock.
 */

const START_AT = '2026-03-02T10:00:00Z';
const ADA = 'U0ADA';
const BEN = 'U0BEN';

let opened: SandboxPage | undefined;
let sandbox: Sandbox;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  opened = await openSandboxPage({ startAt: START_AT, demo: true });
  ({ sandbox, browser, page } = opened);
}, 90_000);

afterAll(() => opened?.stop());

async function shot(p: Page, name: string): Promise<void> {
  await p.screenshot({ path: path.join(SANDBOX_ARTIFACTS, `page-${name}.png`) });
}

function digest(p: Page = page): Locator {
  return p.locator('#timeline .sk-message').filter({ hasText: 'Good morning' });
}

async function playAs(userId: string, p: Page = page): Promise<void> {
  await p.click(`[data-member="${userId}"]`);
  await p.locator(`[data-member="${userId}"].sk-active`).waitFor();
}

test('--demo opens with one line of what to click first, which follows what the member has', async () => {
  const hint = page.locator('#hint-text');
  await hint.waitFor();
  expect(await hint.textContent()).toMatch(/^Try this first: press \+1 day at the top/);
  // One line at this width.
  expect((await hint.boundingBox())?.height).toBeLessThan(45);
  await shot(page, '1-demo-hint');
});

test('+1 day runs the worker at each member’s own morning, and the toast says who got what', async () => {
  await page.click('button[data-step="day"]');
  const toast = page.locator('#toast');
  await toast.locator('li').nth(1).waitFor();
  const lines = await toast.locator('li').allTextContents();
  // Ada's 09:00 in London comes first, then Ben's 09:00 in New York, five hours later.
  expect(lines).toEqual([
    expect.stringMatching(/^Ada, Tue 09:00 in London: got “\d+ check-ins are overdue\./),
    expect.stringMatching(/^Ben, Tue 9:00 AM in New York: got “One check-in is overdue\. Olivia Park\.”$/),
  ]);
  await shot(page, '2-clock-toast');

  // Each digest was posted at its member's digest time, each written as that member reads times.
  await digest().waitFor();
  expect(await digest().locator('.sk-time').textContent()).toBe('09:00');
  await page.locator('#hint', { hasText: 'the digest below is Ada' }).waitFor();
  await playAs(BEN);
  await digest().waitFor();
  expect(await digest().locator('.sk-time').textContent()).toBe('9:00 AM');
  expect(await page.locator('#clock-now').textContent()).toBe('Tue, Mar 3, 2026, 9:00 AM EST');
  await playAs(ADA);
  expect(await page.locator('#clock-now').textContent()).toBe('Tue, 3 Mar 2026, 14:00 GMT');
});

test('the ⋮ of the last digest item at the bottom of the window opens upwards, wholly in sight', async () => {
  const timeline = page.locator('#timeline');
  await timeline.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  const last = digest().locator('.sk-overflow-button').last();
  await last.click();
  const menu = digest().locator('.sk-menu:visible');
  await menu.waitFor();
  const seen = await timeline.boundingBox();
  const box = await menu.boundingBox();
  if (!seen || !box) throw new Error('no timeline or menu to measure');
  expect(box.y).toBeGreaterThanOrEqual(seen.y);
  expect(box.y + box.height).toBeLessThanOrEqual(seen.y + seen.height);
  expect(box.x).toBeGreaterThanOrEqual(seen.x);
  expect(box.x + box.width).toBeLessThanOrEqual(seen.x + seen.width);
  // Nothing covers it (the message box below, say): each option is what a click there would reach.
  for (const item of await menu.locator('.sk-menu-item').all()) {
    const hit = await item.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return el.contains(el.ownerDocument.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    });
    expect(hit).toBe(true);
  }
  await shot(page, '3-overflow-upwards');
  await page.keyboard.press('Escape');
  await page.mouse.click(5, 400);
});

test('Slack date tokens read in each member’s locale and time zone, wherever mrkdwn is shown', async () => {
  const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  // 02:00 UTC on 10 March is still the 9th in New York; 17:30 UTC on the 4th is tomorrow for both.
  const late = at('2026-03-10T02:00:00Z');
  const tomorrow = at('2026-03-04T17:30:00Z');
  const text =
    `Next check-in: <!date^${late}^{date_short_pretty}|10 Mar 2026>. ` +
    `Call <!date^${tomorrow}^{date_pretty} at {time}|4 Mar 2026 17:30 UTC>. ` +
    `Long: <!date^${late}^{date_long}|10 Mar 2026>. Num: <!date^${late}^{date_num}|2026-03-10>. ` +
    `Broken: <!date^soon^{date}|the fallback &amp; more>.`;
  const client = new WebClient('xoxb-sandbox-test', { slackApiUrl: sandbox.emulator.apiUrl });
  for (const user of [ADA, BEN]) {
    await client.chat.postMessage({
      channel: sandbox.emulator.dmChannelId(user),
      text,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text } },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: `Added <!date^${late}^{date}|10 Mar 2026>` }],
        },
      ],
    });
  }
  const read = async () => {
    const message = page.locator('#timeline .sk-message').filter({ hasText: 'Next check-in' });
    await message.waitFor();
    return {
      section: await message.locator('.sk-section-text').textContent(),
      context: await message.locator('.sk-context').textContent(),
    };
  };
  expect(await read()).toEqual({
    section:
      'Next check-in: 10 Mar 2026. Call Tomorrow at 17:30. Long: Tuesday, 10 March 2026. ' +
      'Num: 2026-03-10. Broken: the fallback & more.',
    context: 'Added 10 March 2026',
  });
  await shot(page, '4-date-tokens-ada');
  await playAs(BEN);
  expect(await read()).toEqual({
    section:
      'Next check-in: Mar 9, 2026. Call Tomorrow at 12:30 PM. Long: Monday, March 9th, 2026. ' +
      'Num: 2026-03-09. Broken: the fallback & more.',
    context: 'Added March 9th, 2026',
  });
  await shot(page, '5-date-tokens-ben');
  await playAs(ADA);
});

test('at 400 px wide everything is in sight, side by side without overlapping', async () => {
  const narrow = await browser.newPage({ viewport: { width: 400, height: 800 } });
  try {
    await narrow.goto(sandbox.url);
    await digest(narrow).waitFor();
    const width = await narrow.locator('html').evaluate((el) => el.scrollWidth);
    expect(width).toBeLessThanOrEqual(400);
    const parts = {
      clock: narrow.locator('#clock-now'),
      day: narrow.locator('button[data-step="day"]'),
      week: narrow.locator('button[data-step="week"]'),
      month: narrow.locator('button[data-step="month"]'),
      ada: narrow.locator(`[data-member="${ADA}"]`),
      ben: narrow.locator(`[data-member="${BEN}"]`),
      home: narrow.locator('#tab-home'),
      messages: narrow.locator('#tab-messages'),
      hint: narrow.locator('#hint'),
      timeline: narrow.locator('#timeline'),
      composer: narrow.locator('#composer'),
    };
    const boxes = await Promise.all(
      Object.entries(parts).map(async ([name, locator]) => {
        const box = await locator.boundingBox();
        if (!box) throw new Error(`${name} is not shown`);
        return { name, ...box };
      }),
    );
    for (const b of boxes) {
      expect({ name: b.name, inside: b.x >= 0 && b.x + b.width <= 400 && b.y + b.height <= 800 }).toEqual({
        name: b.name,
        inside: true,
      });
    }
    const overlaps = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter(
          (b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height,
        )
        .map((b) => `${a.name} overlaps ${b.name}`),
    );
    expect(overlaps).toEqual([]);
    // The digest's text and buttons wrap within the window rather than run past its edge.
    const beyond = await digest(narrow)
      .locator('.sk-section-text, .sk-btn')
      .evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().right > 400).length);
    expect(beyond).toBe(0);
    await shot(narrow, '6-400px');
  } finally {
    await narrow.close();
  }
});

test('without an emoji font the page shows :names: and says how to get one', async () => {
  const bare = await launchChromium({ withoutEmojiFont: true });
  try {
    const p = await bare.newPage({ viewport: { width: 1280, height: 800 } });
    await p.goto(sandbox.url);
    await digest(p).waitFor();
    await p.locator('#emoji-note', { hasText: 'sudo apt-get install fonts-noto-color-emoji' }).waitFor();
    expect(await digest(p).locator('.sk-section-text').first().textContent()).toMatch(
      /^:wave: Good morning!/,
    );
    await shot(p, '7-no-emoji-font');
  } finally {
    await bare.close();
  }
  // Where the font is (as .ci/run makes sure), the picture itself and no note.
  expect(await page.locator('#emoji-note').isHidden()).toBe(true);
  expect(await digest().locator('.sk-section-text').first().textContent()).toMatch(/^👋 Good morning!/);
});
