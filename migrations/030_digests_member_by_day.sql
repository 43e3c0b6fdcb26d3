-- A member's (or a workspace's) digests are found through the primary key, one date at a time over
-- the dates digests exist for (a few hundred a year), by the erase and the purge, instead of through
-- digests_member. That index was a third of what the planner writes at 09:00 for every digest it
-- plans (bench:sweep: about a quarter of the planner's time), to serve two rare statements.
DROP INDEX digests_member;
