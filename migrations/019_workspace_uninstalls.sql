-- Workspaces that uninstalled touchbase or revoked its bot token (app_uninstalled, tokens_revoked).
-- A row stops the worker planning and sending for that workspace, in OAuth and single-token mode
-- alike; its member data is purged by the worker TOUCHBASE_RETENTION_DAYS after `uninstalled_at`.
-- A reinstall within that time keeps the network: an OAuth installation saved after
-- `uninstalled_at`, or any member's request from the workspace, ends the state.
CREATE TABLE workspace_uninstalls (
  team_id text PRIMARY KEY,
  reason text NOT NULL,
  uninstalled_at timestamptz NOT NULL
);
CREATE INDEX workspace_uninstalls_at ON workspace_uninstalls (uninstalled_at);

-- Members whose digests stopped (Slack says their account is gone) are found by when, for the purge.
CREATE INDEX members_digests_stopped ON members (digests_stopped_at) WHERE digests_stopped_at IS NOT NULL;

-- The purge deletes a member's rows in small batches, table by table, children first: each table
-- needs an index that finds a member's rows, and each foreign key an index on its referencing
-- columns, or every deleted parent row makes PostgreSQL scan the child table for it. The
-- foreign-key indexes and a member's digests come in migration 020, which the erase shares.
CREATE INDEX touches_member ON touches (team_id, user_id);
CREATE INDEX asks_member ON asks (team_id, user_id);
CREATE INDEX transitions_member ON transitions (team_id, user_id);
CREATE INDEX trip_contacts_member ON trip_contacts (team_id, user_id);
CREATE INDEX imports_member ON imports (team_id, user_id);
