-- The index audit behind migration 023 (bench/README.md, "Index audit"), to run again with psql.
-- On a migrated database holding bench/seed.ts's network (seedMembers, then seedContacts for
-- 1,000,000 contacts through bulkLoad, then refreshNextItems), it adds touches, asks, introductions,
-- trips, trip plans and transitions set-based, then prints the plans of the queries that read by
-- the indexes in question. To see a plan without an index: BEGIN; DROP INDEX …; EXPLAIN …; ROLLBACK.

SET session_replication_role = replica;
INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, note, created_at)
SELECT team_id, user_id, id, '2026-01-01'::date + (id % 60)::int, 'call', (ARRAY['give','ask','catch_up'])[id % 3 + 1], 'note ' || id, now()
FROM contacts, generate_series(1, 2) g;
INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, follow_up_on, status, created_at)
SELECT team_id, user_id, contact_id, id, 'intro to someone', touched_on, touched_on + 30, CASE WHEN id % 4 = 0 THEN 'pending' ELSE 'granted' END, now()
FROM touches WHERE intent = 'ask';
INSERT INTO introductions (team_id, user_id, from_contact_id, to_contact_id, kind, introduced_on, follow_up_on, followed_up_on, created_at)
SELECT team_id, user_id, id, id + 10000, 'peer', '2026-01-01', '2026-01-15', CASE WHEN id % 3 <> 0 THEN '2026-01-16'::date END, now()
FROM contacts WHERE id % 20 = 0 AND id + 10000 <= 1000000;
INSERT INTO trips (team_id, user_id, city, starts_on, ends_on, reach_out_on, met_prompt_on, created_at)
SELECT team_id, user_id, 'City ' || g, '2026-05-01'::date + g, '2026-05-03'::date + g, '2026-04-17'::date + g, '2026-05-04'::date + g, now()
FROM members, generate_series(1, 3) g;
INSERT INTO trip_contacts (trip_id, contact_id, team_id, user_id)
SELECT t.id, c.id, c.team_id, c.user_id FROM trips t
JOIN LATERAL (SELECT id, team_id, user_id FROM contacts c WHERE c.team_id = t.team_id AND c.user_id = t.user_id LIMIT 3) c ON true;
INSERT INTO transitions (team_id, user_id, contact_id, kind, noted_on, created_at)
SELECT team_id, user_id, id, 'new_job', '2026-01-01', now() FROM contacts WHERE id % 10 = 0;
SET session_replication_role = origin;
VACUUM ANALYZE;

\set t '''T0BENCH3'''
\set u '''U0000003'''
\echo == followUpsDue (asks)
EXPLAIN (ANALYZE, COSTS OFF) SELECT a.id FROM asks a JOIN contacts c ON c.id = a.contact_id
 WHERE a.team_id = :t AND a.user_id = :u AND a.status = 'pending' AND a.followed_up_on IS NULL AND a.follow_up_on <= '2026-03-04'
 AND c.archived_at IS NULL ORDER BY a.asked_on, a.id;
\echo == pendingAsks (home)
EXPLAIN (ANALYZE, COSTS OFF) SELECT a.id FROM asks a JOIN contacts c ON c.id = a.contact_id AND c.team_id = a.team_id AND c.user_id = a.user_id
 WHERE a.team_id = :t AND a.user_id = :u AND a.status = 'pending' AND c.archived_at IS NULL ORDER BY a.follow_up_on, a.id;
\echo == introFollowUpsDue
EXPLAIN (ANALYZE, COSTS OFF) SELECT i.id FROM introductions i
 WHERE i.team_id = :t AND i.user_id = :u AND i.followed_up_on IS NULL AND i.follow_up_on <= '2026-03-04' ORDER BY i.introduced_on, i.id;
\echo == tripPromptsDue
EXPLAIN (ANALYZE, COSTS OFF) SELECT t.id FROM trips t LEFT JOIN trip_contacts tc ON tc.trip_id = t.id LEFT JOIN contacts c ON c.id = tc.contact_id AND c.archived_at IS NULL
 WHERE t.team_id = :t AND t.user_id = :u AND t.cancelled_at IS NULL
 AND ((t.reached_out_on IS NULL AND t.reach_out_on <= '2026-05-01' AND t.starts_on >= '2026-05-01') OR (t.met_prompted_on IS NULL AND t.met_prompt_on <= '2026-05-01')) GROUP BY t.id;
\echo == member_next_item_on (trigger function body)
EXPLAIN (ANALYZE, COSTS OFF) SELECT least(
 (SELECT min(next_due_on) FROM contacts WHERE team_id = :t AND user_id = :u AND archived_at IS NULL AND next_due_on IS NOT NULL),
 (SELECT min(follow_up_on) FROM asks WHERE team_id = :t AND user_id = :u AND status = 'pending' AND followed_up_on IS NULL),
 (SELECT min(follow_up_on) FROM introductions WHERE team_id = :t AND user_id = :u AND followed_up_on IS NULL),
 (SELECT least(min(reach_out_on) FILTER (WHERE reached_out_on IS NULL), min(met_prompt_on) FILTER (WHERE met_prompted_on IS NULL)) FROM trips WHERE team_id = :t AND user_id = :u AND cancelled_at IS NULL));
\echo == contactsWithSlackUser
EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM contacts WHERE team_id = :t AND user_id = :u AND slack_user_id = 'U0SLACK' AND archived_at IS NULL ORDER BY lower(name), id;
\echo == dueContactsOf
EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM contacts WHERE team_id = :t AND user_id = :u AND archived_at IS NULL AND next_due_on <= '2026-03-04';
\echo == planner gauge count
EXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM contacts WHERE archived_at IS NULL AND next_due_on <= '2026-03-04';
\echo == purge: one member asks batch
EXPLAIN (ANALYZE, COSTS OFF) SELECT ctid FROM asks WHERE team_id = :t AND user_id = :u LIMIT 500;
\echo == purge: a workspace introductions batch
EXPLAIN (ANALYZE, COSTS OFF) SELECT ctid FROM introductions WHERE team_id = :t LIMIT 500;
\echo == purge: a workspace trips batch
EXPLAIN (ANALYZE, COSTS OFF) SELECT ctid FROM trips WHERE team_id = :t LIMIT 500;
\echo == purge: a workspace contacts batch
EXPLAIN (ANALYZE, COSTS OFF) SELECT ctid FROM contacts WHERE team_id = :t LIMIT 500;
BEGIN;
UPDATE members SET next_item_on = next_item_on + 400 WHERE user_id::text NOT LIKE '%0';
ANALYZE members;
\echo == planner ready members, 10% due
EXPLAIN (ANALYZE, COSTS OFF) SELECT m.team_id, m.user_id FROM members m WHERE m.next_item_on <= '2026-03-05' AND m.digests_stopped_at IS NULL;
ROLLBACK;
ANALYZE members;
\echo == purge touches of a member
EXPLAIN (ANALYZE, COSTS OFF) SELECT ctid FROM touches WHERE team_id = :t AND user_id = :u LIMIT 500;
\echo == purge transitions of a member
EXPLAIN (ANALYZE, COSTS OFF) SELECT ctid FROM transitions WHERE team_id = :t AND user_id = :u LIMIT 500;
\echo == purge trip_contacts of a member
EXPLAIN (ANALYZE, COSTS OFF) SELECT ctid FROM trip_contacts WHERE team_id = :t AND user_id = :u LIMIT 500;
\echo == shares wants_needs of a member
EXPLAIN (ANALYZE, COSTS OFF) SELECT c.id FROM contacts c WHERE c.team_id = :t AND c.user_id = :u AND c.archived_at IS NULL AND to_tsvector('english', coalesce(wants_needs, '')) @@ to_tsquery('english', 'design');
\echo == erase touch cascade to asks
EXPLAIN (ANALYZE, COSTS OFF) SELECT 1 FROM asks WHERE touch_id = 12345;
\echo == a contact history
EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM touches WHERE contact_id = 12345 ORDER BY touched_on DESC LIMIT 5;
