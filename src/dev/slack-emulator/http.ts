import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Args, isRecord } from './json';
import { parseJsonArguments } from './methods';

/** Reads a request body's bytes (an upload's are binary; API calls and response posts decode them as UTF-8). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export type ParsedApiRequest = { args: Args; token?: string } | { error: string };

/**
 * The arguments and token of a Web API call. The WebClient sends form bodies (complex arguments as JSON
 * strings) with the token in `Authorization: Bearer`; other clients send JSON bodies or a `token` field,
 * or a GET with a query string. All are accepted, as Slack does.
 */
export function parseApiRequest(req: IncomingMessage, url: URL, raw: string): ParsedApiRequest {
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const args: Args = Object.fromEntries(url.searchParams);
  if (raw.length > 0) {
    if (contentType.includes('application/json')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return { error: 'invalid_json' };
      }
      if (!isRecord(parsed)) return { error: 'invalid_json' };
      Object.assign(args, parsed);
    } else if (contentType === '' || contentType.includes('application/x-www-form-urlencoded')) {
      Object.assign(args, Object.fromEntries(new URLSearchParams(raw)));
    } else {
      // multipart/form-data (file uploads) is not emulated.
      return { error: 'invalid_form_data' };
    }
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const bodyToken = typeof args.token === 'string' && args.token !== '' ? args.token : undefined;
  delete args.token;
  const token = bearer ?? bodyToken;
  return token === undefined ? { args: parseJsonArguments(args) } : { args: parseJsonArguments(args), token };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
