-- Contacts brought in from LinkedIn, Google, Outlook and vCard files, and the imports that brought them.

-- Where an imported contact came from and what the file knew of them. Matching on re-import goes
-- profile URL, then email (case ignored), then name and company; `unsorted` holds a contact out of
-- reminders (cadence none) until triage gives them a rhythm or keeps them as they are.
ALTER TABLE contacts
  ADD COLUMN email text CHECK (char_length(email) <= 320),
  ADD COLUMN profile_url text CHECK (char_length(profile_url) <= 500),
  -- The file's connection date ("Connected On"): how long the member has known them.
  ADD COLUMN known_since date,
  -- 'MM-DD' or 'YYYY-MM-DD', kept for birthday reminders later.
  ADD COLUMN birthday text CHECK (birthday ~ '^([0-9]{4}-)?[0-9]{2}-[0-9]{2}$'),
  ADD COLUMN source text CHECK (source IN ('linkedin', 'google', 'outlook', 'vcard', 'csv')),
  ADD COLUMN unsorted boolean NOT NULL DEFAULT false;

-- Re-import looks a member's contacts up by these; most members have none, so the indexes are partial.
CREATE INDEX contacts_member_profile_url ON contacts (team_id, user_id, profile_url) WHERE profile_url IS NOT NULL;
CREATE INDEX contacts_member_email ON contacts (team_id, user_id, lower(email)) WHERE email IS NOT NULL;
-- Triage reads a member's unsorted contacts, most recently connected first, five at a time.
CREATE INDEX contacts_member_unsorted ON contacts (team_id, user_id, known_since DESC NULLS LAST, id)
  WHERE unsorted AND archived_at IS NULL;

-- One import of a member's: previewed, then written in one transaction, or cancelled.
CREATE TABLE imports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  format text NOT NULL CHECK (format IN ('linkedin', 'google', 'outlook', 'vcard', 'csv')),
  state text NOT NULL CHECK (state IN ('preview', 'importing', 'done', 'failed', 'cancelled')),
  -- What the preview found (counts and the rows to write), so Import writes exactly what was shown.
  plan jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  FOREIGN KEY (team_id, user_id) REFERENCES members ON DELETE CASCADE
);
-- A member can run one import at a time.
CREATE UNIQUE INDEX imports_one_running ON imports (team_id, user_id) WHERE state IN ('preview', 'importing');

-- How a member mapped the columns of a CSV touchbase did not recognise, remembered by its header.
CREATE TABLE import_column_maps (
  team_id text NOT NULL,
  user_id text NOT NULL,
  header_key text NOT NULL,
  mapping jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, user_id, header_key),
  FOREIGN KEY (team_id, user_id) REFERENCES members ON DELETE CASCADE
);
