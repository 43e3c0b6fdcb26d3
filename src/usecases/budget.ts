import { levelCheckIns } from '../domain/budget';
import { localDate } from '../domain/dates';
import { nextDueOn } from '../domain/schedule';
import { contactsToLevel, lockLevelingState, markLeveled, membersToLevel, setLevels } from '../store/budget';
import { inTransaction, type Sql } from '../store/db';
import type { MemberRef } from '../store/members';
import type { UseCaseDeps } from './deps';

/**
 * Inside a use case's transaction: levels the member's check-ins to their weekly budget (the most
 * urgent first, the rest moved to later weeks), or puts every moved one back when they have no
 * budget. Costs one member read when there is no budget and nothing was ever moved; otherwise
 * O(the member's contacts). Called after whatever changes what comes due: the budget itself, a
 * touch, a triage sort; and daily by the worker.
 */
export async function levelSchedule(tx: Sql, member: MemberRef, now: Date): Promise<void> {
  const state = await lockLevelingState(tx, member);
  if (!state || (state.weeklyBudget === null && state.leveledOn === null)) return;
  const today = localDate(now, state.tz);
  const rows = await contactsToLevel(tx, member, state.weeklyBudget !== null);
  const levels =
    state.weeklyBudget === null
      ? new Map<number, null>()
      : levelCheckIns(rows, { budget: state.weeklyBudget, today, workDays: state.workDays });
  // Only moves change a due date: a contact leveling leaves where it is keeps the date it has. A
  // move is written again when the due date no longer follows it (a touch recomputed the date).
  const changes = rows.flatMap((r) => {
    const leveledTo = levels.get(r.id) ?? null;
    const due = nextDueOn({ ...r, leveledTo });
    if (leveledTo === r.leveledTo && (leveledTo === null || due === r.nextDueOn)) return [];
    return [{ id: r.id, leveledTo, nextDueOn: due }];
  });
  await setLevels(tx, member, changes, now);
  await markLeveled(tx, member, state.weeklyBudget === null ? null : today);
}

/** Members the worker levels per tick at most; the rest wait a minute for the next tick. */
const LEVEL_BATCH = 500;

/**
 * The worker's daily pass: levels each member with a budget once on each of their local days, before
 * their digest is planned, so a new week starts with the most overdue check-ins. Each member in a
 * transaction of their own; one who fails is logged and left for the next tick, and never holds up
 * the others or the digests. Answers how many were leveled.
 */
export async function levelBudgetedMembers(deps: UseCaseDeps): Promise<number> {
  const now = deps.clock.now();
  let leveled = 0;
  for (const member of await membersToLevel(deps.db, now, LEVEL_BATCH)) {
    try {
      await inTransaction(deps.db, (tx) => levelSchedule(tx, member, now));
      leveled++;
    } catch (err) {
      deps.logger.error({ err, userId: member.userId }, 'leveling the weekly budget failed');
    }
  }
  return leveled;
}
