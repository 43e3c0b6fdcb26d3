import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (never a browser downloaded by a package), for the
 * tests that play a member through the sandbox's page.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const SANDBOX_ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'sandbox');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The fonts a bare Debian has: the text fonts, no emoji font (fonts-noto-color-emoji not installed). */
const FONTS_WITHOUT_EMOJI = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/truetype/liberation'];

/**
 * Chromium, headless. `withoutEmojiFont` hides every font but DejaVu and Liberation from it, as on a
 * machine without fonts-noto-color-emoji: fontconfig reads only the configuration it is given.
 */
export async function launchChromium(opts: { withoutEmojiFont?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  mkdirSync(SANDBOX_ARTIFACTS, { recursive: true });
  if (!opts.withoutEmojiFont) return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'touchbase-fonts-'));
  const config = path.join(dir, 'fonts.conf');
  writeFileSync(
    config,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${FONTS_WITHOUT_EMOJI.map(
      (d) => `  <dir>${d}</dir>\n`,
    ).join('')}  <cachedir>${path.join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    env: { ...process.env, FONTCONFIG_FILE: config },
  });
}

/** Polls until `check` holds, as the page polls the sandbox; fails with what it saw last. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 20_000;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last saw ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
}
