import type { UseCaseDeps } from '../../src/usecases/deps';
import {
  claimBatch,
  composeClaimed,
  planDue,
  recordFailure,
  recordRetry,
  recordSent,
  renewLeases,
} from '../../src/usecases/digests';
import { LEASE_MS } from '../../src/worker/tick';
import { silentLogger } from '../support/database';
import { addContact, digestPosts, type User } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

const RECORDING_FAILS: User = { teamId: 'T0ALPHA', userId: 'U0RECORD' };
const TAKEN_OVER: User = { teamId: 'T0ALPHA', userId: 'U0TAKEN' };
const DELETES_CONTACT: User = { teamId: 'T0ALPHA', userId: 'U0DELETES' };

let h: Harness;
let deps: UseCaseDeps;
beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  deps = { db: h.database.pool, clock: h.clock, logger: silentLogger };
  await addContact(h, RECORDING_FAILS, 'Ada', { cadence: 'biweekly' });
  await addContact(h, TAKEN_OVER, 'Grace', { cadence: 'biweekly' });
  await addContact(h, DELETES_CONTACT, 'Linus', { cadence: 'biweekly' });
  await h.database.pool.query(`UPDATE contacts SET next_due_on = '2027-01-01' WHERE name = 'Linus'`);
  // Each test's member is the only one due on its day.
  await h.database.pool.query(`UPDATE contacts SET next_due_on = '2026-03-17' WHERE name = 'Grace'`);
});
afterAll(() => h.stop());

const digestRow = async (u: User) =>
  (
    await h.database.pool.query(
      `SELECT state, attempts, last_error, channel_id, message_ts FROM digests WHERE user_id = $1`,
      [u.userId],
    )
  ).rows[0];

test('a digest whose post reached Slack but whose bookkeeping failed is found in the DM and not posted again', async () => {
  // A real database error at the worst moment: Slack has the message, recording it fails.
  await h.database.pool.query(`
    CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'could not record the send (test)'; END $$;
    CREATE TRIGGER refuse_sent BEFORE UPDATE ON digests FOR EACH ROW
      WHEN (NEW.state = 'sent') EXECUTE FUNCTION refuse_sent();`);
  const first = await h.tick('2026-03-16T09:00:00Z');
  expect(first).toMatchObject({ sent: 0, retried: 1, failed: 0 });
  const posts = digestPosts(h, RECORDING_FAILS.userId);
  expect(posts).toHaveLength(1);
  expect(posts[0]?.args.metadata).toEqual({
    event_type: 'touchbase_digest',
    event_payload: { team_id: 'T0ALPHA', user_id: 'U0RECORD', local_date: '2026-03-16', attempt: 1 },
  });
  expect(await digestRow(RECORDING_FAILS)).toMatchObject({
    state: 'pending',
    attempts: 1,
    last_error: expect.stringContaining('could not record the send'),
  });

  await h.database.pool.query('DROP TRIGGER refuse_sent ON digests; DROP FUNCTION refuse_sent();');
  const second = await h.tick('2026-03-16T09:02:00Z');
  expect(second).toMatchObject({ sent: 0, reconciled: 1, retried: 0 });
  expect(digestPosts(h, RECORDING_FAILS.userId)).toHaveLength(1);
  const dm = h.emulator.dmChannelId(RECORDING_FAILS.userId);
  expect(await digestRow(RECORDING_FAILS)).toMatchObject({
    state: 'sent',
    channel_id: dm,
    message_ts: (posts[0]?.response as { ts?: string } | undefined)?.ts,
  });
  const history = h.emulator.callsTo('conversations.history');
  expect(history.map((c) => [c.args.channel, String(c.args.include_all_metadata)])).toEqual([[dm, 'true']]);

  await h.tick('2026-03-16T10:00:00Z');
  expect(digestPosts(h, RECORDING_FAILS.userId)).toHaveLength(1);
});

test("a stale sender's writes change nothing once another owns the digest, and a sent digest never goes back to pending", async () => {
  await h.database.pool.query(`UPDATE contacts SET next_due_on = '2027-01-01' WHERE name = 'Ada'`);
  h.setNow('2026-03-17T09:00:00Z');
  await planDue(deps);
  const [stale] = await claimBatch(deps, LEASE_MS, 10);
  if (!stale) throw new Error('nothing claimed');
  expect(stale).toMatchObject({ userId: TAKEN_OVER.userId, attempts: 1 });

  // The first sender stalls past its lease; another worker takes the digest over.
  h.setNow('2026-03-17T09:01:01Z');
  const [owner] = await claimBatch(deps, LEASE_MS, 10);
  if (!owner) throw new Error('the expired lease was not taken over');
  expect(owner).toMatchObject({ userId: TAKEN_OVER.userId, attempts: 2 });

  expect(await renewLeases(deps, [stale], LEASE_MS)).toBe(0);
  await recordRetry(deps, stale, new Date('2026-03-17T09:05:00Z'), 'slack http 500');
  expect(
    await recordSent(deps, stale, [], { channelId: 'D0STALE', ts: '1773738000.000100', dmOpened: true }),
  ).toBe(false);
  expect(await digestRow(TAKEN_OVER)).toMatchObject({ state: 'sending', attempts: 2, message_ts: null });

  expect(
    await recordSent(deps, owner, [], { channelId: 'D0OWNER', ts: '1773738061.000100', dmOpened: true }),
  ).toBe(true);
  // The stale sender wakes up and reports a failure: the digest stays sent, where the owner put it.
  await recordRetry(deps, stale, new Date('2026-03-17T09:05:00Z'), 'slack http 500');
  await recordFailure(deps, stale, 'slack refused: invalid_blocks');
  await recordRetry(deps, owner, new Date('2026-03-17T09:05:00Z'), 'slack http 500');
  expect(await digestRow(TAKEN_OVER)).toMatchObject({
    state: 'sent',
    attempts: 2,
    channel_id: 'D0OWNER',
    message_ts: '1773738061.000100',
    last_error: null,
  });
  expect(await claimBatch(deps, LEASE_MS, 10)).toEqual([]);
});

test('a digest whose contact was deleted while it was being posted is still recorded sent', async () => {
  await h.database.pool.query(
    `UPDATE contacts SET next_due_on = CASE WHEN name = 'Linus' THEN DATE '2026-03-18' ELSE DATE '2027-01-01' END`,
  );
  h.setNow('2026-03-18T09:00:00Z');
  await planDue(deps);
  const [claim] = await claimBatch(deps, LEASE_MS, 10);
  if (!claim) throw new Error('the digest was not claimed');
  expect(claim.userId).toBe(DELETES_CONTACT.userId);
  const composed = await composeClaimed(deps, claim);
  expect(composed?.items.map((i) => i.kind)).toEqual(['due']);
  // The member deletes Linus from their network while Slack is taking the digest about him.
  await h.database.pool.query(`DELETE FROM contacts WHERE name = 'Linus'`);
  const posted = { channelId: 'D0DELETES', ts: '1773824400.000100', dmOpened: true };
  expect(await recordSent(deps, claim, composed?.items ?? [], posted)).toBe(true);
  expect(await digestRow(DELETES_CONTACT)).toMatchObject({ state: 'sent', channel_id: 'D0DELETES' });
  const { rows } = await h.database.pool.query(
    'SELECT dm_channel_id FROM members WHERE team_id = $1 AND user_id = $2',
    [DELETES_CONTACT.teamId, DELETES_CONTACT.userId],
  );
  expect(rows[0]).toEqual({ dm_channel_id: 'D0DELETES' });
});
