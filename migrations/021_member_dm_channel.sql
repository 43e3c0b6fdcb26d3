-- The bot's DM channel with each member, as conversations.open last answered: kept so the worker
-- opens a member's DM once, not once per digest (Slack limits conversations.open to about 50 calls a
-- minute per workspace, Tier 3). Cleared when Slack answers channel_not_found, so the next send
-- opens it afresh. Read only with the member's row (its primary key): no index.
ALTER TABLE members ADD COLUMN dm_channel_id text;
