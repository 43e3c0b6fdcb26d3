-- OAuth installations (bot, user and refresh tokens) are kept encrypted: AES-256-GCM under the key in
-- TOUCHBASE_ENCRYPTION_KEY, named by key_id so a rotated key still opens older rows. SQL alone cannot
-- encrypt with the app's key: rows written in plaintext by an older release keep `installation` until
-- the app's start-up step (or `npm run rotate-key`) seals them and clears it. A row is one or the other.
ALTER TABLE slack_installations
  ALTER COLUMN installation DROP NOT NULL,
  ADD COLUMN ciphertext bytea,
  ADD COLUMN iv bytea,
  ADD COLUMN auth_tag bytea,
  ADD COLUMN key_id text,
  ADD CONSTRAINT slack_installations_sealed_or_plain CHECK (
    (installation IS NULL AND ciphertext IS NOT NULL AND iv IS NOT NULL AND auth_tag IS NOT NULL AND key_id IS NOT NULL)
    OR (installation IS NOT NULL AND ciphertext IS NULL AND iv IS NULL AND auth_tag IS NULL AND key_id IS NULL)
  );
