import type { Browser, Page } from 'playwright-core';
import { type Sandbox, startSandbox } from '../../src/dev/sandbox/sandbox';
import { launchChromium } from './chromium';
import { createTestDatabase, silentLogger, type TestDatabase } from './database';

export interface SandboxPage {
  db: TestDatabase;
  sandbox: Sandbox;
  browser: Browser;
  page: Page;
  /** Closes the browser, stops the sandbox and drops its database. */
  stop(): Promise<void>;
}

/**
 * The sandbox in this process, on a fresh database, its clock at `startAt` and no scheduler (tests
 * move time themselves), with Chromium open on its page (as `user` when given).
 */
export async function openSandboxPage(opts: {
  startAt: string;
  demo?: boolean;
  user?: string;
  viewport?: { width: number; height: number };
}): Promise<SandboxPage> {
  const db = await createTestDatabase({ migrate: false });
  const sandbox = await startSandbox({
    ...(opts.demo ? { demo: true } : {}),
    startAt: new Date(opts.startAt),
    logger: silentLogger,
    databaseUrl: db.url,
    scheduler: false,
  });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
  page.setDefaultTimeout(20_000);
  await page.goto(opts.user ? `${sandbox.url}?user=${opts.user}` : sandbox.url);
  return {
    db,
    sandbox,
    browser,
    page,
    async stop() {
      await browser.close();
      await sandbox.stop();
      await db.drop();
    },
  };
}
