import { purgeDeliveries, recordDelivery } from '../store/deliveries';
import type { UseCaseDeps } from './deps';

/** Delivery ids are Slack's own (about 10 to 60 characters); a longer one is cut, never refused. */
export const DELIVERY_ID_MAX = 200;

/** How long a delivery id is remembered: far beyond Slack's retries (minutes) and redeliveries. */
const REMEMBER_MS = 24 * 60 * 60_000;

/**
 * True the first time a Slack delivery id (an event's `event_id`, a Socket Mode `envelope_id`) is
 * seen, false for a retry or redelivery of it, which must then be acknowledged and not processed.
 */
export async function firstDelivery(deps: UseCaseDeps, deliveryId: string): Promise<boolean> {
  return recordDelivery(deps.db, deliveryId.slice(0, DELIVERY_ID_MAX), deps.clock.now());
}

/** The worker's tick forgets delivery ids older than a day. */
export async function forgetOldDeliveries(deps: UseCaseDeps): Promise<number> {
  return purgeDeliveries(deps.db, new Date(deps.clock.now().getTime() - REMEMBER_MS));
}
