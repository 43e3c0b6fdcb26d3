-- Indexes (and one summary table) for the App Home, `due` and the digest composer answered in SQL, bounded by what they
-- show rather than by the member's network (src/store/due.ts, src/store/home.ts). Each was chosen
-- from EXPLAIN on a member with 20,000 contacts and 100,000 touches among 120,000 contacts
-- (npm run bench:interactive, BENCH_EXPLAIN=1). All lead with the member.

-- Dormant contacts (the Home): no touch for more than twice the cadence, counted from the later of
-- the last touch and the day they were added. Within one cadence that is a prefix of this order, so
-- each cadence's count is an index-only range and its most dormant few are its first entries; name
-- and id break ties as the Home does. Without it, the Home read every active contact's row. The two
-- dates are carried because PostgreSQL reads an expression index alone (index-only) only when the
-- columns under the expression are in it too.
CREATE INDEX contacts_member_silence
  ON contacts (team_id, user_id, cadence, greatest(last_touch_on, added_on), name COLLATE contact_name_order, id)
  INCLUDE (last_touch_on, added_on) WHERE archived_at IS NULL;

-- Contacts in a transition's 90 days (the Home's section, and the fresh ones that come first in
-- `due`, the Home and the digest): few rows, found without reading the member's network.
CREATE INDEX contacts_member_transition ON contacts (team_id, user_id, transition_on)
  WHERE archived_at IS NULL AND transition_on IS NOT NULL;

-- The Home's pending asks: the few whose patience ends first, in order, and their count, from the
-- member's pending asks alone (asks_member_follow_up leaves out those already followed up, which
-- stay pending). Without it, the Home read all of the member's asks, resolved ones too.
CREATE INDEX asks_member_pending ON asks (team_id, user_id, follow_up_on, id) INCLUDE (contact_id)
  WHERE status = 'pending';

-- The Home's give/ask balance over 12 months, counted from a summary rather than the touches: how
-- many touches of each intent a member logged on each day, kept exact by the triggers below at every
-- commit, whatever writes touches (the store, a cascaded or batched delete, an erase). The balance
-- then sums at most 366 days × 3 intents of one member, however many touches there are; counting
-- the touches themselves read every one of the year's (68,000 for a member with 100,000, 17 ms).
-- Rows belong to the member and go with them (and with the retention purge, MEMBER_TABLES).
CREATE TABLE touch_days (
  team_id text NOT NULL,
  user_id text NOT NULL,
  day date NOT NULL,
  intent text NOT NULL,
  touches integer NOT NULL,
  PRIMARY KEY (team_id, user_id, day, intent),
  FOREIGN KEY (team_id, user_id) REFERENCES members (team_id, user_id) ON DELETE CASCADE
);

INSERT INTO touch_days (team_id, user_id, day, intent, touches)
SELECT team_id, user_id, touched_on, intent, count(*) FROM touches GROUP BY 1, 2, 3, 4;

-- Statement-level, with transition tables: one upsert per statement, however many touches it wrote.
-- Counts are added (a removed touch adds -1) in key order, so two statements on one member's days
-- never wait on each other in a cycle. Each event has its own transition tables, hence three.
CREATE FUNCTION touch_days_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO touch_days AS d (team_id, user_id, day, intent, touches)
  SELECT team_id, user_id, touched_on, intent, count(*) FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (team_id, user_id, day, intent) DO UPDATE SET touches = d.touches + EXCLUDED.touches;
  RETURN NULL;
END
$$;

CREATE FUNCTION touch_days_after_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO touch_days AS d (team_id, user_id, day, intent, touches)
  SELECT team_id, user_id, day, intent, sum(n) FROM (
    SELECT team_id, user_id, touched_on AS day, intent, 1 AS n FROM new_rows
    UNION ALL
    SELECT team_id, user_id, touched_on, intent, -1 FROM old_rows
  ) changed
  GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (team_id, user_id, day, intent) DO UPDATE SET touches = d.touches + EXCLUDED.touches;
  RETURN NULL;
END
$$;

CREATE FUNCTION touch_days_after_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO touch_days AS d (team_id, user_id, day, intent, touches)
  SELECT o.team_id, o.user_id, o.touched_on, o.intent, -count(*) FROM old_rows o
  -- Touches that go with their member (a cascade from members) leave no count: the member's go too.
  WHERE EXISTS (SELECT 1 FROM members m WHERE m.team_id = o.team_id AND m.user_id = o.user_id)
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (team_id, user_id, day, intent) DO UPDATE SET touches = d.touches + EXCLUDED.touches;
  RETURN NULL;
END
$$;

CREATE FUNCTION touch_days_after_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM touch_days;
  RETURN NULL;
END
$$;

CREATE TRIGGER touches_days_insert AFTER INSERT ON touches REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION touch_days_after_insert();
CREATE TRIGGER touches_days_update AFTER UPDATE ON touches REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION touch_days_after_update();
CREATE TRIGGER touches_days_delete AFTER DELETE ON touches REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION touch_days_after_delete();
CREATE TRIGGER touches_days_truncate AFTER TRUNCATE ON touches
  FOR EACH STATEMENT EXECUTE FUNCTION touch_days_after_truncate();
