import { randomBytes, randomInt } from 'node:crypto';

/** Slack ids are a type letter followed by upper-case letters and digits (T…, U…, D…, V…). */
export class IdMinter {
  private readonly counters = new Map<string, number>();

  /** 'V' → 'V000000001', 'V000000002', …: never repeats within one emulator, even across `reset()`. */
  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${n.toString(36).toUpperCase().padStart(9, '0')}`;
  }
}

const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += MIXED_ALNUM[randomInt(MIXED_ALNUM.length)];
  return out;
}

/** Shaped like Slack's: '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c'. */
export function mintTriggerIdString(counter: number): string {
  return `${1000000000 + counter}.${randomInt(1e9, 1e10)}.${randomBytes(16).toString('hex')}`;
}

/** Shaped like Slack's view hash: '1596530361.3wRYuk3R'. */
export function viewHash(nowMs: number): string {
  return `${Math.floor(nowMs / 1000)}.${randomAlnum(8)}`;
}

/**
 * Message timestamps: Slack's 'seconds.micros' strings, unique and strictly increasing per emulator,
 * close to the wall clock so an app comparing a ts with the time sees sensible values.
 */
export class MessageTsClock {
  private lastMicros = 0;

  next(nowMs: number): string {
    const micros = Math.max(Math.floor(nowMs * 1000), this.lastMicros + 100);
    this.lastMicros = micros;
    const seconds = Math.floor(micros / 1e6);
    return `${seconds}.${String(micros % 1e6).padStart(6, '0')}`;
  }
}
