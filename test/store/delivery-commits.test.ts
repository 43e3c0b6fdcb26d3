import type { Db } from '../../src/store/db';
import { recordDelivery } from '../../src/store/deliveries';
import { memberOnDelivery } from '../../src/store/members';
import { createTestDatabase, type TestDatabase } from '../support/database';

/*
 * Every command, click and event records its delivery id, so those records commit without waiting
 * for the disk (src/store/deliveries.ts): a member's answer must not wait on a flush. That holds for
 * the record's own transaction only: whatever runs next on the same connection (a logged touch, an
 * edit) still waits for the disk before it is reported done.
 */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const NOW = new Date('2026-03-04T09:00:00Z');
const MEMBER = { teamId: 'T0DELIV', userId: 'U0DELIV' };

/** synchronous_commit on one connection, after `run` used it. */
async function settingAfter(
  run: (db: Db, nth: number) => Promise<unknown>,
): Promise<{ inside: string; after: string }> {
  const client = await database.pool.connect();
  try {
    // Inside a transaction, to see what the record's statement set for the transaction it runs in.
    await client.query('BEGIN');
    await run(client as unknown as Db, 1);
    const inside = (
      await client.query<{ s: string }>('SELECT current_setting($1) AS s', ['synchronous_commit'])
    ).rows[0]?.s;
    await client.query('COMMIT');
    // Then as the pool runs it: a transaction of its own, and the next statement on that connection.
    await run(client as unknown as Db, 2);
    const after = (
      await client.query<{ s: string }>('SELECT current_setting($1) AS s', ['synchronous_commit'])
    ).rows[0]?.s;
    return { inside: inside ?? '', after: after ?? '' };
  } finally {
    client.release();
  }
}

test('a delivery record commits without waiting for the disk, and the next transaction waits again', async () => {
  const setting = await settingAfter((db, nth) => recordDelivery(db, `event:Ev${nth}`, NOW));
  expect(setting).toEqual({ inside: 'off', after: 'on' });
});

test("a command's delivery, read with its member, commits the same way", async () => {
  const setting = await settingAfter((db, nth) => memberOnDelivery(db, MEMBER, `command:${nth}`, NOW));
  expect(setting).toEqual({ inside: 'off', after: 'on' });
});

test('a delivery is still taken in once: a repeat of its id is refused', async () => {
  expect(await recordDelivery(database.pool, 'event:EvREPEAT', NOW)).toBe(true);
  expect(await recordDelivery(database.pool, 'event:EvREPEAT', NOW)).toBe(false);
  expect((await memberOnDelivery(database.pool, MEMBER, 'command:again', NOW)).firstDelivery).toBe(true);
  expect((await memberOnDelivery(database.pool, MEMBER, 'command:again', NOW)).firstDelivery).toBe(false);
});
