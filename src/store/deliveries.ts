import { type Db, prepared } from './db';

/**
 * The statement that records a delivery by its id, or nothing when it was recorded before; its id
 * and time are the parameters named. Also run inside memberOnDelivery's (src/store/members.ts).
 *
 * Its transaction commits without waiting for the disk (synchronous_commit off, for this transaction
 * only): every command, click and event records one, and a commit that waits on a flush held the
 * member's answer for as long as the disk took, up to 0.7 s while a checkpoint was writing. What
 * that risks: should PostgreSQL itself crash, the last fraction of a second of records can be lost,
 * and only a redelivery of one of those would then be taken in twice. Everything a member asks to
 * keep is written in transactions of its own, which still wait for the disk. So the statement must
 * run as a transaction of its own, on the pool, never inside a use case's transaction (`Db`, not
 * `Sql`, in the functions that run it).
 */
export const insertDelivery = (idParam: string, atParam: string) =>
  `INSERT INTO slack_deliveries (delivery_id, received_at)
   SELECT ${idParam}::text, ${atParam}::timestamptz
   FROM (SELECT set_config('synchronous_commit', 'off', true)) AS commit_without_flush
   ON CONFLICT (delivery_id) DO NOTHING`;

/** Records a Slack delivery by its id; false when it was already recorded (a retry or a redelivery). */
export async function recordDelivery(db: Db, deliveryId: string, now: Date): Promise<boolean> {
  const result = await db.query(prepared('record_delivery', insertDelivery('$1', '$2'), [deliveryId, now]));
  return result.rowCount === 1;
}

/** Forgets deliveries received before `before`; Slack stopped retrying them long ago. */
export async function purgeDeliveries(db: Db, before: Date): Promise<number> {
  const result = await db.query(`DELETE FROM slack_deliveries WHERE received_at < $1`, [before]);
  return result.rowCount ?? 0;
}
