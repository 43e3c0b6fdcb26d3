-- The earliest day anything of a member's comes due, kept on the member. The reminder planner runs
-- every minute and reads members by this column instead of every due contact's heap row. Triggers
-- on the tables it summarises keep it exact at every commit, whatever writes them: the store, a
-- cascaded delete, a bulk statement. (A bulk load with triggers off refreshes it afterwards:
-- store/next-items.ts.)

-- Null when nothing is pending.
ALTER TABLE members ADD COLUMN next_item_on date;

CREATE INDEX members_next_item ON members (next_item_on) WHERE next_item_on IS NOT NULL;

-- One index probe per source for a member's earliest pending date, not a scan of their rows.
CREATE INDEX contacts_member_next_due ON contacts (team_id, user_id, next_due_on)
  WHERE archived_at IS NULL AND next_due_on IS NOT NULL;
CREATE INDEX asks_member_follow_up ON asks (team_id, user_id, follow_up_on)
  WHERE status = 'pending' AND followed_up_on IS NULL;
CREATE INDEX introductions_member_follow_up ON introductions (team_id, user_id, follow_up_on)
  WHERE followed_up_on IS NULL;
-- Trips need none: a member has a handful, found through trips_member (team_id, user_id, starts_on).

-- The member's earliest pending date: exactly what the planner's digest reads (a contact's next
-- check-in, an ask's or an introduction's follow-up, a trip's two prompts). least() skips nulls.
-- PL/pgSQL rather than SQL: it keeps its plans for the session, where a SQL function holding
-- subqueries is never inlined and (before PostgreSQL 18) is planned again by every statement that
-- calls it, which tripled the cost of a trigger.
CREATE FUNCTION member_next_item_on(team text, "user" text) RETURNS date
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN least(
    (SELECT min(next_due_on) FROM contacts
     WHERE team_id = member_next_item_on.team AND user_id = member_next_item_on."user"
       AND archived_at IS NULL AND next_due_on IS NOT NULL),
    (SELECT min(follow_up_on) FROM asks
     WHERE team_id = member_next_item_on.team AND user_id = member_next_item_on."user"
       AND status = 'pending' AND followed_up_on IS NULL),
    (SELECT min(follow_up_on) FROM introductions
     WHERE team_id = member_next_item_on.team AND user_id = member_next_item_on."user"
       AND followed_up_on IS NULL),
    (SELECT least(min(reach_out_on) FILTER (WHERE reached_out_on IS NULL),
                  min(met_prompt_on) FILTER (WHERE met_prompted_on IS NULL))
     FROM trips
     WHERE team_id = member_next_item_on.team AND user_id = member_next_item_on."user"
       AND cancelled_at IS NULL)
  );
END
$$;

-- Brings these members' next_item_on up to date, rewriting only the rows whose value changes.
-- It locks the members first (in key order, so two statements never wait on each other's member
-- locks in a cycle) and computes afterwards, in a statement of its own: under READ COMMITTED that
-- statement's snapshot then holds everything committed by any transaction that wrote the same
-- member's items before us (each held the lock until it committed). Computed without the lock,
-- two transactions changing one member's items at once could each miss the other's change and
-- leave a date too late: a missed reminder. FOR NO KEY UPDATE does not block foreign-key checks.
CREATE FUNCTION sync_member_next_items(teams text[], users text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF teams IS NULL THEN
    RETURN; -- the statement changed no row
  END IF;
  PERFORM 1 FROM members m JOIN unnest(teams, users) AS t (team_id, user_id)
    ON m.team_id = t.team_id AND m.user_id = t.user_id
  ORDER BY m.team_id, m.user_id
  FOR NO KEY UPDATE OF m;
  UPDATE members m SET next_item_on = x.next_on
  FROM (
    SELECT t.team_id, t.user_id, member_next_item_on(t.team_id, t.user_id) AS next_on
    FROM unnest(teams, users) AS t (team_id, user_id)
  ) x
  WHERE m.team_id = x.team_id AND m.user_id = x.user_id AND m.next_item_on IS DISTINCT FROM x.next_on;
END
$$;

-- Statement-level triggers with transition tables: one recomputation per member a statement
-- touched, however many rows. Each event has its own transition tables, hence one function per
-- event; all four tables have team_id and user_id, so the functions serve them all. Transition
-- tables cannot be combined with a column list (UPDATE OF ...), so every UPDATE fires them.

CREATE FUNCTION member_next_item_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sync_member_next_items(array_agg(team_id), array_agg(user_id))
  FROM (SELECT DISTINCT team_id, user_id FROM new_rows) m;
  RETURN NULL;
END
$$;

-- An update may move a row from one member to another: both are recomputed.
CREATE FUNCTION member_next_item_after_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sync_member_next_items(array_agg(team_id), array_agg(user_id))
  FROM (SELECT team_id, user_id FROM new_rows UNION SELECT team_id, user_id FROM old_rows) m;
  RETURN NULL;
END
$$;

CREATE FUNCTION member_next_item_after_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sync_member_next_items(array_agg(team_id), array_agg(user_id))
  FROM (SELECT DISTINCT team_id, user_id FROM old_rows) m;
  RETURN NULL;
END
$$;

-- TRUNCATE has no transition tables: every member is recomputed.
CREATE FUNCTION member_next_item_after_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sync_member_next_items(array_agg(team_id), array_agg(user_id)) FROM members;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['contacts', 'asks', 'introductions', 'trips'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %1$s_next_item_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_insert()', t);
    EXECUTE format(
      'CREATE TRIGGER %1$s_next_item_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_update()', t);
    EXECUTE format(
      'CREATE TRIGGER %1$s_next_item_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
         FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_delete()', t);
    EXECUTE format(
      'CREATE TRIGGER %1$s_next_item_truncate AFTER TRUNCATE ON %1$I
         FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_truncate()', t);
  END LOOP;
END
$$;

-- Existing members, in one statement. The triggers above already stand, and creating them waited
-- for every open write to these tables, so nothing written from here on is missed.
UPDATE members m SET next_item_on = x.next_on
FROM (SELECT team_id, user_id, member_next_item_on(team_id, user_id) AS next_on FROM members) x
WHERE m.team_id = x.team_id AND m.user_id = x.user_id AND x.next_on IS NOT NULL;
