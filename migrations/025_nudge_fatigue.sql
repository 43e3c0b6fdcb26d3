-- Nudge fatigue: which due contacts each sent digest carried, whether the member acted on them,
-- and what they answered when asked whether to keep, lengthen or archive a contact they kept ignoring.

-- One row per due contact a sent digest carried (at most DIGEST_MAX_ITEMS a digest), pruned after
-- about 60 days by the worker that writes them. `acted` turns true when the member acts on the
-- contact before the next digest carries it (triggers below), whatever the way.
CREATE TABLE digest_carried (
  team_id text NOT NULL,
  user_id text NOT NULL,
  contact_id bigint NOT NULL,
  local_date date NOT NULL,
  acted boolean NOT NULL DEFAULT false,
  PRIMARY KEY (team_id, user_id, contact_id, local_date),
  FOREIGN KEY (contact_id, team_id, user_id) REFERENCES contacts (id, team_id, user_id) ON DELETE CASCADE
);

-- The question, once asked, per contact: when a digest asked it (not again for 6 months), and the
-- answer, if any (its day starts the count of ignored digests afresh).
CREATE TABLE contact_fatigue (
  team_id text NOT NULL,
  user_id text NOT NULL,
  contact_id bigint NOT NULL,
  asked_on date NOT NULL,
  answer text CHECK (answer IN ('keep', 'less_often', 'archive')),
  answered_on date,
  PRIMARY KEY (team_id, user_id, contact_id),
  FOREIGN KEY (contact_id, team_id, user_id) REFERENCES contacts (id, team_id, user_id) ON DELETE CASCADE
);

-- Acting on a contact marks the latest digest that carried it as acted on. Triggers rather than a
-- call in each use case: a touch can be logged from the digest, a modal, a shortcut, a group touch
-- or a trip, and a snooze, a skip, an archive or a new cadence from as many places; every one of
-- them counts. One primary-key probe per write, and nothing at all for contacts never carried.
CREATE FUNCTION digest_carried_act(team text, "user" text, contact bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE digest_carried SET acted = true
  WHERE team_id = team AND user_id = "user" AND contact_id = contact AND NOT acted
    AND local_date = (SELECT max(local_date) FROM digest_carried
                      WHERE team_id = team AND user_id = "user" AND contact_id = contact);
END
$$;

CREATE FUNCTION touches_act_on_digest() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM digest_carried_act(NEW.team_id, NEW.user_id, NEW.contact_id);
  RETURN NULL;
END
$$;

CREATE FUNCTION contacts_act_on_digest() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM digest_carried_act(NEW.team_id, NEW.user_id, NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER touches_act_on_digest AFTER INSERT ON touches
  FOR EACH ROW EXECUTE FUNCTION touches_act_on_digest();

CREATE TRIGGER contacts_act_on_digest AFTER UPDATE OF snoozed_until, archived_at, cadence ON contacts
  FOR EACH ROW
  WHEN (OLD.snoozed_until IS DISTINCT FROM NEW.snoozed_until
        OR OLD.archived_at IS DISTINCT FROM NEW.archived_at
        OR OLD.cadence IS DISTINCT FROM NEW.cadence)
  EXECUTE FUNCTION contacts_act_on_digest();
