-- The member's network: who they are, whom they know, and every touch with each contact.

CREATE TABLE members (
  team_id text NOT NULL,
  user_id text NOT NULL,
  tz text NOT NULL DEFAULT 'UTC',
  -- false until Slack's users.info has answered; the member is asked again until it does.
  tz_from_slack boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, user_id)
);

CREATE TABLE contacts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  company text CHECK (char_length(company) <= 200),
  role text CHECK (char_length(role) <= 200),
  city text CHECK (char_length(city) <= 200),
  slack_user_id text,
  cadence text NOT NULL CHECK (cadence IN ('biweekly', 'monthly', 'quarterly', 'semiannual', 'yearly', 'none')),
  how_met text CHECK (char_length(how_met) <= 3000),
  wants_needs text CHECK (char_length(wants_needs) <= 3000),
  -- Calendar dates in the member's time zone: a cadence counts whole days and months.
  added_on date NOT NULL,
  last_touch_on date,
  next_due_on date,
  snoozed_until date,
  archived_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  FOREIGN KEY (team_id, user_id) REFERENCES members ON DELETE CASCADE,
  -- Lets touches reference a contact together with its owner, so a touch can never
  -- point at another member's contact.
  UNIQUE (id, team_id, user_id)
);

CREATE INDEX contacts_member_name ON contacts (team_id, user_id, lower(name));
CREATE INDEX contacts_due ON contacts (next_due_on) WHERE archived_at IS NULL AND next_due_on IS NOT NULL;

CREATE TABLE touches (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  contact_id bigint NOT NULL,
  touched_on date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('call', 'video', 'in_person', 'message', 'email', 'event')),
  intent text NOT NULL CHECK (intent IN ('give', 'ask', 'catch_up')),
  note text CHECK (char_length(note) <= 3000),
  created_at timestamptz NOT NULL,
  FOREIGN KEY (contact_id, team_id, user_id) REFERENCES contacts (id, team_id, user_id) ON DELETE CASCADE
);

CREATE INDEX touches_contact ON touches (contact_id, touched_on DESC);

-- Workspaces that installed touchbase through OAuth (SLACK_CLIENT_ID mode).
CREATE TABLE slack_installations (
  install_key text PRIMARY KEY,
  installation jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
