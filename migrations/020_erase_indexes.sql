-- Indexes that make erasing a member's data (/touchbase delete my data) and deleting one contact
-- for good short statements at 20,000 contacts and 100,000 touches. Each serves a foreign key's
-- ON DELETE CASCADE, which PostgreSQL runs as one lookup per deleted row of the referenced table:
-- without an index on the referencing column, every deleted touch would scan all members' asks,
-- and every deleted contact all members' trip plans.
CREATE INDEX asks_touch ON asks (touch_id);
CREATE INDEX trip_contacts_contact ON trip_contacts (contact_id);
CREATE INDEX introductions_from_contact ON introductions (from_contact_id);
CREATE INDEX introductions_to_contact ON introductions (to_contact_id) WHERE to_contact_id IS NOT NULL;
-- A member's digests: the primary key leads with the date (the planner reads by day), so erasing
-- one member's digests would otherwise read every member's.
CREATE INDEX digests_member ON digests (team_id, user_id);
