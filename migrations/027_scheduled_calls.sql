-- Calls a member scheduled with a contact: the invite sent, the check-in planned until the day after,
-- then "did you talk?" in that morning's digest, once.

CREATE TABLE scheduled_calls (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  contact_id bigint NOT NULL,
  starts_at timestamptz NOT NULL,
  minutes integer NOT NULL CHECK (minutes IN (15, 30, 45, 60)),
  -- The member's zone when they scheduled it: the call's day and the invite's words are in it.
  time_zone text NOT NULL,
  -- The day after the call in that zone: the digest asks "did you talk?" from that day on, once.
  ask_on date NOT NULL,
  asked_on date,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  outcome text CHECK (outcome IN ('logged', 'didnt_happen')),
  created_at timestamptz NOT NULL,
  FOREIGN KEY (team_id, user_id) REFERENCES members ON DELETE CASCADE,
  FOREIGN KEY (contact_id, team_id, user_id) REFERENCES contacts (id, team_id, user_id) ON DELETE CASCADE
);

CREATE INDEX scheduled_calls_member ON scheduled_calls (team_id, user_id, contact_id);
CREATE INDEX scheduled_calls_ask ON scheduled_calls (team_id, user_id, ask_on) WHERE asked_on IS NULL AND outcome IS NULL;

-- The planner plans a digest on the day a call's "did you talk?" comes, even when nothing else is due
-- (a call scheduled from a contact's card ahead of their check-in): migration 028's
-- member_next_item_on reads calls (the triggers below run it).
CREATE TRIGGER scheduled_calls_next_item_insert AFTER INSERT ON scheduled_calls REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_insert();
CREATE TRIGGER scheduled_calls_next_item_update AFTER UPDATE ON scheduled_calls
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_update();
CREATE TRIGGER scheduled_calls_next_item_delete AFTER DELETE ON scheduled_calls REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_delete();
CREATE TRIGGER scheduled_calls_next_item_truncate AFTER TRUNCATE ON scheduled_calls
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_truncate();
