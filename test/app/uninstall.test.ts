import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Installation } from '@slack/bolt';
import { Registry } from 'prom-client';
import { preciseNow } from '../../src/dev/slack-emulator';
import { createLogger } from '../../src/logger';
import { installationStore } from '../../src/store/installations';
import { workerDeps } from '../../src/worker/deps';
import { runTick } from '../../src/worker/tick';
import { silentLogger } from '../support/database';
import { addContact, digestPosts, reply, type User } from '../support/flows';
import { type Harness, OAUTH, startHarness } from '../support/harness';

/**
 * Issue #15, "a clean uninstall": app_uninstalled and tokens_revoked delete the tokens at once and
 * stop the worker for that workspace; its data stays for TOUCHBASE_RETENTION_DAYS (30), so a
 * reinstall keeps the network, and is purged by the worker's tick after that. A member whose account
 * Slack reports gone follows the same retention. Another workspace is never touched.
 */

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'slack', name), 'utf8')) as {
    event: { type: string; tokens?: { oauth: string[]; bot: string[] } };
  };
/** Slack's documented payloads; the driver wraps their event as Slack delivers it, with the workspace's team_id. */
const APP_UNINSTALLED = fixture('app-uninstalled.json').event;
const TOKENS_REVOKED = fixture('tokens-revoked.json').event;

let eventCount = 0;
/**
 * Delivers the event and waits until `done` holds: Slack gets its 200 at once, and the app does the
 * work after answering, as it does for every event.
 */
async function send(
  h: Harness,
  teamId: string,
  event: Record<string, unknown>,
  done: () => Promise<boolean>,
): Promise<void> {
  const res = await h.driver.event(teamId, event, { eventId: `Ev0UNINSTALL${++eventCount}` });
  expect(res.status).toBe(200);
  for (let waited = 0; !(await done()); waited += 20) {
    if (waited > 5000) throw new Error(`${String(event.type)} had no effect within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const markedUninstalled = (h: Harness, teamId: string) => async () =>
  (await h.database.pool.query('SELECT 1 FROM workspace_uninstalls WHERE team_id = $1', [teamId]))
    .rowCount === 1;

/** Every table with a team_id column, read from the schema so a table added later is checked too. */
async function teamTables(h: Harness): Promise<string[]> {
  const { rows } = await h.database.pool.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
     JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = current_schema() AND c.column_name = 'team_id' AND t.table_type = 'BASE TABLE'
     ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

/** Rows per table of a workspace, or of one member when the table is keyed by member too. */
async function rowsOf(
  h: Harness,
  scope: { teamId: string; userId?: string },
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await teamTables(h)) {
    const { rows: columns } = await h.database.pool.query(
      `SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'user_id'`,
      [table],
    );
    const byMember = scope.userId !== undefined && columns.length > 0;
    if (scope.userId !== undefined && !byMember) continue;
    const { rows } = await h.database.pool.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE team_id = $1${byMember ? ' AND user_id = $2' : ''}`,
      byMember ? [scope.teamId, scope.userId] : [scope.teamId],
    );
    counts[table] = rows[0].n;
  }
  return counts;
}

/**
 * A row of the member's in every member table touchbase has (beyond the contact added through the
 * app): a touch with its ask, a transition, an introduction, a trip with a contact to meet, a
 * scheduled call, an import and a column mapping, a digest's record of carrying them and the nudge-fatigue question.
 * Dated so that none of them puts anything in a digest.
 */
async function seedEverything(h: Harness, user: User): Promise<void> {
  const q = (sql: string) => h.database.pool.query(sql, [user.teamId, user.userId]);
  const contact = `(SELECT id FROM contacts WHERE team_id = $1 AND user_id = $2 ORDER BY id LIMIT 1)`;
  await q(
    `INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, note, created_at)
     VALUES ($1, $2, ${contact}, '2026-02-01', 'call', 'ask', 'seeded', now())`,
  );
  await q(
    `INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, follow_up_on, followed_up_on, created_at)
     SELECT $1, $2, contact_id, id, 'an introduction', '2026-02-01', '2026-02-11', '2026-02-11', now()
     FROM touches WHERE team_id = $1 AND user_id = $2 AND note = 'seeded'`,
  );
  await q(
    `INSERT INTO transitions (team_id, user_id, contact_id, kind, noted_on, created_at)
     VALUES ($1, $2, ${contact}, 'moved', '2026-02-01', now())`,
  );
  await q(
    `INSERT INTO contact_dates (team_id, user_id, contact_id, kind, label, month, day, year, next_on, created_at)
     VALUES ($1, $2, ${contact}, 'birthday', 'birthday', 12, 10, NULL, '2027-12-10', now())`,
  );
  await q(
    `INSERT INTO introductions (team_id, user_id, from_contact_id, to_name, kind, introduced_on, outcome,
                                follow_up_on, followed_up_on, created_at)
     VALUES ($1, $2, ${contact}, 'Acme fellowship', 'peer', '2026-02-01', 'connected', '2026-02-15', '2026-02-15', now())`,
  );
  await q(
    `INSERT INTO trips (team_id, user_id, city, starts_on, ends_on, reach_out_on, met_prompt_on, created_at)
     VALUES ($1, $2, 'Lisbon', '2027-06-10', '2027-06-12', '2027-05-27', '2027-06-13', now())`,
  );
  await q(
    `INSERT INTO trip_contacts (trip_id, contact_id, team_id, user_id, planned)
     SELECT t.id, ${contact}, $1, $2, true FROM trips t WHERE t.team_id = $1 AND t.user_id = $2`,
  );
  // Answered already, so it asks nothing in a digest.
  await q(
    `INSERT INTO scheduled_calls (team_id, user_id, contact_id, starts_at, minutes, time_zone, ask_on, title, outcome, created_at)
     VALUES ($1, $2, ${contact}, '2026-02-01T10:00:00Z', 30, 'Europe/Berlin', '2026-02-02', 'Catch-up', 'logged', now())`,
  );
  await q(
    `INSERT INTO calendar_feeds (team_id, user_id, token_hash, created_at)
     VALUES ($1, $2, sha256(convert_to($1 || $2, 'UTF8')), now())`,
  );
  await q(
    `INSERT INTO reminders (team_id, user_id, contact_id, remind_on, what, created_at)
     VALUES ($1, $2, ${contact}, '2027-06-01', 'book the table', now())`,
  );
  await q(
    `INSERT INTO imports (team_id, user_id, format, state, plan, created_at, finished_at)
     VALUES ($1, $2, 'linkedin', 'done', '{}', now(), now())`,
  );
  await q(
    `INSERT INTO import_column_maps (team_id, user_id, header_key, mapping, updated_at)
     VALUES ($1, $2, 'full name|employer', '{}', now())`,
  );
  await q(
    `INSERT INTO digest_carried (team_id, user_id, contact_id, local_date) VALUES ($1, $2, ${contact}, '2026-02-02')`,
  );
  await q(
    `INSERT INTO contact_fatigue (team_id, user_id, contact_id, asked_on) VALUES ($1, $2, ${contact}, '2026-02-05')`,
  );
}

/** An idempotency key, as a click leaves one (the tick forgets keys a day old, so it is added late). */
async function clickedJustNow(h: Harness, user: User): Promise<void> {
  await h.database.pool.query(
    `INSERT INTO idempotency_keys (team_id, user_id, key, state, answer, created_at)
     VALUES ($1, $2, 'seeded-click', 'done', '{}', $3)`,
    [user.teamId, user.userId, h.clock.now()],
  );
}

const digestsOf = async (h: Harness, user: User) =>
  (
    await h.database.pool.query(
      'SELECT local_date::text AS day, state, last_error FROM digests WHERE team_id = $1 AND user_id = $2 ORDER BY 1',
      [user.teamId, user.userId],
    )
  ).rows;

describe('installed through OAuth', () => {
  const ALICE: User = { teamId: 'T0ALPHA', userId: 'U0ALICE' };
  const BRUNO: User = { teamId: 'T0BRAVO', userId: 'U0BRUNO' };
  const CAROL: User = { teamId: 'T0CHARLIE', userId: 'U0CAROL' };
  const INSTALLER = 'U0INSTALLER';
  let h: Harness;
  const installationRow = async (teamId: string) =>
    (await h.database.pool.query('SELECT 1 FROM slack_installations WHERE install_key = $1', [`T:${teamId}`]))
      .rowCount;
  const install = (teamId: string, token: string, userToken?: string) =>
    installationStore(h.database.pool, h.clock, OAUTH.keys).storeInstallation({
      team: { id: teamId, name: teamId },
      enterprise: undefined,
      user: { id: INSTALLER, token: userToken, scopes: userToken ? ['users:read'] : undefined },
      bot: { id: h.emulator.botId, userId: h.emulator.botUserId, token, scopes: ['commands', 'chat:write'] },
      isEnterpriseInstall: false,
      tokenType: 'bot',
    } as unknown as Installation);

  /** The app's log lines, as an operator reads them. */
  const logLines: { level: number; msg: string; team?: string }[] = [];
  const logger = createLogger({
    level: 'info',
    pretty: false,
    destination: new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    }),
  });

  beforeAll(async () => {
    h = await startHarness({
      startAt: '2026-03-02T10:00:00Z',
      logger,
      auth: OAUTH,
    });
    await install(ALICE.teamId, 'xoxb-alpha');
    await install(BRUNO.teamId, 'xoxb-bravo');
    await install(CAROL.teamId, 'xoxb-charlie', 'xoxp-installer');
    // Each has one contact every two weeks, due on Monday 16 March and every work day after.
    for (const [user, name] of [
      [ALICE, 'Ada Lovelace'],
      [BRUNO, 'Grace Hopper'],
      [CAROL, 'Edsger Dijkstra'],
    ] as const)
      await addContact(h, user, name, { cadence: 'biweekly' });
    await seedEverything(h, ALICE);
    await seedEverything(h, BRUNO);
  });
  afterAll(() => h.stop());

  test("app_uninstalled: the installation goes at once, the waiting digest is cancelled, nothing more is planned or sent there; another workspace's member still gets theirs", async () => {
    // Alice's digest comes at 08:00: Slack has a moment, so it waits, pending, for another try.
    await h.database.pool.query('UPDATE members SET digest_hour = 8 WHERE user_id = $1', [ALICE.userId]);
    h.emulator.failNext('conversations.open', { error: 'internal_error' });
    expect(await h.tick('2026-03-16T08:00:00Z')).toMatchObject({ planned: 1, retried: 1 });
    expect(await digestsOf(h, ALICE)).toEqual([expect.objectContaining({ state: 'pending' })]);

    h.setNow('2026-03-16T08:00:30Z');
    await send(h, ALICE.teamId, APP_UNINSTALLED, markedUninstalled(h, ALICE.teamId));
    const uninstalled = preciseNow();
    expect(await installationRow(ALICE.teamId)).toBe(0);
    expect(await installationRow(BRUNO.teamId)).toBe(1);
    expect(await digestsOf(h, ALICE)).toEqual([
      expect.objectContaining({
        state: 'failed',
        last_error: expect.stringMatching(/^cancelled: .*uninstalled/),
      }),
    ]);

    expect(await h.tick('2026-03-16T09:00:00Z')).toMatchObject({ planned: 2, sent: 2 });
    expect(await h.tick('2026-03-17T09:00:00Z')).toMatchObject({ planned: 2, sent: 2 });
    expect(digestPosts(h, ALICE.userId)).toHaveLength(0);
    expect(digestPosts(h, BRUNO.userId)).toHaveLength(2);
    expect(await digestsOf(h, ALICE)).toHaveLength(1);
    // No Web API call was made with Alice's token after the uninstall.
    expect(h.emulator.calls.filter((c) => c.token === 'xoxb-alpha' && c.at >= uninstalled)).toEqual([]);
  });

  test('a reinstall within the retention period keeps the network, and digests resume with the new token', async () => {
    const before = await rowsOf(h, ALICE);
    h.setNow('2026-03-20T07:00:00Z');
    await install(ALICE.teamId, 'xoxb-alpha-reinstalled');
    expect(await h.tick('2026-03-20T08:00:00Z')).toMatchObject({ planned: 1, sent: 1 });
    const posts = digestPosts(h, ALICE.userId);
    expect(posts.map((p) => p.token)).toEqual(['xoxb-alpha-reinstalled']);
    expect(String(posts[0]?.args.text)).toContain('Ada Lovelace');
    const after = await rowsOf(h, ALICE);
    expect(after.digests).toBe((before.digests ?? 0) + 1);
    // The digest sent meanwhile, and its record of the contact it carried (nudge fatigue).
    expect(after.digest_carried).toBe((before.digest_carried ?? 0) + 1);
    expect({ ...after, digests: 0, digest_carried: 0 }).toEqual({ ...before, digests: 0, digest_carried: 0 });
    expect((await rowsOf(h, { teamId: ALICE.teamId })).workspace_uninstalls).toBe(0);
  });

  test('uninstalled again: the data stays through day 29 and is gone after the tick of day 30, in every table; the other workspace is untouched', async () => {
    h.setNow('2026-03-23T12:00:00Z');
    await send(h, ALICE.teamId, APP_UNINSTALLED, markedUninstalled(h, ALICE.teamId));

    await h.tick('2026-04-21T14:00:00Z');
    await clickedJustNow(h, ALICE);
    await clickedJustNow(h, BRUNO);
    // Day 29: everything is still there, in every table that holds a workspace's rows.
    const kept = await rowsOf(h, { teamId: ALICE.teamId });
    const empty = Object.entries(kept).filter(([table, n]) => n === 0 && table !== 'workspace_send_pauses');
    expect(empty).toEqual([]);
    const bravo = await rowsOf(h, { teamId: BRUNO.teamId });

    await h.tick('2026-04-22T13:00:00Z');
    const purged = await rowsOf(h, { teamId: ALICE.teamId });
    expect(Object.values(purged).every((n) => n === 0)).toBe(true);
    expect(Object.keys(purged)).toEqual(
      expect.arrayContaining(['members', 'contacts', 'touches', 'digests']),
    );
    // Bruno's workspace lost nothing; it gained that day's digest.
    const bravoAfter = await rowsOf(h, { teamId: BRUNO.teamId });
    expect(bravoAfter.digests).toBe((bravo.digests ?? 0) + 1);
    // The digest sent meanwhile, and its record of the contact it carried (nudge fatigue).
    expect(bravoAfter.digest_carried).toBe((bravo.digest_carried ?? 0) + 1);
    expect({ ...bravoAfter, digests: 0, digest_carried: 0 }).toEqual({
      ...bravo,
      digests: 0,
      digest_carried: 0,
    });
  });

  test("tokens_revoked with user tokens only: those are forgotten, the bot's token still works", async () => {
    h.setNow('2026-04-23T08:00:00Z');
    const carolsInstallation = () =>
      installationStore(h.database.pool, h.clock, OAUTH.keys).fetchInstallation({
        teamId: CAROL.teamId,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
    expect((await carolsInstallation()).user?.token).toBe('xoxp-installer');
    await send(
      h,
      CAROL.teamId,
      { ...TOKENS_REVOKED, tokens: { oauth: [INSTALLER], bot: [] } },
      async () => (await carolsInstallation()).user?.token === undefined,
    );
    const stored = await carolsInstallation();
    expect(stored.user).toEqual({ id: INSTALLER });
    expect(stored.bot?.token).toBe('xoxb-charlie');

    const sentBefore = digestPosts(h, CAROL.userId).length;
    expect(await h.tick('2026-04-23T09:00:00Z')).toMatchObject({ sent: 2, failed: 0 });
    expect(digestPosts(h, CAROL.userId)).toHaveLength(sentBefore + 1);
  });

  test('tokens_revoked naming the bot (the documented payload): like an uninstall, the installation goes and nothing more is sent there', async () => {
    h.setNow('2026-04-24T08:00:00Z');
    await send(h, CAROL.teamId, TOKENS_REVOKED, markedUninstalled(h, CAROL.teamId));
    expect(await installationRow(CAROL.teamId)).toBe(0);
    // Removing the app, Slack sends app_uninstalled too: the retention still counts from the first.
    h.setNow('2026-04-24T08:01:00Z');
    await send(h, CAROL.teamId, APP_UNINSTALLED, async () =>
      logLines.some((l) => l.team === CAROL.teamId && l.msg.startsWith('touchbase was uninstalled')),
    );
    const { rows } = await h.database.pool.query(
      'SELECT reason, uninstalled_at AS at FROM workspace_uninstalls WHERE team_id = $1',
      [CAROL.teamId],
    );
    expect(rows).toEqual([{ reason: 'tokens_revoked', at: new Date(rows[0].at) }]);
    expect(rows[0].at.getTime()).toBeLessThan(Date.parse('2026-04-24T08:00:01Z'));
    const sentBefore = digestPosts(h, CAROL.userId).length;
    expect(await h.tick('2026-04-24T09:00:00Z')).toMatchObject({ planned: 1, sent: 1 });
    expect(digestPosts(h, CAROL.userId)).toHaveLength(sentBefore);
    expect((await rowsOf(h, CAROL)).contacts).toBe(1);
    // None of these uninstalls, revocations and purges logged an error.
    expect(logLines.filter((l) => l.level >= 50)).toEqual([]);
  });
});

describe('with one SLACK_BOT_TOKEN', () => {
  // Members of two workspaces on one token, as in an Enterprise Grid.
  const ALICE: User = { teamId: 'T0ALPHA', userId: 'U0ALICE' };
  const DAN: User = { teamId: 'T0DELTA', userId: 'U0DAN' };
  const GONE: User = { teamId: 'T0DELTA', userId: 'U0GONE' };
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
    for (const [user, name] of [
      [ALICE, 'Ada Lovelace'],
      [DAN, 'Grace Hopper'],
      [GONE, 'Barbara Liskov'],
    ] as const)
      await addContact(h, user, name, { cadence: 'biweekly' });
    await seedEverything(h, DAN);
    await seedEverything(h, GONE);
  });
  afterAll(() => h.stop());

  test('app_uninstalled stops the worker for that workspace; a request from it after a reinstall resumes it', async () => {
    h.setNow('2026-03-13T12:00:00Z');
    await send(h, ALICE.teamId, APP_UNINSTALLED, markedUninstalled(h, ALICE.teamId));
    expect(await h.tick('2026-03-16T09:00:00Z')).toMatchObject({ planned: 2, sent: 2 });
    expect(digestPosts(h, ALICE.userId)).toHaveLength(0);

    // Slack sends nothing from a workspace that removed the app: a command means it is back.
    const asked = preciseNow();
    expect((await h.driver.slashCommand(ALICE, 'due')).status).toBe(200);
    await reply(h, /Ada Lovelace/, asked);
    expect(await h.tick('2026-03-17T09:00:00Z')).toMatchObject({ planned: 3, sent: 3 });
    expect(digestPosts(h, ALICE.userId)).toHaveLength(1);
  });

  test("a member Slack reports gone: their digests stop, their data stays through day 29 and is gone after day 30's tick; others keep theirs", async () => {
    h.emulator.setUser(GONE.userId, { deleted: true });
    // Slack still accepts posts into a deactivated member's DM: the worker learns the account is gone
    // when it opens the DM again, a week after it last did. Here that week has passed.
    await h.database.pool.query(
      `UPDATE members SET dm_channel_opened_on = dm_channel_opened_on - 7 WHERE user_id = $1`,
      [GONE.userId],
    );
    expect(await h.tick('2026-03-18T09:00:00Z')).toMatchObject({ planned: 3, sent: 2, failed: 1 });
    const stopped = await h.database.pool.query(
      'SELECT digests_stopped_reason AS reason FROM members WHERE user_id = $1',
      [GONE.userId],
    );
    expect(stopped.rows[0].reason).toBe('slack refused: account_inactive');

    await h.tick('2026-04-16T12:00:00Z');
    await clickedJustNow(h, GONE);
    await clickedJustNow(h, DAN);
    const kept = await rowsOf(h, GONE);
    expect(Object.entries(kept).filter(([, n]) => n === 0)).toEqual([]);
    const dan = await rowsOf(h, DAN);

    await h.tick('2026-04-17T10:00:00Z');
    const purged = await rowsOf(h, GONE);
    expect(Object.keys(purged)).toEqual(
      expect.arrayContaining(['members', 'contacts', 'touches', 'asks', 'calendar_feeds']),
    );
    expect(Object.entries(purged).filter(([, n]) => n > 0)).toEqual([]);
    const danAfter = await rowsOf(h, DAN);
    // The digest sent meanwhile, and its record of the contact it carried (nudge fatigue).
    expect(danAfter.digest_carried).toBe((dan.digest_carried ?? 0) + 1);
    expect({ ...danAfter, digests: 0, digest_carried: 0 }).toEqual({ ...dan, digests: 0, digest_carried: 0 });
    expect(danAfter.digests).toBe((dan.digests ?? 0) + 1);
    expect((await rowsOf(h, ALICE)).contacts).toBe(1);
  });

  test("TOUCHBASE_RETENTION_DAYS sets the period: with 1, an uninstalled workspace's data goes after a day", async () => {
    const worker = workerDeps({
      config: { ...h.config, retentionDays: 1 },
      db: h.database.pool,
      logger: silentLogger,
      clock: h.clock,
      registry: new Registry(),
    });
    h.setNow('2026-04-20T12:00:00Z');
    await send(h, ALICE.teamId, APP_UNINSTALLED, markedUninstalled(h, ALICE.teamId));
    h.setNow('2026-04-21T11:00:00Z');
    await runTick(worker);
    expect((await rowsOf(h, ALICE)).contacts).toBe(1);
    h.setNow('2026-04-21T13:00:00Z');
    await runTick(worker);
    expect(Object.entries(await rowsOf(h, { teamId: ALICE.teamId })).filter(([, n]) => n > 0)).toEqual([]);
    expect((await rowsOf(h, DAN)).contacts).toBe(1);
  });

  test("a digest being sent when the uninstall comes is cancelled once Slack refuses the token, so a reinstall never sends that day's", async () => {
    const dans = digestPosts(h, DAN.userId).length;
    // Slack is slow to open Dan's DM (a week since the worker last did), then refuses the token: the
    // workspace was uninstalled meanwhile.
    await h.database.pool.query(
      `UPDATE members SET dm_channel_opened_on = dm_channel_opened_on - 7 WHERE user_id = $1`,
      [DAN.userId],
    );
    h.emulator.delay('conversations.open', 1000);
    h.emulator.failNext('conversations.open', { error: 'token_revoked' });
    const ticking = h.tick('2026-04-22T09:00:00Z');
    const sending = async () =>
      (await digestsOf(h, DAN)).some((d) => d.day === '2026-04-22' && d.state === 'sending');
    for (let waited = 0; !(await sending()); waited += 20) {
      if (waited > 5000) throw new Error('the digest was never being sent');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await send(h, DAN.teamId, APP_UNINSTALLED, markedUninstalled(h, DAN.teamId));
    expect(await ticking).toMatchObject({ planned: 1, paused: 1, sent: 0 });
    h.emulator.delay('conversations.open', 0);
    expect((await digestsOf(h, DAN)).at(-1)).toEqual({
      day: '2026-04-22',
      state: 'failed',
      last_error: expect.stringMatching(/^cancelled: /),
    });

    // Reinstalled the same day: Dan's next digest is the next day's, never the old one.
    const asked = preciseNow();
    expect((await h.driver.slashCommand(DAN, 'due')).status).toBe(200);
    await reply(h, /Grace Hopper/, asked);
    expect(await h.tick('2026-04-22T09:30:00Z')).toMatchObject({ planned: 0, sent: 0 });
    expect(await h.tick('2026-04-23T09:00:00Z')).toMatchObject({ planned: 1, sent: 1 });
    expect(digestPosts(h, DAN.userId)).toHaveLength(dans + 1);
  });
});
