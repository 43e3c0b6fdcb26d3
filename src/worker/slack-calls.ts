import { webApi } from '@slack/bolt';
import type { Clock } from '../clock';
import type { SlackAuth } from '../config';
import type { Db } from '../store/db';
import { installationStore } from '../store/installations';

/** A 429 asking for a longer wait than this is not waited out inside a tick; the digest is rescheduled. */
export const MAX_INLINE_RETRY_AFTER_S = 30;

export class RateLimitedLater extends Error {
  constructor(readonly retryAfterS: number) {
    super(`rate limited for ${retryAfterS} s`);
  }
}

/**
 * Slack's rate limits are per method: after a 429 no call to that method goes out before its
 * Retry-After has passed. The worker's client rejects 429s instead of retrying blindly, so
 * this gate decides when to call again.
 */
export class RateGate {
  private readonly openAt = new Map<string, number>();

  constructor(
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Calls `fn`, waiting out 429s of up to MAX_INLINE_RETRY_AFTER_S; longer ones throw RateLimitedLater. */
  async call<T>(method: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const wait = (this.openAt.get(method) ?? 0) - Date.now();
      if (wait > 0) await this.sleep(wait);
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof Error) || (err as { code?: string }).code !== webApi.ErrorCode.RateLimitedError)
          throw err;
        const retryAfterS = (err as webApi.WebAPIRateLimitedError).retryAfter;
        this.openAt.set(method, Date.now() + retryAfterS * 1000);
        if (retryAfterS > MAX_INLINE_RETRY_AFTER_S || attempt >= 3) throw new RateLimitedLater(retryAfterS);
      }
    }
  }
}

/**
 * Slack's expiring tokens (token rotation) are refreshed this long before they expire, as Bolt does for
 * requests, so a digest never goes out with a token that dies mid-tick.
 */
const REFRESH_BEFORE_EXPIRY_S = 2 * 60 * 60;

/** Web API clients for the worker, one per workspace, that report 429s instead of retrying on their own. */
export function workerClients(opts: { auth: SlackAuth; apiUrl: string | undefined; db: Db; clock: Clock }) {
  const options: webApi.WebClientOptions = {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  };
  const auth = opts.auth;
  if (auth.mode === 'single') {
    const client = new webApi.WebClient(auth.botToken, options);
    return async (_teamId: string) => client;
  }
  const installations = installationStore(opts.db, opts.clock, auth.keys);
  const oauth = new webApi.WebClient(undefined, options);
  // One client per workspace, replaced when its token changes (a reinstall, a refresh).
  const byTeam = new Map<string, { token: string; client: webApi.WebClient }>();
  return async (teamId: string) => {
    const query = { teamId, isEnterpriseInstall: false, enterpriseId: undefined };
    let installation = await installations.fetchInstallation(query);
    const bot = installation.bot;
    // Expiry is Slack's real time, not the worker's clock (which `--now` may move).
    if (
      bot?.refreshToken &&
      bot.expiresAt !== undefined &&
      bot.expiresAt - Date.now() / 1000 <= REFRESH_BEFORE_EXPIRY_S
    ) {
      const refreshed = await oauth.oauth.v2.access({
        client_id: auth.clientId,
        client_secret: auth.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: bot.refreshToken,
      });
      if (!refreshed.access_token || !refreshed.refresh_token || refreshed.expires_in === undefined)
        throw new Error(`Slack did not refresh the bot token of workspace ${teamId}`);
      installation = {
        ...installation,
        bot: {
          ...bot,
          token: refreshed.access_token,
          refreshToken: refreshed.refresh_token,
          expiresAt: Math.floor(Date.now() / 1000) + refreshed.expires_in,
        },
      };
      await installations.storeInstallation(installation);
    }
    const token = installation.bot?.token;
    if (!token) throw new Error(`no bot token for workspace ${teamId}`);
    const known = byTeam.get(teamId);
    if (known?.token === token) return known.client;
    const client = new webApi.WebClient(token, options);
    byTeam.set(teamId, { token, client });
    return client;
  };
}

export type ClientFor = ReturnType<typeof workerClients>;
