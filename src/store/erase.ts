import type { Contact } from './contacts';
import { lockContact } from './contacts';
import type { Sql } from './db';
import { EVERY_DIGEST_DAY } from './digest-days';
import type { MemberRef } from './members';

const OWNED_BY = 'team_id = $1::text AND user_id = $2::text';

/**
 * Contacts erased per statement. Each statement stays well inside the web pool's 1.5 s statement
 * limit: 2,000 contacts with their touches (5 each on average at 100,000 touches) cost about a tenth
 * of it, measured on PostgreSQL 15 (bench figures in the README's "Your data").
 */
const CONTACT_BATCH = 2000;

/** What erasing a member removed, for the confirmation. */
export interface Erased {
  contacts: number;
  touches: number;
}

/**
 * Deletes every row of the member's, in the caller's transaction: their digests, idempotency keys, calendar feeds,
 * introductions, trips and trip plans, nudge-fatigue records, reminders, scheduled calls, asks, transitions, dates,
 * touches and their day counts, contacts,
 * imports and column maps, and the member row with their settings. Children go before their parents, a batch of
 * contacts at a time, so each statement is short and every cascade a foreign key still runs finds
 * its rows through an index (migration 020). The member row is locked early: a write of theirs
 * running meanwhile (each touches the member row, through next_item_on or a foreign key) finishes
 * before, or waits and then fails, finding no member; anything it added to a table with a foreign
 * key to the member goes with the member row at the end.
 */
export async function eraseMember(tx: Sql, member: MemberRef): Promise<Erased> {
  const who = [member.teamId, member.userId];
  // Digests before the member row, the order in which the worker and the digest's buttons lock them
  // (a digest, then its member through next_item_on), so the erase never deadlocks with them.
  await tx.query(`DELETE FROM digests WHERE local_date = ANY (${EVERY_DIGEST_DAY}) AND ${OWNED_BY}`, who);
  await tx.query(`SELECT 1 FROM members WHERE ${OWNED_BY} FOR UPDATE`, who);
  await tx.query(`DELETE FROM idempotency_keys WHERE ${OWNED_BY}`, who);
  await tx.query(`DELETE FROM calendar_feeds WHERE ${OWNED_BY}`, who);
  await tx.query(`DELETE FROM introductions WHERE ${OWNED_BY}`, who);
  // trip_contacts follow their trips (ON DELETE CASCADE, through its primary key's trip_id).
  await tx.query(`DELETE FROM trips WHERE ${OWNED_BY}`, who);
  // Nudge fatigue's digest records and answers, by the member's key (their contacts' cascade would
  // find them one contact at a time).
  await tx.query(`DELETE FROM digest_carried WHERE ${OWNED_BY}`, who);
  await tx.query(`DELETE FROM contact_fatigue WHERE ${OWNED_BY}`, who);
  await tx.query(`DELETE FROM reminders WHERE ${OWNED_BY}`, who);
  await tx.query(`DELETE FROM scheduled_calls WHERE ${OWNED_BY}`, who);
  const { rows } = await tx.query<{ id: string }>(`SELECT id FROM contacts WHERE ${OWNED_BY}`, who);
  const ids = rows.map((r) => r.id);
  let touches = 0;
  for (let i = 0; i < ids.length; i += CONTACT_BATCH) {
    const batch = [...who, ids.slice(i, i + CONTACT_BATCH)];
    const among = `${OWNED_BY} AND contact_id = ANY ($3::bigint[])`;
    await tx.query(`DELETE FROM asks WHERE ${among}`, batch);
    await tx.query(`DELETE FROM transitions WHERE ${among}`, batch);
    await tx.query(`DELETE FROM contact_dates WHERE ${among}`, batch);
    touches += (await tx.query(`DELETE FROM touches WHERE ${among}`, batch)).rowCount ?? 0;
    await tx.query(`DELETE FROM contacts WHERE ${OWNED_BY} AND id = ANY ($3::bigint[])`, batch);
  }
  await tx.query(`DELETE FROM imports WHERE ${OWNED_BY}`, who);
  await tx.query(`DELETE FROM import_column_maps WHERE ${OWNED_BY}`, who);
  // What the touches' and contacts' triggers left of their counts (all zero by now).
  await tx.query(`DELETE FROM touch_days WHERE ${OWNED_BY}`, who);
  await tx.query(`DELETE FROM member_networks WHERE ${OWNED_BY}`, who);
  await tx.query(`DELETE FROM members WHERE ${OWNED_BY}`, who);
  return { contacts: ids.length, touches };
}

/**
 * Deletes one of the member's contacts for good, with everything that names them: their touches
 * (and the asks recorded with those), transitions, trip plans and the introductions they were
 * either side of (foreign keys, ON DELETE CASCADE). Null when the member has no such contact.
 */
export async function deleteContact(
  tx: Sql,
  member: MemberRef,
  id: number,
): Promise<{ contact: Contact; touches: number } | null> {
  const contact = await lockContact(tx, member, id);
  if (!contact) return null;
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM touches WHERE ${OWNED_BY} AND contact_id = $3::bigint`,
    [member.teamId, member.userId, id],
  );
  await tx.query(`DELETE FROM contacts WHERE ${OWNED_BY} AND id = $3::bigint`, [
    member.teamId,
    member.userId,
    id,
  ]);
  return { contact, touches: rows[0]?.n ?? 0 };
}
