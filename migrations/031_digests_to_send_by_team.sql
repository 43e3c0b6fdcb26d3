-- The claim takes ready digests in turns across workspaces. It read every ready digest to rank them
-- (row_number over all of them: 0.6 s a claim of 1,000 at 100,000 pending in bench:sweep at 5M).
-- Keyed by workspace, then time, the index of unsent digests lets it find the workspaces with unsent
-- digests (one probe each) and read only each one's first few, in the claim's order. A morning's
-- digests of one workspace share one key (planned at one instant), which the index keeps as one
-- entry with a list of rows, so the planner writes it about as cheaply as the index it replaces
-- (next_attempt_at), when it writes in the index's order. The one other reader of that index, the
-- next lease to expire, reads it whole either way.
DROP INDEX digests_to_send;
CREATE INDEX digests_to_send ON digests (team_id, next_attempt_at) WHERE state IN ('pending', 'sending');
