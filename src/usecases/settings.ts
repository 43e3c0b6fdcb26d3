import {
  isKnownTimeZone,
  type Member,
  type MemberRef,
  type MemberSettings,
  updateMemberSettings,
} from '../store/members';
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
  const saved = await updateMemberSettings(deps.db, member, settings);
  if (saved) deps.logger.info({ userId: saved.userId }, 'reminder settings saved');
  return saved;
}
