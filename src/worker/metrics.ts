import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What operators watch about reminders: GET /metrics serves these beside the process metrics. */
export interface WorkerMetrics {
  planned: Counter;
  sent: Counter;
  failed: Counter;
  retried: Counter;
  reconciled: Counter;
  paused: Counter;
  sendSeconds: Histogram;
  dueContacts: Gauge;
}

export function workerMetrics(registry: Registry): WorkerMetrics {
  return {
    planned: new Counter({
      name: 'touchbase_digests_planned_total',
      help: 'Digests planned',
      registers: [registry],
    }),
    sent: new Counter({
      name: 'touchbase_digests_sent_total',
      help: 'Digests delivered to Slack',
      registers: [registry],
    }),
    failed: new Counter({
      name: 'touchbase_digests_failed_total',
      help: 'Digests given up on (24 hours of retries, or refused by Slack)',
      registers: [registry],
    }),
    retried: new Counter({
      name: 'touchbase_digests_retried_total',
      help: 'Digest sends that failed and were scheduled again',
      registers: [registry],
    }),
    reconciled: new Counter({
      name: 'touchbase_digests_reconciled_total',
      help: 'Digests found already posted by an earlier attempt whose outcome was unknown, recorded instead of re-sent',
      registers: [registry],
    }),
    paused: new Counter({
      name: 'touchbase_digests_paused_total',
      help: "Digest sends held back, still pending, because Slack refused their workspace's bot token",
      registers: [registry],
    }),
    sendSeconds: new Histogram({
      name: 'touchbase_digest_send_seconds',
      help: 'Time to open the DM and post one digest',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    dueContacts: new Gauge({
      name: 'touchbase_due_contacts',
      help: 'Active contacts due on or before today (UTC), at the last tick',
      registers: [registry],
    }),
  };
}
