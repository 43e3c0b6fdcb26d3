import cron from 'node-cron';
import type { Logger } from '../logger';
import { runTick, type WorkerDeps } from './tick';

/**
 * Runs a tick at once, then every minute. The first tick does not wait for the next minute, so a
 * restarted worker delays no digest and shows straight away (its logs, the digests it sends) that
 * it reaches PostgreSQL and Slack. A minute that comes while a tick still runs is skipped;
 * correctness across processes comes from PostgreSQL (unique digests, SKIP LOCKED), not from here.
 */
export function startScheduler(deps: WorkerDeps, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= runTick(deps)
      .catch((err: unknown) => logger.error({ err }, 'reminder tick failed; the next tick tries again'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const task = cron.schedule('* * * * *', tick, { name: 'touchbase-reminders' });
  void tick();
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
