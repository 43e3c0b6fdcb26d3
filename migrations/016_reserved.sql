-- Number 016 is another part of issue 14's (rate limits), developed at the same time; this file
-- only keeps the numbering unbroken on this branch and gives way to that one when they are merged.
SELECT 1;
