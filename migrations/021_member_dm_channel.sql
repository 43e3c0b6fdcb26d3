-- The bot's DM channel with each member, as conversations.open last answered, and the day it did:
-- kept so the worker opens a member's DM about once a week, not once per digest (Slack limits
-- conversations.open to about 50 calls a minute per workspace, Tier 3). A week, not for ever:
-- Slack accepts posts into a deactivated member's DM, and only conversations.open says the account
-- is gone, which stops their digests and starts their data's retention period. Cleared when Slack
-- answers channel_not_found. Read only with the member's row (its primary key): no index.
ALTER TABLE members ADD COLUMN dm_channel_id text, ADD COLUMN dm_channel_opened_on date;
