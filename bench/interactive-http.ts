import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT, slackEmulator } from './app';
import { say } from './database';
import type { Acked, SignedPost } from './request-thread';
import { cpuSecondsOf, postgresCpuSeconds } from './rss';
import { NOW } from './seed';

/**
 * Part 2 of bench:interactive (bench/interactive.ts): signed requests over HTTP to the built app and
 * to a bare Bolt app, 10 in flight, with one local Slack emulator playing Slack for both.
 */

type Emulator = import('../src/dev/slack-emulator').SlackEmulator;
const { preciseNow } = slackEmulator;

const SIGNING_SECRET = 'bench-signing-secret';
const BOT_TOKEN = 'xoxb-bench-interactive';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY) || 10;
const WARMUP = 20;
/** Requests per operation, member and app, sent in ROUNDS rounds that alternate the two apps. */
const ROUNDS = 5;
const REQUESTS = Math.ceil((Number(process.env.BENCH_REQUESTS) || 1000) / ROUNDS) * ROUNDS;

interface Target {
  name: 'bare Bolt' | 'bare Bolt reading' | 'touchbase';
  url: string;
  process: ChildProcess;
}

interface Sample {
  ack: number;
  answer: number;
}

type Op = {
  label: string;
  /** The answer a member waits for, p99 under this many ms (the issue's goal). */
  goalMs: number;
} & ({ kind: 'command'; text: string } | { kind: 'suggestion'; value: string } | { kind: 'home' });

const OPS: Op[] = [
  { label: 'app_home_opened', kind: 'home', goalMs: 300 },
  { label: '/touchbase list', kind: 'command', text: 'list', goalMs: 150 },
  { label: '/touchbase list zurich', kind: 'command', text: 'list zurich', goalMs: 150 },
  { label: '/touchbase due', kind: 'command', text: 'due', goalMs: 150 },
  { label: '/touchbase show zoe angstrom', kind: 'command', text: 'show zoe angstrom', goalMs: 150 },
  { label: 'picker "ann"', kind: 'suggestion', value: 'ann', goalMs: 150 },
];

const p = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startProcess(
  name: Target['name'],
  script: string,
  env: Record<string, string>,
  ready: (base: string) => Promise<boolean>,
): Promise<Target> {
  const port = await freePort();
  // BENCH_PROFILE names a folder for a CPU profile of each app (node --cpu-prof), written as it stops.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const child = spawn('node', [...profile, script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    if (await ready(base).catch(() => false)) return { name, url: `${base}/slack/events`, process: child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not start`);
}

/**
 * Signs and posts requests from a thread of its own (bench/request-thread.ts), so that an ack is
 * timed on an event loop that the emulator's checking of the answers does not hold up.
 */
class Sender {
  private readonly thread = new Worker(path.join(__dirname, 'request-thread.js'));
  private readonly waiting = new Map<number, (acked: Acked) => void>();
  private nextId = 0;

  constructor() {
    this.thread.on('message', (acked: Acked) => {
      this.waiting.get(acked.id)?.(acked);
      this.waiting.delete(acked.id);
    });
  }

  /** When the request left and how long its ack took. */
  async post(target: Target, body: string, contentType: string): Promise<{ sentAt: number; ack: number }> {
    this.nextId += 1;
    const request: SignedPost = {
      id: this.nextId,
      url: target.url,
      secret: SIGNING_SECRET,
      body,
      contentType,
    };
    const acked = await new Promise<Acked>((resolve) => {
      this.waiting.set(request.id, resolve);
      this.thread.postMessage(request);
    });
    if (acked.error) throw new Error(`${target.name}: ${acked.error}`);
    return { sentAt: acked.sentAt, ack: acked.ackMs };
  }

  stop(): Promise<number> {
    return this.thread.terminate();
  }
}

/** One request of `op` as `userId`; resolves once it is answered, with its ack and answer times. */
async function request(
  emulator: Emulator,
  sender: Sender,
  target: Target,
  op: Op,
  team: string,
  userId: string,
  homeSeq: () => { nth: number; published: () => number },
): Promise<Sample> {
  if (op.kind === 'command') {
    const channelId = emulator.dmChannelId(userId);
    const responseUrl = emulator.responseUrl({ userId, channelId });
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    const fields = {
      token: 'verification-token',
      team_id: team,
      team_domain: emulator.teamDomain,
      channel_id: channelId,
      channel_name: 'directmessage',
      user_id: userId,
      user_name: userId.toLowerCase(),
      command: '/touchbase',
      text: op.text,
      api_app_id: emulator.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: emulator.mintTriggerId({ userId, channelId }),
    };
    const { sentAt, ack } = await sender.post(
      target,
      new URLSearchParams(fields).toString(),
      'application/x-www-form-urlencoded',
    );
    const post = await emulator.waitForResponsePost((r) => r.id === id, 30_000);
    return { ack, answer: post.at - sentAt };
  }
  if (op.kind === 'suggestion') {
    const payload = {
      type: 'block_suggestion',
      user: { id: userId, team_id: team, name: userId.toLowerCase() },
      team: { id: team, domain: emulator.teamDomain },
      container: { type: 'view', view_id: 'V0BENCH' },
      api_app_id: emulator.appId,
      token: 'verification-token',
      action_id: 'contact',
      block_id: 'contact',
      value: op.value,
      view: { id: 'V0BENCH', type: 'modal', callback_id: 'log_touch', blocks: [] },
    };
    const { ack } = await sender.post(
      target,
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
    );
    // The options are the acknowledgement itself.
    return { ack, answer: ack };
  }
  const now = Math.floor(Date.now() / 1000);
  const callback = {
    token: 'verification-token',
    team_id: team,
    api_app_id: emulator.appId,
    event: {
      type: 'app_home_opened',
      user: userId,
      channel: emulator.dmChannelId(userId),
      tab: 'home',
      event_ts: `${now}.000100`,
    },
    type: 'event_callback',
    event_id: `Ev0${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: now,
    authorizations: [
      {
        enterprise_id: null,
        team_id: team,
        user_id: emulator.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
  const seq = homeSeq();
  const { sentAt, ack } = await sender.post(target, JSON.stringify(callback), 'application/json');
  // Publishes are matched to requests in order (all are the same member's): the n-th request of the
  // phase is answered by the n-th views.publish; its time is worked out once the phase is over.
  await emulator.waitForCall('views.publish', () => seq.published() >= seq.nth, 30_000);
  return { ack, answer: sentAt };
}

/**
 * CPU seconds the target's process and the local PostgreSQL's processes have used so far: read
 * around each phase, they give the CPU each request costs (PostgreSQL's is 0 for the bare app, and
 * unknown, NaN, for a server on another machine).
 */
async function cpuNow(target: Target): Promise<{ own: number; postgres: number }> {
  const [own, postgres] = await Promise.all([cpuSecondsOf(target.process.pid ?? 0), postgresCpuSeconds()]);
  return { own: own ?? Number.NaN, postgres: postgres ?? Number.NaN };
}

/** `count` requests of `op`, `CONCURRENCY` in flight, against one target. */
async function phase(
  emulator: Emulator,
  sender: Sender,
  target: Target,
  op: Op,
  team: string,
  userId: string,
  count: number,
): Promise<Sample[]> {
  emulator.reset();
  const started = preciseNow();
  const publishes = () =>
    emulator.calls
      .filter((c) => c.method === 'views.publish' && c.ok && c.args.user_id === userId && c.at >= started)
      .map((c) => c.at);
  let sent = 0;
  const homeSeq = () => {
    sent += 1;
    return { nth: sent, published: () => publishes().length };
  };
  const samples: Sample[] = [];
  let next = 0;
  // One member's Home publishes one at a time, and opens made while one is under way share the next
  // publish (src/slack/home-publisher.ts): concurrent opens by one member have no answer each, so the
  // Home is measured one open at a time.
  const lanes = op.kind === 'home' ? 1 : CONCURRENCY;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) {
        next += 1;
        samples.push(await request(emulator, sender, target, op, team, userId, homeSeq));
      }
    }),
  );
  if (op.kind === 'home') {
    // Pair the requests' start times (sent in order) with the publishes in the order they arrived.
    const starts = samples.map((s) => s.answer).sort((a, b) => a - b);
    const answered = publishes().sort((a, b) => a - b);
    return samples.map((s, i) => ({ ack: s.ack, answer: (answered[i] ?? Number.NaN) - (starts[i] ?? 0) }));
  }
  return samples;
}

export async function overHttp(opts: {
  databaseUrl: string;
  team: string;
  large: string;
  small: string;
  onExit: (cleanup: () => Promise<void>) => void;
}): Promise<void> {
  const emulator = await slackEmulator.SlackEmulator.start({ teamId: opts.team, botToken: BOT_TOKEN });
  const targets: Target[] = [];
  const sender = new Sender();
  opts.onExit(async () => {
    for (const t of targets) t.process.kill('SIGTERM');
    await sender.stop();
    await emulator.stop();
  });
  const env = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: emulator.apiUrl,
  };
  targets.push(
    await startProcess('bare Bolt', 'bench/.build/bench/bare-app.js', env, async (base) => {
      await fetch(`${base}/slack/events`, { method: 'POST', body: '' });
      return true;
    }),
  );
  targets.push(
    await startProcess(
      'bare Bolt reading',
      'bench/.build/bench/bare-app.js',
      { ...env, DATABASE_URL: opts.databaseUrl },
      async (base) => {
        await fetch(`${base}/slack/events`, { method: 'POST', body: '' });
        return true;
      },
    ),
  );
  targets.push(
    await startProcess(
      'touchbase',
      'dist/main.js',
      {
        ...env,
        DATABASE_URL: opts.databaseUrl,
        TOUCHBASE_WORKER: 'off',
        TOUCHBASE_NOW: NOW.toISOString(),
        LOG_LEVEL: 'warn',
      },
      async (base) => (await fetch(`${base}/readyz`)).status === 200,
    ),
  );
  const [bare, bareReading, app] = targets as [Target, Target, Target];

  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(', ');
  say(
    `\n== over HTTP: ${REQUESTS} signed requests per operation, member and app, in ${ROUNDS} rounds that alternate ` +
      `the apps, ${CONCURRENCY} in flight (the Home one at a time), after ${WARMUP} to warm up; in ms. ` +
      `${os.cpus().length} cores, load average ${load()}`,
  );
  say(
    `${'request'.padEnd(30)}${'member'.padStart(8)}${'ack p99 bare'.padStart(14)}${'app'.padStart(7)}` +
      `${'ratio'.padStart(7)}${'ack p50 bare'.padStart(14)}${'app'.padStart(7)}` +
      `${'answer p99 bare'.padStart(17)}${'app'.padStart(7)}${'goal'.padStart(7)}${'app p50'.padStart(9)}` +
      `${'CPU bare'.padStart(10)}${'app'.padStart(7)}${'PG bare'.padStart(9)}${'app'.padStart(7)}`,
  );
  const f = (x: number, width: number) => x.toFixed(1).padStart(width);
  // BENCH_ONLY=<text> measures only the requests whose label contains it (picker, home, list…).
  const only = process.env.BENCH_ONLY?.toLowerCase();
  for (const op of OPS.filter((o) => !only || o.label.toLowerCase().includes(only))) {
    for (const [size, userId] of [
      ['20,000', opts.large],
      ['200', opts.small],
    ] as const) {
      // A picker is also measured against the bare app answering it from the database (its floor
      // when the answer is the ack; bench/bare-app.ts).
      const floors = op.kind === 'suggestion' ? [bare, bareReading] : [bare];
      const all = [...floors, app];
      // Each app warms up, then all are measured in rounds that rotate which goes first, so that
      // whatever else the machine does in the meantime weighs on each alike.
      for (const target of all) await phase(emulator, sender, target, op, opts.team, userId, WARMUP);
      const samples = new Map<Target, Sample[]>(all.map((t) => [t, []]));
      const cpu = new Map<Target, { own: number; postgres: number }>();
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 ? [...all].reverse() : all;
        for (const target of order) {
          const before = await cpuNow(target);
          const got = await phase(emulator, sender, target, op, opts.team, userId, REQUESTS / ROUNDS);
          const after = await cpuNow(target);
          const sum = cpu.get(target) ?? { own: 0, postgres: 0 };
          cpu.set(target, {
            own: sum.own + after.own - before.own,
            postgres: sum.postgres + after.postgres - before.postgres,
          });
          samples.get(target)?.push(...got);
        }
      }
      const perRequest = (target: Target, which: 'own' | 'postgres') =>
        ((cpu.get(target)?.[which] ?? Number.NaN) * 1000) / REQUESTS;
      const acks = (target: Target, q: number) =>
        p(
          (samples.get(target) ?? []).map((s) => s.ack),
          q,
        );
      const answers = (target: Target, q: number) =>
        p(
          (samples.get(target) ?? []).map((s) => s.answer),
          q,
        );
      if (process.env.BENCH_TAIL)
        for (const t of all)
          say(
            `  tail ${t.name}: ${[0.5, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999].map((q) => `${q}=${acks(t, q).toFixed(1)}/${answers(t, q).toFixed(1)}`).join(' ')}`,
          );
      for (const floor of floors) {
        const label = floor === bare ? op.label : '  floor reads 100 options';
        say(
          `${label.padEnd(30)}${size.padStart(8)}${f(acks(floor, 0.99), 14)}${f(acks(app, 0.99), 7)}` +
            `${(acks(app, 0.99) / acks(floor, 0.99)).toFixed(2).padStart(7)}` +
            `${f(acks(floor, 0.5), 14)}${f(acks(app, 0.5), 7)}` +
            `${f(answers(floor, 0.99), 17)}${f(answers(app, 0.99), 7)}${`<${op.goalMs}`.padStart(7)}` +
            `${f(answers(app, 0.5), 9)}${perRequest(floor, 'own').toFixed(2).padStart(10)}` +
            `${perRequest(app, 'own').toFixed(2).padStart(7)}${perRequest(floor, 'postgres').toFixed(2).padStart(9)}` +
            `${perRequest(app, 'postgres').toFixed(2).padStart(7)}`,
        );
      }
    }
  }
  say(`(load average at the end ${load()})`);
}
