-- Asks: what a member asked a contact for, pending until resolved, with a patient follow-up.

ALTER TABLE members
  ADD COLUMN patience_days smallint NOT NULL DEFAULT 10 CHECK (patience_days BETWEEN 3 AND 90);

CREATE TABLE asks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  contact_id bigint NOT NULL,
  touch_id bigint NOT NULL REFERENCES touches ON DELETE CASCADE,
  what text NOT NULL CHECK (char_length(what) BETWEEN 1 AND 300),
  asked_on date NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'declined', 'withdrawn')),
  resolved_at timestamptz,
  -- The day the patient follow-up may first appear (asked_on + the member's patience days).
  follow_up_on date NOT NULL,
  -- Set once the follow-up has gone out in a digest: it is suggested once, not every day.
  followed_up_on date,
  created_at timestamptz NOT NULL,
  FOREIGN KEY (contact_id, team_id, user_id) REFERENCES contacts (id, team_id, user_id) ON DELETE CASCADE
);

CREATE INDEX asks_contact ON asks (contact_id, asked_on DESC);
CREATE INDEX asks_follow_up ON asks (follow_up_on) WHERE status = 'pending' AND followed_up_on IS NULL;
