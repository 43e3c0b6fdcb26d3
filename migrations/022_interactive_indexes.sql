-- Indexes for the App Home, `due` and the digest composer answered in SQL, bounded by what they
-- show rather than by the member's network (src/store/due.ts, src/store/home.ts). Each was chosen
-- from EXPLAIN on a member with 20,000 contacts and 100,000 touches among 120,000 contacts
-- (npm run bench:interactive, BENCH_EXPLAIN=1). All lead with the member.

-- Dormant contacts (the Home): no touch for more than twice the cadence, counted from the later of
-- the last touch and the day they were added. Within one cadence that is a prefix of this order, so
-- each cadence's count is an index-only range and its most dormant few are its first entries; name
-- and id break ties as the Home does. Without it, the Home read every active contact's row.
CREATE INDEX contacts_member_silence
  ON contacts (team_id, user_id, cadence, greatest(last_touch_on, added_on), name COLLATE contact_name_order, id)
  WHERE archived_at IS NULL;

-- Contacts in a transition's 90 days (the Home's section, and the fresh ones that come first in
-- `due`, the Home and the digest): few rows, found without reading the member's network.
CREATE INDEX contacts_member_transition ON contacts (team_id, user_id, transition_on)
  WHERE archived_at IS NULL AND transition_on IS NOT NULL;

-- The Home's give/ask balance over 12 months: an index-only count of the member's touches in the
-- window, never their rows. It leads with the member, as touches_member (migration 019) did for
-- erasing and purging a member's touches, so it serves those too and replaces it.
CREATE INDEX touches_member_day ON touches (team_id, user_id, touched_on) INCLUDE (intent);
DROP INDEX touches_member;
