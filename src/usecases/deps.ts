import type { Clock } from '../clock';
import { type LocalDate, localDate } from '../domain/dates';
import type { Logger } from '../logger';
import type { Keyring } from '../secrets';
import type { Db } from '../store/db';

/** Whether an error means the database could not be reached or did not answer in time, so the member hears that plainly. */
export { isDatabaseUnavailable } from '../store/db';

/** What every use case needs, passed in plainly by whoever calls it (a listener, the worker, the sandbox). */
export interface UseCaseDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The keys OAuth installations are sealed with; absent with a single bot token (no installations). */
  installationKeys?: Keyring;
  /** Where members reach the web process from outside (TOUCHBASE_PUBLIC_URL): calendar feed links start with it. */
  publicUrl?: string;
}

/** The member's calendar date now, in their own time zone: the day every rule counts from. */
export function todayFor(deps: Pick<UseCaseDeps, 'clock'>, member: { tz: string }): LocalDate {
  return localDate(deps.clock.now(), member.tz);
}
