import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { UseCaseDeps } from '../../../usecases/deps';
import { type InstallationRef, tokensRevoked, workspaceUninstalled } from '../../../usecases/workspaces';

/**
 * Where an uninstall or a revocation comes from. Slack's deliveries carry `team_id` and
 * `authorizations`; the documented examples carry only `enterprise_id` (an enterprise-wide install).
 */
const envelope = z.object({
  team_id: z.string().min(1).nullish(),
  enterprise_id: z.string().min(1).nullish(),
  authorizations: z
    .array(
      z.object({
        team_id: z.string().min(1).nullish(),
        enterprise_id: z.string().min(1).nullish(),
        is_enterprise_install: z.boolean().optional(),
      }),
    )
    .nullish(),
});

function installationOf(body: unknown): InstallationRef {
  const parsed = envelope.safeParse(body);
  const e = parsed.success ? parsed.data : {};
  const authorization = e.authorizations?.[0];
  const teamId = e.team_id ?? authorization?.team_id ?? undefined;
  const enterpriseId = e.enterprise_id ?? authorization?.enterprise_id ?? undefined;
  return { teamId, enterpriseId, isEnterpriseInstall: authorization?.is_enterprise_install ?? !teamId };
}

const revokedTokens = z.object({
  tokens: z.object({
    oauth: z.array(z.string()).nullish(),
    bot: z.array(z.string()).nullish(),
  }),
});

/**
 * `app_uninstalled` and `tokens_revoked`: the tokens go at once and the workspace stops getting
 * digests; its data is kept for the retention period (TOUCHBASE_RETENTION_DAYS), so a reinstall
 * keeps the network. Bolt skips authorising these two events, since the tokens are already gone.
 */
export function registerUninstall(app: App, deps: UseCaseDeps): void {
  app.event('app_uninstalled', async ({ body }) => {
    const ref = installationOf(body);
    const done = await workspaceUninstalled(deps, ref, 'app_uninstalled');
    logOutcome(deps, ref, 'touchbase was uninstalled', done);
  });

  app.event('tokens_revoked', async ({ body, event }) => {
    const ref = installationOf(body);
    const parsed = revokedTokens.safeParse(event);
    const tokens = parsed.success ? parsed.data.tokens : {};
    const done = await tokensRevoked(deps, ref, { users: tokens.oauth ?? [], bots: tokens.bot ?? [] });
    if (done.uninstalled) logOutcome(deps, ref, "touchbase's bot token was revoked", done);
    else
      deps.logger.info(
        { team: ref.teamId, enterprise: ref.enterpriseId, userTokensRemoved: done.userTokensRemoved },
        'user tokens revoked: forgotten; the bot token still works',
      );
  });
}

function logOutcome(deps: UseCaseDeps, ref: InstallationRef, what: string, done: object): void {
  if (!ref.teamId) {
    deps.logger.warn(
      { enterprise: ref.enterpriseId, ...done },
      `${what} from an enterprise, naming no workspace: its installation is deleted`,
    );
    return;
  }
  deps.logger.info(
    { team: ref.teamId, ...done },
    `${what}: tokens deleted, no more digests for this workspace; its data is deleted after the retention period unless it reinstalls`,
  );
}
