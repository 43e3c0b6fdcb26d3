import type { Sql } from './db';
import type { MemberRef } from './members';

export interface StoredKey {
  state: 'pending' | 'done';
  answer: unknown;
}

/**
 * Claims the member's key as 'pending': true when this request is the first (or takes over a
 * pending claim made before `staleBefore`, whose request died without finishing), false when
 * another request holds or completed it.
 */
export async function claimKey(
  db: Sql,
  member: MemberRef,
  key: string,
  now: Date,
  staleBefore: Date,
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO idempotency_keys AS k (team_id, user_id, key, state, created_at)
     VALUES ($1, $2, $3, 'pending', $4)
     ON CONFLICT (team_id, user_id, key) DO UPDATE SET created_at = EXCLUDED.created_at
       WHERE k.state = 'pending' AND k.created_at < $5`,
    [member.teamId, member.userId, key, now, staleBefore],
  );
  return result.rowCount === 1;
}

export async function findKey(db: Sql, member: MemberRef, key: string): Promise<StoredKey | null> {
  const { rows } = await db.query<StoredKey>(
    `SELECT state, answer FROM idempotency_keys WHERE team_id = $1 AND user_id = $2 AND key = $3`,
    [member.teamId, member.userId, key],
  );
  return rows[0] ?? null;
}

/** The write is stored: the key keeps what the request answered, for its repeats. */
export async function completeKey(db: Sql, member: MemberRef, key: string, answer: unknown): Promise<void> {
  await db.query(
    `UPDATE idempotency_keys SET state = 'done', answer = $4::jsonb
     WHERE team_id = $1 AND user_id = $2 AND key = $3`,
    [member.teamId, member.userId, key, JSON.stringify(answer)],
  );
}

/** Nothing was written (a failure, or a form sent back with errors): a later request may run. */
export async function releaseKey(db: Sql, member: MemberRef, key: string): Promise<void> {
  await db.query(
    `DELETE FROM idempotency_keys WHERE team_id = $1 AND user_id = $2 AND key = $3 AND state = 'pending'`,
    [member.teamId, member.userId, key],
  );
}

/** Forgets keys claimed before `before`, across all members (the worker's housekeeping). */
export async function purgeKeys(db: Sql, before: Date): Promise<number> {
  const result = await db.query(`DELETE FROM idempotency_keys WHERE created_at < $1`, [before]);
  return result.rowCount ?? 0;
}
