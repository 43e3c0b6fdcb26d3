import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Registry } from 'prom-client';
import { createApp, type TouchbaseApp } from '../../app';
import { type Config, DEFAULT_DATABASE_TIMEOUTS, DEFAULT_DELIVERY_LIMITS } from '../../config';
import { DEFAULT_RETENTION_DAYS } from '../../domain/retention';
import type { Logger } from '../../logger';
import { type Database, openDatabase } from '../../store/db';
import { getMember } from '../../store/members';
import { migrate } from '../../store/migrate';
import { workspaceUninstalledAt } from '../../store/workspaces';
import { workerDeps } from '../../worker/deps';
import { startScheduler } from '../../worker/scheduler';
import { runTick, type TickReport, type WorkerDeps } from '../../worker/tick';
import { type InputValue, type PickedOption, SlackDriver } from '../slack-driver';
import { type Block, SlackEmulator, type SlackView } from '../slack-emulator';
import { type ClockStep, nextMorning, SandboxClock } from './clock';
import { seedDemo } from './demo';
import { MEMBERS, PEOPLE, type Person, SANDBOX_TEAM } from './people';
import { startSandboxServer } from './server';

/** Made up: the sandbox signs its own requests, and its bot token only ever reaches the emulator. */
const SIGNING_SECRET = 'sandbox-signing-secret-not-a-real-one';
const BOT_TOKEN = 'xoxb-sandbox-not-a-real-token';
const DEFAULT_SCHEDULE = { digestHour: 9, workDays: [1, 2, 3, 4, 5] };
/** src/dev/sandbox and dist-dev/dev/sandbox both sit three levels below the project root. */
const MANIFEST = path.resolve(__dirname, '..', '..', '..', 'manifest.json');

export interface SandboxOptions {
  /** The page's port; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Seed the sample network of `--demo`. */
  demo?: boolean;
  /** Where the clock starts (TOUCHBASE_NOW); the real time by default. */
  startAt?: Date;
  logger: Logger;
  /** A PostgreSQL to use instead of a fresh embedded one (tests). */
  databaseUrl?: string;
  /** Run the worker's tick at start and every minute as `npm start` does (default on). */
  scheduler?: boolean;
}

/** One entry of a member's DM as the page shows it: a message, or an ephemeral one only they see. */
export interface TimelineEntry {
  channel: string;
  ts: string;
  /** When it was posted, in sandbox time. */
  at: string;
  ephemeral: boolean;
  text: string;
  blocks?: Block[];
  edited: boolean;
  /** Files the message shares (the app's uploads), as Slack shows them: name, size, a download. */
  files?: SharedFile[];
}

export interface SharedFile {
  id: string;
  name: string;
  size: number;
  prettyType: string;
  /** The sandbox's own address for the bytes: the page plays the member's Slack client, signed in. */
  download: string;
}

export interface SandboxState {
  now: string;
  /** Started with `--demo`: the page shows a first hint of what to try. */
  demo: boolean;
  user: Person;
  members: Person[];
  people: Person[];
  bot: { userId: string; name: string };
  channel: string;
  timeline: TimelineEntry[];
  /** The member's open modals, the one shown last. */
  modals: SlackView[];
  home: SlackView | null;
  /** The app's shortcuts, from manifest.json, as Slack offers them. */
  shortcuts: Shortcut[];
  /** Whether touchbase is installed in the sandbox's workspace, and when its data goes if it is not. */
  workspace: { uninstalledAt: string | null; dataDeletedAt: string | null };
}

export interface Shortcut {
  type: 'global' | 'message';
  callbackId: string;
  name: string;
  description: string;
}

export type ActionContainer =
  | { type: 'message'; channelId: string; messageTs: string }
  | { type: 'ephemeral'; channelId: string; messageTs: string }
  | { type: 'view'; viewId: string };

export interface ActionInput {
  actionId: string;
  container: ActionContainer;
  value?: string;
  selectedOption?: string | PickedOption;
  selectedOptions?: (string | PickedOption)[];
}

/** What the page needs of a file the member picked: its id for the submission, its name for the chip. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
}

export interface SubmitResult {
  /** What Slack did: closed the view, updated it, pushed one, showed errors, or ignored the answer. */
  action: string;
  /** block_id → message, when the app answered `response_action: errors`. */
  errors?: Record<string, string>;
  /** Why Slack would have shown "We had some trouble connecting", when it would. */
  problem?: string;
}

/** What one click of the clock did: where it stopped, and what each pretend member received on the way. */
export interface ClockAdvance {
  now: string;
  /** The worker's ticks, added up. */
  report: TickReport;
  members: {
    userId: string;
    name: string;
    /** Their digest morning the clock stopped at, in their own zone. */
    morning: string;
    /** The fallback text of each message the worker posted to their DM. */
    received: string[];
  }[];
}

export interface Sandbox {
  /** The page, e.g. http://127.0.0.1:3030/ */
  url: string;
  clock: SandboxClock;
  emulator: SlackEmulator;
  driver: SlackDriver;
  state(userId: string): SandboxState;
  command(userId: string, text: string): Promise<{ notice?: string }>;
  submit(userId: string, viewId: string, values: Record<string, InputValue>): Promise<SubmitResult>;
  close(userId: string, viewId: string, wholeStack: boolean): Promise<void>;
  action(userId: string, input: ActionInput): Promise<void>;
  suggest(userId: string, viewId: string, actionId: string, value: string): Promise<unknown>;
  /** The member picks a file in a file_input: Slack stores it first, and the submission carries its id. */
  upload(userId: string, file: { name: string; content: Buffer; type?: string }): UploadedFile;
  /** A file shared into the member's DM, as their Slack client downloads it; undefined for any other. */
  download(userId: string, fileId: string): { name: string; mimetype: string; content: Buffer } | undefined;
  openHome(userId: string): Promise<void>;
  /** A workspace admin removes touchbase: Slack sends app_uninstalled and nothing more from the workspace. */
  uninstall(): Promise<void>;
  /** Installed again: the member opens touchbase, its first request from the workspace since. */
  reinstall(userId: string): Promise<void>;
  /** A global shortcut, or a message shortcut on a message of the member's DM. */
  shortcut(userId: string, callbackId: string, messageTs?: string): Promise<void>;
  /**
   * Moves the clock one step for every pretend member: to each one's next digest morning in their own
   * time zone in turn, running the worker's tick at each, as the minute-by-minute scheduler would.
   */
  advance(step: ClockStep): Promise<ClockAdvance>;
  /** One reminder tick at the current sandbox time. */
  tick(): Promise<TickReport>;
  stop(): Promise<void>;
}

/**
 * The whole app as `npm start` runs it (createApp's Bolt listeners, the store, the worker's tick),
 * on a fresh embedded PostgreSQL and the local Slack emulator, with a page that plays Slack for the
 * pretend members. Nothing in the app knows it is in a sandbox: the page only speaks to Slack's side.
 */
export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const { logger } = opts;
  const dbLogger = logger.child({ component: 'database' });
  const running: (() => Promise<unknown>)[] = [];
  let removeData: (() => Promise<unknown>) | undefined;
  const stopAll = async () => {
    // A Ctrl-C in a terminal reaches the embedded PostgreSQL as well, which then cuts its connections
    // at once: expected while stopping, not worth a warning each.
    dbLogger.level = 'error';
    // Everything stops at once rather than in turn: PostgreSQL may already be on its way down, and its
    // exit is only seen by a stop that has begun before it happens.
    await Promise.all(
      running
        .splice(0)
        .map((stop) => stop().catch((err: unknown) => logger.warn({ err }, 'sandbox: error while stopping'))),
    );
    await removeData?.();
  };
  try {
    // A fresh database each start: the emulator keeps Slack's side (DMs, modals) in memory and the
    // clock starts again at the real time, so a database kept from last time would disagree with both.
    const databaseUrl = opts.databaseUrl;
    let dataDir = '';
    if (!databaseUrl) {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'touchbase-sandbox-'));
      removeData = () => rm(dataDir, { recursive: true, force: true });
    }
    const database: Database = await openDatabase({
      databaseUrl,
      dataDir,
      embeddedPgPort: databaseUrl ? 0 : await freePort(),
      logger: dbLogger,
    });
    running.push(() => database.close());
    const db = database.pool;
    await migrate(db, logger);

    const emulator = await SlackEmulator.start({
      teamId: SANDBOX_TEAM.id,
      teamName: SANDBOX_TEAM.name,
      teamDomain: SANDBOX_TEAM.domain,
      botToken: BOT_TOKEN,
    });
    running.push(() => emulator.stop());
    for (const p of PEOPLE) {
      emulator.setUser(p.id, {
        name: p.displayName.toLowerCase(),
        realName: p.realName,
        displayName: p.displayName,
        tz: p.tz,
        ...(p.email ? { email: p.email } : {}),
      });
    }

    const clock = new SandboxClock(opts.startAt ?? new Date());
    // The page's port is chosen before the app starts: calendar feed links are made on the page's
    // address, which serves them from the app (server.ts), so they open from the page in a browser.
    const host = opts.host ?? '127.0.0.1';
    const pagePort = opts.port || (await freePort());
    const config: Config = {
      env: 'development',
      logLevel: 'info',
      port: 0,
      metricsPort: undefined,
      retentionDays: DEFAULT_RETENTION_DAYS,
      databaseUrl,
      dataDir,
      embeddedPgPort: 0,
      database: DEFAULT_DATABASE_TIMEOUTS,
      slack: {
        signingSecret: SIGNING_SECRET,
        auth: { mode: 'single', botToken: BOT_TOKEN },
        appToken: undefined,
        apiUrl: emulator.apiUrl,
      },
      startAt: opts.startAt,
      publicUrl: `http://${host.includes(':') ? `[${host}]` : host}:${pagePort}`,
      runWorker: true,
      delivery: DEFAULT_DELIVERY_LIMITS,
    };
    const metrics = new Registry();
    const app: TouchbaseApp = createApp({ config, db, logger, clock, metrics });
    const server = await app.start(0);
    running.push(() => app.stop());
    const address = server?.address();
    if (!address || typeof address !== 'object') throw new Error('the app did not start an HTTP server');
    const driver = new SlackDriver({
      eventsUrl: `http://127.0.0.1:${address.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      emulator,
    });

    const worker: WorkerDeps = workerDeps({ config, db, logger, clock, registry: metrics });
    let ticking: Promise<unknown> = Promise.resolve();
    const tick = (): Promise<TickReport> => {
      const run = ticking.then(() => runTick(worker));
      ticking = run.catch(() => undefined);
      return run;
    };
    if (opts.demo) {
      const added = await seedDemo({ db, clock, logger });
      logger.info({ contacts: added }, 'sandbox: demo network seeded');
    }
    // After the seed, so that no tick sees half a network.
    if (opts.scheduler ?? true) {
      const scheduler = startScheduler(worker, logger);
      running.push(() => scheduler.stop());
    }

    const shortcuts = await readShortcuts();
    const ref = (userId: string) => ({ teamId: SANDBOX_TEAM.id, userId });
    const person = (userId: string): Person => {
      const found = MEMBERS.find((m) => m.id === userId);
      if (!found) throw new SandboxInputError(`${userId} is not one of the sandbox's members`);
      return found;
    };
    /** Slack's side: since the admin removed touchbase, Slack sends it nothing from the workspace. */
    let uninstalledAt: Date | null = null;
    const installed = () => {
      if (uninstalledAt) throw new SandboxInputError('touchbase is not installed in this workspace');
    };
    /** The app handles an event after acking it: waits until it has recorded the workspace's state. */
    const settled = async (uninstalled: boolean) => {
      for (let waited = 0; ; waited += 25) {
        if (((await workspaceUninstalledAt(db, SANDBOX_TEAM.id)) !== null) === uninstalled) return;
        if (waited > 5000) throw new Error('the app did not take the uninstall or reinstall in');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };

    const sandbox: Omit<Sandbox, 'url' | 'stop'> = {
      clock,
      emulator,
      driver,

      state(userId) {
        const user = person(userId);
        const channel = emulator.dmChannelId(userId);
        // parseFloat, not Number: the emulator stamps response_url posts from a sub-millisecond clock,
        // so their ts can carry a tail after the micros ('1795756936.728739.25'); the rest is the time.
        const seconds = (ts: string) => Number.parseFloat(ts);
        const at = (ts: string) => clock.at(seconds(ts) * 1000).toISOString();
        const messages: TimelineEntry[] = emulator.dmMessages(userId).map((m) => ({
          channel,
          ts: m.ts,
          at: at(m.ts),
          ephemeral: false,
          text: m.text,
          ...(m.blocks ? { blocks: m.blocks } : {}),
          edited: m.edited !== undefined,
          ...(m.files
            ? {
                files: m.files.map((f) => ({
                  id: f.id,
                  name: f.name,
                  size: f.size,
                  prettyType: f.pretty_type,
                  download: `/api/file/${encodeURIComponent(f.id)}?user=${encodeURIComponent(userId)}`,
                })),
              }
            : {}),
        }));
        const ephemerals: TimelineEntry[] = emulator
          .ephemeralMessages(userId)
          .filter((e) => e.channel === channel)
          .map((e) => ({
            channel,
            ts: e.ts,
            at: at(e.ts),
            ephemeral: true,
            text: e.text,
            ...(e.blocks ? { blocks: e.blocks } : {}),
            edited: false,
          }));
        return {
          now: clock.now().toISOString(),
          demo: opts.demo ?? false,
          user,
          members: [...MEMBERS],
          people: [...PEOPLE],
          bot: { userId: emulator.botUserId, name: 'touchbase' },
          channel,
          timeline: [...messages, ...ephemerals].sort((a, b) => seconds(a.ts) - seconds(b.ts)),
          modals: emulator.openModals(userId),
          home: emulator.homeOf(userId) ?? null,
          shortcuts,
          workspace: {
            uninstalledAt: uninstalledAt?.toISOString() ?? null,
            dataDeletedAt: uninstalledAt
              ? new Date(uninstalledAt.getTime() + config.retentionDays * 86_400_000).toISOString()
              : null,
          },
        };
      },

      async command(userId, text) {
        person(userId);
        const trimmed = text.trim();
        const match = /^(\/\S+)\s*([\s\S]*)$/.exec(trimmed);
        if (!match) {
          return { notice: 'touchbase only reads slash commands here. Try /touchbase help' };
        }
        const [, command, rest = ''] = match;
        // Slack forgets an uninstalled app's slash command.
        if (command !== '/touchbase' || uninstalledAt) {
          return {
            notice: `${command} is not a valid command. In Slack, messages that start with “/” are interpreted as commands.`,
          };
        }
        const response = await driver.slashCommand(ref(userId), rest);
        if (response.status !== 200) {
          return { notice: `/touchbase failed with the error "http_${response.status}"` };
        }
        // Slack shows the body of the command's ack as a message only the member sees.
        const body = response.json as { text?: unknown; blocks?: unknown } | undefined;
        if (body && (typeof body.text === 'string' || Array.isArray(body.blocks))) {
          emulator.showEphemeral(emulator.dmChannelId(userId), userId, {
            text: typeof body.text === 'string' ? body.text : '',
            ...(Array.isArray(body.blocks) ? { blocks: body.blocks as Block[] } : {}),
          });
        }
        return {};
      },

      async submit(userId, viewId, values) {
        person(userId);
        installed();
        const result = await driver.submitView(ref(userId), viewId, values);
        const body = result.json as { response_action?: string; errors?: Record<string, string> } | undefined;
        const out: SubmitResult = { action: result.viewResponse.action };
        if (result.viewResponse.action === 'errors' && body?.errors) out.errors = body.errors;
        if (!result.viewResponse.ok) out.problem = result.viewResponse.errors?.join('; ') ?? 'refused';
        return out;
      },

      async close(userId, viewId, wholeStack) {
        person(userId);
        const stack = emulator.openModals(userId);
        const index = stack.findIndex((v) => v.id === viewId);
        if (index < 0) return;
        const closing = wholeStack ? [...stack].reverse() : [stack[index] as SlackView];
        for (const view of closing) await driver.closeView(ref(userId), view.id);
      },

      async action(userId, input) {
        person(userId);
        installed();
        const response = await driver.blockAction(ref(userId), {
          actionId: input.actionId,
          container: input.container,
          ...(input.value === undefined ? {} : { value: input.value }),
          ...(input.selectedOption === undefined ? {} : { selectedOption: input.selectedOption }),
          ...(input.selectedOptions === undefined ? {} : { selectedOptions: input.selectedOptions }),
        });
        if (response.status !== 200) throw new Error(`the app answered HTTP ${response.status}`);
      },

      async suggest(userId, viewId, actionId, value) {
        person(userId);
        installed();
        return driver.blockSuggestion(ref(userId), viewId, actionId, value);
      },

      upload(userId, file) {
        person(userId);
        const stored = emulator.uploadFile({
          userId,
          name: file.name,
          content: file.content,
          ...(file.type === undefined ? {} : { mimetype: file.type }),
        });
        return { id: stored.id, name: stored.name, size: stored.size };
      },

      download(userId, fileId) {
        person(userId);
        const channel = emulator.dmChannelId(userId);
        const shared = emulator
          .dmMessages(userId)
          .flatMap((m) => m.files ?? [])
          .find((f) => f.id === fileId && f.ims.includes(channel));
        const content = shared && emulator.fileContent(fileId);
        return shared && content ? { name: shared.name, mimetype: shared.mimetype, content } : undefined;
      },

      async shortcut(userId, callbackId, messageTs) {
        person(userId);
        installed();
        const found = shortcuts.find((s) => s.callbackId === callbackId);
        if (!found) throw new SandboxInputError(`the app has no shortcut ${callbackId}`);
        if (found.type === 'global') {
          await driver.globalShortcut(ref(userId), callbackId);
          return;
        }
        const channelId = emulator.dmChannelId(userId);
        const message = messageTs === undefined ? undefined : emulator.message(channelId, messageTs);
        if (!message) throw new SandboxInputError('a message shortcut needs a message of the DM');
        await driver.messageShortcut(ref(userId), {
          callbackId,
          channelId,
          message: { text: message.text, user: message.user, ts: message.ts },
        });
      },

      async openHome(userId) {
        person(userId);
        // The app is gone from the sidebar: opening it is not possible until it is reinstalled.
        if (uninstalledAt) return;
        const home = emulator.homeOf(userId);
        await driver.event(SANDBOX_TEAM.id, {
          type: 'app_home_opened',
          user: userId,
          channel: emulator.dmChannelId(userId),
          tab: 'home',
          ...(home ? { view: home } : {}),
        });
      },

      async uninstall() {
        if (uninstalledAt) return;
        const at = clock.now();
        await driver.event(SANDBOX_TEAM.id, { type: 'app_uninstalled' });
        await settled(true);
        uninstalledAt = at;
      },

      async reinstall(userId) {
        person(userId);
        if (!uninstalledAt) return;
        uninstalledAt = null;
        await sandbox.openHome(userId);
        await settled(false);
      },

      async advance(step) {
        const from = clock.now();
        const stops = await Promise.all(
          MEMBERS.map(async (m) => {
            const member = await getMember(db, ref(m.id));
            const at = nextMorning(from, step, member ?? { tz: m.tz, ...DEFAULT_SCHEDULE });
            return { person: m, at, seen: emulator.dmMessages(m.id).length };
          }),
        );
        stops.sort((a, b) => a.at.getTime() - b.at.getTime());
        // One tick at each member's morning, earliest first, so that every digest is posted at the hour
        // its member would find it, and the clock ends where the last of them has had theirs.
        const report: TickReport = {
          dueContacts: 0,
          planned: 0,
          sent: 0,
          reconciled: 0,
          retried: 0,
          failed: 0,
          empty: 0,
          paused: 0,
        };
        for (const stop of stops) {
          clock.moveTo(stop.at);
          const ran = await tick();
          for (const key of Object.keys(report) as (keyof TickReport)[]) report[key] += ran[key];
        }
        const members = stops.map((stop) => ({
          userId: stop.person.id,
          name: stop.person.displayName,
          morning: stop.at.toISOString(),
          received: emulator
            .dmMessages(stop.person.id)
            .slice(stop.seen)
            .map((m) => m.text),
        }));
        logger.info({ now: clock.now().toISOString(), ...report }, 'sandbox: clock moved');
        return { now: clock.now().toISOString(), report, members };
      },

      tick,
    };

    const page = await startSandboxServer(sandbox, {
      port: pagePort,
      host,
      appUrl: `http://127.0.0.1:${address.port}`,
    });
    running.push(() => page.close());

    let stopped: Promise<void> | undefined;
    return {
      ...sandbox,
      url: page.url,
      stop: () => {
        stopped ??= stopAll();
        return stopped;
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The shortcuts manifest.json gives the Slack app, as Slack would offer them to members. */
async function readShortcuts(): Promise<Shortcut[]> {
  const manifest = JSON.parse(await readFile(MANIFEST, 'utf8')) as {
    features?: { shortcuts?: { type: string; callback_id: string; name: string; description: string }[] };
  };
  return (manifest.features?.shortcuts ?? []).flatMap((s) =>
    s.type === 'global' || s.type === 'message'
      ? [{ type: s.type, callbackId: s.callback_id, name: s.name, description: s.description }]
      : [],
  );
}

/** A request the page should not have sent (unknown member, malformed body): answered 400. */
export class SandboxInputError extends Error {
  readonly status = 400;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
