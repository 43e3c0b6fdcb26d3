import type { Clock } from '../clock';
import { nextRetryAt, retriesExhausted } from '../domain/digest';
import type { Logger } from '../logger';
import { digestMessage } from '../slack/blocks/digest';
import type { Db } from '../store/db';
import { forgetOldDeliveries } from '../usecases/deliveries';
import {
  type ClaimedDigest,
  claimBatch,
  composeClaimed,
  type DigestKey,
  erasedSinceClaim,
  pauseWorkspace,
  planDue,
  previewDue,
  recordFailure,
  recordRetry,
  recordSent,
  releaseUntried,
  renewLeases,
  stopMemberForUnreachable,
} from '../usecases/digests';
import { forgetOldKeys } from '../usecases/idempotency';
import { purgeExpired } from '../usecases/workspaces';
import type { WorkerMetrics } from './metrics';
import { type ClientFor, type RateGate, RateLimitedLater } from './slack-calls';
import { describeSlackError, type SlackErrorKind, slackErrorKind } from './slack-errors';

export interface WorkerDeps {
  db: Db;
  logger: Logger;
  clock: Clock;
  clientFor: ClientFor;
  gate: RateGate;
  metrics: WorkerMetrics;
  /** Days a workspace's data is kept after it uninstalled touchbase, and a gone member's (TOUCHBASE_RETENTION_DAYS). */
  retentionDays: number;
}

export interface TickReport {
  dueContacts: number;
  planned: number;
  sent: number;
  /** Found in the DM already, posted by an earlier attempt whose outcome was unknown: recorded, not re-sent. */
  reconciled: number;
  retried: number;
  failed: number;
  empty: number;
  /** Held back, still pending, because their workspace's bot token was refused. */
  paused: number;
}

type Outcome = 'sent' | 'reconciled' | 'retried' | 'failed' | 'empty' | 'paused';

/**
 * How long a claimed digest stays its sender's. A live sender renews it every HEARTBEAT_MS, so
 * only a dead (or frozen) sender's digests are taken over, about a minute after it stopped.
 */
export const LEASE_MS = 60_000;
const HEARTBEAT_MS = 20_000;
const CLAIM_BATCH = 25;
/** A tick stops claiming after this long, so the next minute's tick starts on time. */
const TICK_BUDGET_MS = 50_000;
/** The purge of data past its retention works this long per tick, after the sends; the next tick goes on. */
const PURGE_BUDGET_MS = 10_000;
/** A workspace whose bot token was refused is tried again after this long (or at once after a reinstall). */
export const WORKSPACE_RETRY_MS = 10 * 60_000;

/** The metadata event every digest is posted with: it names the digest, so a later attempt can find it. */
export const DIGEST_EVENT_TYPE = 'touchbase_digest';
/** A digest's DM is searched this far back (newest first) for an earlier attempt's message. */
const HISTORY_PAGE_SIZE = 200;
const HISTORY_PAGES = 5;

/** One tick: plan today's digests for members whose morning has come, then send what is ready. */
export async function runTick(deps: WorkerDeps): Promise<TickReport> {
  await forgetOld(deps);
  const { dueContacts, planned } = await planDue(deps);
  deps.metrics.planned.inc(planned);
  deps.metrics.dueContacts.set(dueContacts);
  const report: TickReport = {
    dueContacts,
    planned,
    sent: 0,
    reconciled: 0,
    retried: 0,
    failed: 0,
    empty: 0,
    paused: 0,
  };
  const held = new Map<string, ClaimedDigest>();
  const heartbeat = setInterval(() => {
    renewLeases(deps, [...held.values()], LEASE_MS).catch((err: unknown) =>
      deps.logger.warn({ err }, 'could not renew the leases of the digests being sent; retrying shortly'),
    );
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const pausedTeams = new Set<string>();
  const started = Date.now();
  try {
    while (Date.now() - started < TICK_BUDGET_MS) {
      const batch = await claimBatch(deps, LEASE_MS, CLAIM_BATCH);
      if (batch.length === 0) break;
      for (const digest of batch) held.set(keyOf(digest), digest);
      for (const digest of batch) {
        try {
          report[await sendDigest(deps, digest, pausedTeams)]++;
        } finally {
          held.delete(keyOf(digest));
        }
      }
    }
  } finally {
    clearInterval(heartbeat);
  }
  await purgeOld(deps);
  if (planned || report.sent || report.reconciled || report.retried || report.failed || report.paused)
    deps.logger.info(report, 'reminder tick');
  return report;
}

const keyOf = (key: DigestKey) => `${key.teamId}/${key.userId}/${key.localDate}`;

/**
 * Housekeeping: Slack delivery ids and idempotency keys older than a day, each a small delete
 * through its own index. A failure is logged; it must not hold up the digests.
 */
async function forgetOld(deps: WorkerDeps): Promise<void> {
  try {
    const deliveries = await forgetOldDeliveries(deps);
    const keys = await forgetOldKeys(deps);
    if (deliveries || keys)
      deps.logger.info({ deliveries, keys }, 'forgot old deliveries and idempotency keys');
  } catch (err) {
    deps.logger.warn({ err }, 'could not forget old deliveries and idempotency keys');
  }
}

/**
 * Deletes the data of workspaces uninstalled, and of members whose accounts Slack reported gone, more
 * than the retention period ago. A failure is logged; the next tick tries again.
 */
async function purgeOld(deps: WorkerDeps): Promise<void> {
  const started = Date.now();
  try {
    const purged = await purgeExpired(deps, deps.retentionDays, () => Date.now() - started < PURGE_BUDGET_MS);
    if (purged.rows || purged.workspaces || purged.members || purged.digestsCancelled)
      deps.logger.info(
        { ...purged, retentionDays: deps.retentionDays },
        purged.finished
          ? 'deleted data past its retention period'
          : 'deleting data past its retention period; the next tick goes on',
      );
  } catch (err) {
    deps.logger.error({ err }, 'could not delete data past its retention period; the next tick tries again');
  }
}

/**
 * Composes and posts one claimed digest. The items are worked out afresh at each attempt, so a
 * retry never reminds about someone the member has since talked to.
 */
async function sendDigest(
  deps: WorkerDeps,
  digest: ClaimedDigest,
  pausedTeams: Set<string>,
): Promise<Outcome> {
  const { logger, metrics } = deps;
  const log = logger.child({ digest: keyOf(digest), attempt: digest.attempts });
  if (pausedTeams.has(digest.teamId)) {
    await releaseUntried(deps, digest, 'workspace paused: its bot token was refused');
    metrics.paused.inc();
    return 'paused';
  }
  try {
    const client = await deps.clientFor(digest.teamId);
    const started = process.hrtime.bigint();
    const openDm = async () => {
      const opened = await deps.gate.call('conversations.open', () =>
        client.conversations.open({ users: digest.userId }),
      );
      const channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel');
      return channel;
    };
    let channel: string | undefined;
    // An earlier attempt may have reached Slack without its outcome being recorded: its sender died
    // or stalled past its lease after posting, or the post timed out, or the bookkeeping after it
    // failed. Its message, named by its metadata, is then in the DM: record that one, post nothing.
    if (digest.attempts > 1) {
      channel = await openDm();
      const ts = await findPostedDigest(deps, client, channel, digest);
      if (ts) {
        await recordSent(deps, digest, digest.items, { channelId: channel, ts });
        metrics.reconciled.inc();
        log.info({ channel, ts }, 'digest found in the DM from an earlier attempt; recorded, not sent again');
        return 'reconciled';
      }
    }
    const composed = await composeClaimed(deps, digest);
    if (!composed) return 'empty';
    const { items, moreCount } = composed;
    const message = digestMessage({ localDate: digest.localDate, items, moreCount });
    channel ??= await openDm();
    const dm = channel;
    const posted = await deps.gate.call('chat.postMessage', () =>
      client.chat.postMessage({
        channel: dm,
        text: message.text,
        blocks: message.blocks,
        metadata: {
          event_type: DIGEST_EVENT_TYPE,
          event_payload: {
            team_id: digest.teamId,
            user_id: digest.userId,
            local_date: digest.localDate,
            attempt: digest.attempts,
          },
        },
      }),
    );
    // Slack has the message, the database does not know yet. A crash before the next transaction
    // commits leaves the digest 'sending'; the attempt that takes it over finds this message by its
    // metadata and records it instead of posting again.
    const ts = posted.ts ?? '';
    if (
      !(await recordSent(deps, digest, items, { channelId: dm, ts })) &&
      (await erasedSinceClaim(deps, digest))
    ) {
      // The member erased their data while this digest was on its way: the names it carries must
      // not outlive the erase in their DM, so it is taken back.
      await deps.gate.call('chat.delete', () => client.chat.delete({ channel: dm, ts }));
      log.info('digest taken back: its member erased their data while it was being posted');
      return 'empty';
    }
    metrics.sendSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    metrics.sent.inc();
    return 'sent';
  } catch (err) {
    return handleSendError(deps, digest, err, log, pausedTeams);
  }
}

/** The ts of this digest's message in the DM, posted by an earlier attempt; null when there is none. */
async function findPostedDigest(
  deps: WorkerDeps,
  client: Awaited<ReturnType<ClientFor>>,
  channel: string,
  digest: DigestKey,
): Promise<string | null> {
  let latest: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const history = await deps.gate.call('conversations.history', () =>
      client.conversations.history({
        channel,
        limit: HISTORY_PAGE_SIZE,
        include_all_metadata: true,
        ...(latest ? { latest } : {}),
      }),
    );
    const messages = history.messages ?? [];
    const found = messages.find((m) => isDigestMetadata(m.metadata, digest));
    if (found?.ts) return found.ts;
    latest = messages.at(-1)?.ts;
    if (!history.has_more || !latest) return null;
  }
  return null;
}

function isDigestMetadata(metadata: unknown, digest: DigestKey): boolean {
  const m = metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
  const p = m?.event_payload;
  return (
    m?.event_type === DIGEST_EVENT_TYPE &&
    p?.team_id === digest.teamId &&
    p?.user_id === digest.userId &&
    p?.local_date === digest.localDate
  );
}

async function handleSendError(
  deps: WorkerDeps,
  digest: ClaimedDigest,
  err: unknown,
  log: Logger,
  pausedTeams: Set<string>,
): Promise<Outcome> {
  const now = deps.clock.now();
  const reason = describeSlackError(err);
  const kind = await resolveKind(deps, digest.teamId, slackErrorKind(err));
  if (kind === 'workspace') {
    const retryAt = new Date(now.getTime() + WORKSPACE_RETRY_MS);
    await pauseWorkspace(deps, digest, reason, retryAt);
    pausedTeams.add(digest.teamId);
    deps.metrics.paused.inc();
    log.error(
      { team: digest.teamId, reason, retryAt: retryAt.toISOString() },
      "Slack refused the workspace's bot token: its digests wait, none is dropped, until it is reinstalled or the retry time comes",
    );
    return 'paused';
  }
  if (kind === 'member') {
    await stopMemberForUnreachable(deps, digest, reason);
    deps.metrics.failed.inc();
    log.warn(
      { reason },
      "Slack cannot reach this member: their digests stop until they use touchbase again; other members' go on",
    );
    return 'failed';
  }
  if (kind === 'refused' || retriesExhausted(digest.createdAt, now)) {
    await recordFailure(deps, digest, reason);
    deps.metrics.failed.inc();
    log.error({ reason }, 'digest could not be delivered; giving up');
    return 'failed';
  }
  const retryAt =
    err instanceof RateLimitedLater
      ? new Date(now.getTime() + err.retryAfterS * 1000)
      : nextRetryAt(now, digest.attempts);
  await recordRetry(deps, digest, retryAt, reason);
  deps.metrics.retried.inc();
  log.warn({ reason, retryAt: retryAt.toISOString() }, 'digest not delivered; will retry');
  return 'retried';
}

/**
 * `account_inactive` names either a deactivated member or a dead token; auth.test, which only
 * checks the token, tells them apart.
 */
async function resolveKind(
  deps: WorkerDeps,
  teamId: string,
  kind: SlackErrorKind,
): Promise<Exclude<SlackErrorKind, 'ambiguous'>> {
  if (kind !== 'ambiguous') return kind;
  try {
    const client = await deps.clientFor(teamId);
    await deps.gate.call('auth.test', () => client.auth.test());
    return 'member';
  } catch (err) {
    const tokenKind = slackErrorKind(err);
    return tokenKind === 'workspace' || tokenKind === 'ambiguous' ? 'workspace' : 'transient';
  }
}

/** --dry-run: what the next tick would send, per member; reads only. */
export async function previewTick(deps: Pick<WorkerDeps, 'db' | 'clock' | 'logger'>): Promise<string[]> {
  return (await previewDue(deps)).map(({ key, items, moreCount }) => {
    const message = digestMessage({ localDate: key.localDate, items, moreCount });
    return `${key.teamId}/${key.userId} (${key.localDate}): ${message.text}`;
  });
}
