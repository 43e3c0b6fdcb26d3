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

/** Web API clients for the worker, one per workspace, that report 429s instead of retrying on their own. */
export function workerClients(opts: { auth: SlackAuth; apiUrl: string | undefined; db: Db; clock: Clock }) {
  const options: webApi.WebClientOptions = {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  };
  const byToken = new Map<string, webApi.WebClient>();
  const forToken = (token: string) => {
    let client = byToken.get(token);
    if (!client) {
      client = new webApi.WebClient(token, options);
      byToken.set(token, client);
    }
    return client;
  };
  const auth = opts.auth;
  if (auth.mode === 'single') return async (_teamId: string) => forToken(auth.botToken);
  const installations = installationStore(opts.db, opts.clock);
  return async (teamId: string) => {
    const installation = await installations.fetchInstallation({
      teamId,
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    const token = installation.bot?.token;
    if (!token) throw new Error(`no bot token for workspace ${teamId}`);
    return forToken(token);
  };
}

export type ClientFor = ReturnType<typeof workerClients>;
