import type { webApi } from '@slack/bolt';
import type { Clock } from '../clock';
import { nextRetryAt, retriesExhausted } from '../domain/digest';
import type { Logger } from '../logger';
import { digestMessage } from '../slack/blocks/digest';
import type { Db } from '../store/db';
import { levelBudgetedMembers } from '../usecases/budget';
import { forgetOldDeliveries } from '../usecases/deliveries';
import {
  type ClaimedDigest,
  claimBatch,
  composeClaimed,
  type DigestKey,
  erasedSinceClaim,
  forgetDmChannel,
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
import { type ClientFor, oncePerWorkspace, type RateGate, RateLimitedLater } from './slack-calls';
import { describeSlackError, type SlackErrorKind, slackError, slackErrorKind } from './slack-errors';

export interface WorkerDeps {
  db: Db;
  logger: Logger;
  clock: Clock;
  clientFor: ClientFor;
  gate: RateGate;
  /** Digests sent at once (TOUCHBASE_SEND_CONCURRENCY); the gate keeps each workspace within Slack's pace. */
  concurrency: number;
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
/**
 * A sender holds at most this many times its concurrency: the next digests are claimed while the
 * current ones are sent, and never far more than it can send within a lease.
 */
const HOLD_PER_SLOT = 2;
/** A tick stops claiming after this long, so the next minute's tick starts on time. */
const TICK_BUDGET_MS = 55_000;
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
  // Before planning: a member's new day (or week) may bring other check-ins within their budget.
  await levelBudgetedMembers(deps);
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
  const sender: WorkerDeps = { ...deps, clientFor: oncePerWorkspace(deps.clientFor) };
  const started = Date.now();
  const queue: ClaimedDigest[] = [];
  const sending = new Set<Promise<void>>();
  const send = (digest: ClaimedDigest) => {
    const sent: Promise<void> = sendDigest(sender, digest, pausedTeams)
      .then(
        (outcome) => {
          report[outcome]++;
        },
        // Its bookkeeping failed (the database): the lease runs out and a later attempt reconciles it
        // from the DM; the other digests in flight go on.
        (err: unknown) =>
          deps.logger.error(
            { err, digest: keyOf(digest) },
            'could not record how a digest went; a later attempt finds it in the DM',
          ),
      )
      .finally(() => {
        held.delete(keyOf(digest));
        sending.delete(sent);
      });
    sending.add(sent);
  };
  try {
    let more = true;
    for (;;) {
      more &&= Date.now() - started < TICK_BUDGET_MS;
      if (more && held.size <= deps.concurrency) {
        const batch = await claimBatch(deps, LEASE_MS, deps.concurrency * HOLD_PER_SLOT - held.size);
        for (const digest of batch) held.set(keyOf(digest), digest);
        queue.push(...batch);
        // Nothing ready now; what becomes ready later (a retry's time, a dead sender's lease) the next tick takes.
        if (batch.length === 0) more = false;
      }
      while (queue.length > 0 && sending.size < deps.concurrency) send(queue.shift() as ClaimedDigest);
      if (sending.size === 0) break;
      await Promise.race(sending);
    }
  } finally {
    // A claim that failed must not leave sends behind without their heartbeat.
    await Promise.allSettled(sending);
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
    const gate = <T>(method: string, fn: () => Promise<T>, channel?: string) =>
      deps.gate.call(digest.teamId, method, fn, channel);
    // The member's DM as last opened: conversations.open once per member, not once per digest. A
    // channel opened here is kept with the digest's sent record.
    let kept = digest.dmChannelId;
    const openDm = async () => {
      if (kept) return kept;
      const opened = await gate('conversations.open', () =>
        client.conversations.open({ users: digest.userId }),
      );
      const channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel');
      kept = channel;
      return channel;
    };
    const openedNow = (channel: string) => channel !== digest.dmChannelId;
    // Slack no longer knows a kept channel (channel_not_found): forgotten, and the DM opened afresh, once.
    const inDm = async <T>(use: (channel: string) => Promise<T>): Promise<T> => {
      const channel = await openDm();
      try {
        return await use(channel);
      } catch (err) {
        if (channel !== digest.dmChannelId || slackError(err) !== 'channel_not_found') throw err;
        log.info({ channel }, 'Slack no longer knows the kept DM channel; opening the DM afresh');
        kept = null;
        await forgetDmChannel(deps, digest);
        return use(await openDm());
      }
    };
    // An earlier attempt may have reached Slack without its outcome being recorded: its sender died
    // or stalled past its lease after posting, or the post timed out, or the bookkeeping after it
    // failed. Its message, named by its metadata, is then in the DM: record that one, post nothing.
    if (digest.attempts > 1) {
      const found = await inDm(async (channel) => ({
        channel,
        ts: await findPostedDigest(gate, client, channel, digest),
      }));
      if (found.ts) {
        await recordSent(deps, digest, digest.items, {
          channelId: found.channel,
          ts: found.ts,
          dmOpened: openedNow(found.channel),
        });
        metrics.reconciled.inc();
        log.info(found, 'digest found in the DM from an earlier attempt; recorded, not sent again');
        return 'reconciled';
      }
    }
    // What the digest says is worked out while Slack opens the DM (the first time only; later the
    // channel is kept): the database and Slack in parallel, not one after the other.
    const [composing, opening] = await Promise.allSettled([composeClaimed(deps, digest), openDm()]);
    if (composing.status === 'rejected') throw composing.reason;
    if (!composing.value) return 'empty';
    if (opening.status === 'rejected') throw opening.reason;
    const { items } = composing.value;
    const message = digestMessage({ localDate: digest.localDate, ...composing.value });
    const { dm, posted } = await inDm(async (dm) => ({
      dm,
      posted: await gate(
        'chat.postMessage',
        // Blocks and metadata go as the JSON Slack's form-encoded API takes, written once: handed
        // objects, the client also copies them whole for a debug line it builds whether or not
        // anything logs it.
        async () =>
          (await client.apiCall('chat.postMessage', {
            channel: dm,
            text: message.text,
            blocks: JSON.stringify(message.blocks),
            metadata: JSON.stringify({
              event_type: DIGEST_EVENT_TYPE,
              event_payload: {
                team_id: digest.teamId,
                user_id: digest.userId,
                local_date: digest.localDate,
                attempt: digest.attempts,
              },
            }),
          })) as webApi.ChatPostMessageResponse,
        dm,
      ),
    }));
    // Slack has the message, the database does not know yet. A crash before the next transaction
    // commits leaves the digest 'sending'; the attempt that takes it over finds this message by its
    // metadata and records it instead of posting again.
    const ts = posted.ts ?? '';
    if (
      !(await recordSent(deps, digest, items, { channelId: dm, ts, dmOpened: openedNow(dm) })) &&
      (await erasedSinceClaim(deps, digest))
    ) {
      // The member erased their data while this digest was on its way: the names it carries must
      // not outlive the erase in their DM, so it is taken back.
      await gate('chat.delete', () => client.chat.delete({ channel: dm, ts }));
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
  gate: <T>(method: string, fn: () => Promise<T>) => Promise<T>,
  client: Awaited<ReturnType<ClientFor>>,
  channel: string,
  digest: DigestKey,
): Promise<string | null> {
  let latest: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const history = await gate('conversations.history', () =>
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
    await deps.gate.call(teamId, 'auth.test', () => client.auth.test());
    return 'member';
  } catch (err) {
    const tokenKind = slackErrorKind(err);
    return tokenKind === 'workspace' || tokenKind === 'ambiguous' ? 'workspace' : 'transient';
  }
}

/** --dry-run: what the next tick would send, per member; reads only. */
export async function previewTick(deps: Pick<WorkerDeps, 'db' | 'clock' | 'logger'>): Promise<string[]> {
  return (await previewDue(deps)).map(({ key, ...composed }) => {
    const message = digestMessage({ localDate: key.localDate, ...composed });
    return `${key.teamId}/${key.userId} (${key.localDate}): ${message.text}`;
  });
}
