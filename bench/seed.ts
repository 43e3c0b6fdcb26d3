import type pg from 'pg';

/**
 * The bench's network, written by set-based SQL (generate_series) in seconds.
 *
 * Members are spread over eight zones from UTC-10 to UTC+3. At NOW (a Wednesday, 20:30 UTC) every one
 * of them is on Wednesday 4 March, past 09:00 and on a work day (10:30 in Honolulu … 23:30 in Nairobi),
 * so every member with something due is eligible for a digest, and all share one local date, TODAY.
 */
export const NOW = new Date('2026-03-04T20:30:00Z');
export const TODAY = '2026-03-04';
/** The default network, 10,000 members with 100 contacts each; bench:sweep takes other sizes from its environment. */
export const MEMBERS = 10_000;
export const CONTACTS_PER_MEMBER = 100;

const ZONES = [
  'Pacific/Honolulu',
  'America/Los_Angeles',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'UTC',
  'Europe/Berlin',
  'Africa/Nairobi',
];

export async function seedMembers(db: pg.ClientBase, members = MEMBERS): Promise<void> {
  await db.query(
    `INSERT INTO members (team_id, user_id, tz, tz_from_slack, created_at)
     SELECT 'T0BENCH' || (m % 5), 'U' || lpad(m::text, 7, '0'), ($2::text[])[m % array_length($2::text[], 1) + 1],
            true, $3::timestamptz
     FROM generate_series(0, $1::int - 1) m`,
    [members, ZONES, NOW],
  );
}

/**
 * Contacts numbered `from` … `to` - 1. Contact n belongs to member n % `members`, so each member's
 * contacts are scattered through the table as if added over time. With `withDue`, the contacts whose
 * slot (n / `members`) matches the member make exactly one due contact per member in the first
 * `members` × `perMember` numbers: 1% of the network at 100 contacts a member, overdue by 0–29 days. Every other contact
 * is due on a day spread evenly over the coming year (from tomorrow), except 5% with no cadence
 * (nothing due) and 2% archived.
 */
export async function seedContacts(
  db: pg.ClientBase,
  from: number,
  to: number,
  withDue: boolean,
  members = MEMBERS,
  perMember = CONTACTS_PER_MEMBER,
): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO contacts (team_id, user_id, name, company, role, city, cadence, how_met, added_on,
                           last_touch_on, next_due_on, archived_at, created_at, updated_at)
     SELECT 'T0BENCH' || (m % 5), 'U' || lpad(m::text, 7, '0'),
            'Contact ' || n,
            (ARRAY['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises'])[n % 7 + 1],
            (ARRAY['Engineer', 'Designer', 'Founder', 'Product manager', 'Recruiter', 'Investor'])[n % 6 + 1],
            (ARRAY['Berlin', 'Lisbon', 'New York', 'Nairobi', 'São Paulo', 'Chicago', 'Honolulu'])[n % 7 + 1],
            CASE WHEN NOT due AND n % 20 = 3 THEN 'none'
                 ELSE (ARRAY['biweekly', 'monthly', 'quarterly', 'semiannual', 'yearly'])[n % 5 + 1] END,
            'Met at a meetup, talked about their work',
            $4::date - 400, $4::date - 100 - n % 200,
            CASE WHEN due THEN $4::date - n % 30
                 WHEN n % 20 = 3 THEN NULL
                 ELSE $4::date + 1 + ((n::bigint * 7919) % 365)::int END,
            CASE WHEN NOT due AND n % 50 = 7 THEN $5::timestamptz END,
            $5::timestamptz, $5::timestamptz
     FROM generate_series($1::int, $2::int - 1) n
     CROSS JOIN LATERAL (SELECT n % $6::int AS m) k
     CROSS JOIN LATERAL (SELECT $3::boolean AND n / $6::int = m % $7::int AS due) d`,
    [from, to, withDue, TODAY, NOW, members, perMember],
  );
  return rowCount ?? 0;
}

/**
 * Runs a bulk insert into `table` the way a bulk load is done: its indexes that back no constraint are
 * dropped first and built again afterwards from their own definitions (pg_get_indexdef), and, for a
 * superuser, triggers are skipped for the insert: foreign-key checks (the bench's rows are valid by
 * construction) and members.next_item_on upkeep (the caller refreshes it in one statement).
 * One transaction: on failure the table is as it was. Returns what `load` returned.
 */
export async function bulkLoad<T>(client: pg.ClientBase, table: string, load: () => Promise<T>): Promise<T> {
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i
     WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [table],
  );
  const { rows: role } = await client.query<{ super: boolean }>(
    'SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user',
  );
  const superuser = role[0]?.super === true;
  await client.query('BEGIN');
  try {
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    if (superuser) await client.query('SET LOCAL session_replication_role = replica');
    const result = await load();
    if (superuser) await client.query('SET LOCAL session_replication_role = origin');
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const index of indexes) await client.query(index.def);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
