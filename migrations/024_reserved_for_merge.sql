-- Reserved: migration 024 belongs to another branch of the same release; this file only keeps the
-- numbers without a gap on the i17-fatigue branch and goes when the branches are merged.
SELECT 1;
