-- Why digests stop without being given up on. Slack said a member cannot be reached (left the
-- workspace, deactivated, cannot be sent a DM): their digests stop until they use touchbase again,
-- which clears these columns. Slack said a workspace's bot token is dead (revoked, rotated, the
-- app uninstalled): that workspace's digests wait, pending, in workspace_send_pauses, until
-- `retry_at` or until its installation changes, whichever comes first.
ALTER TABLE members
  ADD COLUMN digests_stopped_at timestamptz,
  ADD COLUMN digests_stopped_reason text;

CREATE TABLE workspace_send_pauses (
  team_id text PRIMARY KEY,
  reason text NOT NULL,
  paused_at timestamptz NOT NULL,
  retry_at timestamptz NOT NULL
);
