-- Reminder digests (one per member per local day) and each member's reminder settings.

ALTER TABLE members
  ADD COLUMN digest_hour smallint NOT NULL DEFAULT 9 CHECK (digest_hour BETWEEN 0 AND 23),
  -- ISO weekdays: 1 = Monday … 7 = Sunday.
  ADD COLUMN work_days smallint[] NOT NULL DEFAULT '{1,2,3,4,5}',
  -- A zone the member chose in settings; null follows Slack's (members.tz).
  ADD COLUMN tz_override text,
  ADD COLUMN paused_until date;

CREATE TABLE digests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  local_date date NOT NULL,
  -- pending → sending (claimed under a lease) → sent; or failed after 24 hours of retries;
  -- or empty when nothing was due any more by the time it was composed.
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'empty')),
  items jsonb NOT NULL DEFAULT '[]',
  more_count integer NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  last_error text,
  channel_id text,
  message_ts text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  UNIQUE (team_id, user_id, local_date),
  FOREIGN KEY (team_id, user_id) REFERENCES members ON DELETE CASCADE
);

CREATE INDEX digests_to_send ON digests (next_attempt_at) WHERE state IN ('pending', 'sending');
