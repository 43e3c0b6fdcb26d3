-- The claim takes ready digests in turns across workspaces. It read every ready digest to rank them
-- (row_number over all of them, 0.6 s a claim of 1,000 at 100,000 pending in bench:sweep at 5M).
-- Keyed by workspace, then time and member, the index of unsent digests lets it find the workspaces
-- with unsent digests (one probe each) and read only each one's first few, in the claim's order.
-- It replaces digests_to_send (next_attempt_at), which nothing else reads in time order; the one
-- other reader, the next lease to expire, reads the index whole either way.
DROP INDEX digests_to_send;
CREATE INDEX digests_to_send ON digests (team_id, next_attempt_at, user_id) WHERE state IN ('pending', 'sending');
