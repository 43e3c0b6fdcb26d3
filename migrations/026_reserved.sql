-- Placeholder on branch i17-budget only: this number belongs to a branch merged alongside it
-- (migrations must run 1, 2, 3… with no gap). Drop this file when merging; the duplicate-number check
-- refuses to start until it is gone.
SELECT 1;
