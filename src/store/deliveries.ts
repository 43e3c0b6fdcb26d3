import { prepared, type Sql } from './db';

/**
 * The statement that records a delivery by its id, or nothing when it was recorded before; its id
 * and time are the parameters named. Also run inside memberOnDelivery's (src/store/members.ts).
 */
export const insertDelivery = (idParam: string, atParam: string) =>
  `INSERT INTO slack_deliveries (delivery_id, received_at) VALUES (${idParam}::text, ${atParam}::timestamptz)
   ON CONFLICT (delivery_id) DO NOTHING`;

/** Records a Slack delivery by its id; false when it was already recorded (a retry or a redelivery). */
export async function recordDelivery(db: Sql, deliveryId: string, now: Date): Promise<boolean> {
  const result = await db.query(prepared('record_delivery', insertDelivery('$1', '$2'), [deliveryId, now]));
  return result.rowCount === 1;
}

/** Forgets deliveries received before `before`; Slack stopped retrying them long ago. */
export async function purgeDeliveries(db: Sql, before: Date): Promise<number> {
  const result = await db.query(`DELETE FROM slack_deliveries WHERE received_at < $1`, [before]);
  return result.rowCount ?? 0;
}
