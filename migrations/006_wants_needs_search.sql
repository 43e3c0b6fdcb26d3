-- Full-text search over each contact's wants and needs, for /touchbase share.

-- The store's share query matches on exactly this expression, so the planner can use the index.
CREATE INDEX contacts_wants_needs_search
  ON contacts USING gin (to_tsvector('english', coalesce(wants_needs, '')));
