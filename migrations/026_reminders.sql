-- One-off reminders: a contact, a day and what to do, shown in each digest from that day until done.

CREATE TABLE reminders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  contact_id bigint NOT NULL,
  remind_on date NOT NULL,
  what text NOT NULL CHECK (char_length(what) BETWEEN 1 AND 300),
  created_at timestamptz NOT NULL,
  done_at timestamptz,
  cancelled_at timestamptz,
  FOREIGN KEY (team_id, user_id) REFERENCES members ON DELETE CASCADE,
  FOREIGN KEY (contact_id, team_id, user_id) REFERENCES contacts (id, team_id, user_id) ON DELETE CASCADE
);

-- A member's reminders by day: the digest, the list, the calendar feed, next_item_on, and the
-- uninstall purge (which deletes done ones too, so the index is not limited to pending rows).
CREATE INDEX reminders_member ON reminders (team_id, user_id, remind_on);
-- Deleting a contact cascades here.
CREATE INDEX reminders_contact ON reminders (contact_id);

-- A pending reminder keeps the member's next item on its day until it is done, so it comes in every
-- digest from that day on: migration 028's member_next_item_on reads reminders (the triggers below
-- run it).
CREATE TRIGGER reminders_next_item_insert AFTER INSERT ON reminders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_insert();
CREATE TRIGGER reminders_next_item_update AFTER UPDATE ON reminders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_update();
CREATE TRIGGER reminders_next_item_delete AFTER DELETE ON reminders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_delete();
CREATE TRIGGER reminders_next_item_truncate AFTER TRUNCATE ON reminders
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_truncate();
