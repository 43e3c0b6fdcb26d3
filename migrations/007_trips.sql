-- Trips and events: where a member is going, whom they plan to meet, and the reminders around it.

CREATE TABLE trips (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  city text NOT NULL CHECK (char_length(city) BETWEEN 1 AND 200),
  event text CHECK (char_length(event) BETWEEN 1 AND 200),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  -- 14 days before the start: reach out. The day after the end: whom did you meet? Each once.
  reach_out_on date NOT NULL,
  reached_out_on date,
  met_prompt_on date NOT NULL,
  met_prompted_on date,
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL,
  FOREIGN KEY (team_id, user_id) REFERENCES members ON DELETE CASCADE
);

CREATE INDEX trips_member ON trips (team_id, user_id, starts_on);
CREATE INDEX trips_reach_out ON trips (reach_out_on) WHERE reached_out_on IS NULL AND cancelled_at IS NULL;
CREATE INDEX trips_met_prompt ON trips (met_prompt_on) WHERE met_prompted_on IS NULL AND cancelled_at IS NULL;

-- The contacts a member found for a trip; `planned` once they chose to meet them.
CREATE TABLE trip_contacts (
  trip_id bigint NOT NULL REFERENCES trips ON DELETE CASCADE,
  contact_id bigint NOT NULL,
  team_id text NOT NULL,
  user_id text NOT NULL,
  planned boolean NOT NULL DEFAULT false,
  PRIMARY KEY (trip_id, contact_id),
  FOREIGN KEY (contact_id, team_id, user_id) REFERENCES contacts (id, team_id, user_id) ON DELETE CASCADE
);

ALTER TABLE members ADD COLUMN home_opened_at timestamptz;
