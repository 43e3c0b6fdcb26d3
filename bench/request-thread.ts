import path from 'node:path';
import { parentPort } from 'node:worker_threads';

/**
 * bench:interactive's request sender, on a thread of its own: it signs each request, posts it and
 * times its acknowledgement. The Slack emulator stays on the bench's main thread, where it parses and
 * checks every answer the app sends (a Home of many blocks, a page of contacts); timed from there, an
 * ack would also wait for that work, which Slack's own servers never put in a requester's way.
 */

// Compiled to bench/.build/bench/: three folders below the project root.
const ROOT = path.resolve(__dirname, '..', '..', '..');
const { signSlackRequest } = require(
  path.join(ROOT, 'dist-dev', 'dev', 'slack-driver.js'),
) as typeof import('../src/dev/slack-driver');

export interface SignedPost {
  id: number;
  url: string;
  secret: string;
  body: string;
  contentType: string;
}

/** When the post was sent (ms since the epoch, as the emulator's `preciseNow`) and how long its ack took. */
export interface Acked {
  id: number;
  sentAt: number;
  ackMs: number;
  error?: string;
}

const now = () => performance.timeOrigin + performance.now();

async function post(request: SignedPost): Promise<Acked> {
  const timestamp = Math.floor(Date.now() / 1000);
  const sentAt = now();
  const response = await fetch(request.url, {
    method: 'POST',
    headers: {
      'Content-Type': request.contentType,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signSlackRequest(request.secret, timestamp, request.body),
    },
    body: request.body,
  });
  await response.arrayBuffer();
  const ackMs = now() - sentAt;
  return response.status === 200
    ? { id: request.id, sentAt, ackMs }
    : { id: request.id, sentAt, ackMs, error: `answered HTTP ${response.status}` };
}

parentPort?.on('message', (request: SignedPost) => {
  post(request).then(
    (acked) => parentPort?.postMessage(acked),
    (err: unknown) =>
      parentPort?.postMessage({ id: request.id, sentAt: 0, ackMs: 0, error: String(err) } satisfies Acked),
  );
});
