import { prepared, type Sql } from './db';

/** Records a Slack delivery by its id; false when it was already recorded (a retry or a redelivery). */
export async function recordDelivery(db: Sql, deliveryId: string, now: Date): Promise<boolean> {
  const result = await db.query(
    prepared(
      'record_delivery',
      `INSERT INTO slack_deliveries (delivery_id, received_at) VALUES ($1::text, $2::timestamptz)
       ON CONFLICT (delivery_id) DO NOTHING`,
      [deliveryId, now],
    ),
  );
  return result.rowCount === 1;
}

/** Forgets deliveries received before `before`; Slack stopped retrying them long ago. */
export async function purgeDeliveries(db: Sql, before: Date): Promise<number> {
  const result = await db.query(`DELETE FROM slack_deliveries WHERE received_at < $1`, [before]);
  return result.rowCount ?? 0;
}
