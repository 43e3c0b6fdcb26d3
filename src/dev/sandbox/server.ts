import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { CLOCK_STEPS } from './clock';
import type { Sandbox } from './sandbox';

/**
 * The page's own files. They are not TypeScript, so tsc leaves them where they are; src/dev/sandbox and
 * dist-dev/dev/sandbox both sit three levels below the project root, so this finds them from either.
 */
export const PUBLIC_DIR = path.resolve(__dirname, '..', '..', '..', 'src', 'dev', 'sandbox', 'public');

const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

const MAX_BODY_BYTES = 1_000_000;
/**
 * A file the member picks in a file_input. Slack takes far larger files; this is enough to try the app's
 * own refusal of a file over its limit without holding hundreds of megabytes in the sandbox's memory.
 */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

const user = z.string().regex(/^[UW][A-Z0-9]+$/, 'a user id');
const picked = z.object({ value: z.string(), text: z.string() });
const inputValue = z.union([
  z.string(),
  z.number(),
  z.null(),
  picked,
  z.array(z.union([z.string(), picked])),
]);

const bodies = {
  command: z.object({ user, text: z.string().max(4000) }),
  submit: z.object({ user, viewId: z.string(), values: z.record(z.string(), inputValue) }),
  close: z.object({ user, viewId: z.string(), wholeStack: z.boolean().default(false) }),
  action: z.object({
    user,
    actionId: z.string(),
    container: z.discriminatedUnion('type', [
      z.object({ type: z.literal('message'), channelId: z.string(), messageTs: z.string() }),
      z.object({ type: z.literal('ephemeral'), channelId: z.string(), messageTs: z.string() }),
      z.object({ type: z.literal('view'), viewId: z.string() }),
    ]),
    value: z.string().optional(),
    selectedOption: z.union([z.string(), picked]).optional(),
    selectedOptions: z.array(z.union([z.string(), picked])).optional(),
  }),
  suggest: z.object({ user, viewId: z.string(), actionId: z.string(), value: z.string().max(500) }),
  home: z.object({ user }),
  shortcut: z.object({ user, callbackId: z.string(), messageTs: z.string().optional() }),
  clock: z.object({ step: z.enum(CLOCK_STEPS) }),
  workspace: z.object({ user, action: z.enum(['uninstall', 'reinstall']) }),
  upload: z.object({
    user,
    name: z.string().min(1).max(255),
    type: z.string().max(255).optional(),
  }),
};

type Route = (body: unknown) => Promise<unknown>;

/** The tiny JSON API the page calls; every call plays one thing a member does in Slack. */
function routes(sandbox: Omit<Sandbox, 'url' | 'stop'>): Record<string, Route> {
  return {
    '/api/command': async (b) => {
      const { user: u, text } = bodies.command.parse(b);
      return sandbox.command(u, text);
    },
    '/api/submit': async (b) => {
      const { user: u, viewId, values } = bodies.submit.parse(b);
      return sandbox.submit(u, viewId, values);
    },
    '/api/close': async (b) => {
      const { user: u, viewId, wholeStack } = bodies.close.parse(b);
      await sandbox.close(u, viewId, wholeStack);
      return {};
    },
    '/api/action': async (b) => {
      const { user: u, ...input } = bodies.action.parse(b);
      await sandbox.action(u, {
        actionId: input.actionId,
        container: input.container,
        ...(input.value === undefined ? {} : { value: input.value }),
        ...(input.selectedOption === undefined ? {} : { selectedOption: input.selectedOption }),
        ...(input.selectedOptions === undefined ? {} : { selectedOptions: input.selectedOptions }),
      });
      return {};
    },
    '/api/suggest': async (b) => {
      const { user: u, viewId, actionId, value } = bodies.suggest.parse(b);
      return sandbox.suggest(u, viewId, actionId, value);
    },
    '/api/home': async (b) => {
      await sandbox.openHome(bodies.home.parse(b).user);
      return {};
    },
    '/api/shortcut': async (b) => {
      const { user: u, callbackId, messageTs } = bodies.shortcut.parse(b);
      await sandbox.shortcut(u, callbackId, messageTs);
      return {};
    },
    '/api/clock': async (b) => {
      return sandbox.advance(bodies.clock.parse(b).step);
    },
    '/api/workspace': async (b) => {
      const { user: u, action } = bodies.workspace.parse(b);
      if (action === 'uninstall') await sandbox.uninstall();
      else await sandbox.reinstall(u);
      return {};
    },
  };
}

export interface SandboxServer {
  url: string;
  close(): Promise<void>;
}

/** A small node:http server: the page's three files and its JSON API. */
export async function startSandboxServer(
  sandbox: Omit<Sandbox, 'url' | 'stop'>,
  opts: { port: number; host: string; appUrl: string },
): Promise<SandboxServer> {
  const api = routes(sandbox);
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => fail(res, err));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const file = STATIC_FILES[url.pathname];
    if (req.method === 'GET' && file) {
      const content = await readFile(path.join(PUBLIC_DIR, file.file));
      res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' });
      res.end(content);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/state') {
      send(res, 200, sandbox.state(user.parse(url.searchParams.get('user'))));
      return;
    }
    // A file shared into the member's DM, downloaded as their Slack client would.
    const fileId = /^\/api\/file\/(F[A-Z0-9]+)$/.exec(url.pathname)?.[1];
    if (req.method === 'GET' && fileId) {
      const file = sandbox.download(user.parse(url.searchParams.get('user')), fileId);
      if (!file) {
        send(res, 404, { error: 'not found' });
        return;
      }
      res.writeHead(200, {
        'content-type': file.mimetype,
        'content-length': file.content.length,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'cache-control': 'no-store',
      });
      res.end(file.content);
      return;
    }
    // A calendar feed link, made on the page's address: the app serves it, as the web process would.
    if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname.startsWith('/calendar/')) {
      const feed = await fetch(`${opts.appUrl}${url.pathname}`, { method: req.method });
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'cache-control', 'content-length']) {
        const value = feed.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      if (feed.ok) headers['content-disposition'] = 'attachment; filename="touchbase.ics"';
      res.writeHead(feed.status, headers);
      res.end(Buffer.from(await feed.arrayBuffer()));
      return;
    }
    // The file goes as the request's body, as the browser reads it; who and what name in the query.
    if (req.method === 'POST' && url.pathname === '/api/upload') {
      const {
        user: u,
        name,
        type,
      } = bodies.upload.parse({
        user: url.searchParams.get('user'),
        name: url.searchParams.get('name'),
        type: req.headers['content-type'] || undefined,
      });
      send(res, 200, sandbox.upload(u, { name, content: await readBytes(req, MAX_UPLOAD_BYTES), type }));
      return;
    }
    const route = api[url.pathname];
    if (req.method === 'POST' && route) {
      send(res, 200, await route(await readJson(req)));
      return;
    }
    send(res, 404, { error: 'not found' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** A bad request is the page's mistake (400); anything else went wrong in the sandbox (500). */
function fail(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (err instanceof z.ZodError) {
    send(res, 400, { error: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    return;
  }
  const status = (err as { status?: number }).status ?? 500;
  send(res, status, { error: err instanceof Error ? err.message : String(err) });
}

async function readBytes(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBytes(req, MAX_BODY_BYTES)).toString('utf8');
  try {
    return raw === '' ? {} : JSON.parse(raw);
  } catch {
    throw Object.assign(new Error('the body is not JSON'), { status: 400 });
  }
}
