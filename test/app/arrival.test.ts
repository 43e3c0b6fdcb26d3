import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, reply } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const NEWCOMER = { teamId: ALICE.teamId, userId: 'U0NEWCOMER' };

/** The member's row version: it changes whenever the row is written, even to the same values. */
async function rowVersion(member: { teamId: string; userId: string }): Promise<string | undefined> {
  const { rows } = await h.database.pool.query<{ version: string }>(
    'SELECT xmin::text AS version FROM members WHERE team_id = $1 AND user_id = $2',
    [member.teamId, member.userId],
  );
  return rows[0]?.version;
}

test("a newcomer is recorded with Slack's time zone; their next requests read their row without writing it or asking Slack again", async () => {
  h.emulator.setUser(NEWCOMER.userId, { tz: 'Europe/Lisbon' });
  let asked = preciseNow();
  expect((await h.driver.slashCommand(NEWCOMER, 'list')).status).toBe(200);
  await reply(h, /./, asked);
  const recorded = await h.database.pool.query(
    'SELECT tz, tz_from_slack AS "fromSlack" FROM members WHERE team_id = $1 AND user_id = $2',
    [NEWCOMER.teamId, NEWCOMER.userId],
  );
  expect(recorded.rows).toEqual([{ tz: 'Europe/Lisbon', fromSlack: true }]);

  const version = await rowVersion(NEWCOMER);
  const lookups = h.emulator.callsTo('users.info').length;
  for (const text of ['due', 'list', 'list ada']) {
    asked = preciseNow();
    expect((await h.driver.slashCommand(NEWCOMER, text)).status).toBe(200);
    await reply(h, /./, asked);
  }
  expect(await rowVersion(NEWCOMER)).toBe(version);
  expect(h.emulator.callsTo('users.info')).toHaveLength(lookups);
});
