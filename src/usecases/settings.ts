import { inTransaction } from '../store/db';
import {
  isKnownTimeZone,
  type Member,
  type MemberRef,
  type MemberSettings,
  updateMemberSettings,
} from '../store/members';
import { levelSchedule } from './budget';
import type { UseCaseDeps } from './deps';

/** Whether reminders can be planned in this zone: the planner works out local times in PostgreSQL. */
export async function canPlanIn(deps: UseCaseDeps, tz: string): Promise<boolean> {
  return isKnownTimeZone(deps.db, tz);
}

/** Stores the member's reminder settings; they apply from the next reminder check. */
export async function saveSettings(
  deps: UseCaseDeps,
  member: MemberRef,
  settings: MemberSettings,
): Promise<Member | null> {
  const saved = await inTransaction(deps.db, async (tx) => {
    const updated = await updateMemberSettings(tx, member, settings);
    // A new budget, or new work days, change which week each check-in comes in.
    if (updated) await levelSchedule(tx, member, deps.clock.now());
    return updated;
  });
  if (saved) deps.logger.info({ userId: saved.userId }, 'reminder settings saved');
  return saved;
}
