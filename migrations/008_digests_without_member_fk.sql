-- The planner writes thousands of digests at 09:00 in each zone; a foreign-key check per row cost it
-- about a third of its time. Digests are keyed by member already, and members are never deleted
-- while their digests matter, so the constraint protected nothing.
ALTER TABLE digests DROP CONSTRAINT IF EXISTS digests_team_id_user_id_fkey;
