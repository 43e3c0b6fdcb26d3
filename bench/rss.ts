import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** The child's peak resident set (VmHWM) in bytes, or null where /proc is not available. */
  peakRssBytes: number | null;
  /** CPU time (user and system) the child had used at the last poll, in seconds; null without /proc. */
  cpuSeconds: number | null;
  /** [seconds since start, resident set (VmRSS) in bytes] at each poll. */
  rssSamples: [number, number][];
}

/** Reads VmHWM (the peak resident set so far) and VmRSS from /proc; null once the process is gone. */
async function memory(pid: number): Promise<{ peak: number; now: number } | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1]) * 1024;
    const peak = kb('VmHWM');
    return Number.isFinite(peak) ? { peak, now: kb('VmRSS') } : null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds (utime + stime) a process has used so far, from /proc; null once it is gone. With
 * `reaped`, also what its children that have exited used (cutime + cstime).
 */
export async function cpuSecondsOf(pid: number, reaped = false): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, so it is skipped by its closing paren);
    // utime, stime, cutime and cstime are the 14th to 17th fields, in clock ticks of 1/100 s on Linux.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    return (reaped ? own + Number(fields[13]) + Number(fields[14]) : own) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by every PostgreSQL process on this machine (null when there is none to
 * see, as with a server elsewhere): what a local server's backends have spent between two readings.
 */
export async function postgresCpuSeconds(): Promise<number | null> {
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  let total: number | null = null;
  for (const pid of pids) {
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (comm.trim() !== 'postgres') continue;
    // A backend that exits between two readings (a pool closing an idle connection) takes its CPU
    // out of the sum; the postmaster's reaped children's time puts it back.
    const seconds = await cpuSecondsOf(Number(pid), true);
    if (seconds !== null) total = (total ?? 0) + seconds;
  }
  return total;
}

/**
 * Runs a command to its end (`onSpawn` gets the child, to stop one that runs until told), polling its
 * peak resident set every `pollMs`. VmHWM only grows, so the
 * last reading before the process exits is its peak (to within one poll).
 */
export function runMeasured(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; pollMs?: number; onSpawn?: (child: ChildProcess) => void },
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    opts.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    let peak: number | null = null;
    let cpu: number | null = null;
    const rssSamples: [number, number][] = [];
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const poll = async () => {
      if (child.pid === undefined) return;
      const [mem, cpuNow] = await Promise.all([memory(child.pid), cpuSecondsOf(child.pid)]);
      if (cpuNow !== null) cpu = cpuNow;
      if (mem === null) return;
      peak = Math.max(peak ?? 0, mem.peak);
      rssSamples.push([(performance.now() - started) / 1000, mem.now]);
    };
    const timer = setInterval(() => void poll(), opts.pollMs ?? 50);
    void poll();
    child.once('error', (err) => {
      clearInterval(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearInterval(timer);
      resolve({
        code,
        stdout,
        stderr,
        seconds: (performance.now() - started) / 1000,
        peakRssBytes: peak,
        cpuSeconds: cpu,
        rssSamples,
      });
    });
  });
}
