import cron from 'node-cron';
import type { Logger } from '../logger';
import { nextLeaseEnd } from '../usecases/digests';
import { runTick, type WorkerDeps } from './tick';

/** A lease that runs out this soon after a tick gets a tick of its own instead of waiting for the minute. */
const LEASE_FOLLOW_UP_WITHIN_MS = 60_000;

/**
 * Runs a tick at once, then every minute. The first tick does not wait for the next minute, so a
 * restarted worker delays no digest and shows straight away (its logs, the digests it sends) that
 * it reaches PostgreSQL and Slack. Ticks never overlap: a minute that comes while a tick still runs
 * (a morning with more digests than one tick's budget sends) starts the next tick as soon as that one
 * ends, not a minute later; correctness across processes comes from PostgreSQL (unique digests,
 * SKIP LOCKED), not from here.
 * When a tick ends while digests are held by a lease (a sender that died mid-send holds them until
 * it runs out), one more tick runs just after it does, so they wait about a minute, not two.
 */
export function startScheduler(deps: WorkerDeps, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  let followUp: NodeJS.Timeout | undefined;
  let stopped = false;
  let missed = false;
  const tick = (): Promise<unknown> => {
    if (running) {
      missed = true;
      return running;
    }
    running = runTick(deps)
      .then(scheduleLeaseFollowUp)
      .catch((err: unknown) => logger.error({ err }, 'reminder tick failed; the next tick tries again'))
      .finally(() => {
        running = undefined;
        if (missed && !stopped) {
          missed = false;
          void tick();
        }
      });
    return running;
  };
  const scheduleLeaseFollowUp = async () => {
    const leaseEnd = await nextLeaseEnd(deps);
    if (!leaseEnd || stopped) return;
    const waitMs = Math.max(0, leaseEnd.getTime() - deps.clock.now().getTime()) + 1000;
    if (waitMs > LEASE_FOLLOW_UP_WITHIN_MS || followUp) return;
    followUp = setTimeout(() => {
      followUp = undefined;
      void tick();
    }, waitMs);
  };
  const task = cron.schedule('* * * * *', tick, { name: 'touchbase-reminders' });
  void tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(followUp);
      await task.stop();
      await running;
    },
  };
}
