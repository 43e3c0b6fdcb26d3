import type { IncomingPerson } from '../../src/domain/imports';
import { getMember } from '../../src/store/members';
import type { UseCaseDeps } from '../../src/usecases/deps';
import { cancelImport, type ParsedFile, previewImport, runImport } from '../../src/usecases/imports';
import { silentLogger } from '../support/database';
import { ALICE, addContact, allText, BOB, contactId, digestPosts } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
let deps: UseCaseDeps;
const alice = { ...ALICE, tz: 'Europe/Berlin' };
const bob = { ...BOB, tz: 'Europe/Berlin' };

function person(line: number, name: string, more: Partial<IncomingPerson> = {}): IncomingPerson {
  return {
    name,
    company: null,
    role: null,
    city: null,
    email: null,
    profileUrl: null,
    connectedOn: null,
    birthday: null,
    note: null,
    line,
    cut: [],
    ...more,
  };
}

function linkedin(people: IncomingPerson[], skipped: ParsedFile['skipped'] = []): ParsedFile {
  return { format: 'linkedin', people, skipped };
}

async function contactRow(user: typeof ALICE, name: string) {
  const { rows } = await h.database.pool.query(
    `SELECT name, company, role, city, email, profile_url, known_since::text, birthday, source, unsorted, cadence,
            next_due_on::text, transition_kind
     FROM contacts WHERE team_id = $1 AND user_id = $2 AND name = $3 ORDER BY id`,
    [user.teamId, user.userId, name],
  );
  return rows;
}

async function count(table: string): Promise<number> {
  const { rows } = await h.database.pool.query(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

beforeAll(async () => {
  // Monday 2 March 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  h.emulator.setUser(ALICE.userId, { tz: 'Europe/Berlin' });
  h.emulator.setUser(BOB.userId, { tz: 'Europe/Berlin' });
  deps = { db: h.database.pool, clock: h.clock, logger: silentLogger };
  await addContact(h, ALICE, 'Dana Lee', { company: 'Acme', role: 'CTO', cadence: 'quarterly' });
  await addContact(h, ALICE, 'José Núñez', { company: 'Initech', role: 'Designer', cadence: 'monthly' });
  await addContact(h, ALICE, 'Sam Park', { company: 'Hooli', role: 'PM', cadence: 'yearly' });
  await addContact(h, BOB, 'Robin Hood', { company: 'Sherwood' });
  await h.database.pool.query(
    `UPDATE contacts SET profile_url = 'https://www.linkedin.com/in/danalee', email = 'Dana@Acme.example'
     WHERE name = 'Dana Lee'`,
  );
  expect(await getMember(h.database.pool, ALICE)).not.toBeNull();
});
afterAll(() => h.stop());

describe('the preview', () => {
  test('matches by profile URL, then email (case ignored), then name and company (accents and case ignored); a name alone is a possible duplicate', async () => {
    const outcome = await previewImport(
      deps,
      alice,
      linkedin(
        [
          // Profile URL wins even though the name is spelled differently.
          person(5, 'Dana L.', {
            profileUrl: 'http://linkedin.com/in/danalee/',
            company: 'Globex',
            role: 'VP Engineering',
          }),
          person(6, 'jose nunez', { company: 'INITECH', role: 'Designer' }),
          person(7, 'Sam Park', { company: 'Pied Piper', role: 'PM' }),
          person(8, 'Grace Hopper', { company: 'Navy', connectedOn: '2021-03-01' }),
          person(9, 'Grace Hopper', { company: 'navy' }),
          person(10, 'Someone', { email: 'dana@acme.EXAMPLE' }),
        ],
        [{ line: 11, reason: 'no name' }],
      ),
    );
    expect(outcome.kind).toBe('preview');
    if (outcome.kind !== 'preview') return;
    const p = outcome.preview;
    expect(p.counts).toEqual({ fresh: 1, alreadyHere: 1, jobChanges: 1, possibleDuplicates: 1, skipped: 3 });
    expect(p.jobChanges[0]).toMatchObject({
      name: 'Dana Lee',
      was: { company: 'Acme', role: 'CTO' },
      now: { company: 'Globex', role: 'VP Engineering' },
    });
    expect(p.possibleDuplicates[0]).toMatchObject({
      line: 7,
      contactName: 'Sam Park',
      contactCompany: 'Hooli',
    });
    expect(p.skipped).toEqual([
      { line: 9, reason: 'the same person as line 8' },
      { line: 10, reason: 'the same person as line 5' },
      { line: 11, reason: 'no name' },
    ]);
    // Nothing is written before the member says Import.
    expect(await contactRow(ALICE, 'Grace Hopper')).toEqual([]);
    expect((await contactRow(ALICE, 'Dana Lee'))[0].company).toBe('Acme');
    expect(await cancelImport(deps, alice, p.importId)).toBe(true);
  });

  test('one import at a time: a second file waits until the first is imported or cancelled', async () => {
    const first = await previewImport(deps, alice, linkedin([person(2, 'Ada Lovelace')]));
    expect(first.kind).toBe('preview');
    const second = await previewImport(deps, alice, linkedin([person(2, 'Alan Turing')]));
    expect(second).toMatchObject({ kind: 'busy', state: 'preview' });
    // Another member is not held up by Alice's import.
    const bobs = await previewImport(deps, bob, linkedin([person(2, 'Maid Marian')]));
    expect(bobs.kind).toBe('preview');
    if (first.kind === 'preview') await cancelImport(deps, alice, first.preview.importId);
    if (bobs.kind === 'preview') await cancelImport(deps, bob, bobs.preview.importId);
    expect((await previewImport(deps, alice, linkedin([person(2, 'Alan Turing')]))).kind).toBe('preview');
    const open = await h.database.pool.query(`SELECT id FROM imports WHERE state = 'preview'`);
    for (const row of open.rows) await cancelImport(deps, alice, row.id);
  });
});

describe('Import', () => {
  test('new people come in unsorted with no reminders, known since the connection date; a new job updates the contact and is noted; a possible duplicate stays out unless included', async () => {
    const file = linkedin([
      person(5, 'Dana Lee', {
        profileUrl: 'https://www.linkedin.com/in/danalee',
        company: 'Globex',
        role: 'VP Engineering',
      }),
      person(6, 'Grace Hopper', {
        company: 'Navy',
        role: 'Rear Admiral',
        city: 'Arlington',
        email: 'grace@navy.example',
        profileUrl: 'https://www.linkedin.com/in/grace',
        connectedOn: '2021-03-01',
        birthday: '12-09',
      }),
      person(8, '=HYPERLINK("x")', { company: '@evil' }),
    ]);
    const outcome = await previewImport(deps, alice, file);
    if (outcome.kind !== 'preview') throw new Error(outcome.kind);
    const result = await runImport(deps, alice, outcome.preview.importId, []);
    expect(result).toEqual({
      kind: 'done',
      format: 'linkedin',
      repeat: false,
      summary: { added: 2, jobChanges: 1, alreadyHere: 0, skipped: 0, leftOut: 0 },
    });
    expect(await contactRow(ALICE, 'Grace Hopper')).toEqual([
      {
        name: 'Grace Hopper',
        company: 'Navy',
        role: 'Rear Admiral',
        city: 'Arlington',
        email: 'grace@navy.example',
        profile_url: 'https://www.linkedin.com/in/grace',
        known_since: '2021-03-01',
        birthday: '12-09',
        source: 'linkedin',
        unsorted: true,
        cadence: 'none',
        next_due_on: null,
        transition_kind: null,
      },
    ]);
    // Kept as plain text, as typed.
    expect(await contactRow(ALICE, '=HYPERLINK("x")')).toMatchObject([{ company: '@evil' }]);
    expect(await contactRow(ALICE, 'Dana Lee')).toMatchObject([
      { company: 'Globex', role: 'VP Engineering', transition_kind: 'new_job', next_due_on: '2026-03-02' },
    ]);
    const { rows } = await h.database.pool.query(
      `SELECT kind, note, noted_on::text FROM transitions WHERE contact_id = $1`,
      [await contactId(h, ALICE, 'Dana Lee')],
    );
    expect(rows).toEqual([
      { kind: 'new_job', note: 'was CTO at Acme, now VP Engineering at Globex', noted_on: '2026-03-02' },
    ]);
    // A second click answers as the first did and writes nothing more.
    const contacts = await count('contacts');
    expect(await runImport(deps, alice, outcome.preview.importId, [])).toMatchObject({
      kind: 'done',
      repeat: true,
    });
    expect(await count('contacts')).toBe(contacts);

    // The same file again: nothing changes, and the preview says so.
    expect(await previewImport(deps, alice, file)).toEqual({ kind: 'nothing', alreadyHere: 3, skipped: [] });
  });

  test('the next digest puts the contact with a new job first', async () => {
    await h.tick('2026-03-03T08:00:00Z');
    const digest = allText(digestPosts(h, ALICE.userId).at(-1)?.args.blocks);
    const first = digest.split('\n').find((l) => l.startsWith('*'));
    expect(first).toContain('Dana Lee');
    expect(digest).toContain(
      'Dana Lee is now VP Engineering at Globex (was CTO at Acme): congratulating them is a give.',
    );
  });

  test('a possible duplicate stays out unless the member includes it; included, it comes in as a new person', async () => {
    const file = linkedin([
      person(3, 'Sam Park', { company: 'Stripe', role: 'Engineer' }),
      person(4, 'Sam Park', { company: 'Pied Piper', role: 'PM' }),
    ]);
    const outcome = await previewImport(deps, alice, file);
    if (outcome.kind !== 'preview') throw new Error(outcome.kind);
    expect(outcome.preview.counts.possibleDuplicates).toBe(2);
    const result = await runImport(deps, alice, outcome.preview.importId, [3]);
    expect(result).toMatchObject({ summary: { added: 1, leftOut: 1 } });
    expect((await contactRow(ALICE, 'Sam Park')).map((r) => r.company).sort()).toEqual(['Hooli', 'Stripe']);
  });

  test('all or nothing: a failure part-way writes none of it, and the member can start again', async () => {
    const before = await count('contacts');
    const many = Array.from({ length: 4500 }, (_, i) => person(i + 2, `Person ${i}`));
    // The database refuses this birthday, in the last chunk, after two chunks went in.
    many[4400] = person(4402, 'Broken Birthday', { birthday: 'never' });
    const outcome = await previewImport(deps, alice, linkedin(many));
    if (outcome.kind !== 'preview') throw new Error(outcome.kind);
    const progress: number[] = [];
    await expect(
      runImport(deps, alice, outcome.preview.importId, [], async (done) => {
        progress.push(done);
      }),
    ).rejects.toThrow();
    expect(progress).toEqual([2000, 4000]);
    expect(await count('contacts')).toBe(before);
    const { rows } = await h.database.pool.query('SELECT state FROM imports WHERE id = $1', [
      outcome.preview.importId,
    ]);
    expect(rows[0].state).toBe('failed');

    many[4400] = person(4402, 'Fixed Birthday');
    const again = await previewImport(deps, alice, linkedin(many));
    if (again.kind !== 'preview') throw new Error(again.kind);
    const seen: [number, number][] = [];
    await runImport(deps, alice, again.preview.importId, [], async (done, total) => {
      seen.push([done, total]);
    });
    expect(seen).toEqual([
      [2000, 4500],
      [4000, 4500],
      [4500, 4500],
    ]);
    expect(await count('contacts')).toBe(before + 4500);
  });
});
