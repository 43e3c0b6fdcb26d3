import { preciseNow, type RecordedCall } from '../../src/dev/slack-emulator';
import {
  ALICE,
  addContact,
  allText,
  BOB,
  digestPosts,
  elementIn,
  openedViewId,
  reply,
  settledHome,
} from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  // Monday 2 March 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  h.emulator.setUser(ALICE.userId, { tz: 'Europe/Berlin' });
  h.emulator.setUser(BOB.userId, { tz: 'Europe/Berlin' });
  await addContact(h, ALICE, 'Dana Lee', { company: 'Acme', role: 'CTO', cadence: 'quarterly' });
  await addContact(h, ALICE, 'Sam Park', { company: 'Hooli', role: 'PM', cadence: 'yearly' });
});
afterAll(() => h.stop());

const LINKEDIN_HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const NOTES =
  'Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n\r\n';

/** A LinkedIn Connections.csv as LinkedIn writes it: BOM, a notes preamble, CRLF. */
function connections(rows: string[]): Buffer {
  return Buffer.from(`\uFEFF${NOTES}${[LINKEDIN_HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');
}

/** A LinkedIn export uploaded by Alice, as Slack holds it until the app asks for it. */
function uploadConnections(content: Buffer) {
  return h.emulator.uploadFile({ userId: ALICE.userId, name: 'Connections.csv', content });
}

const FIRST_FILE = connections([
  'Dana,Lee,https://www.linkedin.com/in/danalee,,Acme,CTO,01 Mar 2021',
  'Grace,Hopper,https://www.linkedin.com/in/grace,grace@navy.example,Navy,Rear Admiral,15 Jan 2020',
  'Ann,<b>Smith & Co</b>,https://www.linkedin.com/in/ann,,<Initech>,Designer,02 Feb 2022',
  'Sam,Park,https://www.linkedin.com/in/sampark,,Pied Piper,PM,03 Mar 2023',
]);

async function contactsNamed(name: string) {
  const { rows } = await h.database.pool.query(
    `SELECT name, company, role, cadence, unsorted, known_since::text, source, profile_url
     FROM contacts WHERE team_id = $1 AND user_id = $2 AND name = $3 ORDER BY id`,
    [ALICE.teamId, ALICE.userId, name],
  );
  return rows;
}

async function contactCount(): Promise<number> {
  const { rows } = await h.database.pool.query('SELECT count(*)::int AS n FROM contacts');
  return rows[0].n;
}

/** `/touchbase import`, then the member picks `fileId` and submits; answers the modal as it ends up. */
async function importFile(user: typeof ALICE, file: string | { id: string; url_private_download?: string }) {
  const t = preciseNow();
  await h.driver.slashCommand(user, 'import');
  const viewId = await openedViewId(h, 'import_file', t);
  const submitted = await h.driver.submitView(user, viewId, { import_file: [file] });
  expect(submitted.status).toBe(200);
  // The ack shows "Reading your file…" at once; the outcome follows in the same modal.
  expect(allText(submitted.json)).toContain('Reading your file');
  const final = await h.emulator.waitForCall(
    'views.update',
    (c: RecordedCall) =>
      c.at >= t && c.args.view_id === viewId && !/Reading your file/.test(allText(c.args.view)),
  );
  return { viewId, modal: allText(final.args.view), at: t };
}

/** The latest preview touchbase posted to the member's DM since `after`, and where to click it. */
async function previewSince(after: number) {
  const call = await h.emulator.waitForCall(
    'chat.postMessage',
    (c) => c.at >= after && /Ready to import/.test(String(c.args.text)),
  );
  const ts = String((call.response as { ts: string }).ts);
  const channelId = String((call.response as { channel: string }).channel);
  return { call, text: allText(call.args), fallback: String(call.args.text), ts, channelId };
}

function click(user: typeof ALICE, at: { channelId: string; ts: string }, actionId: string) {
  return h.driver.blockAction(user, {
    actionId,
    container: { type: 'message', channelId: at.channelId, messageTs: at.ts },
  });
}

describe('/touchbase import', () => {
  test('help lists it; the command and the Home button open a form with one file chooser for .csv and .vcf', async () => {
    const help = await h.driver.slashCommand(ALICE, 'help');
    expect(allText(help.json)).toContain('/touchbase import');
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'import');
    const viewId = await openedViewId(h, 'import_file', t);
    const view = h.emulator.view(viewId) as unknown as { blocks: { element?: Record<string, unknown> }[] };
    expect(view.blocks.map((b) => b.element).find((e) => e?.type === 'file_input')).toMatchObject({
      action_id: 'import_file',
      filetypes: ['csv', 'vcf'],
      max_files: 1,
    });

    const t1 = preciseNow();
    await h.driver.event(ALICE.teamId, {
      type: 'app_home_opened',
      user: ALICE.userId,
      channel: h.emulator.dmChannelId(ALICE.userId),
      tab: 'home',
    });
    const home = await settledHome(h, ALICE, t1);
    expect(allText(home)).toContain('Import contacts');
    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: 'home_import',
      container: { type: 'view', viewId: String(home?.id) },
    });
    expect(await openedViewId(h, 'import_file', t2)).toBeTruthy();
  });

  test('submitting nothing keeps the form open with a sentence beside the chooser', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'import');
    const viewId = await openedViewId(h, 'import_file', t);
    const res = await h.driver.submitView(ALICE, viewId, { import_file: [] });
    expect(res.json).toMatchObject({
      response_action: 'errors',
      errors: { import_file: expect.stringMatching(/Pick one/) },
    });
  });
});

let firstPreview: Awaited<ReturnType<typeof previewSince>>;

describe('preview, then Import', () => {
  test('the preview comes to the DM before anything is written, with counts, the first few, and escaped names', async () => {
    const before = await contactCount();
    const file = uploadConnections(FIRST_FILE);
    const { modal, at } = await importFile(ALICE, file.id);
    expect(modal).toContain('The preview is in your DM');
    const preview = await previewSince(at);
    firstPreview = preview;
    expect(preview.text).toContain(
      '*Ready to import from LinkedIn:* 2 new, 1 already here, 0 changed jobs, 1 possible duplicate, 0 skipped.',
    );
    expect(preview.text).toContain('*Grace Hopper* (Rear Admiral at Navy)');
    expect(preview.text).toContain('*Ann &lt;b&gt;Smith &amp; Co&lt;/b&gt;* (Designer at &lt;Initech&gt;)');
    expect(preview.fallback).not.toContain('<b>');
    expect(preview.fallback).not.toContain('<Initech>');
    expect(await contactCount()).toBe(before);
    // The file came from Slack's file host with the bot token, once.
    expect(h.emulator.fileDownloads.filter((d) => d.fileId === file.id)).toEqual([
      expect.objectContaining({ status: 200, token: h.emulator.botToken }),
    ]);
  });

  test('a possible duplicate is left out until Include; Import writes everyone in, unsorted, with no reminders', async () => {
    const p = firstPreview;
    expect(p.text).toContain(
      'Line 8: *Sam Park* (PM at Pied Piper), like your *Sam Park* (Hooli). Left out.',
    );
    const t = preciseNow();
    await click(ALICE, p, 'import_include_8');
    const redrawn = await reply(h, /Included as a new person/, t);
    expect(redrawn.replace_original).toBe(true);
    const stored = h.emulator.message(p.channelId, p.ts);
    expect(allText(stored)).toContain(':white_check_mark: Included as a new person.');

    const t2 = preciseNow();
    await click(ALICE, p, 'import_confirm');
    const summary = await reply(h, /Imported from LinkedIn/, t2);
    expect(allText(summary)).toContain(
      '*Imported from LinkedIn:* 3 new people, 1 already here. The new people have no reminders until you give them a rhythm.',
    );
    expect(await contactsNamed('Grace Hopper')).toEqual([
      {
        name: 'Grace Hopper',
        company: 'Navy',
        role: 'Rear Admiral',
        cadence: 'none',
        unsorted: true,
        known_since: '2020-01-15',
        source: 'linkedin',
        profile_url: 'https://www.linkedin.com/in/grace',
      },
    ]);
    expect((await contactsNamed('Sam Park')).map((c) => c.company)).toEqual(['Hooli', 'Pied Piper']);
    // Kept as typed; shown escaped.
    expect(await contactsNamed('Ann <b>Smith & Co</b>')).toMatchObject([{ company: '<Initech>' }]);
  });

  test('the summary offers to sort the new people: its button brings triage to the DM', async () => {
    // The summary replaced the preview in place, so its button sits on the preview's message.
    const summary = h.emulator.message(firstPreview.channelId, firstPreview.ts);
    expect(allText(summary)).toContain('Imported from LinkedIn');
    expect(elementIn(summary, 'home_triage')).toMatchObject({ text: { text: 'Sort them now' } });
    const t = preciseNow();
    await click(ALICE, firstPreview, 'home_triage');
    const triage = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Triage:/.test(String(c.args.text)),
    );
    expect(allText(triage.args)).toContain('3 unsorted contacts');
    expect(allText(triage.args)).toContain('Grace Hopper');
  });

  test('the same file again changes nothing and says so', async () => {
    const before = await contactCount();
    const again = uploadConnections(FIRST_FILE);
    const { modal } = await importFile(ALICE, again.id);
    expect(modal).toContain('Nothing changed: all 4 are already here as they are.');
    expect(await contactCount()).toBe(before);
  });

  test('a newer export with a new job updates the contact, notes it, and the next digest puts them first with what changed', async () => {
    const newer = uploadConnections(
      connections(['Dana,Lee,https://www.linkedin.com/in/danalee,,Globex,VP Engineering,01 Mar 2021']),
    );
    const { at } = await importFile(ALICE, newer.id);
    const preview = await previewSince(at);
    expect(preview.text).toContain('0 new, 0 already here, 1 changed job, 0 skipped');
    expect(preview.text).toContain('*Dana Lee*: CTO at Acme → VP Engineering at Globex');
    const t = preciseNow();
    await click(ALICE, preview, 'import_confirm');
    await reply(h, /Imported from LinkedIn/, t);
    expect(await contactsNamed('Dana Lee')).toMatchObject([
      { company: 'Globex', role: 'VP Engineering', cadence: 'quarterly' },
    ]);
    const { rows } = await h.database.pool.query(
      `SELECT t.previous_company, t.previous_role FROM transitions t JOIN contacts c ON c.id = t.contact_id
       WHERE c.name = 'Dana Lee'`,
    );
    expect(rows).toEqual([{ previous_company: 'Acme', previous_role: 'CTO' }]);
    const said = 'Dana Lee is now VP Engineering at Globex (was CTO at Acme): congratulating them is a give.';
    await h.tick('2026-03-03T08:00:00Z');
    const digest = allText(digestPosts(h, ALICE.userId).at(-1)?.args.blocks).split('\n');
    const first = digest.findIndex((l) => l.startsWith('*'));
    expect(digest[first]).toContain('Dana Lee');
    expect(digest[first + 1]).toBe(said);

    let t2 = preciseNow();
    await h.driver.slashCommand(ALICE, 'due');
    expect(allText(await reply(h, /Dana Lee/, t2))).toContain(said);
    t2 = preciseNow();
    await h.driver.slashCommand(ALICE, 'show dana');
    expect(allText(await reply(h, /Dana Lee/, t2))).toContain(
      ':arrows_counterclockwise: now VP Engineering at Globex (was CTO at Acme), yesterday',
    );
    t2 = preciseNow();
    await h.driver.event(ALICE.teamId, {
      type: 'app_home_opened',
      user: ALICE.userId,
      channel: h.emulator.dmChannelId(ALICE.userId),
      tab: 'home',
    });
    const home = allText(await settledHome(h, ALICE, t2));
    expect(home.slice(home.indexOf('In transition'))).toContain(
      '*Dana Lee* · Globex :arrows_counterclockwise:\nnow VP Engineering at Globex (was CTO at Acme), noted yesterday.',
    );
    h.setNow('2026-03-02T10:00:00Z');
  });
});

describe('one import at a time, and Cancel', () => {
  test('a second file while a preview waits gets a plain answer and a way to cancel the first', async () => {
    const first = uploadConnections(
      connections(['Alan,Turing,https://www.linkedin.com/in/alan,,Bletchley,Mathematician,01 Jan 2019']),
    );
    const { at } = await importFile(ALICE, first.id);
    const waiting = await previewSince(at);
    const second = uploadConnections(
      connections(['Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,01 Jan 2019']),
    );
    const { modal } = await importFile(ALICE, second.id);
    expect(modal).toContain('You already have an import waiting for your go-ahead');

    const confirm = elementIn(waiting.call.args as { blocks: unknown[] }, 'import_confirm');
    const t = preciseNow();
    await click(ALICE, waiting, 'import_cancel');
    expect(allText(await reply(h, /Import cancelled/, t))).toContain(
      'Import cancelled. Nothing was written.',
    );
    const t2 = preciseNow();
    // Import on the preview as it was before the cancel (an old copy of the message).
    await h.driver.blockAction(ALICE, {
      actionId: 'import_confirm',
      blockId: 'preview',
      value: confirm.value,
      container: { type: 'message', channelId: waiting.channelId, messageTs: waiting.ts },
    });
    expect(allText(await reply(h, /no longer waiting/, t2))).toContain('That import is no longer waiting');
    expect(await contactsNamed('Alan Turing')).toEqual([]);
  });
});

describe("files that are not the member's, or cannot be read", () => {
  test("another member's file id in a crafted submission is refused before any download; nothing is written", async () => {
    const before = await contactCount();
    const bobs = h.emulator.uploadFile({ userId: BOB.userId, name: 'Connections.csv', content: FIRST_FILE });
    const { modal } = await importFile(ALICE, bobs.id);
    expect(modal).toContain("That file isn't one you uploaded, so I left it alone. Nothing was imported.");
    expect(h.emulator.fileDownloads.filter((d) => d.fileId === bobs.id)).toEqual([]);
    expect(await contactCount()).toBe(before);
  });

  test("another workspace's file is not found", async () => {
    const elsewhere = h.emulator.uploadFile({
      userId: ALICE.userId,
      teamId: 'T0OTHER',
      name: 'Connections.csv',
      content: FIRST_FILE,
    });
    const { modal } = await importFile(ALICE, elsewhere.id);
    expect(modal).toContain("I couldn't find that file in this workspace");
    expect(h.emulator.fileDownloads.filter((d) => d.fileId === elsewhere.id)).toEqual([]);
  });

  test('a download address in the submission is ignored: the file comes from where Slack says', async () => {
    const file = uploadConnections(
      connections(['Hedy,Lamarr,https://www.linkedin.com/in/hedy,,MGM,Inventor,01 Jan 2019']),
    );
    const { at } = await importFile(ALICE, {
      id: file.id,
      url_private_download: 'http://127.0.0.1:9/evil.csv',
    });
    const preview = await previewSince(at);
    expect(preview.text).toContain('*Hedy Lamarr*');
    expect(h.emulator.fileDownloads.filter((d) => d.fileId === file.id)).toEqual([
      expect.objectContaining({ status: 200, path: new URL(String(file.url_private_download)).pathname }),
    ]);
    await click(ALICE, preview, 'import_cancel');
  });

  test('a file over 20 MB gets one sentence and is never downloaded', async () => {
    const big = uploadConnections(Buffer.alloc(21 * 1024 * 1024, 0x61));
    const { modal } = await importFile(ALICE, big.id);
    expect(modal).toContain('That file is 21 MB; I can read files up to 20 MB. Nothing was imported.');
    expect(h.emulator.fileDownloads.filter((d) => d.fileId === big.id)).toEqual([]);
  });

  test("a PDF named .csv gets the reader's sentence, and nothing is written", async () => {
    const before = await contactCount();
    const pdf = uploadConnections(Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n', 'latin1'));
    const { modal } = await importFile(ALICE, pdf.id);
    expect(modal).toMatch(/PDF/);
    expect(await contactCount()).toBe(before);
  });
});

describe('a big file', () => {
  test('a message counts up in place every 2,000 rows, then the summary', async () => {
    const rows = Array.from(
      { length: 4500 },
      (_, i) => `Person,Number ${i},https://www.linkedin.com/in/p${i},,Corp ${i},Role,01 Jan 2019`,
    );
    const file = uploadConnections(connections(rows));
    const { at } = await importFile(ALICE, file.id);
    const preview = await previewSince(at);
    expect(preview.text).toContain('4,500 new');
    const t = preciseNow();
    await click(ALICE, preview, 'import_confirm');
    expect(allText(await reply(h, /Imported from LinkedIn/, t))).toContain(
      '*Imported from LinkedIn:* 4,500 new people. The new people have no reminders until you give them a rhythm.',
    );
    const posted = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Imported 2,000 of 4,500/.test(String(c.args.text)),
    );
    const updates = h.emulator
      .callsTo('chat.update')
      .filter((c) => c.at >= t && c.args.ts === (posted.response as { ts: string }).ts)
      .map((c) => String(c.args.text));
    expect(updates).toEqual(['Imported 4,000 of 4,500…', 'Imported 4,500 of 4,500.']);
  });
});

describe('a CSV touchbase does not know', () => {
  const HEADER = 'Person,Org,Job,Town';
  test('asks which column holds what, and reads the next file with the same columns the same way', async () => {
    const file = h.emulator.uploadFile({
      userId: ALICE.userId,
      name: 'people.csv',
      content: Buffer.from(`${HEADER}\nMarie Curie,Sorbonne,Physicist,Paris\n`),
    });
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'import');
    const viewId = await openedViewId(h, 'import_file', t);
    await h.driver.submitView(ALICE, viewId, { import_file: [file.id] });
    await h.emulator.waitForCall(
      'views.update',
      (c) => c.at >= t && (c.args.view as { callback_id?: string }).callback_id === 'import_mapping',
    );
    expect(allText(h.emulator.view(viewId))).toContain('Person (Marie Curie)');
    const noName = await h.driver.submitView(ALICE, viewId, {
      map_name: 'none',
      map_firstName: 'none',
      map_lastName: 'none',
    });
    expect(noName.json).toMatchObject({
      response_action: 'errors',
      errors: { map_name: 'Pick the column that holds the name (or the first and last name).' },
    });
    const t2 = preciseNow();
    const res = await h.driver.submitView(ALICE, viewId, {
      map_name: '0',
      map_company: '1',
      map_role: '2',
      map_city: '3',
    });
    expect(res.status).toBe(200);
    const preview = await previewSince(t2);
    expect(preview.text).toContain('*Marie Curie* (Physicist at Sorbonne)');
    await click(ALICE, preview, 'import_cancel');

    const next = h.emulator.uploadFile({
      userId: ALICE.userId,
      name: 'more.csv',
      content: Buffer.from(`${HEADER}\nPierre Curie,Sorbonne,Physicist,Paris\n`),
    });
    const { at } = await importFile(ALICE, next.id);
    const again = await previewSince(at);
    expect(again.text).toContain('*Pierre Curie* (Physicist at Sorbonne)');
    await click(ALICE, again, 'import_cancel');
  });
});

describe('a new job for someone not yet sorted', () => {
  test('changes no reminders, and the Home shows it among transitions', async () => {
    const file = uploadConnections(
      connections(['Grace,Hopper,https://www.linkedin.com/in/grace,,Smithsonian,Curator,15 Jan 2020']),
    );
    const { at } = await importFile(ALICE, file.id);
    const preview = await previewSince(at);
    expect(preview.text).toContain('*Grace Hopper*: Rear Admiral at Navy → Curator at Smithsonian');
    const t = preciseNow();
    await click(ALICE, preview, 'import_confirm');
    await reply(h, /Imported from LinkedIn/, t);
    const { rows } = await h.database.pool.query(
      `SELECT company, role, cadence, unsorted, next_due_on, transition_kind FROM contacts WHERE name = 'Grace Hopper'`,
    );
    expect(rows).toEqual([
      {
        company: 'Smithsonian',
        role: 'Curator',
        cadence: 'none',
        unsorted: true,
        next_due_on: null,
        transition_kind: 'new_job',
      },
    ]);
    const t2 = preciseNow();
    await h.driver.event(ALICE.teamId, {
      type: 'app_home_opened',
      user: ALICE.userId,
      channel: h.emulator.dmChannelId(ALICE.userId),
      tab: 'home',
    });
    // The refresh after the preview may still be drawing when the import commits, and land after t2:
    // its sections read before the commit show Grace at her old job or not at all, those read after
    // it show her new one. The refreshes queued behind it read after the commit, so the Home settles
    // on the publish whose transitions name her.
    const inTransitionOf = (view: unknown) => {
      const home = allText(view);
      return home.slice(home.indexOf('In transition'));
    };
    const published = await h.emulator.waitForCall(
      'views.publish',
      (c) =>
        c.at >= t2 && c.args.user_id === ALICE.userId && inTransitionOf(c.args.view).includes('Grace Hopper'),
    );
    const inTransition = inTransitionOf(published.args.view);
    expect(inTransition).toContain(
      '*Grace Hopper* · Smithsonian :arrows_counterclockwise:\nnow Curator at Smithsonian (was Rear Admiral at Navy), noted today.',
    );
  });
});
