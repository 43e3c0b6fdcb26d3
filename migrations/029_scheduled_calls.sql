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
