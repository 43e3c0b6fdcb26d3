-- When the member said, while adding a contact, that they last talked: a date or "about 3 months
-- ago" made a date. It is no touch (no kind, no intent, never listed), but the schedule counts it
-- as one: last_touch_on is the later of this and the latest touch, so recomputing the clock from
-- the touches after one is edited or deleted keeps it.
ALTER TABLE contacts ADD COLUMN talked_before_on date;
