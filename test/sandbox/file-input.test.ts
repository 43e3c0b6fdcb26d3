import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import type { Page } from 'playwright-core';
import type { Sandbox } from '../../src/dev/sandbox/sandbox';
import type { SlackFile } from '../../src/dev/slack-emulator';
import { silentWebApiLogger } from '../../src/slack/silent-web-api-logger';
import { eventually, SANDBOX_ARTIFACTS } from '../support/chromium';
import { openSandboxPage, type SandboxPage } from '../support/sandbox-page';

/**
 * A modal's file_input on the sandbox's page, in Chromium: a file chooser that uploads the chosen
 * file to Slack's side (the emulator) for the member and submits its id, as Slack does. The modal is
 * opened straight through the emulator, as an app would open it, so this needs nothing of the app's own.
 */

const ADA = 'U0ADA';
const CALLBACK = 'sandbox_file_probe';

let opened: SandboxPage | undefined;
let sandbox: Sandbox;
let page: Page;
let slack: WebClient;
let dir: string;

beforeAll(async () => {
  opened = await openSandboxPage({ startAt: '2026-03-02T10:00:00Z', user: ADA });
  ({ sandbox, page } = opened);
  slack = new WebClient(sandbox.emulator.botToken, {
    slackApiUrl: sandbox.emulator.apiUrl,
    logger: silentWebApiLogger,
    retryConfig: { retries: 0 },
  });
  dir = mkdtempSync(path.join(os.tmpdir(), 'touchbase-file-input-'));
}, 90_000);

afterAll(() => opened?.stop());

/** Opens, for Ada, a modal whose one input is a file_input, as the app would with a trigger of hers. */
async function openFileModal(): Promise<string> {
  const opened = await slack.views.open({
    trigger_id: sandbox.emulator.mintTriggerId({ userId: ADA }),
    view: {
      type: 'modal',
      callback_id: CALLBACK,
      title: { type: 'plain_text', text: 'Import' },
      submit: { type: 'plain_text', text: 'Preview' },
      blocks: [
        {
          type: 'input',
          block_id: 'file',
          label: { type: 'plain_text', text: 'Your export' },
          element: { type: 'file_input', action_id: 'import_file', filetypes: ['csv', 'vcf'], max_files: 1 },
        },
      ],
    },
  });
  return opened.view?.id as string;
}

function submittedFiles(viewId: string): SlackFile[] {
  const values = sandbox.emulator.view(viewId)?.state.values as
    | Record<string, Record<string, { files?: SlackFile[] }>>
    | undefined;
  return values?.file?.import_file?.files ?? [];
}

test('a file chosen in a modal’s file_input is uploaded for the member and submitted by its id', async () => {
  const content = Buffer.from(
    '\uFEFFNotes:\r\n"When exporting…"\r\n\r\nFirst Name,Last Name,Company\r\nZoë,Åberg,Acme\r\n',
    'utf8',
  );
  const csv = path.join(dir, 'Connections.csv');
  writeFileSync(csv, content);
  const pdf = path.join(dir, 'report.pdf');
  writeFileSync(pdf, '%PDF-1.7');

  const viewId = await openFileModal();
  const modal = page.locator(`.sk-modal[data-callback-id="${CALLBACK}"]`);
  await modal.waitFor();
  const chooser = modal.locator('[data-block-id="file"] input[type="file"]');
  expect(await chooser.getAttribute('accept')).toBe('.csv,.vcf');
  expect(await chooser.getAttribute('multiple')).toBeNull();

  // Slack's chooser offers only the element's filetypes.
  await chooser.setInputFiles(pdf);
  await modal.locator('.sk-file-note', { hasText: 'report.pdf can’t be uploaded here.' }).waitFor();

  await chooser.setInputFiles(csv);
  const chip = modal.locator('.sk-file', { hasText: 'Connections.csv' });
  await chip.waitFor();
  const fileId = (await chip.getAttribute('data-file-id')) as string;
  expect(fileId).toMatch(/^F[A-Z0-9]+$/);
  // One file at most: the chooser is gone until the chip is removed.
  expect(await modal.locator('input[type="file"]').count()).toBe(0);
  await page.screenshot({ path: path.join(SANDBOX_ARTIFACTS, 'file-input-1-chosen.png') });

  await modal.locator('.sk-modal-footer .sk-btn-primary').click();
  await eventually(
    async () => submittedFiles(viewId).map((f) => f.id),
    (ids) => ids.length === 1,
    'the view_submission with the file',
  );
  const [submitted] = submittedFiles(viewId);
  expect(submitted).toMatchObject({ id: fileId, name: 'Connections.csv', user: ADA, size: content.length });

  // Slack's side holds it for the member: files.info describes it, and the bot token downloads it.
  const info = await slack.files.info({ file: fileId });
  expect(info.file).toMatchObject({ id: fileId, user: ADA, filetype: 'csv', size: content.length });
  const url = info.file?.url_private_download as string;
  expect(url.startsWith(`${sandbox.emulator.url}/`)).toBe(true);
  const download = await fetch(url, { headers: { Authorization: `Bearer ${sandbox.emulator.botToken}` } });
  expect(download.status).toBe(200);
  expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
  expect((await fetch(url)).status).toBe(401);
}, 60_000);

test('the upload endpoint refuses a member the sandbox does not have, and a file without a name', async () => {
  const post = (query: string) =>
    fetch(new URL(`api/upload?${query}`, sandbox.url), { method: 'POST', body: 'a,b\n' });
  expect((await post('user=U0NOBODY&name=a.csv')).status).toBe(400);
  expect((await post(`user=${ADA}&name=`)).status).toBe(400);
  const ok = await post(`user=${ADA}&name=a.csv`);
  expect(ok.status).toBe(200);
  const uploaded = (await ok.json()) as { id: string; name: string; size: number };
  expect(uploaded).toEqual({ id: expect.stringMatching(/^F/), name: 'a.csv', size: 4 });
  expect(sandbox.emulator.file(uploaded.id)).toMatchObject({ user: ADA, name: 'a.csv' });
});
