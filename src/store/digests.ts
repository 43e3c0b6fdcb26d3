import type { LocalDate } from '../domain/dates';
import { addDays, addMonths } from '../domain/dates';
import {
  type ComposedDigest,
  DIGEST_ASKS_PER_PERSON,
  DIGEST_MAX_ITEMS,
  DIGEST_WAITING_COUNT_CAP,
  type DigestInput,
  type DigestItem,
  type ItemOutcome,
  type PendingFollowUp,
} from '../domain/digest';
import { firstFollowUpsDue, followUpsDueOf, touchHistories } from './asks';
import { datesComingBetween } from './contact-dates';
import { type Db, inTransaction, prepared, type Sql } from './db';
import { dueCandidates } from './due';
import { introFollowUpsDue } from './intros';
import type { MemberRef } from './members';
import { remindersDue } from './reminders';
import { callAsksDue } from './scheduled-calls';
import { tripPromptsDue } from './trips';
import { workspaceUninstalled } from './workspaces';

/** A digest is one member's on one local day: that is its key. */
export interface DigestKey extends MemberRef {
  localDate: LocalDate;
}

export interface Digest extends DigestKey {
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'empty';
  items: DigestItem[];
  moreCount: number;
  /** More than `moreCount` remain: the count of people with asks waiting stopped at its cap. */
  moreAtLeast: boolean;
  attempts: number;
  createdAt: Date;
  channelId: string | null;
  messageTs: string | null;
}

const DIGEST_COLUMNS = `d.team_id AS "teamId", d.user_id AS "userId", d.local_date::text AS "localDate", d.state,
  d.items, d.more_count AS "moreCount", d.more_at_least AS "moreAtLeast", d.attempts, d.created_at AS "createdAt", d.channel_id AS "channelId",
  d.message_ts AS "messageTs"`;

const BY_KEY = 'team_id = $1::text AND user_id = $2::text AND local_date = $3::date';
const keyParams = (key: DigestKey) => [key.teamId, key.userId, key.localDate];

/**
 * Members whose digest time has come and who have something due by their own local date: the rule
 * (a work day, at or after the digest hour, not paused; a digest missed at 09:00 still goes out later
 * that day; their workspace has not uninstalled touchbase), applied in SQL so that one statement
 * serves every member.
 * It reads members by `next_item_on` (kept exact by triggers, migration 009: the earliest day
 * anything of theirs comes due), never the contacts themselves. $2, the latest calendar date on
 * Earth at $1 (UTC+14), bounds the index range before a member's own date is known. The wall
 * clock is worked out once per member (OFFSET 0 keeps PostgreSQL from repeating it per use), and
 * read with date_part, whose float is cheaper than extract's numeric.
 */
const READY_MEMBERS = `ready AS (
    SELECT m.team_id, m.user_id, local.day AS local_date
    FROM members m
    CROSS JOIN LATERAL (SELECT $1::timestamptz AT TIME ZONE coalesce(m.tz_override, m.tz) AS at OFFSET 0) wall
    CROSS JOIN LATERAL (SELECT wall.at::date AS day) local
    WHERE m.next_item_on <= $2::date
      AND m.next_item_on <= local.day
      AND date_part('hour', wall.at) >= m.digest_hour
      AND date_part('isodow', wall.at)::smallint = ANY (m.work_days)
      AND (m.paused_until IS NULL OR m.paused_until < local.day)
      AND m.digests_stopped_at IS NULL
      AND NOT ${workspaceUninstalled('m.team_id')}
  )`;

/**
 * The ready members without a digest for their day yet. EXCEPT, rather than NOT EXISTS, because a
 * set operation reads each side once whatever the statistics say: as an anti-join, an empty or
 * freshly vacuumed digests table once made PostgreSQL rescan it for every member while the
 * statement filled it (10,000 members took 0.5 s instead of 0.05 s). The digests side is the
 * primary key's range over the dates current somewhere on Earth ($3 … $2), never older days.
 */
const TO_PLAN = `to_plan AS (
    SELECT team_id, user_id, local_date FROM ready
    EXCEPT
    SELECT team_id, user_id, local_date FROM digests WHERE local_date BETWEEN $3::date AND $2::date
  )`;

/**
 * Serialises planners: one plans while the others wait for it to commit, then claim what it
 * planned. Skipping instead left every other worker's tick with nothing to claim, idle until the
 * next minute, at the busiest minute of the morning.
 */
export const PLANNER_LOCK_KEY = 7_326_410_012;
/** Waiting longer for another's plan, a worker claims what is there; the next tick takes the rest. */
const PLANNER_WAIT_MS = 20_000;

/** The calendar dates current somewhere on Earth at `now`: from UTC-12 to UTC+14. */
function datesOnEarth(now: Date): { earliest: string; latest: string } {
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString().slice(0, 10);
  return { earliest: at(-12), latest: at(14) };
}

/**
 * Records one pending digest per member with something due whose digest time has come. A plain
 * INSERT of the members not yet planned for their day, under a transaction-scoped advisory lock,
 * costs a third of what ON CONFLICT DO NOTHING did (it writes a speculative-insertion record per
 * row); the primary key (local date, member) still stands behind it, so a re-run, or many workers
 * at once, changes nothing; a worker that finds another planning waits for that plan to commit
 * (planInProgress), so that its claims find it. `dueContacts` counts active contacts due by today's
 * date in UTC (an index-only count) for the gauge.
 */
export async function planDigests(db: Db, now: Date): Promise<{ dueContacts: number; planned: number }> {
  const outcome = await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ planning: boolean; dueContacts: number }>(
      `SELECT pg_try_advisory_xact_lock($1::bigint) AS planning,
              (SELECT count(*) FROM contacts WHERE archived_at IS NULL AND next_due_on <= $2::date)::int AS "dueContacts"`,
      [PLANNER_LOCK_KEY, now.toISOString().slice(0, 10)],
    );
    const dueContacts = rows[0]?.dueContacts ?? 0;
    if (!rows[0]?.planning) return { dueContacts, planned: 0, planning: false };
    // A statement of its own, so its snapshot includes what a planner before us committed.
    const { earliest, latest } = datesOnEarth(now);
    const planned = await tx.query(
      `WITH ${READY_MEMBERS}, ${TO_PLAN}
       INSERT INTO digests (team_id, user_id, local_date, next_attempt_at, created_at)
       SELECT team_id, user_id, local_date, $1::timestamptz, $1::timestamptz FROM to_plan
       -- In the key's order, which is also digests_to_send's: each index is written page after
       -- page instead of all over (about a third off the write of 100,000 digests).
       ORDER BY local_date, team_id, user_id`,
      [now, latest, earliest],
    );
    return { dueContacts, planned: planned.rowCount ?? 0, planning: true };
  });
  if (!outcome.planning) await planInProgress(db);
  return { dueContacts: outcome.dueContacts, planned: outcome.planned };
}

/** Waits (at most PLANNER_WAIT_MS) for the planner that holds the lock to commit. */
async function planInProgress(db: Db): Promise<void> {
  try {
    await inTransaction(db, async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = ${PLANNER_WAIT_MS}`);
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [PLANNER_LOCK_KEY]);
    });
  } catch (err) {
    // Still planning after the wait (55P03), or after the statement's own time limit (57014), should
    // a worker's be set shorter: this tick claims what is there.
    const code = (err as { code?: string }).code;
    if (code !== '55P03' && code !== '57014') throw err;
  }
}

/** What planDigests would record, changing nothing (for --dry-run). */
export async function previewDigests(db: Db, now: Date): Promise<DigestKey[]> {
  const { earliest, latest } = datesOnEarth(now);
  const { rows } = await db.query<DigestKey>(
    `WITH ${READY_MEMBERS}, ${TO_PLAN}
     SELECT team_id AS "teamId", user_id AS "userId", local_date::text AS "localDate"
     FROM to_plan
     ORDER BY 1, 2`,
    [now, latest, earliest],
  );
  return rows;
}

/**
 * A claimed digest, with whether its workspace's sends were paused when it was claimed, and the
 * member's DM channel as conversations.open last answered (null: not opened yet, or Slack lost it).
 */
export interface ClaimedDigest extends Digest {
  workspacePaused: boolean;
  dmChannelId: string | null;
}

/**
 * A workspace's sends are paused (its bot token was refused) until `retry_at`, or until its OAuth
 * installation is saved again after the pause (a reinstall brings a new token).
 */
const workspacePaused = (teamColumn: string) => `EXISTS (
    SELECT 1 FROM workspace_send_pauses p
    WHERE p.team_id = ${teamColumn} AND p.retry_at > $1::timestamptz
      AND NOT EXISTS (SELECT 1 FROM slack_installations i
                      WHERE i.install_key = 'T:' || p.team_id AND i.updated_at > p.paused_at)
  )`;

const READY_TO_SEND = `((digests.state = 'pending' AND digests.next_attempt_at <= $1::timestamptz)
           OR (digests.state = 'sending' AND digests.lease_until < $1::timestamptz))`;

/**
 * A kept DM channel is used for this many days after conversations.open gave it; then the DM is
 * opened again, which is also how Slack says a member's account is gone (a post into their DM
 * would still be accepted).
 */
const DM_CHANNEL_KEPT_DAYS = 7;

/**
 * Several senders may compete for the same candidates: each looks this many times its batch ahead,
 * so the rows another sender locked first are skipped rather than leaving this one empty-handed.
 */
const CANDIDATES_PER_CLAIM = 4;

/** The digests `digests_to_send` holds: waiting for their send, or being sent. */
const UNSENT = `digests.state IN ('pending', 'sending')`;

/**
 * A workspace's ready digests in the claim's order, read from digests_to_send, numbered from 1 in
 * that order (`turn`); `range` picks which. Digests due at the same instant (a morning's, planned
 * together) come in the index's order: ordering them by member as well would sort all of a
 * workspace's morning at every claim, where the index hands over its first few.
 */
const teamReadyInOrder = (teamColumn: string, range: string) =>
  `SELECT ready.*, row_number() OVER (ORDER BY ready.next_attempt_at) AS turn FROM (
     SELECT digests.user_id, digests.local_date, digests.next_attempt_at FROM digests
     WHERE digests.team_id = ${teamColumn} AND ${UNSENT} AND ${READY_TO_SEND}
     ORDER BY digests.next_attempt_at ${range}
   ) ready`;

/**
 * Claims up to `limit` digests ready to send: pending ones whose time has come, and ones whose
 * sender died mid-send (lease expired), except those of a paused or uninstalled workspace. Taken in
 * turns across workspaces (each workspace's oldest first, then each one's second, …), so one large
 * workspace, held to Slack's pace for it, never fills a batch while the others wait. SKIP LOCKED
 * lets many workers claim side by side, each row going to exactly one of them (the row is checked
 * again once locked); the lease keeps it theirs while they talk to Slack, and the attempt number
 * names their claim in every later write.
 *
 * The turns are read per workspace from `digests_to_send` (workspace, time): the workspaces
 * with unsent digests one index probe each, then as many of each one's first digests as the batch
 * can need (its candidates shared among the workspaces that have any ready). A claim reads about
 * its candidates and the workspaces, not every ready digest: ranking all of them took 0.6 s a claim
 * at 100,000 pending (bench:sweep at 5M).
 */
export async function claimDigests(
  db: Db,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<ClaimedDigest[]> {
  // Not a prepared statement: a generic plan, made without the batch size and the time, read the
  // whole of digests for each claim (780 ms for 1,000 with a week of sent digests, against 20 ms).
  const { rows } = await db.query<ClaimedDigest>(
    `WITH RECURSIVE unsent_teams AS (
       (SELECT digests.team_id FROM digests WHERE ${UNSENT} ORDER BY digests.team_id LIMIT 1)
       UNION ALL
       SELECT (SELECT digests.team_id FROM digests
               WHERE ${UNSENT} AND digests.team_id > t.team_id
               ORDER BY digests.team_id LIMIT 1)
       FROM unsent_teams t WHERE t.team_id IS NOT NULL
     ),
     -- A LIMIT 1 per workspace rather than EXISTS, which PostgreSQL may turn into one read of every
     -- ready digest.
     ready_teams AS (
       SELECT t.team_id FROM unsent_teams t
       CROSS JOIN LATERAL (
         SELECT FROM digests WHERE digests.team_id = t.team_id AND ${UNSENT} AND ${READY_TO_SEND} LIMIT 1
       ) ready
       WHERE t.team_id IS NOT NULL
         AND NOT ${workspacePaused('t.team_id')}
         AND NOT ${workspaceUninstalled('t.team_id')}
     ),
     -- Each workspace's first few: enough for the batch's candidates if shared evenly.
     share AS (
       SELECT ceil($3::numeric * ${CANDIDATES_PER_CLAIM} / greatest(count(*), 1))::integer AS first
       FROM ready_teams
     ),
     firsts AS (
       SELECT r.team_id, f.user_id, f.local_date, f.next_attempt_at, f.turn
       FROM ready_teams r CROSS JOIN share
       CROSS JOIN LATERAL (${teamReadyInOrder('r.team_id', 'LIMIT share.first')}) f
     ),
     -- Workspaces with fewer ready than their share leave candidates over: the workspaces that filled
     -- theirs give more, in equal parts (one workspace with thousands among many with one or two).
     filled AS (
       SELECT f.team_id FROM firsts f CROSS JOIN share WHERE f.turn = share.first
     ),
     top_up AS (
       SELECT greatest(0, ceil(($3::numeric * ${CANDIDATES_PER_CLAIM} - (SELECT count(*) FROM firsts))
                               / greatest(count(*), 1)))::integer AS more
       FROM filled
     ),
     seconds AS (
       SELECT t.team_id, s.user_id, s.local_date, s.next_attempt_at, share.first + s.turn AS turn
       FROM filled t CROSS JOIN share CROSS JOIN top_up
       CROSS JOIN LATERAL (${teamReadyInOrder('t.team_id', 'OFFSET share.first LIMIT top_up.more')}) s
     ),
     candidate AS (
       SELECT * FROM (SELECT * FROM firsts UNION ALL SELECT * FROM seconds) c
       ORDER BY c.turn, c.next_attempt_at, c.team_id
       LIMIT $3::integer * ${CANDIDATES_PER_CLAIM}
     )
     UPDATE digests d
     SET state = 'sending', lease_until = $2::timestamptz, attempts = d.attempts + 1
     FROM (
       SELECT digests.team_id, digests.user_id, digests.local_date
       FROM digests
       JOIN candidate USING (team_id, user_id, local_date)
       -- Checked again on the row found by its key. As \`(…) IS TRUE\`, so PostgreSQL cannot take
       -- digests_to_send for this side of the join: with the morning's digests not yet analysed it
       -- believed that index empty and walked all of it for each candidate (7.7 s a claim at 100,000
       -- pending; test/store/stale-digest-statistics.test.ts).
       WHERE (${READY_TO_SEND}) IS TRUE
       ORDER BY candidate.turn, candidate.next_attempt_at, digests.team_id
       LIMIT $3::integer
       FOR UPDATE OF digests SKIP LOCKED
     ) claimed
     WHERE d.team_id = claimed.team_id AND d.user_id = claimed.user_id AND d.local_date = claimed.local_date
     RETURNING ${DIGEST_COLUMNS},
       EXISTS (SELECT 1 FROM workspace_send_pauses p WHERE p.team_id = d.team_id) AS "workspacePaused",
       (SELECT m.dm_channel_id FROM members m WHERE m.team_id = d.team_id AND m.user_id = d.user_id
          AND m.dm_channel_opened_on > d.local_date - ${DM_CHANNEL_KEPT_DAYS}) AS "dmChannelId"`,
    [now, new Date(now.getTime() + leaseMs), limit],
  );
  return rows;
}

/**
 * Keeps the member's DM channel as conversations.open answered on `openedOn` (their local date), or
 * forgets it (null) when Slack no longer knows it.
 */
export async function setDmChannel(
  db: Sql,
  member: MemberRef,
  channelId: string | null,
  openedOn: LocalDate | null,
): Promise<void> {
  await db.query(
    prepared(
      'set_dm_channel',
      `UPDATE members SET dm_channel_id = $3::text, dm_channel_opened_on = $4::date
     WHERE team_id = $1::text AND user_id = $2::text`,
      [member.teamId, member.userId, channelId, openedOn],
    ),
  );
}

/** A sender's claim on a digest: its key and the attempt number the claim gave it. */
export type DigestClaim = DigestKey & { attempts: number };

/**
 * Only the claim that holds the digest may write its delivery state. The state is tested as
 * `(…) IS TRUE` (the same, as state is never null) so that PostgreSQL cannot prove from it the
 * predicate of `digests_to_send`: each morning the statistics still say no digest is pending, and a
 * plain `state = 'sending'` let the planner walk that index, reading every digest being sent to find
 * this one (O(pending) a write). This way the write finds its digest by its key whatever the
 * statistics say (test/store/stale-digest-statistics.test.ts).
 */
const SENDING = (alias: string) => `(${alias}state = 'sending') IS TRUE`;
const HELD = `${BY_KEY} AND ${SENDING('')} AND attempts = $4::integer`;
const claimParams = (claim: DigestClaim) => [...keyParams(claim), claim.attempts];

/** Renews the lease of the digests this sender still holds; returns how many it still holds. */
export async function extendLeases(db: Db, claims: DigestClaim[], leaseUntil: Date): Promise<number> {
  if (claims.length === 0) return 0;
  const { rowCount } = await db.query(
    `UPDATE digests d SET lease_until = $5::timestamptz
     FROM unnest($1::text[], $2::text[], $3::date[], $4::integer[]) AS h(team_id, user_id, local_date, attempts)
     WHERE d.team_id = h.team_id AND d.user_id = h.user_id AND d.local_date = h.local_date
       AND ${SENDING('d.')} AND d.attempts = h.attempts`,
    [
      claims.map((c) => c.teamId),
      claims.map((c) => c.userId),
      claims.map((c) => c.localDate),
      claims.map((c) => c.attempts),
      leaseUntil,
    ],
  );
  return rowCount ?? 0;
}

/** When the first lease held by a sender (alive or dead) runs out; null when none is held. */
export async function earliestLeaseEnd(db: Db): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date | null }>(
    `SELECT min(lease_until) AS at FROM digests WHERE state = 'sending'`,
  );
  return rows[0]?.at ?? null;
}

/** Rewrites what a digest says (an ask's outcome shown in place in a sent digest). */
export async function setDigestItems(
  db: Sql,
  key: DigestKey,
  items: DigestItem[],
  moreCount: number,
): Promise<void> {
  await db.query(`UPDATE digests SET items = $4::jsonb, more_count = $5::integer WHERE ${BY_KEY}`, [
    ...keyParams(key),
    JSON.stringify(items),
    moreCount,
  ]);
}

/**
 * Saves what the digest will say before it is posted, so the post-send record is one small write
 * and a later attempt that finds the message in Slack knows what it said.
 */
export async function saveClaimedDigestItems(
  db: Sql,
  claim: DigestClaim,
  composed: ComposedDigest,
): Promise<boolean> {
  const { rowCount } = await db.query(
    prepared(
      'save_claimed_digest_items',
      `UPDATE digests SET items = $5::jsonb, more_count = $6::integer, more_at_least = $7::boolean WHERE ${HELD}`,
      [
        ...claimParams(claim),
        JSON.stringify(composed.items),
        composed.moreCount,
        composed.moreAtLeast === true,
      ],
    ),
  );
  return rowCount === 1;
}

/**
 * Every delivery-state write below applies only while the claim still holds the digest (state
 * 'sending', same attempt), and says whether it did: a sender whose lease ran out while it was
 * stalled must not overwrite what the new owner did, nor turn a sent digest back to pending.
 */
export async function markDigestSent(
  db: Sql,
  claim: DigestClaim,
  sent: {
    channelId: string;
    ts: string;
    sentAt: Date;
    /** The DM was opened for this digest: kept for the member's next digests. */
    dmOpened: boolean;
    /** The due contacts it carried, for nudge fatigue; what the member's digests carried before `keepFrom` is forgotten. */
    carried: number[];
    keepFrom: LocalDate;
  },
): Promise<boolean> {
  // One statement, one round trip after the post, where the digest, the member's DM channel and the
  // carried contacts were three or four: nothing else is written unless the claim still holds.
  const { rows } = await db.query<{ marked: number }>(
    prepared(
      'mark_digest_sent',
      `WITH marked AS (
         UPDATE digests SET state = 'sent', channel_id = $5::text, message_ts = $6::text, sent_at = $7::timestamptz,
                lease_until = NULL, last_error = NULL
         WHERE ${HELD}
         RETURNING team_id, user_id, local_date
       ),
       dm AS (
         UPDATE members m SET dm_channel_id = $5::text, dm_channel_opened_on = marked.local_date
         FROM marked WHERE $8::boolean AND m.team_id = marked.team_id AND m.user_id = marked.user_id
       ),
       forgotten AS (
         DELETE FROM digest_carried c USING marked
         WHERE c.team_id = marked.team_id AND c.user_id = marked.user_id AND c.local_date < $10::date
       ),
       carried AS (
         INSERT INTO digest_carried (team_id, user_id, contact_id, local_date)
         SELECT marked.team_id, marked.user_id, c.id, marked.local_date FROM marked, unnest($9::bigint[]) AS c(id)
         -- A contact deleted while its digest was posted is left out: it must not fail the record.
         WHERE EXISTS (SELECT 1 FROM contacts k
                       WHERE k.id = c.id AND k.team_id = marked.team_id AND k.user_id = marked.user_id)
         ON CONFLICT DO NOTHING
       )
       SELECT count(*)::int AS marked FROM marked`,
      [
        ...claimParams(claim),
        sent.channelId,
        sent.ts,
        sent.sentAt,
        sent.dmOpened,
        sent.carried,
        sent.keepFrom,
      ],
    ),
  );
  return rows[0]?.marked === 1;
}

export async function markDigestRetry(
  db: Sql,
  claim: DigestClaim,
  nextAttemptAt: Date,
  error: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    prepared(
      'mark_digest_retry',
      `UPDATE digests SET state = 'pending', next_attempt_at = $5::timestamptz, lease_until = NULL, last_error = $6::text
     WHERE ${HELD}`,
      [...claimParams(claim), nextAttemptAt, error],
    ),
  );
  return rowCount === 1;
}

/**
 * Gives the digest back untried (its workspace was paused while it waited in a batch): pending
 * again, its attempt not counted.
 */
export async function releaseDigestUntried(db: Sql, claim: DigestClaim, reason: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE digests SET state = 'pending', attempts = attempts - 1, lease_until = NULL, last_error = $5::text
     WHERE ${HELD}`,
    [...claimParams(claim), reason],
  );
  return rowCount === 1;
}

export async function markDigestFailed(db: Sql, claim: DigestClaim, error: string): Promise<boolean> {
  const { rowCount } = await db.query(
    prepared(
      'mark_digest_failed',
      `UPDATE digests SET state = 'failed', lease_until = NULL, last_error = $5::text WHERE ${HELD}`,
      [...claimParams(claim), error],
    ),
  );
  return rowCount === 1;
}

/**
 * Deletes a claimed digest whose member no longer exists: a planner that read the member just before
 * they erased their data can still insert one after the erase. True when it was such a digest.
 */
export async function dropDigestOfErased(db: Sql, claim: DigestClaim): Promise<boolean> {
  const { rowCount } = await db.query(
    prepared(
      'drop_digest_of_erased',
      `DELETE FROM digests WHERE ${HELD}
       AND NOT EXISTS (SELECT 1 FROM members m WHERE m.team_id = $1::text AND m.user_id = $2::text)`,
      claimParams(claim),
    ),
  );
  return rowCount === 1;
}

export async function markDigestEmpty(db: Sql, claim: DigestClaim): Promise<boolean> {
  const { rowCount } = await db.query(
    prepared(
      'mark_digest_empty',
      `UPDATE digests SET state = 'empty', lease_until = NULL WHERE ${HELD}`,
      claimParams(claim),
    ),
  );
  return rowCount === 1;
}

/** Whether the digest is still there, whatever its state: gone only when its member erased their data. */
export async function digestExists(db: Sql, key: DigestKey): Promise<boolean> {
  const { rowCount } = await db.query(
    prepared('digest_exists', `SELECT 1 FROM digests WHERE ${BY_KEY}`, keyParams(key)),
  );
  return rowCount === 1;
}

/** Stops the member's digests (Slack cannot reach them) until they use touchbase again. */
export async function stopMemberDigests(
  db: Sql,
  member: MemberRef,
  reason: string,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE members SET digests_stopped_at = $3::timestamptz, digests_stopped_reason = $4::text
     WHERE team_id = $1::text AND user_id = $2::text`,
    [member.teamId, member.userId, now, reason],
  );
}

/** Pauses (or keeps pausing) a workspace's sends until `retryAt`: its bot token was refused. */
export async function pauseWorkspaceSends(
  db: Sql,
  teamId: string,
  reason: string,
  now: Date,
  retryAt: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO workspace_send_pauses (team_id, reason, paused_at, retry_at)
     VALUES ($1::text, $2::text, $3::timestamptz, $4::timestamptz)
     ON CONFLICT (team_id) DO UPDATE
       SET reason = EXCLUDED.reason, paused_at = EXCLUDED.paused_at, retry_at = EXCLUDED.retry_at`,
    [teamId, reason, now, retryAt],
  );
}

/** The workspace's token works again: its sends are no longer paused. */
export async function resumeWorkspaceSends(db: Sql, teamId: string): Promise<void> {
  await db.query('DELETE FROM workspace_send_pauses WHERE team_id = $1::text', [teamId]);
}

/**
 * The member's own digest of `localDate`; null when they have none that day. A digest is named
 * by its date only, so a value copied from someone else's message can only ever reach the
 * clicker's own digest.
 */
export async function findDigest(db: Db, member: MemberRef, localDate: LocalDate): Promise<Digest | null> {
  const { rows } = await db.query<Digest>(
    `SELECT ${DIGEST_COLUMNS} FROM digests d WHERE ${BY_KEY}`,
    keyParams({ ...member, localDate }),
  );
  return rows[0] ?? null;
}

/** The member's own digest of `localDate`, locked until the transaction ends; null when they have none. */
export async function lockDigest(tx: Sql, member: MemberRef, localDate: LocalDate): Promise<Digest | null> {
  const { rows } = await tx.query<Digest>(
    `SELECT ${DIGEST_COLUMNS} FROM digests d WHERE ${BY_KEY} FOR UPDATE`,
    keyParams({ ...member, localDate }),
  );
  return rows[0] ?? null;
}

/**
 * Records what the member did about one item of their own digest, in place (two quick clicks
 * on different items never overwrite each other). Returns the digest as it now stands.
 */
export async function setDigestItemOutcome(
  db: Sql,
  member: MemberRef,
  localDate: LocalDate,
  itemKey: string,
  outcome: ItemOutcome,
): Promise<Digest | null> {
  const { rows } = await db.query<Digest>(
    `UPDATE digests d
     SET items = (
       SELECT jsonb_agg(CASE WHEN item->>'key' = $4::text
                             THEN item || jsonb_build_object('outcome', $5::jsonb) ELSE item END
                        ORDER BY ord)
       FROM jsonb_array_elements(d.items) WITH ORDINALITY AS e(item, ord)
     )
     WHERE ${BY_KEY} AND jsonb_array_length(items) > 0
     RETURNING ${DIGEST_COLUMNS}`,
    [...keyParams({ ...member, localDate }), itemKey, JSON.stringify(outcome)],
  );
  return rows[0] ?? null;
}

/** How far ahead a digest tells of a date: at most six days early, on the last work day before it. */
const DATES_AHEAD_DAYS = 6;

/**
 * Which kinds of item a member's digest could carry on `localDate`, and their work days: one
 * statement, so that composing a digest reads only the kinds there is something of, which for most
 * members on most days is due contacts alone. Each test here is the one its read makes, or a looser
 * one (a false "yes" costs that read, a false "no" would drop items): test/store/outlooks.test.ts
 * checks each against its read. Null when the member is gone.
 */
export interface DigestOutlook {
  workDays: number[];
  /** Asks waiting for a follow-up (firstFollowUpsDue). */
  asks: boolean;
  /** Introductions to ask about (introFollowUpsDue). */
  intros: boolean;
  /** Trip prompts (tripPromptsDue). */
  trips: boolean;
  /** Reminders whose day has come (remindersDue). */
  reminders: boolean;
  /** Calls to ask "did you talk?" about (callAsksDue). */
  calls: boolean;
  /** Dates that passed or come within the week ahead (datesPassedBefore, datesComingBetween). */
  dates: boolean;
}

export async function digestOutlook(
  db: Sql,
  member: MemberRef,
  localDate: LocalDate,
): Promise<DigestOutlook | null> {
  const owned = (alias: string) => `${alias}.team_id = $1::text AND ${alias}.user_id = $2::text`;
  const { rows } = await db.query<DigestOutlook>(
    prepared(
      'digest_outlook',
      `SELECT m.work_days::int[] AS "workDays",
       EXISTS (SELECT 1 FROM asks a WHERE ${owned('a')} AND a.status = 'pending' AND a.followed_up_on IS NULL
                 AND a.follow_up_on <= $3::date) AS asks,
       EXISTS (SELECT 1 FROM introductions i WHERE ${owned('i')} AND i.followed_up_on IS NULL
                 AND i.follow_up_on <= $3::date) AS intros,
       EXISTS (SELECT 1 FROM trips t WHERE ${owned('t')} AND t.cancelled_at IS NULL
                 AND ((t.reached_out_on IS NULL AND t.reach_out_on <= $3::date)
                   OR (t.met_prompted_on IS NULL AND t.met_prompt_on <= $3::date))) AS trips,
       EXISTS (SELECT 1 FROM reminders r WHERE ${owned('r')} AND r.done_at IS NULL AND r.cancelled_at IS NULL
                 AND r.remind_on <= $3::date) AS reminders,
       EXISTS (SELECT 1 FROM scheduled_calls s WHERE ${owned('s')} AND s.asked_on IS NULL AND s.outcome IS NULL
                 AND s.ask_on <= $3::date) AS calls,
       EXISTS (SELECT 1 FROM contact_dates d WHERE ${owned('d')} AND d.next_on <= $3::date + ${DATES_AHEAD_DAYS}) AS dates
       FROM members m WHERE ${owned('m')}`,
      [member.teamId, member.userId, localDate],
    ),
  );
  return rows[0] ?? null;
}

/**
 * What the digest rules need about one member on one local day, bounded by what a digest shows:
 * the most urgent due contacts (as many as a digest lists, fresh transitions first), those whose
 * asks wait for a follow-up (their item carries both), and how many are due in all, never every
 * due contact of a large network.
 */
export async function loadDigestInput(
  db: Db,
  member: MemberRef,
  localDate: LocalDate,
  outlook: DigestOutlook,
): Promise<DigestInput> {
  const none = Promise.resolve([]);
  const [waiting, intros, tripPrompts, reminders, callAsks, dates] = await Promise.all([
    outlook.asks
      ? firstFollowUpsDue(db, member, localDate, {
          people: DIGEST_MAX_ITEMS,
          perPerson: DIGEST_ASKS_PER_PERSON,
          countCap: DIGEST_WAITING_COUNT_CAP,
        })
      : { asks: [], people: 0, duePeople: 0, atLeast: false },
    outlook.intros ? introFollowUpsDue(db, member, localDate) : none,
    outlook.trips ? tripPromptsDue(db, member, localDate) : none,
    outlook.reminders ? remindersDue(db, member, localDate, DIGEST_MAX_ITEMS) : { reminders: [], total: 0 },
    outlook.calls ? callAsksDue(db, member, localDate, DIGEST_MAX_ITEMS) : none,
    outlook.dates ? datesComingBetween(db, member, localDate, addDays(localDate, DATES_AHEAD_DAYS)) : none,
  ]);
  const due = await dueCandidates(db, member, {
    today: localDate,
    after: null,
    upTo: localDate,
    limit: DIGEST_MAX_ITEMS,
    freshFirst: true,
    alsoIds: waiting.asks.map((a) => a.contactId),
  });
  const contacts = due.rows;
  // A due contact shown in the digest carries its own waiting asks, whether or not its person is
  // among the first few waiting: load those too (the counts stay those of the first read).
  const shownIds = contacts.map((c) => c.id);
  // Needless when the first read took every person with asks waiting.
  const readPeople = new Set(waiting.asks.map((a) => a.contactId));
  const unread = readPeople.size < waiting.people ? shownIds.filter((id) => !readPeople.has(id)) : [];
  // In any order: composeDigest puts each person's asks oldest first.
  const asksOfShown =
    unread.length > 0
      ? [...waiting.asks, ...(await followUpsDueOf(db, member, localDate, unread, DIGEST_ASKS_PER_PERSON))]
      : waiting.asks;
  const histories = await touchHistories(
    db,
    member,
    contacts.map((c) => c.id),
    addMonths(localDate, -12),
  );
  const followUps: PendingFollowUp[] = asksOfShown.map((a) => ({
    id: a.id,
    contactId: a.contactId,
    contactName: a.contactName,
    what: a.what,
    askedOn: a.askedOn,
  }));
  const introFollowUps = intros.map((i) => ({
    id: i.id,
    fromName: i.fromName,
    toName: i.toName,
    introducedOn: i.introducedOn,
  }));
  const trips = tripPrompts.map((t) => ({
    tripId: t.id,
    prompt: t.prompt,
    city: t.city,
    event: t.event,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    contacts: t.contacts.map((c) => ({ name: c.name, planned: c.planned })),
  }));
  const calls = callAsks.map((c) => ({
    callId: c.id,
    contactId: c.contactId,
    name: c.contactName,
    startsAt: c.startsAt.toISOString(),
    timeZone: c.timeZone,
  }));
  return {
    contacts,
    dueTotal: due.total,
    calls,
    followUps,
    waitingPeople: { total: waiting.people, due: waiting.duePeople, atLeast: waiting.atLeast },
    introFollowUps,
    trips,
    reminders: reminders.reminders.map((r) => ({
      reminderId: r.id,
      contactId: r.contactId,
      name: r.contactName,
      what: r.what,
      remindOn: r.remindOn,
    })),
    remindersTotal: reminders.total,
    dates,
    workDays: outlook.workDays,
    histories,
  };
}
