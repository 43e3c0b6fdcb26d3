-- A weekly time budget: how many check-ins a week a member can make, and where leveling moved a contact.

-- Null: no limit (the default), and nothing is ever moved.
ALTER TABLE members
  ADD COLUMN weekly_budget smallint CHECK (weekly_budget BETWEEN 1 AND 100),
  -- The member's local date the schedule was last leveled on: the worker levels again on a later day.
  ADD COLUMN leveled_on date;

-- The day leveling moved this contact's check-in to (the first work day of a later week), kept like a
-- snooze so that any recomputation of next_due_on keeps it; null when not moved. Read only among one
-- member's contacts, never searched for on its own: no index.
ALTER TABLE contacts ADD COLUMN leveled_to date;

-- The worker finds the members to level by this, not by scanning every member.
CREATE INDEX members_budgeted ON members (leveled_on) WHERE weekly_budget IS NOT NULL;
