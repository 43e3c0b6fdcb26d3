import type { LocalDate } from '../domain/dates';
import { addMonths } from '../domain/dates';
import type { DigestInput, DigestItem, DueContact, ItemOutcome, PendingFollowUp } from '../domain/digest';
import { followUpsDue, touchHistories } from './asks';
import type { Db } from './db';
import { introFollowUpsDue } from './intros';
import type { MemberRef } from './members';
import { tripPromptsDue } from './trips';

export interface Digest extends MemberRef {
  id: number;
  localDate: LocalDate;
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'empty';
  items: DigestItem[];
  moreCount: number;
  attempts: number;
  createdAt: Date;
  channelId: string | null;
  messageTs: string | null;
}

const DIGEST_COLUMNS = `id, team_id AS "teamId", user_id AS "userId", local_date::text AS "localDate", state, items,
  more_count AS "moreCount", attempts, created_at AS "createdAt", channel_id AS "channelId", message_ts AS "messageTs"`;

/**
 * Members whose digest time has come, and who have something due (a check-in, a follow-up or a
 * trip prompt): the rule of domain/digest.ts `isDigestTime`, applied in SQL so that one statement
 * serves every member. It reads the candidates below, never the whole network.
 */
const ELIGIBLE_DUE_CONTACTS = `
  SELECT c.team_id, c.user_id, local.day AS local_date, c.kind
  FROM candidates c
  JOIN members m ON m.team_id = c.team_id AND m.user_id = c.user_id
  CROSS JOIN LATERAL (SELECT ($1::timestamptz AT TIME ZONE coalesce(m.tz_override, m.tz)) AS at) wall
  CROSS JOIN LATERAL (SELECT wall.at::date AS day) local
  WHERE c.on_date <= local.day
    AND extract(hour FROM wall.at) >= m.digest_hour
    AND extract(isodow FROM wall.at)::smallint = ANY (m.work_days)
    AND (m.paused_until IS NULL OR m.paused_until < local.day)`;

/**
 * What may be due anywhere on Earth, read through the partial indexes: $2 is the latest calendar
 * date on Earth at $1 (UTC+14), which bounds each range before a member's own date is known.
 * Materialized first, so the
 * join with members is planned on real row counts: estimated per member, PostgreSQL can choose a
 * loop that re-reads the due range once per member.
 */
const CANDIDATES = `candidates AS MATERIALIZED (
    SELECT team_id, user_id, next_due_on AS on_date, 'contact' AS kind FROM contacts
    WHERE archived_at IS NULL AND next_due_on <= $2::date
    UNION ALL
    SELECT team_id, user_id, follow_up_on, 'ask' FROM asks
    WHERE status = 'pending' AND followed_up_on IS NULL AND follow_up_on <= $2::date
    UNION ALL
    SELECT team_id, user_id, follow_up_on, 'intro' FROM introductions
    WHERE followed_up_on IS NULL AND follow_up_on <= $2::date
    UNION ALL
    SELECT team_id, user_id, reach_out_on, 'trip' FROM trips
    WHERE reached_out_on IS NULL AND cancelled_at IS NULL AND reach_out_on <= $2::date
    UNION ALL
    SELECT team_id, user_id, met_prompt_on, 'trip' FROM trips
    WHERE met_prompted_on IS NULL AND cancelled_at IS NULL AND met_prompt_on <= $2::date
  )`;

function latestDateOnEarth(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Records one pending digest per member with something due whose digest time has come. The
 * unique (member, local date) key makes a re-run, or many workers at once, change nothing.
 */
export async function planDigests(db: Db, now: Date): Promise<{ dueContacts: number; planned: number }> {
  const { rows } = await db.query<{ dueContacts: number; planned: number }>(
    `WITH ${CANDIDATES}, due AS (${ELIGIBLE_DUE_CONTACTS}),
     planned AS (
       INSERT INTO digests (team_id, user_id, local_date, next_attempt_at, created_at)
       SELECT team_id, user_id, local_date, $1::timestamptz, $1::timestamptz FROM due
       GROUP BY team_id, user_id, local_date
       ON CONFLICT (team_id, user_id, local_date) DO NOTHING
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM due WHERE kind = 'contact')::int AS "dueContacts", (SELECT count(*) FROM planned)::int AS planned`,
    [now, latestDateOnEarth(now)],
  );
  return rows[0] ?? { dueContacts: 0, planned: 0 };
}

/** What planDigests would record, changing nothing (for --dry-run). */
export async function previewDigests(db: Db, now: Date): Promise<(MemberRef & { localDate: LocalDate })[]> {
  const { rows } = await db.query<MemberRef & { localDate: LocalDate }>(
    `WITH ${CANDIDATES}, due AS (${ELIGIBLE_DUE_CONTACTS})
     SELECT due.team_id AS "teamId", due.user_id AS "userId", due.local_date::text AS "localDate"
     FROM due
     WHERE NOT EXISTS (SELECT 1 FROM digests d WHERE d.team_id = due.team_id AND d.user_id = due.user_id AND d.local_date = due.local_date)
     GROUP BY 1, 2, 3 ORDER BY 1, 2`,
    [now, latestDateOnEarth(now)],
  );
  return rows;
}

/**
 * Claims up to `limit` digests ready to send: pending ones whose time has come, and ones whose
 * sender died mid-send (lease expired). SKIP LOCKED lets many workers claim side by side, each
 * row going to exactly one of them; the lease keeps it theirs while they talk to Slack.
 */
export async function claimDigests(db: Db, now: Date, leaseMs: number, limit: number): Promise<Digest[]> {
  const { rows } = await db.query<Digest>(
    `UPDATE digests d
     SET state = 'sending', lease_until = $2::timestamptz, attempts = d.attempts + 1
     WHERE d.id IN (
       SELECT id FROM digests
       WHERE (state = 'pending' AND next_attempt_at <= $1::timestamptz)
          OR (state = 'sending' AND lease_until < $1::timestamptz)
       ORDER BY next_attempt_at
       LIMIT $3::integer
       FOR UPDATE SKIP LOCKED
     )
     RETURNING ${DIGEST_COLUMNS}`,
    [now, new Date(now.getTime() + leaseMs), limit],
  );
  return rows;
}

/** The member's active contacts due on or before their local date. */
export async function dueContactsOf(db: Db, member: MemberRef, localDate: LocalDate): Promise<DueContact[]> {
  const { rows } = await db.query<DueContact>(
    `SELECT id, name, company, cadence, added_on::text AS "addedOn", last_touch_on::text AS "lastTouchOn",
            snoozed_until::text AS "snoozedUntil", next_due_on::text AS "nextDueOn",
            transition_kind AS "transitionKind", transition_on::text AS "transitionOn"
     FROM contacts
     WHERE team_id = $1::text AND user_id = $2::text AND archived_at IS NULL AND next_due_on <= $3::date`,
    [member.teamId, member.userId, localDate],
  );
  return rows;
}

/** Saves what the digest will say before it is posted, so the post-send record is one small write. */
export async function setDigestItems(
  db: Db,
  id: number,
  items: DigestItem[],
  moreCount: number,
): Promise<void> {
  await db.query(`UPDATE digests SET items = $2::jsonb, more_count = $3::integer WHERE id = $1::bigint`, [
    id,
    JSON.stringify(items),
    moreCount,
  ]);
}

export async function markDigestSent(
  db: Db,
  id: number,
  channelId: string,
  ts: string,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE digests SET state = 'sent', channel_id = $2::text, message_ts = $3::text, sent_at = $4::timestamptz,
            lease_until = NULL, last_error = NULL
     WHERE id = $1::bigint`,
    [id, channelId, ts, now],
  );
}

export async function markDigestRetry(db: Db, id: number, nextAttemptAt: Date, error: string): Promise<void> {
  await db.query(
    `UPDATE digests SET state = 'pending', next_attempt_at = $2::timestamptz, lease_until = NULL, last_error = $3::text
     WHERE id = $1::bigint`,
    [id, nextAttemptAt, error],
  );
}

export async function markDigestFailed(db: Db, id: number, error: string): Promise<void> {
  await db.query(
    `UPDATE digests SET state = 'failed', lease_until = NULL, last_error = $2::text WHERE id = $1::bigint`,
    [id, error],
  );
}

export async function markDigestEmpty(db: Db, id: number): Promise<void> {
  await db.query(`UPDATE digests SET state = 'empty', lease_until = NULL WHERE id = $1::bigint`, [id]);
}

/** One of the member's own sent digests; null for anyone else's. */
export async function findDigest(db: Db, member: MemberRef, id: number): Promise<Digest | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { rows } = await db.query<Digest>(
    `SELECT ${DIGEST_COLUMNS} FROM digests WHERE team_id = $1::text AND user_id = $2::text AND id = $3::bigint`,
    [member.teamId, member.userId, id],
  );
  return rows[0] ?? null;
}

/**
 * Records what the member did about one item of their own digest, in place (two quick clicks
 * on different items never overwrite each other). Returns the digest as it now stands.
 */
export async function setDigestItemOutcome(
  db: Db,
  member: MemberRef,
  id: number,
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
     WHERE team_id = $1::text AND user_id = $2::text AND id = $3::bigint AND jsonb_array_length(items) > 0
     RETURNING ${DIGEST_COLUMNS}`,
    [member.teamId, member.userId, id, itemKey, JSON.stringify(outcome)],
  );
  return rows[0] ?? null;
}

/** Everything the digest rules need about one member on one local day. */
export async function loadDigestInput(db: Db, member: MemberRef, localDate: LocalDate): Promise<DigestInput> {
  const [contacts, asks, intros, tripPrompts] = await Promise.all([
    dueContactsOf(db, member, localDate),
    followUpsDue(db, member, localDate),
    introFollowUpsDue(db, member, localDate),
    tripPromptsDue(db, member, localDate),
  ]);
  const histories = await touchHistories(
    db,
    member,
    contacts.map((c) => c.id),
    addMonths(localDate, -12),
  );
  const followUps: PendingFollowUp[] = asks.map((a) => ({
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
  return { contacts, followUps, introFollowUps, trips, histories };
}
