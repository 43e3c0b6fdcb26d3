import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Db } from '../store/db';

/** What every listener needs, passed in plainly when the app is wired. */
export interface Deps {
  db: Db;
  logger: Logger;
  clock: Clock;
}
