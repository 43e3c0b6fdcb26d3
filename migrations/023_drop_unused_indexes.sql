-- Indexes no query plan uses, dropped: each costs every insert (and every non-HOT update) of its
-- table an index entry and WAL, for nothing. Found by auditing every index of 001–020 against the
-- store's queries with EXPLAIN on 1,000,000 contacts, 2,000,000 touches, about 667,000 asks, 49,500
-- introductions and 30,000 trips for 10,000 members (bench/README.md, "Index audit"); each plan
-- below was read again without the index: it kept its index, or took another of the member's, as
-- fast. bench:sweep measures what they cost writes.

-- Since migration 009 the planner reads members.next_item_on and never a table's due dates across
-- all members; every follow-up and trip prompt is then read for one member at a time
-- (followUpsDue, introFollowUpsDue, tripPromptsDue, member_next_item_on), through
-- asks_member_follow_up, introductions_member_follow_up and trips_member. These four date-only
-- indexes, made for a planner that scanned every member's follow-ups, serve no query: on an empty
-- range PostgreSQL sometimes picked one for a member's follow-ups, which at scale would read every
-- member's due rows to find one member's.
DROP INDEX asks_follow_up;
DROP INDEX introductions_follow_up;
DROP INDEX trips_reach_out;
DROP INDEX trips_met_prompt;

-- Since migration 011 names are matched and listed through name_key and the list's own indexes
-- (contacts_member_name_key, contacts_member_urgency, contacts_member_name_order); lower(name)
-- orders only contactsWithSlackUser's one or two rows, which contacts_member_name_key finds as
-- fast. Every contact written paid for a fourth member-leading index on contacts.
DROP INDEX contacts_member_name;
