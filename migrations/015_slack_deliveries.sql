-- Slack deliveries already taken in: Events API retries (same event_id) and Socket Mode
-- redeliveries (same envelope_id) are processed once. A row only needs to outlive Slack's retry
-- window (minutes), so the worker's tick purges rows older than a day; received_at's index serves
-- that purge.
CREATE TABLE slack_deliveries (
  delivery_id text PRIMARY KEY CHECK (char_length(delivery_id) <= 200),
  received_at timestamptz NOT NULL
);
CREATE INDEX slack_deliveries_received_at ON slack_deliveries (received_at);
