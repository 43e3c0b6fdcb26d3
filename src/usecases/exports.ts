import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CSV_FILE_NAME, csvHeader, csvRow, EXPORT_VERSION, JSON_FILE_NAME } from '../domain/export-format';
import { feedsOf } from '../store/calendar-feeds';
import {
  asksOf,
  type ContactCursor,
  contactsPage,
  countContacts,
  datesOf,
  introductionsPage,
  remindersPage,
  scheduledCallsPage,
  touchesOf,
  transitionsOf,
  tripsPage,
} from '../store/exports';
import { fatigueOf } from '../store/fatigue';
import { claimKey, releaseKey } from '../store/idempotency';
import type { UseCaseDeps } from './deps';
import type { Member } from './members';

/** Contacts read per statement: a short indexed read, well inside the web pool's statement limit. */
export const EXPORT_PAGE = 1000;

/**
 * One export at a time per member, across processes: a pending key in idempotency_keys says one is
 * running. A process that dies mid-export leaves it pending; after this long a new export takes over.
 */
const RUNNING_KEY = 'export-in-progress';
const STALE_MS = 10 * 60_000;

export interface ExportFile {
  name: string;
  /** Where the file was built, on this machine, until the export is delivered. */
  path: string;
  bytes: number;
}

export type ExportOutcome = { kind: 'done'; contacts: number } | { kind: 'busy' };

/** A file written as it is built, waiting when the disk is slower than the reads, so memory stays bounded. */
class TextFile {
  bytes = 0;
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (err) => {
      this.failure = err;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.bytes += Buffer.byteLength(text);
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** Appends another file's bytes (a section built beside this one). */
  async append(other: TextFile): Promise<void> {
    for await (const chunk of createReadStream(other.path)) {
      this.bytes += (chunk as Buffer).length;
      if (!this.stream.write(chunk)) await once(this.stream, 'drain');
    }
  }

  async close(): Promise<void> {
    if (this.stream.closed) return;
    await new Promise<void>((resolve, reject) =>
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    if (this.failure) throw this.failure;
  }
}

/** One array of the JSON file, one record a line. */
class JsonArray {
  private first = true;
  constructor(private readonly file: TextFile) {}
  async add(record: unknown): Promise<void> {
    await this.file.write(`${this.first ? '\n' : ',\n'}    ${JSON.stringify(record)}`);
    this.first = false;
  }
}

function settingsOf(member: Member) {
  return {
    timeZone: member.tz,
    slackTimeZone: member.slackTz,
    timeZoneOverride: member.tzOverride,
    digestHour: member.digestHour,
    workDays: member.workDays,
    pausedUntil: member.pausedUntil,
    patienceDays: member.patienceDays,
    weeklyBudget: member.weeklyBudget,
  };
}

/**
 * Builds the member's two export files (touchbase-contacts.csv and touchbase-export.json, see
 * docs/export-format.md) in a temporary folder, reading their rows a page at a time and writing as it
 * reads, hands them to `deliver` (the upload to Slack), then removes them. It writes nothing of the
 * member's data. `onProgress(done, total)` follows the contacts. A second export while one runs is
 * `busy`.
 */
export async function runExport(
  deps: UseCaseDeps,
  member: Member,
  onProgress: (done: number, total: number) => Promise<void>,
  deliver: (files: ExportFile[]) => Promise<void>,
): Promise<ExportOutcome> {
  const now = deps.clock.now();
  const claimed = await claimKey(deps.db, member, RUNNING_KEY, now, new Date(now.getTime() - STALE_MS));
  if (!claimed) return { kind: 'busy' };
  const dir = await mkdtemp(path.join(tmpdir(), 'touchbase-export-'));
  try {
    const { files, contacts } = await buildFiles(deps, member, dir, onProgress);
    await deliver(files);
    return { kind: 'done', contacts };
  } finally {
    await rm(dir, { recursive: true, force: true }).catch((err: unknown) =>
      deps.logger.warn({ err }, 'could not remove an export folder'),
    );
    await releaseKey(deps.db, member, RUNNING_KEY).catch((err: unknown) =>
      deps.logger.warn({ err }, 'could not mark an export finished'),
    );
  }
}

/** Every page of rows kept in id order, until a short page says there are no more. */
async function writePages(
  out: JsonArray,
  page: (afterId: number) => Promise<{ id: number }[]>,
): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await page(after);
    for (const row of rows) await out.add(row);
    const last = rows.at(-1);
    if (rows.length < EXPORT_PAGE || !last) return;
    after = last.id;
  }
}

async function buildFiles(
  deps: UseCaseDeps,
  member: Member,
  dir: string,
  onProgress: (done: number, total: number) => Promise<void>,
): Promise<{ files: ExportFile[]; contacts: number }> {
  const csv = new TextFile(path.join(dir, CSV_FILE_NAME));
  const json = new TextFile(path.join(dir, JSON_FILE_NAME));
  // Touches, asks, transitions, nudge-fatigue records and dates are read with each page of contacts;
  // each goes to a file of its own until the contacts are all written, then joins the JSON after them.
  const sides = {
    touches: new TextFile(path.join(dir, 'touches.part')),
    asks: new TextFile(path.join(dir, 'asks.part')),
    transitions: new TextFile(path.join(dir, 'transitions.part')),
    nudgeFatigue: new TextFile(path.join(dir, 'nudge-fatigue.part')),
    dates: new TextFile(path.join(dir, 'dates.part')),
  };
  const all = [csv, json, ...Object.values(sides)];
  try {
    const total = await countContacts(deps.db, member);
    await csv.write(csvHeader());
    const head = {
      version: EXPORT_VERSION,
      exportedAt: deps.clock.now().toISOString(),
      member: { teamId: member.teamId, userId: member.userId },
      settings: settingsOf(member),
    };
    // The head's fields, then the arrays, one record a line.
    await json.write(`${JSON.stringify(head, null, 2).replace(/\n}$/, '')},\n  "contacts": [`);
    const contactsOut = new JsonArray(json);
    const touchesOut = new JsonArray(sides.touches);
    const asksOut = new JsonArray(sides.asks);
    const transitionsOut = new JsonArray(sides.transitions);
    const fatigueOut = new JsonArray(sides.nudgeFatigue);
    const datesOut = new JsonArray(sides.dates);

    let done = 0;
    let cursor: ContactCursor | null = null;
    do {
      const page = await contactsPage(deps.db, member, cursor, EXPORT_PAGE);
      const ids = page.contacts.map((c) => c.id);
      for (const contact of page.contacts) {
        await csv.write(csvRow(contact));
        await contactsOut.add(contact);
      }
      if (ids.length > 0) {
        for (const t of await touchesOf(deps.db, member, ids)) await touchesOut.add(t);
        for (const a of await asksOf(deps.db, member, ids)) await asksOut.add(a);
        for (const t of await transitionsOf(deps.db, member, ids)) await transitionsOut.add(t);
        for (const f of await fatigueOf(deps.db, member, ids)) await fatigueOut.add(f);
        for (const d of await datesOf(deps.db, member, ids)) await datesOut.add(d);
      }
      done += page.contacts.length;
      cursor = page.next;
      await onProgress(done, Math.max(total, done));
    } while (cursor);

    for (const [name, side] of Object.entries(sides)) {
      await side.close();
      await json.write(`\n  ],\n  "${name}": [`);
      await json.append(side);
    }
    await json.write('\n  ],\n  "introductions": [');
    await writePages(new JsonArray(json), (after) => introductionsPage(deps.db, member, after, EXPORT_PAGE));
    await json.write('\n  ],\n  "trips": [');
    await writePages(new JsonArray(json), (after) => tripsPage(deps.db, member, after, EXPORT_PAGE));
    // When each calendar link was made and revoked; never its token or the token's hash.
    await json.write('\n  ],\n  "calendarFeeds": [');
    const feedsOut = new JsonArray(json);
    for (const feed of await feedsOf(deps.db, member)) await feedsOut.add(feed);
    await json.write('\n  ],\n  "reminders": [');
    await writePages(new JsonArray(json), (after) => remindersPage(deps.db, member, after, EXPORT_PAGE));
    await json.write('\n  ],\n  "scheduledCalls": [');
    await writePages(new JsonArray(json), (after) => scheduledCallsPage(deps.db, member, after, EXPORT_PAGE));
    await json.write('\n  ]\n}\n');
    await csv.close();
    await json.close();
    return {
      files: [csv, json].map((f) => ({ name: path.basename(f.path), path: f.path, bytes: f.bytes })),
      contacts: done,
    };
  } finally {
    await Promise.all(all.map((f) => f.close().catch(() => undefined)));
  }
}
