import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Clock } from '../clock';
import type { Db, Sql } from './db';

/** Enterprise-wide installs are keyed by the enterprise, workspace installs by the team. */
function installKey(q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (q.teamId) return `T:${q.teamId}`;
  throw new Error('an installation needs a team or an enterprise id');
}

/** Keeps OAuth installations (bot tokens per workspace) in PostgreSQL, shared by every process. */
export function installationStore(db: Db, clock: Clock): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      const key = installKey({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await db.query(
        `INSERT INTO slack_installations (install_key, installation, updated_at)
         VALUES ($1::text, $2::jsonb, $3::timestamptz)
         ON CONFLICT (install_key) DO UPDATE SET installation = EXCLUDED.installation, updated_at = EXCLUDED.updated_at`,
        [key, JSON.stringify(installation), clock.now()],
      );
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const { rows } = await db.query<{ installation: Installation }>(
        'SELECT installation FROM slack_installations WHERE install_key = $1::text',
        [installKey(query)],
      );
      const found = rows[0];
      if (!found) throw new Error('no installation for this workspace');
      return found.installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await db.query('DELETE FROM slack_installations WHERE install_key = $1::text', [installKey(query)]);
    },
  };
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
  ref: InstallationRef,
  userIds: readonly string[],
): Promise<boolean> {
  const store = installationStore(db, clock);
  const installation = await store
    .fetchInstallation({ ...ref, isEnterpriseInstall: ref.isEnterpriseInstall })
    .catch(() => null);
  const user = installation?.user;
  if (!installation || !user || !userIds.includes(user.id) || !user.token) return false;
  await store.storeInstallation({ ...installation, user: { id: user.id } } as Installation);
  return true;
}
