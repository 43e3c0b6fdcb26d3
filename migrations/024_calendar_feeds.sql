-- A member's private calendar feed (GET /calendar/<token>.ics): the token's SHA-256, never the token.

CREATE TABLE calendar_feeds (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
  created_at timestamptz NOT NULL,
  -- A revoked feed answers 404; its row stays (when it was made and ended) until the member's data goes.
  revoked_at timestamptz,
  FOREIGN KEY (team_id, user_id) REFERENCES members ON DELETE CASCADE
);

-- One live link per member: a new one is made only after the old one is revoked, in one transaction.
CREATE UNIQUE INDEX calendar_feeds_one_live ON calendar_feeds (team_id, user_id) WHERE revoked_at IS NULL;
CREATE INDEX calendar_feeds_member ON calendar_feeds (team_id, user_id);
