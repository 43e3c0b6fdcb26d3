import { type Db, inTransaction } from './db';

/**
 * Recomputes every member's `next_item_on` (the earliest day anything of theirs comes due, which
 * the reminder planner reads) from their contacts, asks, introductions, trips and reminders, and returns how
 * many members' values changed. Triggers keep it exact on every write (migration 009); this is for
 * after a bulk load that ran with triggers off (session_replication_role = replica), and as an
 * operator's repair. One set-based UPDATE through the same `member_next_item_on` the triggers use,
 * rewriting only the members whose value changes. The members are locked first, as the triggers
 * lock them, so a member's items written at the same moment are never computed from a snapshot
 * that misses them.
 */
export async function refreshNextItems(db: Db): Promise<number> {
  return inTransaction(db, async (tx) => {
    await tx.query(
      'SELECT count(*) FROM (SELECT 1 FROM members ORDER BY team_id, user_id FOR NO KEY UPDATE) locked',
    );
    const { rowCount } = await tx.query(
      `UPDATE members m SET next_item_on = x.next_on
       FROM (SELECT team_id, user_id, member_next_item_on(team_id, user_id) AS next_on FROM members) x
       WHERE m.team_id = x.team_id AND m.user_id = x.user_id AND m.next_item_on IS DISTINCT FROM x.next_on`,
    );
    return rowCount ?? 0;
  });
}
