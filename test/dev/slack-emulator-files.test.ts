import { WebClient } from '@slack/web-api';
import { SlackEmulator } from '../../src/dev/slack-emulator';
import { silentWebApiLogger } from '../../src/slack/silent-web-api-logger';

/**
 * Files in the Slack emulator, as a file_input leaves them: files.info answers like Slack, and the
 * file's url_private_download on the emulator's origin serves its bytes to the bot token only.
 */

const BOT_TOKEN = 'xoxb-files-test';
const ADA = 'U0ADA';

function fileInputModal(element: Record<string, unknown>) {
  return {
    type: 'modal' as const,
    callback_id: 'import_file',
    title: { type: 'plain_text' as const, text: 'Import' },
    submit: { type: 'plain_text' as const, text: 'Preview' },
    blocks: [
      {
        type: 'input',
        block_id: 'file',
        label: { type: 'plain_text', text: 'Your export' },
        element: { type: 'file_input', action_id: 'import_file', ...element },
      },
    ],
  };
}

describe('files in the Slack emulator', () => {
  let emulator: SlackEmulator;
  let client: WebClient;

  beforeAll(async () => {
    emulator = await SlackEmulator.start({ teamId: 'T0ALPHA', botToken: BOT_TOKEN });
    client = new WebClient(BOT_TOKEN, {
      slackApiUrl: emulator.apiUrl,
      logger: silentWebApiLogger,
      retryConfig: { retries: 0 },
    });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.stop());

  const csv = Buffer.from('\uFEFFFirst Name,Last Name\r\nDana,Lee\r\n', 'utf8');

  it('answers files.info for an uploaded file with the fields of Slack’s file object', async () => {
    const uploaded = emulator.uploadFile({ userId: ADA, name: 'Connections.csv', content: csv });
    expect(uploaded.id).toMatch(/^F[A-Z0-9]+$/);

    const info = await client.files.info({ file: uploaded.id });
    expect(info.ok).toBe(true);
    expect(info.file).toEqual(uploaded);
    expect(info.file).toMatchObject({
      id: uploaded.id,
      name: 'Connections.csv',
      title: 'Connections.csv',
      user: ADA,
      user_team: 'T0ALPHA',
      size: csv.length,
      filetype: 'csv',
      mimetype: 'text/csv',
      pretty_type: 'CSV',
      mode: 'hosted',
      is_public: false,
    });
    // Slack's file host, played by the emulator's own origin.
    expect(uploaded.url_private).toBe(`${emulator.url}/files-pri/T0ALPHA-${uploaded.id}/Connections.csv`);
    expect(uploaded.url_private_download).toBe(
      `${emulator.url}/files-pri/T0ALPHA-${uploaded.id}/download/Connections.csv`,
    );
    expect(emulator.callsTo('files.info')).toEqual([
      expect.objectContaining({ ok: true, token: BOT_TOKEN, args: { file: uploaded.id } }),
    ]);
  });

  it('names the kind of file from its extension, and keeps a mimetype it is given', async () => {
    const vcard = emulator.uploadFile({
      userId: ADA,
      name: 'contacts.VCF',
      content: Buffer.from('BEGIN:VCARD'),
    });
    expect(vcard).toMatchObject({ filetype: 'vcard', mimetype: 'text/vcard', pretty_type: 'vCard' });
    const renamed = emulator.uploadFile({
      userId: ADA,
      name: 'report.csv',
      content: Buffer.from('%PDF-1.7'),
      mimetype: 'application/pdf',
    });
    expect(renamed).toMatchObject({ filetype: 'csv', mimetype: 'application/pdf' });
    const odd = emulator.uploadFile({ userId: ADA, name: 'noextension', content: Buffer.from([0, 1, 2]) });
    expect(odd).toMatchObject({ filetype: 'binary', mimetype: 'application/octet-stream', size: 3 });
    expect(() => emulator.uploadFile({ userId: 'not-a-user', name: 'a.csv', content: csv })).toThrow(
      /not a Slack user id/,
    );
  });

  it('answers file_not_found for an unknown file and for another workspace’s file', async () => {
    await expect(client.files.info({ file: 'F0NOSUCH' })).rejects.toMatchObject({
      data: { ok: false, error: 'file_not_found' },
    });
    const elsewhere = emulator.uploadFile({
      userId: ADA,
      name: 'theirs.csv',
      content: csv,
      teamId: 'T0OTHER',
    });
    expect(elsewhere.user_team).toBe('T0OTHER');
    await expect(client.files.info({ file: elsewhere.id })).rejects.toMatchObject({
      data: { ok: false, error: 'file_not_found' },
    });
    // The test can still read it, as the workspace it was uploaded in would.
    expect(emulator.file(elsewhere.id)).toEqual(elsewhere);
    await expect(client.apiCall('files.info', {})).rejects.toMatchObject({
      data: { ok: false, error: 'invalid_arguments' },
    });
  });

  it('serves the bytes at url_private_download to the bot token only', async () => {
    const binary = Buffer.concat([csv, Buffer.from([0xff, 0xfe, 0x00, 0x80])]);
    const uploaded = emulator.uploadFile({ userId: ADA, name: 'Connections (1).csv', content: binary });

    const ok = await fetch(uploaded.url_private_download, {
      headers: { Authorization: `Bearer ${BOT_TOKEN}` },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/csv');
    expect(ok.headers.get('content-disposition')).toMatch(
      /^attachment; filename\*=UTF-8''Connections%20\(1\)\.csv$/,
    );
    expect(Buffer.from(await ok.arrayBuffer()).equals(binary)).toBe(true);

    const inline = await fetch(uploaded.url_private, { headers: { Authorization: `Bearer ${BOT_TOKEN}` } });
    expect(inline.status).toBe(200);
    expect(Buffer.from(await inline.arrayBuffer()).equals(binary)).toBe(true);

    const anonymous = await fetch(uploaded.url_private_download);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toBe('not_authed');
    const userToken = await fetch(uploaded.url_private_download, {
      headers: { Authorization: 'Bearer xoxp-ada' },
    });
    expect(userToken.status).toBe(401);

    expect(emulator.fileDownloads).toEqual([
      expect.objectContaining({ fileId: uploaded.id, token: BOT_TOKEN, status: 200 }),
      expect.objectContaining({ fileId: uploaded.id, token: BOT_TOKEN, status: 200 }),
      expect.objectContaining({ fileId: uploaded.id, status: 401 }),
      expect.objectContaining({ fileId: uploaded.id, token: 'xoxp-ada', status: 401 }),
    ]);
    expect(emulator.fileDownloads[2]).not.toHaveProperty('token');
  });

  it('answers 404 for a file it does not hold, or a path naming another workspace', async () => {
    const uploaded = emulator.uploadFile({ userId: ADA, name: 'a.csv', content: csv });
    const auth = { headers: { Authorization: `Bearer ${BOT_TOKEN}` } };
    const unknown = await fetch(`${emulator.url}/files-pri/T0ALPHA-F0NOSUCH/download/a.csv`, auth);
    expect(unknown.status).toBe(404);
    const wrongTeam = await fetch(uploaded.url_private_download.replace('T0ALPHA-', 'T0OTHER-'), auth);
    expect(wrongTeam.status).toBe(404);
    expect(emulator.fileDownloads.map((d) => d.status)).toEqual([404, 404]);
    expect(emulator.fileDownloads[0]).not.toHaveProperty('fileId');
  });

  it('forgets files on reset', async () => {
    const uploaded = emulator.uploadFile({ userId: ADA, name: 'a.csv', content: csv });
    emulator.reset();
    expect(emulator.file(uploaded.id)).toBeUndefined();
    const gone = await fetch(uploaded.url_private_download, {
      headers: { Authorization: `Bearer ${BOT_TOKEN}` },
    });
    expect(gone.status).toBe(404);
  });

  it('takes a file_input in an input block, checking max_files and filetypes as Slack does', async () => {
    const opened = await client.views.open({
      trigger_id: emulator.mintTriggerId({ userId: ADA }),
      view: fileInputModal({ filetypes: ['csv', 'vcf'], max_files: 1 }),
    });
    expect(opened.view?.blocks?.[0]).toMatchObject({
      element: { type: 'file_input', action_id: 'import_file', filetypes: ['csv', 'vcf'], max_files: 1 },
    });
    await client.views.open({
      trigger_id: emulator.mintTriggerId({ userId: ADA }),
      view: fileInputModal({ max_files: 10 }),
    });

    for (const [element, error] of [
      [
        { max_files: 0 },
        'must be an integer between 1 and 10 [json-pointer:/view/blocks/0/element/max_files]',
      ],
      [
        { max_files: 11 },
        'must be an integer between 1 and 10 [json-pointer:/view/blocks/0/element/max_files]',
      ],
      [
        { filetypes: ['.csv'] },
        'must be a file extension such as csv [json-pointer:/view/blocks/0/element/filetypes/0]',
      ],
      [{ filetypes: 'csv' }, 'must be an array [json-pointer:/view/blocks/0/element/filetypes]'],
    ] as const) {
      await expect(
        client.views.open({
          trigger_id: emulator.mintTriggerId({ userId: ADA }),
          view: fileInputModal(element),
        }),
      ).rejects.toMatchObject({ data: { ok: false, error: 'invalid_blocks', errors: [error] } });
    }
  });

  describe("the app's uploads (files.getUploadURLExternal, the upload_url, files.completeUploadExternal)", () => {
    const call = (method: string, args: Record<string, unknown>) =>
      client.apiCall(method, args).catch((err: { data?: { error?: string } }) => err.data);

    async function start(name: string, length: number) {
      const got = (await client.files.getUploadURLExternal({ filename: name, length })) as {
        upload_url: string;
        file_id: string;
      };
      return { url: got.upload_url, id: got.file_id };
    }

    it('hands out an upload_url on its own origin that takes the bytes without a token', async () => {
      const { url, id } = await start('touchbase-contacts.csv', csv.length);
      expect(new URL(url).origin).toBe(emulator.url);
      expect(id).toMatch(/^F[A-Z0-9]+$/);
      const posted = await fetch(url, { method: 'POST', body: csv });
      expect(posted.status).toBe(200);
      expect(await posted.text()).toBe(`OK - ${csv.length}`);
      // An upload_url takes its bytes once.
      expect((await fetch(url, { method: 'POST', body: csv })).status).toBe(404);
    });

    it('completing shares the files into the channel in one message, served back to the bot token only', async () => {
      const dm = emulator.dmChannelId(ADA);
      const a = await start('touchbase-contacts.csv', csv.length);
      const json = Buffer.from('{"version":1}\n');
      const b = await start('touchbase-export.json', json.length);
      await fetch(a.url, { method: 'POST', body: csv });
      await fetch(b.url, { method: 'POST', body: json });
      const done = await client.files.completeUploadExternal({
        files: [
          { id: a.id, title: 'touchbase-contacts.csv' },
          { id: b.id, title: 'touchbase-export.json' },
        ],
        channel_id: dm,
      });
      expect(done.files?.map((f) => f.id)).toEqual([a.id, b.id]);
      const [message] = emulator.dmMessages(ADA);
      expect(message?.upload).toBe(true);
      expect(message?.files?.map((f) => [f.name, f.size, f.filetype])).toEqual([
        ['touchbase-contacts.csv', csv.length, 'csv'],
        ['touchbase-export.json', json.length, 'json'],
      ]);
      expect(message?.files?.[0]?.ims).toEqual([dm]);
      const url = String(message?.files?.[0]?.url_private_download);
      const ok = await fetch(url, { headers: { Authorization: `Bearer ${BOT_TOKEN}` } });
      expect(Buffer.from(await ok.arrayBuffer()).equals(csv)).toBe(true);
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { Authorization: 'Bearer xoxb-someone-else' } })).status).toBe(401);
    });

    it("refuses as Slack does: no name, no length, bytes that don't match, no bytes, a user id for a channel", async () => {
      expect(await call('files.getUploadURLExternal', { length: 3 })).toMatchObject({
        error: 'invalid_arguments',
      });
      expect(await call('files.getUploadURLExternal', { filename: 'a.csv' })).toMatchObject({
        error: 'invalid_arguments',
      });
      expect(await call('files.getUploadURLExternal', { filename: 'a.csv', length: 0 })).toMatchObject({
        error: 'invalid_arguments',
      });

      const short = await start('a.csv', csv.length + 1);
      await fetch(short.url, { method: 'POST', body: csv });
      expect(
        await call('files.completeUploadExternal', { files: JSON.stringify([{ id: short.id }]) }),
      ).toMatchObject({ error: 'file_upload_size_mismatch' });

      const empty = await start('b.csv', csv.length);
      expect(
        await call('files.completeUploadExternal', { files: JSON.stringify([{ id: empty.id }]) }),
      ).toMatchObject({ error: 'file_upload_not_completed' });

      const fine = await start('c.csv', csv.length);
      await fetch(fine.url, { method: 'POST', body: csv });
      expect(
        await call('files.completeUploadExternal', {
          files: JSON.stringify([{ id: fine.id }]),
          channel_id: ADA,
        }),
      ).toMatchObject({ error: 'channel_not_found' });
      expect(
        await call('files.completeUploadExternal', { files: JSON.stringify([{ id: 'F0NOPE' }]) }),
      ).toMatchObject({ error: 'file_not_found' });
      expect(emulator.dmMessages(ADA)).toEqual([]);
    });
  });
});
