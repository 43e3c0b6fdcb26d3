-- The digest's follow-ups, read in the order the digest lists them (whose waiting ask is oldest
-- first), and how many people have asks waiting, counted only up to a cap: the composer stops after
-- the first people in this order instead of reading every waiting ask with its contact (1,941 asks,
-- 10 ms of a member with 20,000 contacts in bench:interactive, for a digest showing five). A member's
-- asks waiting for a follow-up, in asked_on order, with what the read filters on carried along, so
-- only the asks it keeps visit the table. asks_member_follow_up (follow_up_on order) stays: the
-- planner's earliest pending date per member is its first entry.
CREATE INDEX asks_member_waiting ON asks (team_id, user_id, asked_on, id) INCLUDE (contact_id, follow_up_on)
  WHERE status = 'pending' AND followed_up_on IS NULL;

-- When the people with asks waiting were counted only up to the cap, the digest's "and N more" is a
-- floor, and it says "over N more".
ALTER TABLE digests ADD COLUMN more_at_least boolean NOT NULL DEFAULT false;
