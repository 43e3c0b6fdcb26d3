-- Birthdays and other yearly dates worth remembering, per contact; each comes in the digest of its
-- day, or of the member's last work day before it.

CREATE TABLE contact_dates (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  contact_id bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('birthday', 'other')),
  -- 'birthday' for a birthday; what the date is for otherwise ("work anniversary").
  label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 100),
  month smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  day smallint NOT NULL CHECK (day BETWEEN 1 AND 31),
  year smallint CHECK (year BETWEEN 1900 AND 2200),
  -- The next occurrence not yet put in a digest: moved a year on once a digest carried it (or once
  -- it passed unseen), so each occurrence comes once.
  next_on date NOT NULL,
  created_at timestamptz NOT NULL
);

-- One birthday per contact (a re-import finds it and adds none); a contact's dates (its card, its
-- form, and the cascade when it is deleted); the member's dates in the order they come, for the
-- digest, the Home, the calendar feed and the erase.
CREATE UNIQUE INDEX contact_dates_birthday ON contact_dates (contact_id) WHERE kind = 'birthday';
CREATE INDEX contact_dates_contact ON contact_dates (contact_id);
CREATE INDEX contact_dates_member_next ON contact_dates (team_id, user_id, next_on);

-- The day a date's digest comes: the date itself on a work day, else the last work day of the six
-- before it; the date itself when the member has no work day at all.
CREATE FUNCTION date_digest_day(occurs date, work_days smallint[]) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(
    (SELECT occurs - k FROM generate_series(0, 6) k
     WHERE date_part('isodow', occurs - k)::smallint = ANY (work_days)
     ORDER BY k LIMIT 1),
    occurs)
$$;

-- As in 009, plus pending reminders (026), calls to ask about (027), and the digest day of the member's next date (of an active, sorted contact): the
-- digest day only moves forward with the date, so the earliest date gives the earliest day. Read
-- in date order through contact_dates_member_next and stopped at the first, rather than min() over
-- a join, which would read every date of the member at each write that fires the triggers.
CREATE OR REPLACE FUNCTION member_next_item_on(team text, "user" text) RETURNS date
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN least(
    (SELECT min(next_due_on) FROM contacts
     WHERE team_id = member_next_item_on.team AND user_id = member_next_item_on."user"
       AND archived_at IS NULL AND next_due_on IS NOT NULL),
    (SELECT min(follow_up_on) FROM asks
     WHERE team_id = member_next_item_on.team AND user_id = member_next_item_on."user"
       AND status = 'pending' AND followed_up_on IS NULL),
    (SELECT min(follow_up_on) FROM introductions
     WHERE team_id = member_next_item_on.team AND user_id = member_next_item_on."user"
       AND followed_up_on IS NULL),
    (SELECT least(min(reach_out_on) FILTER (WHERE reached_out_on IS NULL),
                  min(met_prompt_on) FILTER (WHERE met_prompted_on IS NULL))
     FROM trips
     WHERE team_id = member_next_item_on.team AND user_id = member_next_item_on."user"
       AND cancelled_at IS NULL),
    (SELECT min(r.remind_on) FROM reminders r
     JOIN contacts c ON c.id = r.contact_id AND c.archived_at IS NULL
     WHERE r.team_id = member_next_item_on.team AND r.user_id = member_next_item_on."user"
       AND r.done_at IS NULL AND r.cancelled_at IS NULL),
    (SELECT min(ask_on) FROM scheduled_calls
     WHERE team_id = member_next_item_on.team AND user_id = member_next_item_on."user"
       AND asked_on IS NULL AND outcome IS NULL),
    (SELECT date_digest_day(d.next_on, m.work_days)
     FROM contact_dates d
     JOIN contacts c ON c.id = d.contact_id AND c.archived_at IS NULL AND NOT c.unsorted
     JOIN members m ON m.team_id = d.team_id AND m.user_id = d.user_id
     WHERE d.team_id = member_next_item_on.team AND d.user_id = member_next_item_on."user"
     ORDER BY d.next_on
     LIMIT 1)
  );
END
$$;

CREATE TRIGGER contact_dates_next_item_insert AFTER INSERT ON contact_dates REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_insert();
CREATE TRIGGER contact_dates_next_item_update AFTER UPDATE ON contact_dates
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_update();
CREATE TRIGGER contact_dates_next_item_delete AFTER DELETE ON contact_dates REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_delete();
CREATE TRIGGER contact_dates_next_item_truncate AFTER TRUNCATE ON contact_dates
  FOR EACH STATEMENT EXECUTE FUNCTION member_next_item_after_truncate();

-- New work days move the digest day of the member's dates. Only an UPDATE naming work_days fires
-- it, so the sync's own UPDATE of next_item_on does not.
CREATE FUNCTION member_next_item_after_work_days() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sync_member_next_items(ARRAY[NEW.team_id], ARRAY[NEW.user_id]);
  RETURN NULL;
END
$$;

CREATE TRIGGER members_work_days_next_item AFTER UPDATE OF work_days ON members
  FOR EACH ROW WHEN (OLD.work_days IS DISTINCT FROM NEW.work_days)
  EXECUTE FUNCTION member_next_item_after_work_days();

-- Birthdays imported before dates existed (contacts.birthday, 'MM-DD' or 'YYYY-MM-DD', kept as the
-- file gave it) become birthday dates, their next occurrence from today; 29 February falls on 28
-- February in other years. The triggers above already stand, so next_item_on follows. MATERIALIZED:
-- only real days of the year reach make_date.
WITH parsed AS MATERIALIZED (
  SELECT * FROM (
    SELECT id, team_id, user_id, substr(right(birthday, 5), 1, 2)::int AS month, right(birthday, 2)::int AS day,
           CASE WHEN length(birthday) = 10 THEN left(birthday, 4)::int END AS year
    FROM contacts WHERE birthday IS NOT NULL
  ) p
  WHERE month BETWEEN 1 AND 12
    AND day BETWEEN 1 AND CASE WHEN month = 2 THEN 29 WHEN month IN (4, 6, 9, 11) THEN 30 ELSE 31 END
), occurrences AS (
  SELECT p.*, y, make_date(y, month, CASE WHEN month = 2 AND day = 29 THEN 28 ELSE day END)
                 + (CASE WHEN month = 2 AND day = 29 AND (y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0)) THEN 1 ELSE 0 END)
                 AS on_date
  FROM parsed p
  CROSS JOIN LATERAL (VALUES (date_part('year', current_date)::int), (date_part('year', current_date)::int + 1)) AS ys (y)
)
INSERT INTO contact_dates (team_id, user_id, contact_id, kind, label, month, day, year, next_on, created_at)
SELECT DISTINCT ON (id) team_id, user_id, id, 'birthday', 'birthday', month, day, year, on_date, now()
FROM occurrences
WHERE on_date >= current_date
ORDER BY id, on_date;
