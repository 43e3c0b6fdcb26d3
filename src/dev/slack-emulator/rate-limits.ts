/**
 * Slack's rate limits, played by the emulator when they are turned on (`SlackEmulator.start({ limits })`
 * or `emulator.setLimits`): a call over its limit is answered HTTP 429 with Retry-After, as Slack does, so
 * tests and benchmarks see what a real workspace would. Off by default: tests that send a burst of calls
 * to one method are not about Slack's limits.
 */

/** A limit: `perMinute` calls a minute on average, up to `burst` of them at once after a quiet spell. */
export interface Pace {
  perMinute: number;
  burst: number;
}

export interface SlackLimits {
  /** chat.postMessage into one channel (Slack: about one message a second, short bursts allowed); null: none. */
  postsPerChannel: Pace | null;
  /** chat.postMessage across one workspace (Slack: several hundred a minute); null: none. */
  postsPerWorkspace: Pace | null;
  /** Every other limited method, per workspace: Slack's tiers (Tier 3 about 50 a minute, Tier 4 about 100). */
  methods: Record<string, Pace>;
}

const TIER_2: Pace = { perMinute: 20, burst: 20 };
const TIER_3: Pace = { perMinute: 50, burst: 50 };
const TIER_4: Pace = { perMinute: 100, burst: 100 };

/** What Slack documents, as the emulator plays it when limits are on and nothing else is said. */
export const SLACK_LIMITS: SlackLimits = {
  postsPerChannel: { perMinute: 60, burst: 3 },
  postsPerWorkspace: { perMinute: 300, burst: 30 },
  methods: {
    'conversations.open': TIER_3,
    'conversations.history': TIER_3,
    'conversations.info': TIER_3,
    'chat.update': TIER_3,
    'chat.delete': TIER_3,
    'chat.postEphemeral': TIER_4,
    'users.info': TIER_4,
    'views.open': TIER_4,
    'views.push': TIER_4,
    'views.update': TIER_4,
    'views.publish': TIER_4,
    'files.getUploadURLExternal': TIER_4,
    'files.completeUploadExternal': TIER_4,
    'auth.test': TIER_4,
    'users.list': TIER_2,
  },
};

/**
 * When each key's calls fall due, as a "generic cell rate" schedule (a token bucket without the tokens):
 * each accepted call pushes the key's due time on by 60/perMinute seconds; a call is accepted while that
 * time is no more than `burst - 1` intervals ahead of now.
 */
class Schedule {
  private readonly due = new Map<string, number>();
  private readonly intervalMs: number;

  constructor(private readonly pace: Pace) {
    this.intervalMs = 60_000 / pace.perMinute;
  }

  /** How long a call under `key` must wait before it would be accepted; 0: it would be now. */
  waitMs(key: string, now: number): number {
    const due = Math.max(this.due.get(key) ?? now, now);
    return Math.max(0, due - now - (this.pace.burst - 1) * this.intervalMs);
  }

  take(key: string, now: number): void {
    this.due.set(key, Math.max(this.due.get(key) ?? now, now) + this.intervalMs);
  }
}

/** The limits in force and what each workspace, method and channel has used of them. */
export class RateLimiter {
  private readonly perChannel: Schedule | null;
  private readonly perWorkspacePosts: Schedule | null;
  private readonly perMethod = new Map<string, Schedule>();

  constructor(readonly limits: SlackLimits) {
    this.perChannel = limits.postsPerChannel ? new Schedule(limits.postsPerChannel) : null;
    this.perWorkspacePosts = limits.postsPerWorkspace ? new Schedule(limits.postsPerWorkspace) : null;
    for (const [method, pace] of Object.entries(limits.methods))
      this.perMethod.set(method, new Schedule(pace));
  }

  /**
   * Whether a call may be answered now: 0 when it is (and it counts against its limits), else the
   * milliseconds until it would be. A refused call counts against nothing, as with Slack.
   */
  admit(method: string, workspace: string, channel: string | undefined, now: number): number {
    const checks: [Schedule, string][] = [];
    if (method === 'chat.postMessage') {
      if (this.perWorkspacePosts) checks.push([this.perWorkspacePosts, workspace]);
      if (this.perChannel && channel !== undefined) checks.push([this.perChannel, `${workspace}/${channel}`]);
    } else {
      const schedule = this.perMethod.get(method);
      if (schedule) checks.push([schedule, workspace]);
    }
    const waitMs = Math.max(0, ...checks.map(([schedule, key]) => schedule.waitMs(key, now)));
    if (waitMs === 0) for (const [schedule, key] of checks) schedule.take(key, now);
    return waitMs;
  }
}
