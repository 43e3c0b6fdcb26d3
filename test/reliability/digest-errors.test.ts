import type { Installation } from '@slack/bolt';
import { Registry } from 'prom-client';
import { preciseNow } from '../../src/dev/slack-emulator';
import { installationStore } from '../../src/store/installations';
import { workerDeps } from '../../src/worker/deps';
import { runTick } from '../../src/worker/tick';
import { silentLogger } from '../support/database';
import { addContact, digestPosts, reply, type User } from '../support/flows';
import { type Harness, OAUTH, startHarness } from '../support/harness';

const TOKEN_ROTATION: User[] = ['U0PAUSE1', 'U0PAUSE2', 'U0PAUSE3'].map((userId) => ({
  teamId: 'T0ALPHA',
  userId,
}));
const LEFT: User = { teamId: 'T0ALPHA', userId: 'U0LEFT' };
const STAYS: User = { teamId: 'T0ALPHA', userId: 'U0STAYS' };
const UNKNOWN: User = { teamId: 'T0ALPHA', userId: 'U0UNKNOWN' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  for (const [i, member] of TOKEN_ROTATION.entries())
    await addContact(h, member, `Rotation ${i}`, { cadence: 'biweekly' });
  await addContact(h, LEFT, 'Linus', { cadence: 'biweekly' });
  await addContact(h, STAYS, 'Margaret', { cadence: 'biweekly' });
  await addContact(h, UNKNOWN, 'Barbara', { cadence: 'biweekly' });
  // Monday 16 March: the three of the token test; Tuesday 17: the member who left and one who
  // stays; Monday 23: the member Slack does not know.
  await h.database.pool.query(
    `UPDATE contacts SET next_due_on = '2026-03-17' WHERE name IN ('Linus', 'Margaret');
     UPDATE contacts SET next_due_on = '2026-03-23' WHERE name = 'Barbara';`,
  );
});
afterAll(() => h.stop());

const digestRows = async (users: User[]) =>
  (
    await h.database.pool.query(
      `SELECT user_id, state, attempts, last_error FROM digests WHERE user_id = ANY($1) ORDER BY user_id, local_date`,
      [users.map((u) => u.userId)],
    )
  ).rows;

const memberStop = async (u: User) =>
  (
    await h.database.pool.query(
      'SELECT digests_stopped_reason AS reason FROM members WHERE team_id = $1 AND user_id = $2',
      [u.teamId, u.userId],
    )
  ).rows[0]?.reason;

test('invalid_auth (a token being rotated) fails no digest: the workspace waits, then each member gets theirs once', async () => {
  // The dead token is refused on every call; the three digests are sent at once, so each is refused.
  h.emulator.failNext('conversations.open', { error: 'invalid_auth' }, 3);
  const first = await h.tick('2026-03-16T09:00:00Z');
  expect(first).toMatchObject({ planned: 3, sent: 0, failed: 0, retried: 0, paused: 3 });
  expect(await digestRows(TOKEN_ROTATION)).toEqual(
    TOKEN_ROTATION.map((u) => expect.objectContaining({ user_id: u.userId, state: 'pending' })),
  );
  // The refusal paused the workspace: no call goes to Slack with the dead token until the retry time.
  expect(h.emulator.callsTo('conversations.open')).toHaveLength(3);

  const meanwhile = await h.tick('2026-03-16T09:05:00Z');
  expect(meanwhile).toMatchObject({ sent: 0, failed: 0, paused: 0 });
  expect(h.emulator.callsTo('conversations.open')).toHaveLength(3);

  const later = await h.tick('2026-03-16T09:11:00Z');
  expect(later).toMatchObject({ sent: 3, failed: 0, paused: 0 });
  for (const member of TOKEN_ROTATION) expect(digestPosts(h, member.userId)).toHaveLength(1);
  const { rows } = await h.database.pool.query('SELECT count(*)::int AS n FROM workspace_send_pauses');
  expect(rows[0].n).toBe(0);

  const metrics = await (await fetch(`${h.baseUrl}/metrics`)).text();
  expect(metrics).toMatch(/^touchbase_digests_paused_total 3$/m);
  expect(metrics).toMatch(/^touchbase_digests_failed_total 0$/m);
});

test('a member who was deactivated stops getting digests, others still get theirs, and using touchbase again resumes them', async () => {
  await h.database.pool.query(`UPDATE contacts SET next_due_on = '2027-01-01' WHERE name LIKE 'Rotation %'`);
  h.emulator.setUser(LEFT.userId, { deleted: true });
  const report = await h.tick('2026-03-17T09:00:00Z');
  expect(report).toMatchObject({ planned: 2, sent: 1, failed: 1, paused: 0 });
  expect(digestPosts(h, STAYS.userId)).toHaveLength(1);
  expect(digestPosts(h, LEFT.userId)).toHaveLength(0);
  expect(await digestRows([LEFT])).toEqual([
    expect.objectContaining({ state: 'failed', last_error: 'slack refused: account_inactive' }),
  ]);
  expect(await memberStop(LEFT)).toBe('slack refused: account_inactive');
  // account_inactive also names a dead token: auth.test said the token works, so it was the member.
  expect(h.emulator.callsTo('auth.test').filter((c) => c.ok)).not.toHaveLength(0);

  // Linus is still due on Wednesday: nothing is planned for a stopped member.
  const wednesday = await h.tick('2026-03-18T09:00:00Z');
  expect(wednesday).toMatchObject({ planned: 1, sent: 1 });
  expect(await digestRows([LEFT])).toHaveLength(1);

  // Back in the workspace, the member uses touchbase: their next digest comes.
  h.emulator.setUser(LEFT.userId, { deleted: false });
  const asked = preciseNow();
  expect((await h.driver.slashCommand(LEFT, 'due')).status).toBe(200);
  await reply(h, /./, asked);
  expect(await memberStop(LEFT)).toBeNull();
  await h.tick('2026-03-19T09:00:00Z');
  expect(digestPosts(h, LEFT.userId)).toHaveLength(1);
});

test("user_not_found stops that member's digests without touching the workspace", async () => {
  await h.database.pool.query(
    `UPDATE contacts SET next_due_on = '2027-01-01' WHERE name IN ('Linus', 'Margaret')`,
  );
  h.emulator.failNext('conversations.open', { error: 'user_not_found' });
  const report = await h.tick('2026-03-23T09:00:00Z');
  expect(report).toMatchObject({ planned: 1, sent: 0, failed: 1, paused: 0 });
  expect(await memberStop(UNKNOWN)).toBe('slack refused: user_not_found');
  const { rows } = await h.database.pool.query('SELECT count(*)::int AS n FROM workspace_send_pauses');
  expect(rows[0].n).toBe(0);
});

test('in a workspace installed through OAuth, a reinstall ends the pause at once', async () => {
  await h.database.pool.query(`UPDATE contacts SET next_due_on = '2027-01-01' WHERE name = 'Barbara'`);
  await h.database.pool.query(
    `INSERT INTO members (team_id, user_id, created_at) VALUES ('T0OAUTH', 'U0OAUTH', now());
     INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
     VALUES ('T0OAUTH', 'U0OAUTH', 'Edsger', 'biweekly', '2026-03-10', '2026-03-24', now(), now());`,
  );
  const installations = installationStore(h.database.pool, h.clock, OAUTH.keys);
  const install = (token: string) =>
    ({
      team: { id: 'T0OAUTH', name: 'OAuth workspace' },
      enterprise: undefined,
      bot: { id: 'B0OAUTH', userId: 'U0OAUTHBOT', token, scopes: ['chat:write'] },
      isEnterpriseInstall: false,
      tokenType: 'bot',
    }) as unknown as Installation;
  h.setNow('2026-03-20T12:00:00Z');
  await installations.storeInstallation(install('xoxb-revoked'));
  const worker = workerDeps({
    config: {
      ...h.config,
      slack: {
        ...h.config.slack,
        auth: OAUTH,
      },
    },
    db: h.database.pool,
    logger: silentLogger,
    clock: h.clock,
    registry: new Registry(),
  });

  h.emulator.failNext('conversations.open', { error: 'token_revoked' });
  h.setNow('2026-03-24T09:00:00Z');
  expect(await runTick(worker)).toMatchObject({ planned: 1, paused: 1, failed: 0 });
  h.setNow('2026-03-24T09:01:00Z');
  expect(await runTick(worker)).toMatchObject({ sent: 0, paused: 0 });
  expect(digestPosts(h, 'U0OAUTH')).toHaveLength(0);

  h.setNow('2026-03-24T09:02:00Z');
  await installations.storeInstallation(install('xoxb-reinstalled'));
  h.setNow('2026-03-24T09:02:30Z');
  expect(await runTick(worker)).toMatchObject({ sent: 1, failed: 0 });
  const posts = digestPosts(h, 'U0OAUTH');
  expect(posts.map((c) => c.token)).toEqual(['xoxb-reinstalled']);
});
