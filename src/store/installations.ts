import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Clock } from '../clock';
import type { SlackAuth } from '../config';
import type { Logger } from '../logger';
import { type Keyring, open, type Sealed, seal } from '../secrets';
import { type Db, inTransaction, prepared, type Sql } from './db';

/** Enterprise-wide installs are keyed by the enterprise, workspace installs by the team. */
function installKey(q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (q.teamId) return `T:${q.teamId}`;
  throw new Error('an installation needs a team or an enterprise id');
}

/** A row as stored: sealed (ciphertext, iv, auth_tag, key_id), or plaintext as an older release wrote it. */
interface InstallationRow {
  install_key: string;
  installation: Installation | null;
  ciphertext: Buffer | null;
  iv: Buffer | null;
  auth_tag: Buffer | null;
  key_id: string | null;
}

const ROW_COLUMNS = 'install_key, installation, ciphertext, iv, auth_tag, key_id';

/**
 * The installation a row holds. A sealed row is only ever read sealed (its plaintext column is empty);
 * a plaintext row is one an older release wrote and the start-up step has not sealed yet.
 */
function unsealRow(keys: Keyring, row: InstallationRow): Installation {
  if (row.ciphertext && row.iv && row.auth_tag && row.key_id) {
    const sealed: Sealed = { ciphertext: row.ciphertext, iv: row.iv, tag: row.auth_tag, keyId: row.key_id };
    return JSON.parse(open(keys, sealed, `installation ${row.install_key}`)) as Installation;
  }
  if (row.installation) return row.installation;
  throw new Error(`installation ${row.install_key} holds neither a sealed nor a plain value`);
}

/** Writes the installation sealed with the current key, clearing any plaintext. */
async function writeSealed(sql: Sql, keys: Keyring, key: string, installation: Installation, at: Date) {
  const sealed = seal(keys, JSON.stringify(installation), `installation ${key}`);
  await sql.query(
    `INSERT INTO slack_installations (install_key, installation, ciphertext, iv, auth_tag, key_id, updated_at)
     VALUES ($1::text, NULL, $2::bytea, $3::bytea, $4::bytea, $5::text, $6::timestamptz)
     ON CONFLICT (install_key) DO UPDATE SET installation = NULL, ciphertext = EXCLUDED.ciphertext,
       iv = EXCLUDED.iv, auth_tag = EXCLUDED.auth_tag, key_id = EXCLUDED.key_id, updated_at = EXCLUDED.updated_at`,
    [key, sealed.ciphertext, sealed.iv, sealed.tag, sealed.keyId, at],
  );
}

/**
 * Keeps OAuth installations (bot, user and refresh tokens per workspace) in PostgreSQL, shared by every
 * process, encrypted with the keyring's current key.
 */
export function installationStore(db: Db, clock: Clock, keys: Keyring): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      const key = installKey({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await writeSealed(db, keys, key, installation, clock.now());
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const { rows } = await db.query<InstallationRow>(
        prepared(
          'fetch_installation',
          `SELECT ${ROW_COLUMNS} FROM slack_installations WHERE install_key = $1::text`,
          [installKey(query)],
        ),
      );
      const found = rows[0];
      if (!found) throw new Error('no installation for this workspace');
      return unsealRow(keys, found);
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await db.query('DELETE FROM slack_installations WHERE install_key = $1::text', [installKey(query)]);
    },
  };
}

/**
 * Seals every installation not yet sealed with the current key: plaintext rows an older release wrote
 * (`only: 'plaintext'`, the start-up step) or, for `npm run rotate-key`, also rows sealed with a previous
 * key. Row by row, each in a short transaction that locks it (FOR UPDATE) and looks again: processes
 * doing this at once, and the app writing a reinstall meanwhile, never lose or double an installation.
 * `updated_at` is kept: sealing is not a reinstall (a paused workspace stays paused).
 */
export async function sealInstallations(
  db: Db,
  keys: Keyring,
  only: 'plaintext' | 'not current key',
): Promise<{ sealed: number }> {
  const { rows } = await db.query<{ install_key: string }>(
    `SELECT install_key FROM slack_installations
     WHERE installation IS NOT NULL OR ($1::boolean AND key_id IS DISTINCT FROM $2::text)
     ORDER BY install_key`,
    [only === 'not current key', keys.current.id],
  );
  let sealed = 0;
  for (const { install_key: key } of rows) {
    const changed = await inTransaction(db, async (client) => {
      const current = await client.query<InstallationRow & { updated_at: Date }>(
        `SELECT ${ROW_COLUMNS}, updated_at FROM slack_installations WHERE install_key = $1::text FOR UPDATE`,
        [key],
      );
      const row = current.rows[0];
      if (!row) return false;
      if (row.installation === null && (only === 'plaintext' || row.key_id === keys.current.id)) return false;
      await writeSealed(client, keys, key, unsealRow(keys, row), row.updated_at);
      return true;
    });
    if (changed) sealed++;
  }
  return { sealed };
}

/**
 * At start, after migrations: installations an older release kept in plaintext are encrypted with
 * TOUCHBASE_ENCRYPTION_KEY before anything is served (SQL alone cannot: it has no key).
 */
export async function sealPlaintextAtStart(auth: SlackAuth, db: Db, logger: Logger): Promise<void> {
  if (auth.mode !== 'oauth') return;
  const { sealed } = await sealInstallations(db, auth.keys, 'plaintext');
  if (sealed > 0) logger.info({ sealed }, 'installations kept in plaintext are now encrypted');
}

/** Which installation an uninstall or a revocation names: a workspace's, or an enterprise-wide one. */
export interface InstallationRef {
  teamId: string | undefined;
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
}

/** Deletes the installation (its bot and user tokens) at once; true when there was one. */
export async function deleteInstallationOf(db: Sql, ref: InstallationRef): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM slack_installations WHERE install_key = $1::text', [
    installKey(ref),
  ]);
  return (rowCount ?? 0) > 0;
}

/**
 * Forgets the user tokens of `userIds` kept in the installation (Slack revoked them); the bot token
 * stays. Read and written through the store's own (de)serialisation. True when one was removed.
 */
export async function revokeUserTokens(
  db: Db,
  clock: Clock,
  keys: Keyring,
  ref: InstallationRef,
  userIds: readonly string[],
): Promise<boolean> {
  const store = installationStore(db, clock, keys);
  const installation = await store
    .fetchInstallation({ ...ref, isEnterpriseInstall: ref.isEnterpriseInstall })
    .catch(() => null);
  const user = installation?.user;
  if (!installation || !user || !userIds.includes(user.id) || !user.token) return false;
  await store.storeInstallation({ ...installation, user: { id: user.id } } as Installation);
  return true;
}
