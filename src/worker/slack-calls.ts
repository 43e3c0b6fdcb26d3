import { webApi } from '@slack/bolt';
import type { Clock } from '../clock';
import type { SlackAuth } from '../config';
import { withoutEchoedMessage } from '../slack/rate-gate';
import type { Db } from '../store/db';
import { installationStore } from '../store/installations';

/** A 429 asking for a longer wait than this is not waited out inside a tick; the digest is rescheduled. */
export const MAX_INLINE_RETRY_AFTER_S = 30;

export class RateLimitedLater extends Error {
  constructor(readonly retryAfterS: number) {
    super(`rate limited for ${retryAfterS} s`);
  }
}

/** A pace Slack allows: `perMinute` calls a minute on average, up to `burst` of them at once. */
export interface Pace {
  perMinute: number;
  burst: number;
}

/**
 * Slack's Tier 3 (about 50 calls a minute per workspace and method, with short bursts): the methods
 * a digest may need besides chat.postMessage, whose pace is a setting.
 */
const TIER_3: Pace = { perMinute: 50, burst: 50 };
const TIER_PACES: Record<string, Pace> = {
  'conversations.open': TIER_3,
  'conversations.history': TIER_3,
  'chat.delete': TIER_3,
};
/** Slack posts at most about one message a second into one channel. */
const PER_CHANNEL: Pace = { perMinute: 60, burst: 1 };

/**
 * When each key's next call may go, as a "generic cell rate" schedule: calls are spaced 60/perMinute
 * seconds apart on average, and up to `burst` may go at once after a quiet spell.
 */
class Schedule {
  private readonly due = new Map<string, number>();
  private readonly intervalMs: number;
  private reservations = 0;

  constructor(private readonly pace: Pace) {
    this.intervalMs = 60_000 / pace.perMinute;
  }

  /** Takes the next slot under `key`: how long to wait for it. */
  reserve(key: string, now: number): number {
    const due = Math.max(this.due.get(key) ?? now, now);
    this.due.set(key, due + this.intervalMs);
    // Keys whose slots have all passed carry nothing; forgotten now and then, memory stays bounded.
    if (++this.reservations % 1000 === 0) for (const [k, at] of this.due) if (at <= now) this.due.delete(k);
    return Math.max(0, due - now - (this.pace.burst - 1) * this.intervalMs);
  }
}

/**
 * Keeps one worker process's calls within Slack's limits, which are per workspace and method: each
 * call waits for its turn under the workspace's pace for that method (and chat.postMessage for its
 * channel's, one a second), and after a 429 no call to that workspace's method goes out before its
 * Retry-After has passed; other workspaces, and other methods, go on. The worker's client rejects
 * 429s instead of retrying blindly, so this gate decides when to call again.
 */
export class RateGate {
  private readonly openAt = new Map<string, number>();
  private readonly schedules = new Map<string, Schedule>();
  private readonly perChannel = new Schedule(PER_CHANNEL);

  constructor(
    opts: { postsPerMinutePerWorkspace: number },
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    const posts = opts.postsPerMinutePerWorkspace;
    // A tenth of a minute's posts may go at once: a workspace's first digests do not wait on each other.
    this.schedules.set(
      'chat.postMessage',
      new Schedule({ perMinute: posts, burst: Math.max(1, Math.floor(posts / 10)) }),
    );
    for (const [method, pace] of Object.entries(TIER_PACES)) this.schedules.set(method, new Schedule(pace));
  }

  /**
   * Calls `fn` (Slack's `method` for workspace `teamId`, posting into `channel` if given) in its turn,
   * waiting out 429s of up to MAX_INLINE_RETRY_AFTER_S; longer ones throw RateLimitedLater.
   */
  async call<T>(teamId: string, method: string, fn: () => Promise<T>, channel?: string): Promise<T> {
    const key = `${teamId}:${method}`;
    for (let attempt = 0; ; attempt++) {
      await this.turn(key, teamId, method, channel);
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof Error) || (err as { code?: string }).code !== webApi.ErrorCode.RateLimitedError)
          throw err;
        const retryAfterS = (err as webApi.WebAPIRateLimitedError).retryAfter;
        this.openAt.set(key, Math.max(this.openAt.get(key) ?? 0, Date.now() + retryAfterS * 1000));
        if (retryAfterS > MAX_INLINE_RETRY_AFTER_S || attempt >= 3) throw new RateLimitedLater(retryAfterS);
      }
    }
  }

  private async turn(
    key: string,
    teamId: string,
    method: string,
    channel: string | undefined,
  ): Promise<void> {
    const closedMs = (this.openAt.get(key) ?? 0) - Date.now();
    if (closedMs > MAX_INLINE_RETRY_AFTER_S * 1000) throw new RateLimitedLater(Math.ceil(closedMs / 1000));
    if (closedMs > 0) await this.sleep(closedMs);
    else this.openAt.delete(key);
    const now = Date.now();
    let waitMs = this.schedules.get(method)?.reserve(teamId, now) ?? 0;
    if (channel !== undefined)
      waitMs = Math.max(waitMs, this.perChannel.reserve(`${teamId}:${channel}`, now));
    if (waitMs > 0) await this.sleep(waitMs);
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
    fetch: withoutEchoedMessage(),
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

/**
 * `clientFor` that reads each workspace's installation once: a tick's digests in one workspace (a
 * morning of 50 members at once) share it, rather than each paying a query and a decryption. Kept
 * for one tick only, so a reinstall or a refreshed token is read at the next; a failed read is not
 * kept.
 */
export function oncePerWorkspace(clientFor: ClientFor): ClientFor {
  const clients = new Map<string, ReturnType<ClientFor>>();
  return (teamId) => {
    let client = clients.get(teamId);
    if (!client) {
      const reading = clientFor(teamId);
      reading.catch(() => clients.delete(teamId));
      clients.set(teamId, reading);
      client = reading;
    }
    return client;
  };
}
