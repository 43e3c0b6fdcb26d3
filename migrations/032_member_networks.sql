-- How many active (not archived) contacts each member has: the size of the network the App Home
-- shows and the total `/touchbase list` shows. Counted from the contacts, both read an index entry
-- per contact at every request (20,000 entries, 3 to 6 ms of PostgreSQL's time for a large network,
-- each time the Home opens or a list is asked for: bench:interactive). Kept here, they are one row.
--
-- Kept exact at every commit by the statement-level triggers below, whatever writes contacts (the
-- store, an import, an erase, the retention purge), as touch_days is (migration 022): each statement
-- adds its difference, so concurrent statements on one member add up rather than overwrite each
-- other, and rows are upserted in key order, so two statements never wait on each other in a cycle.
-- Rows belong to the member and go with them (and with the retention purge, MEMBER_TABLES).
CREATE TABLE member_networks (
  team_id text NOT NULL,
  user_id text NOT NULL,
  active_contacts integer NOT NULL,
  PRIMARY KEY (team_id, user_id),
  FOREIGN KEY (team_id, user_id) REFERENCES members (team_id, user_id) ON DELETE CASCADE
);

CREATE FUNCTION member_networks_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_networks AS n (team_id, user_id, active_contacts)
  SELECT team_id, user_id, count(*) FROM new_rows WHERE archived_at IS NULL
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (team_id, user_id) DO UPDATE SET active_contacts = n.active_contacts + EXCLUDED.active_contacts;
  RETURN NULL;
END
$$;

-- An update may archive, restore or (never in the app, but safely) move a contact to another member.
CREATE FUNCTION member_networks_after_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_networks AS n (team_id, user_id, active_contacts)
  SELECT team_id, user_id, sum(d) FROM (
    SELECT team_id, user_id, 1 AS d FROM new_rows WHERE archived_at IS NULL
    UNION ALL
    SELECT team_id, user_id, -1 FROM old_rows WHERE archived_at IS NULL
  ) changed
  GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
  ON CONFLICT (team_id, user_id) DO UPDATE SET active_contacts = n.active_contacts + EXCLUDED.active_contacts;
  RETURN NULL;
END
$$;

CREATE FUNCTION member_networks_after_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_networks AS n (team_id, user_id, active_contacts)
  SELECT o.team_id, o.user_id, -count(*) FROM old_rows o
  WHERE o.archived_at IS NULL
    -- Contacts that go with their member (a cascade from members) leave no count: the member's goes too.
    AND EXISTS (SELECT 1 FROM members m WHERE m.team_id = o.team_id AND m.user_id = o.user_id)
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (team_id, user_id) DO UPDATE SET active_contacts = n.active_contacts + EXCLUDED.active_contacts;
  RETURN NULL;
END
$$;

CREATE FUNCTION member_networks_after_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM member_networks;
  RETURN NULL;
END
$$;

CREATE TRIGGER contacts_networks_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_networks_after_insert();
CREATE TRIGGER contacts_networks_update AFTER UPDATE ON contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_networks_after_update();
CREATE TRIGGER contacts_networks_delete AFTER DELETE ON contacts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_networks_after_delete();
CREATE TRIGGER contacts_networks_truncate AFTER TRUNCATE ON contacts
  FOR EACH STATEMENT EXECUTE FUNCTION member_networks_after_truncate();

-- Existing networks, counted once. The triggers above already stand, and creating them waited for
-- every open write to contacts, so nothing written from here on is missed or counted twice.
INSERT INTO member_networks (team_id, user_id, active_contacts)
SELECT team_id, user_id, count(*) FROM contacts WHERE archived_at IS NULL GROUP BY 1, 2;
