import { webApi } from '@slack/bolt';
import type { Clock } from '../clock';
import { nextRetryAt, retriesExhausted } from '../domain/digest';
import type { Logger } from '../logger';
import { digestMessage } from '../slack/blocks/digest';
import type { Db } from '../store/db';
import { forgetOldDeliveries } from '../usecases/deliveries';
import {
  claimBatch,
  composeClaimed,
  type Digest,
  planDue,
  previewDue,
  recordFailure,
  recordRetry,
  recordSent,
} from '../usecases/digests';
import { forgetOldKeys } from '../usecases/idempotency';
import type { WorkerMetrics } from './metrics';
import { type ClientFor, type RateGate, RateLimitedLater } from './slack-calls';

export interface WorkerDeps {
  db: Db;
  logger: Logger;
  clock: Clock;
  clientFor: ClientFor;
  gate: RateGate;
  metrics: WorkerMetrics;
}

export interface TickReport {
  dueContacts: number;
  planned: number;
  sent: number;
  retried: number;
  failed: number;
  empty: number;
}

/** A sender that dies mid-send holds its digests this long before another worker may take them. */
const LEASE_MS = 5 * 60_000;
const CLAIM_BATCH = 25;
/** A tick stops claiming after this long, so the next minute's tick starts on time. */
const TICK_BUDGET_MS = 50_000;

/** One tick: plan today's digests for members whose morning has come, then send what is ready. */
export async function runTick(deps: WorkerDeps): Promise<TickReport> {
  await forgetOld(deps);
  const { dueContacts, planned } = await planDue(deps);
  deps.metrics.planned.inc(planned);
  deps.metrics.dueContacts.set(dueContacts);
  const report: TickReport = { dueContacts, planned, sent: 0, retried: 0, failed: 0, empty: 0 };
  const started = Date.now();
  while (Date.now() - started < TICK_BUDGET_MS) {
    const batch = await claimBatch(deps, LEASE_MS, CLAIM_BATCH);
    if (batch.length === 0) break;
    for (const digest of batch) report[await sendDigest(deps, digest)]++;
  }
  if (planned || report.sent || report.retried || report.failed) deps.logger.info(report, 'reminder tick');
  return report;
}

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
 * Composes and posts one claimed digest. The items are worked out afresh at each attempt, so a
 * retry never reminds about someone the member has since talked to.
 */
async function sendDigest(
  deps: WorkerDeps,
  digest: Digest,
): Promise<'sent' | 'retried' | 'failed' | 'empty'> {
  const { logger, metrics } = deps;
  const log = logger.child({ digest: `${digest.userId}/${digest.localDate}`, attempt: digest.attempts });
  try {
    const composed = await composeClaimed(deps, digest);
    if (!composed) return 'empty';
    const { items, moreCount } = composed;
    const message = digestMessage({ localDate: digest.localDate, items, moreCount });
    const client = await deps.clientFor(digest.teamId);
    const started = process.hrtime.bigint();
    const opened = await deps.gate.call('conversations.open', () =>
      client.conversations.open({ users: digest.userId }),
    );
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    const posted = await deps.gate.call('chat.postMessage', () =>
      client.chat.postMessage({ channel, text: message.text, blocks: message.blocks }),
    );
    // The one unavoidable window: Slack has the message, the database does not know yet. A
    // crash before the next transaction commits leaves the digest 'sending'; when its lease
    // expires another worker posts it again. Everything that can happen earlier (composing,
    // saving the items, opening the DM) already has, so the window is this single transaction.
    await recordSent(deps, digest, items, { channelId: channel, ts: posted.ts ?? '' });
    metrics.sendSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    metrics.sent.inc();
    return 'sent';
  } catch (err) {
    return handleSendError(deps, digest, err, log);
  }
}

async function handleSendError(
  deps: WorkerDeps,
  digest: Digest,
  err: unknown,
  log: Logger,
): Promise<'retried' | 'failed'> {
  const now = deps.clock.now();
  const reason = describe(err);
  // Slack refused the request itself (say, the user left the workspace): retrying cannot help.
  const refused = (err as { code?: string }).code === webApi.ErrorCode.PlatformError;
  if (refused || retriesExhausted(digest.createdAt, now)) {
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

function describe(err: unknown): string {
  if (err instanceof RateLimitedLater) return err.message;
  const e = err as { code?: string; message?: string; data?: { error?: string }; statusCode?: number };
  if (e.code === webApi.ErrorCode.PlatformError) return `slack refused: ${e.data?.error ?? 'unknown'}`;
  if (e.code === webApi.ErrorCode.HTTPError) return `slack http ${e.statusCode ?? '?'}`;
  return String(e.message ?? err).slice(0, 500);
}

/** --dry-run: what the next tick would send, per member; reads only. */
export async function previewTick(deps: Pick<WorkerDeps, 'db' | 'clock' | 'logger'>): Promise<string[]> {
  return (await previewDue(deps)).map(({ key, items, moreCount }) => {
    const message = digestMessage({ localDate: key.localDate, items, moreCount });
    return `${key.teamId}/${key.userId} (${key.localDate}): ${message.text}`;
  });
}
