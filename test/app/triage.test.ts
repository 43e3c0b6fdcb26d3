import { preciseNow, type SlackView } from '../../src/dev/slack-emulator';
import { ALICE, allText, BOB, contactId, elementIn, settledHome, type User } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;

interface Seeded {
  name: string;
  knownSince: string | null;
  role?: string;
  company?: string;
  city?: string;
  archived?: boolean;
  unsorted?: boolean;
  newJobOn?: string;
}

/** Imported contacts as the import writes them (cadence none, unsorted), straight into the table. */
async function seed(user: User, people: Seeded[]): Promise<void> {
  for (const p of people) {
    await h.database.pool.query(
      `INSERT INTO contacts (team_id, user_id, name, company, role, city, cadence, added_on, known_since,
                             unsorted, source, archived_at, transition_kind, transition_on, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'none', '2026-03-01', $7, $8, 'linkedin', $9, $10, $11, now(), now())`,
      [
        user.teamId,
        user.userId,
        p.name,
        p.company ?? null,
        p.role ?? null,
        p.city ?? null,
        p.knownSince,
        p.unsorted ?? true,
        p.archived ? new Date() : null,
        p.newJobOn ? 'new_job' : null,
        p.newJobOn ?? null,
      ],
    );
  }
}

interface Row {
  cadence: string;
  unsorted: boolean;
  archived: boolean;
  talked: string | null;
  lastTouch: string | null;
  nextDue: string | null;
}

async function row(user: User, name: string): Promise<Row> {
  const { rows } = await h.database.pool.query<Row>(
    `SELECT cadence, unsorted, archived_at IS NOT NULL AS archived, talked_before_on::text AS talked,
            last_touch_on::text AS "lastTouch", next_due_on::text AS "nextDue"
     FROM contacts WHERE team_id = $1 AND user_id = $2 AND name = $3`,
    [user.teamId, user.userId, name],
  );
  if (!rows[0]) throw new Error(`no contact ${name}`);
  return rows[0];
}

/** The member's newest ephemeral message that holds triage. */
function triageShown(user: User) {
  const shown = h.emulator
    .ephemeralMessages(user.userId)
    .findLast((e) => /Triage:|Done with these|Kept \d|Nothing to triage/.test(allText(e)));
  if (!shown) throw new Error('no triage message');
  return shown;
}

async function startTriage(user: User) {
  const t = preciseNow();
  await h.driver.slashCommand(user, 'triage');
  await h.emulator.waitForResponsePost((p) => p.at >= t);
  return triageShown(user);
}

/** Clicks an element of the member's triage message (ephemeral) and answers the response it got. */
async function click(user: User, actionId: string, opts: { value?: string; selectedOption?: string } = {}) {
  const t = preciseNow();
  const res = await h.driver.blockAction(user, { actionId, ...opts, container: { type: 'ephemeral' } });
  expect(res.status).toBe(200);
  const post = await h.emulator.waitForResponsePost((p) => p.at >= t);
  return post.body as { text: string; blocks: unknown[]; replace_original?: boolean };
}

/** The names of the people a triage message shows, in order. */
function namesIn(message: { blocks?: unknown[] }): string[] {
  return (message.blocks as { block_id?: string; text?: { text: string } }[])
    .filter((b) => /^triage_\d+$/.test(b.block_id ?? ''))
    .map((b) => /^\*([^*]+)\*/.exec(b.text?.text ?? '')?.[1] ?? '?');
}

/** The value of one "last talked" choice beside a person in a triage message. */
function talkedValue(message: { blocks?: unknown[] }, id: number, choice: string): string {
  const section = (
    message.blocks as { block_id?: string; accessory?: { options: { value: string }[] } }[]
  ).find((b) => b.block_id === `triage_${id}`);
  const option = section?.accessory?.options.find((o) => JSON.parse(o.value).t === choice);
  if (!option) throw new Error(`no last-talked choice ${choice} for ${id}`);
  return option.value;
}

/** The ids a triage message carries in its buttons: the people it shows. */
function batchOf(message: { blocks?: unknown[] }, id: number): number[] {
  return JSON.parse(talkedValue(message, id, 'never')).b;
}

const ALICES = [
  { name: 'Ada Recent', knownSince: '2026-02-20', role: 'CTO', company: 'Acme', city: 'Berlin' },
  { name: 'Ben <b>&amp;</b> Co', knownSince: '2026-02-10', company: 'Initech' },
  {
    name: 'Dana Lee',
    knownSince: '2026-01-15',
    role: 'VP Engineering',
    company: 'Globex',
    newJobOn: '2026-02-25',
  },
  { name: 'Eve Early', knownSince: '2025-12-01' },
  { name: 'Finn Fifth', knownSince: '2025-11-01' },
  ...Array.from({ length: 6 }, (_, i) => ({
    name: `Person ${i + 6}`,
    knownSince: `2024-0${9 - i}-01`,
  })),
  { name: 'Nadia Nodate', knownSince: null },
  // Not in triage: already sorted, or archived.
  { name: 'Sam Sorted', knownSince: '2026-02-28', unsorted: false },
  { name: 'Zed Archived', knownSince: '2026-02-28', archived: true },
];

beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  for (const u of [ALICE, BOB]) {
    h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
    // Any command records the member; the import would have done so.
    const t = preciseNow();
    await h.driver.slashCommand(u, 'due');
    await h.emulator.waitForResponsePost((p) => p.at >= t);
  }
  await seed(ALICE, ALICES);
  await seed(BOB, [{ name: 'Bob Unsorted', knownSince: '2026-03-01' }]);
});
afterAll(() => h.stop());

describe('/touchbase triage', () => {
  test('shows five unsorted contacts, most recently connected first, with what the file knew', async () => {
    const shown = await startTriage(ALICE);
    expect(namesIn(shown)).toEqual([
      'Ada Recent',
      'Ben &lt;b&gt;&amp;amp;&lt;/b&gt; Co',
      'Dana Lee',
      'Eve Early',
      'Finn Fifth',
    ]);
    const text = allText(shown);
    expect(text).toContain('12 unsorted contacts, most recently connected first');
    expect(text).toContain('*Ada Recent* · CTO at Acme · Berlin\nconnected since Fri, 20 Feb 2026');
    // A recent job change, from a re-import, is said where the member decides about them.
    expect(text).toContain(':arrows_counterclockwise: now VP Engineering at Globex since Wed, 25 Feb 2026');
    expect(shown.text).not.toMatch(/[<>]/);
    for (const label of ['Every 2 weeks', 'Monthly', 'Quarterly', 'Yearly', 'Just keep', 'Archive'])
      expect(text).toContain(label);
    expect(text).not.toContain('Bob');
    expect(text).not.toContain('Sam Sorted');
  });

  test('a rhythm counts from when they last talked, and the message updates in place', async () => {
    const ada = await contactId(h, ALICE, 'Ada Recent');
    const before = triageShown(ALICE);
    let answer = await click(ALICE, `triage_talked_${ada}`, {
      selectedOption: talkedValue(before, ada, '3m'),
    });
    expect(answer.replace_original).toBe(true);
    expect(await row(ALICE, 'Ada Recent')).toMatchObject({
      talked: '2025-12-02',
      unsorted: true,
      nextDue: null,
    });
    expect(allText(answer)).toContain('last talked 3 months ago');

    answer = await click(ALICE, `triage_sort_monthly_${ada}`);
    expect(answer.replace_original).toBe(true);
    // Last talked on 2 Dec, monthly: due since 2 Jan, so due now.
    expect(await row(ALICE, 'Ada Recent')).toEqual({
      cadence: 'monthly',
      unsorted: false,
      archived: false,
      talked: '2025-12-02',
      lastTouch: '2025-12-02',
      nextDue: '2026-01-02',
    });
    const after = triageShown(ALICE);
    expect(after.ts).toBe(before.ts);
    expect(namesIn(after)).toHaveLength(5);
    expect(allText(after)).toContain(':white_check_mark: Monthly, next check-in due now');
    expect(() => elementIn(after, `triage_sort_quarterly_${ada}`)).toThrow();
  });

  test('a repeated or stale click on someone already sorted changes nothing', async () => {
    const ada = await contactId(h, ALICE, 'Ada Recent');
    const value = JSON.stringify({ c: ada, s: 'quarterly', b: batchOf(triageShown(ALICE), ada) });
    await click(ALICE, `triage_sort_quarterly_${ada}`, { value });
    expect((await row(ALICE, 'Ada Recent')).cadence).toBe('monthly');
  });

  test('a rhythm first, then when they last talked, moves the first check-in', async () => {
    const ben = await contactId(h, ALICE, 'Ben <b>&amp;</b> Co');
    await click(ALICE, `triage_sort_quarterly_${ben}`);
    // Added on 1 March, quarterly: 1 June.
    expect(await row(ALICE, 'Ben <b>&amp;</b> Co')).toMatchObject({
      cadence: 'quarterly',
      nextDue: '2026-06-01',
    });
    await click(ALICE, `triage_talked_${ben}`, {
      selectedOption: talkedValue(triageShown(ALICE), ben, '1y'),
    });
    expect(await row(ALICE, 'Ben <b>&amp;</b> Co')).toMatchObject({
      talked: '2025-03-02',
      nextDue: '2025-06-02',
    });
  });

  test('just keep and archive sort them too; when the five are done it offers the next five', async () => {
    const [dana, eve, finn] = await Promise.all(
      ['Dana Lee', 'Eve Early', 'Finn Fifth'].map((n) => contactId(h, ALICE, n)),
    );
    await click(ALICE, `triage_sort_keep_${dana}`);
    expect(await row(ALICE, 'Dana Lee')).toMatchObject({ cadence: 'none', unsorted: false, archived: false });
    await click(ALICE, `triage_sort_archive_${eve}`);
    expect(await row(ALICE, 'Eve Early')).toMatchObject({ unsorted: false, archived: true, nextDue: null });
    const done = await click(ALICE, `triage_sort_yearly_${finn}`);
    expect(await row(ALICE, 'Finn Fifth')).toMatchObject({ cadence: 'yearly', nextDue: '2027-03-01' });
    const text = allText(done);
    expect(text).toContain('Done with these 5. 7 contacts still unsorted.');
    expect(text).toContain(':white_check_mark: Kept without reminders');
    expect(text).toContain(':package: Archived');
    expect(namesIn(done)).toHaveLength(5);

    const next = await click(ALICE, 'triage_next');
    expect(next.replace_original).toBe(true);
    expect(namesIn(next)).toEqual(['Person 6', 'Person 7', 'Person 8', 'Person 9', 'Person 10']);
    expect(allText(next)).toContain('7 unsorted contacts');
  });

  test("another member's contact in a crafted value changes nothing and shows nothing of it", async () => {
    const p6 = await contactId(h, ALICE, 'Person 6');
    const bobs = await contactId(h, BOB, 'Bob Unsorted');
    let answer = await click(BOB, `triage_sort_monthly_${p6}`, {
      value: JSON.stringify({ c: p6, s: 'monthly', b: [p6] }),
    });
    expect(allText(answer)).toContain("isn't in your network");
    expect(allText(answer)).not.toContain('Person 6');
    answer = await click(BOB, `triage_talked_${p6}`, {
      value: JSON.stringify({ c: p6, t: 'month', b: [p6] }),
    });
    expect(allText(answer)).toContain("isn't in your network");
    expect(await row(ALICE, 'Person 6')).toMatchObject({ cadence: 'none', unsorted: true, talked: null });

    // His own contact, with hers slipped into the batch: only his comes back.
    answer = await click(BOB, `triage_sort_monthly_${bobs}`, {
      value: JSON.stringify({ c: bobs, s: 'monthly', b: [bobs, p6] }),
    });
    expect(allText(answer)).not.toContain('Person 6');
    expect((await row(BOB, 'Bob Unsorted')).cadence).toBe('monthly');

    // A malformed value is no one's.
    answer = await click(ALICE, `triage_sort_monthly_${p6}`, {
      value: JSON.stringify({ c: p6, s: 'weekly', b: [p6] }),
    });
    expect(allText(answer)).toContain("isn't in your network");
    expect((await row(ALICE, 'Person 6')).unsorted).toBe(true);
  });
});

async function openHome(user: User): Promise<SlackView> {
  const t = preciseNow();
  await h.driver.event(user.teamId, {
    type: 'app_home_opened',
    user: user.userId,
    channel: h.emulator.dmChannelId(user.userId),
    tab: 'home',
  });
  return settledHome(h, user, t);
}

describe('the Home and the end of triage', () => {
  test('the Home counts the unsorted, names recent job changes, and its Triage button sends five to the DM', async () => {
    await h.database.pool.query(
      `UPDATE contacts SET transition_kind = 'new_job', transition_on = '2026-02-27', role = 'Head of <Ops>'
       WHERE user_id = $1 AND name = 'Person 7'`,
      [ALICE.userId],
    );
    const home = await openHome(ALICE);
    const text = allText(home);
    expect(text).toContain('Unsorted: 7');
    expect(text).toContain('7 imported contacts without a rhythm yet');
    expect(text).toContain(
      ':arrows_counterclockwise: *Person 7* is now Head of &lt;Ops&gt; since Fri, 27 Feb 2026',
    );
    // Dana was kept without reminders: no longer unsorted, so not named here.
    expect(text).not.toContain('*Dana Lee* is now');

    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: 'home_triage',
      container: { type: 'view', viewId: home.id },
    });
    const post = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Triage/.test(String(c.args.text)),
    );
    const dm = h.emulator.dmChannelId(ALICE.userId);
    const ts = (post.response as { ts: string }).ts;
    const message = h.emulator.message(dm, ts);
    expect(namesIn(message ?? {})).toEqual(['Person 6', 'Person 7', 'Person 8', 'Person 9', 'Person 10']);
    expect(allText(message)).toContain('now Head of &lt;Ops&gt; since Fri, 27 Feb 2026');

    // A click in the DM updates that message in place.
    const p6 = await contactId(h, ALICE, 'Person 6');
    const t2 = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: `triage_sort_biweekly_${p6}`,
      container: { type: 'message', channelId: dm, messageTs: ts },
    });
    await h.emulator.waitForResponsePost((p) => p.at >= t2);
    expect(allText(h.emulator.message(dm, ts))).toContain(':white_check_mark: Every 2 weeks');
    expect(await row(ALICE, 'Person 6')).toMatchObject({ cadence: 'biweekly', nextDue: '2026-03-15' });
  });

  test('"Keep all the rest" asks first, then keeps every remaining one without reminders, and only hers', async () => {
    await h.database.pool.query(
      `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, unsorted, created_at, updated_at)
       VALUES ($1, $2, 'Bob Second', 'none', '2026-03-01', true, now(), now())`,
      [BOB.teamId, BOB.userId],
    );
    const shown = await startTriage(ALICE);
    const keep = elementIn(shown, 'triage_keep_rest') as unknown as { confirm?: { text: { text: string } } };
    expect(keep.confirm?.text.text).toContain('6 contacts still unsorted will be kept without reminders');

    const answer = await click(ALICE, 'triage_keep_rest');
    expect(answer.replace_original).toBe(true);
    expect(allText(answer)).toContain('Kept 6 contacts without reminders: triage is done.');
    const { rows } = await h.database.pool.query(
      `SELECT count(*) FILTER (WHERE unsorted)::int AS unsorted,
              count(*) FILTER (WHERE NOT unsorted AND cadence = 'none')::int AS kept
       FROM contacts WHERE user_id = $1 AND archived_at IS NULL`,
      [ALICE.userId],
    );
    expect(rows[0]).toEqual({ unsorted: 0, kept: 8 });
    // Person 7's new job still makes a check-in due, as any fresh transition does.
    expect((await row(ALICE, 'Person 7')).nextDue).toBe('2026-02-27');
    expect((await row(BOB, 'Bob Second')).unsorted).toBe(true);

    const again = await startTriage(ALICE);
    expect(allText(again)).toContain('Nothing to triage');
    expect(allText(await openHome(ALICE))).not.toContain('Unsorted');
  });
});
