-- What a member's click or modal submission wrote, by its idempotency key (a button's message or
-- view, block, action and value; a modal's view id and hash), so a double click, a duplicated
-- delivery or a replay writes once and is answered as the first was. A key is claimed 'pending'
-- before the write and becomes 'done' with the answer once the write is stored; a failed write
-- deletes it, so a retry may run. Keys only need to outlive Slack's 5-minute replay window and a
-- late click on an old message, so the worker's tick purges rows older than a day, through
-- created_at's index.
CREATE TABLE idempotency_keys (
  team_id text NOT NULL,
  user_id text NOT NULL,
  key text NOT NULL CHECK (char_length(key) <= 100),
  state text NOT NULL CHECK (state IN ('pending', 'done')),
  answer jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, user_id, key),
  CHECK ((state = 'done') = (answer IS NOT NULL))
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
