-- What a new job changed, from → to, kept as data so the digest, the Home and the contact card can
-- say "now VP Engineering at Globex (was CTO at Acme)". Null when the transition is not a new job,
-- or when it left the company and role as they were.
ALTER TABLE transitions
  ADD COLUMN previous_company text CHECK (char_length(previous_company) <= 200),
  ADD COLUMN previous_role text CHECK (char_length(previous_role) <= 200);

-- The same for the latest transition, on the contact beside transition_kind and transition_on,
-- because the digest and the Home read the latest transition from the contact.
ALTER TABLE contacts
  ADD COLUMN previous_company text CHECK (char_length(previous_company) <= 200),
  ADD COLUMN previous_role text CHECK (char_length(previous_role) <= 200);
