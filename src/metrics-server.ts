import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from './logger';

/** Answers GET /metrics from `registry` (Prometheus' text format); `false` for any other request. */
export function answerMetrics(
  registry: Registry,
  req: { method?: string; url?: string },
  res: import('node:http').ServerResponse,
): boolean {
  if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') return false;
  registry.metrics().then(
    (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
    () => res.writeHead(500).end(),
  );
  return true;
}

/**
 * METRICS_PORT: /metrics on a port of its own, so it can stay private while PORT serves Slack's
 * requests in public. Everything else there is 404.
 */
export async function startMetricsServer(registry: Registry, port: number, logger: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    if (!answerMetrics(registry, req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  logger.info({ metricsPort: port }, 'metrics served on METRICS_PORT only');
  return server;
}
