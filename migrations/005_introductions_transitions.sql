-- Introductions a member made (with a follow-up 14 days later) and transitions in contacts' lives.

CREATE TABLE introductions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  -- The contact the member introduced…
  from_contact_id bigint NOT NULL,
  -- …to another contact, or to an organisation or opportunity by name.
  to_contact_id bigint,
  to_name text CHECK (char_length(to_name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('candidate_employer', 'founder_investor', 'consultant_institution', 'peer', 'other')),
  why text CHECK (char_length(why) <= 3000),
  introduced_on date NOT NULL,
  outcome text CHECK (outcome IN ('connected', 'no_response', 'not_a_fit')),
  -- The "how did it go?" follow-up: the day it may appear, and the day it went out (once).
  follow_up_on date NOT NULL,
  followed_up_on date,
  -- "No response yet" asks once more, 14 days later; never a third time.
  asked_again boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  CHECK ((to_contact_id IS NULL) <> (to_name IS NULL)),
  CHECK (to_contact_id IS DISTINCT FROM from_contact_id),
  FOREIGN KEY (from_contact_id, team_id, user_id) REFERENCES contacts (id, team_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (to_contact_id, team_id, user_id) REFERENCES contacts (id, team_id, user_id) ON DELETE CASCADE
);

CREATE INDEX introductions_member ON introductions (team_id, user_id, introduced_on DESC);
CREATE INDEX introductions_follow_up ON introductions (follow_up_on) WHERE followed_up_on IS NULL;

CREATE TABLE transitions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  contact_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('new_job', 'lost_job', 'moved', 'other')),
  noted_on date NOT NULL,
  note text CHECK (char_length(note) <= 3000),
  created_at timestamptz NOT NULL,
  FOREIGN KEY (contact_id, team_id, user_id) REFERENCES contacts (id, team_id, user_id) ON DELETE CASCADE
);

CREATE INDEX transitions_contact ON transitions (contact_id, noted_on DESC);

-- The latest transition, on the contact itself, because it changes when the contact is due.
ALTER TABLE contacts
  ADD COLUMN transition_kind text CHECK (transition_kind IN ('new_job', 'lost_job', 'moved', 'other')),
  ADD COLUMN transition_on date;
