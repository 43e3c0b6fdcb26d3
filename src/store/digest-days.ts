/**
 * Every date digests exist for, as an array, for finding one member's or one workspace's digests
 * through the primary key, which leads with the date (the planner reads by day), one date at a
 * time: no index leads with the member (migration 030). The ends come from the primary key; an
 * empty table gives an empty array.
 */
export const EVERY_DIGEST_DAY = `ARRAY(SELECT generate_series(
    (SELECT min(local_date) FROM digests), (SELECT max(local_date) FROM digests), interval '1 day')::date)`;
