import { WEEK_PLAN_SHOWN, weekOf } from '../domain/budget';
import { addDays, type LocalDate } from '../domain/dates';
import { composeHome, type HomeModel } from '../domain/home';
import { weekPlanRows } from '../store/budget';
import { loadHomeInput } from '../store/home';
import { getMember, hasOpenedHome, type Member, type MemberRef, markHomeOpened } from '../store/members';
import { todayFor, type UseCaseDeps } from './deps';

/** The member's App Home as it stands now: only their own network. */
export async function homeOf(
  deps: UseCaseDeps,
  member: Member,
): Promise<{ home: HomeModel; today: LocalDate }> {
  const today = todayFor(deps, member);
  const input = await loadHomeInput(deps.db, member, today);
  if (member.weeklyBudget !== null) {
    const weekStart = weekOf(today);
    const plan = await weekPlanRows(deps.db, member, {
      weekStart,
      weekEnd: addDays(weekStart, 6),
      today,
      limit: WEEK_PLAN_SHOWN,
    });
    input.weekPlan = { budget: member.weeklyBudget, ...plan };
  }
  return { home: composeHome(input, today), today };
}

/** The member opened their Home tab: from then on, their changes keep it fresh. */
export async function openHome(
  deps: UseCaseDeps,
  member: Member,
): Promise<{ home: HomeModel; today: LocalDate }> {
  // The member as their request found them says whether this is the first time.
  if (!member.homeOpened) await markHomeOpened(deps.db, member, deps.clock.now());
  return homeOf(deps, member);
}

/**
 * The member whose Home is worth re-publishing after a change: one who has opened it (or who acted
 * from it); null otherwise.
 */
export async function homeToRefresh(
  deps: UseCaseDeps,
  ref: MemberRef,
  actedFromHome: boolean,
): Promise<Member | null> {
  if (!actedFromHome && !(await hasOpenedHome(deps.db, ref))) return null;
  return getMember(deps.db, ref);
}
