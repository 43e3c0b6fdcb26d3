import cron from 'node-cron';
import type { Logger } from '../logger';
import { runTick, type WorkerDeps } from './tick';

/**
 * Runs a tick every minute. `noOverlap` skips a minute while the previous tick still runs;
 * correctness across processes comes from PostgreSQL (unique digests, SKIP LOCKED), not from here.
 */
export function startScheduler(deps: WorkerDeps, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const task = cron.schedule(
    '* * * * *',
    () => {
      running = runTick(deps).catch((err: unknown) =>
        logger.error({ err }, 'reminder tick failed; the next tick tries again'),
      );
      return running;
    },
    { name: 'touchbase-reminders', noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
