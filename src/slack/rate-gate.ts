import type { webApi } from '@slack/bolt';
import type { Logger } from '../logger';

type FetchResponse = Awaited<ReturnType<webApi.FetchFunction>>;

/**
 * A call whose gate opens within this long waits for it; a longer closure is answered at once, since a
 * trigger_id lives 3 seconds and the member is better told how long to wait than left without an answer.
 */
export const INLINE_WAIT_MS = 1000;

/**
 * Slack rate-limits each method per workspace. After a 429 this gate remembers Retry-After for that
 * (workspace, method) alone, so a rate-limited method of one workspace never holds up another workspace,
 * nor the same workspace's other methods. It lives in the process: another process learns of the limit
 * from its own first 429, which costs one refused call, not correctness.
 */
export class WorkspaceRateGate {
  private readonly openAt = new Map<string, number>();

  /** Milliseconds before `method` may be called for `workspace` again; 0 when it may be now. */
  closedFor(workspace: string, method: string): number {
    const key = `${workspace} ${method}`;
    const wait = (this.openAt.get(key) ?? 0) - Date.now();
    if (wait > 0) return wait;
    this.openAt.delete(key);
    return 0;
  }

  /** Slack answered 429: no call of `method` for `workspace` goes out for `retryAfterS` seconds. */
  close(workspace: string, method: string, retryAfterS: number): void {
    this.openAt.set(`${workspace} ${method}`, Date.now() + retryAfterS * 1000);
  }
}

/**
 * The `fetch` of the app's Web API clients (Bolt's `clientOptions.fetch`). Each call passes its
 * (workspace, method) gate: a call of a rate-limited method is answered here with the 429 Slack would
 * give, Retry-After being the seconds left, without reaching Slack; a 429 from Slack closes the gate.
 * With `rejectRateLimitedCalls` the client then throws WebAPIRateLimitedError at once instead of pausing
 * its whole queue. The workspace is the `team_id` Bolt adds to every call of a request's client (the
 * team of the payload, so a member of several Grid workspaces is gated per workspace), else the token.
 * Anything that is not a Web API call (a response_url post) passes untouched.
 */
export function gatedFetch(
  gate: WorkspaceRateGate,
  logger: Logger,
  send: webApi.FetchFunction = globalThis.fetch,
): webApi.FetchFunction {
  return async (url, init) => {
    const method = webApiMethod(url);
    if (!method) return send(url, init);
    const workspace = workspaceOf(init);
    let wait = gate.closedFor(workspace.key, method);
    if (wait > 0 && wait <= INLINE_WAIT_MS) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = gate.closedFor(workspace.key, method);
    }
    if (wait > 0) {
      const retryAfterS = Math.ceil(wait / 1000);
      logger.info(
        { teamId: workspace.teamId, method, retryAfterS },
        'Slack call held back: still rate-limited',
      );
      return rateLimited(retryAfterS);
    }
    const response = await send(url, init);
    if (method === 'views.publish' && response.status === 200) return withoutEchoedView(response);
    if (response.status === 429) {
      const retryAfterS = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
      if (Number.isFinite(retryAfterS) && retryAfterS > 0) {
        gate.close(workspace.key, method, retryAfterS);
        logger.warn({ teamId: workspace.teamId, method, retryAfterS }, 'Slack rate-limited a method');
      }
    }
    return response;
  };
}

/**
 * A successful views.publish answered as `{"ok":true}`. Slack's answer echoes the whole view (tens of
 * kilobytes for a Home of a large network), which the Web API client parses, copies to redact tokens
 * and writes out again for a debug line whether or not anything logs it: most of a millisecond, spent
 * just after the publish, in front of the member's next request. Nothing here reads the view back.
 * Any other answer (an error, warnings, a shape not recognised) passes as it came.
 */
async function withoutEchoedView(response: FetchResponse): Promise<FetchResponse> {
  const text = await response.text();
  const ok = text.startsWith('{"ok":true,"view":') && !text.includes('"response_metadata"');
  return rewritten(response, ok ? '{"ok":true}' : text);
}

/**
 * The worker's fetch: a successful chat.postMessage answered with its channel and ts alone. Slack's
 * answer echoes the whole message (a digest's blocks and metadata), which the client parses, copies to
 * redact tokens and writes out for a debug line, as for a view above; the worker reads only the ts.
 * Any other answer, and any other method's, passes as it came.
 */
export function withoutEchoedMessage(send: webApi.FetchFunction = globalThis.fetch): webApi.FetchFunction {
  return async (url, init) => {
    const response = await send(url, init);
    if (response.status !== 200 || webApiMethod(url) !== 'chat.postMessage') return response;
    const text = await response.text();
    // Read off the answer's start, in the order Slack writes it, without parsing the message after it.
    const head = POSTED.exec(text);
    const plain = head && !text.includes('"response_metadata"') && !text.includes('"warning"');
    return rewritten(response, plain ? `{"ok":true,"channel":"${head[1]}","ts":"${head[2]}"}` : text);
  };
}

/** The start of a successful chat.postMessage answer: its channel and ts, then the echoed message. */
const POSTED = /^\{"ok":true,"channel":"([A-Za-z0-9]+)","ts":"([0-9]+\.[0-9]+)","message":\{/;

/** `response` with `body` instead of its own, already read and decoded. */
function rewritten(response: FetchResponse, body: string): FetchResponse {
  const headers = new Headers([...response.headers.entries()]);
  // The body is rewritten here, already decoded: its length and encoding are no longer those sent.
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** `views.open` from `…/api/views.open`; undefined for any other URL (a response_url). */
function webApiMethod(url: string | URL): string | undefined {
  // The clients call with a string: read as it is, it is not parsed as a URL for every call.
  const path = typeof url === 'string' ? url.replace(/[?#].*$/s, '') : url.pathname;
  return /\/api\/([A-Za-z]+(?:\.[A-Za-z]+)+)$/.exec(path)?.[1];
}

function workspaceOf(init: Parameters<webApi.FetchFunction>[1]): { key: string; teamId?: string } {
  const body = init?.body;
  const teamId = (typeof body === 'string' ? formField(body, 'team_id') : body?.get('team_id')) ?? undefined;
  if (typeof teamId === 'string' && teamId !== '') return { key: `team:${teamId}`, teamId };
  // A client without a team (Bolt's own, at start) speaks for its token's one workspace.
  return { key: `token:${init?.headers?.Authorization ?? ''}` };
}

/**
 * The first value of `name` in a URL-encoded form, as URLSearchParams would read it, without decoding
 * the rest: a Home's views.publish carries its whole view in the form (tens of kilobytes), and parsing
 * all of it to find the team took more of the app's time than building the view. `name` is one the
 * Web API client writes as it is (letters, digits, `_`), never percent-encoded.
 */
export function formField(body: string, name: string): string | null {
  const key = `${name}=`;
  // Names and values are percent-encoded, so a literal `&name=` only ever starts a field.
  let from = key.length;
  if (!body.startsWith(key)) {
    const at = body.indexOf(`&${key}`);
    // Not there as `name=`: a bare `name` reads as empty; otherwise there is none (a call without a
    // team, such as every views.publish of a single-workspace app, which the full parse read whole).
    if (at < 0) return isBare(body, name) ? '' : null;
    from += at + 1;
  }
  const end = body.indexOf('&', from);
  const raw = end < 0 ? body.slice(from) : body.slice(from, end);
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    // A stray `%` that decodeURIComponent refuses: URLSearchParams keeps it as it is.
    return new URLSearchParams(`${key}${raw}`).get(name);
  }
}

/** Whether the form holds `name` as a field without `=`. */
function isBare(body: string, name: string): boolean {
  return (
    body === name || body.startsWith(`${name}&`) || body.endsWith(`&${name}`) || body.includes(`&${name}&`)
  );
}

/** The answer Slack gives a rate-limited call. */
function rateLimited(retryAfterS: number): Response {
  return new Response(JSON.stringify({ ok: false, error: 'ratelimited' }), {
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterS) },
  });
}
