import type { RecordedCall, SlackView } from '../../src/dev/slack-emulator';
import { preciseNow } from '../../src/dev/slack-emulator';
import type { Harness } from './harness';

export interface User {
  teamId: string;
  userId: string;
}

export const ALICE: User = { teamId: 'T0ALPHA', userId: 'U0ALICE' };
export const BOB: User = { teamId: 'T0ALPHA', userId: 'U0BOB' };

/** The id of the view the app opened in answer to the latest trigger. */
export async function openedViewId(h: Harness, callbackId: string, after: number): Promise<string> {
  const call = await h.emulator.waitForCall(
    'views.open',
    (c: RecordedCall) =>
      c.at >= after && (c.args.view as { callback_id?: string })?.callback_id === callbackId,
  );
  return (call.response as { view: { id: string } }).view.id;
}

/**
 * The member's App Home once it has settled: a views.publish for them arrived after `after`, then none
 * for `quietMs`. The app re-publishes a Home after every change, one at a time per member, and a
 * publish that read the database before `after` may still land after it: the first publish seen is
 * not always the last word.
 */
export async function settledHome(h: Harness, user: User, after: number, quietMs = 250): Promise<SlackView> {
  const publishesTo = () =>
    h.emulator.callsTo('views.publish').filter((c) => c.args.user_id === user.userId).length;
  await h.emulator.waitForCall('views.publish', (c) => c.at >= after && c.args.user_id === user.userId);
  for (let seen = publishesTo(); ; ) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = publishesTo();
    if (now === seen) break;
    seen = now;
  }
  const home = h.emulator.homeOf(user.userId);
  if (!home) throw new Error(`no Home for ${user.userId}`);
  return home;
}

/** `/touchbase add <name>` then submits the modal with `fields` (action_id → value). */
export async function addContact(h: Harness, user: User, name: string, fields: Record<string, unknown> = {}) {
  const t = preciseNow();
  const cmd = await h.driver.slashCommand(user, `add ${name}`);
  expect(cmd.status).toBe(200);
  const viewId = await openedViewId(h, 'contact_add', t);
  const submitted = await h.driver.submitView(user, viewId, fields as never);
  expect(submitted.status).toBe(200);
  return submitted;
}

/** The id of the member's contact with this exact name, read from the database. */
export async function contactId(h: Harness, user: User, name: string): Promise<number> {
  const { rows } = await h.database.pool.query<{ id: number }>(
    'SELECT id FROM contacts WHERE team_id = $1 AND user_id = $2 AND name = $3',
    [user.teamId, user.userId, name],
  );
  if (!rows[0]) throw new Error(`no contact ${name}`);
  return Number(rows[0].id);
}

export async function countRows(h: Harness, table: 'contacts' | 'touches'): Promise<number> {
  const { rows } = await h.database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n);
}

/** The last response_url post whose text matches. */
export async function reply(h: Harness, match: RegExp, after = 0) {
  const post = await h.emulator.waitForResponsePost(
    (p: { body: Record<string, unknown>; at: number }) => p.at >= after && match.test(allText(p.body)),
  );
  return post.body as { text: string; blocks: unknown[]; replace_original?: boolean };
}

/** Slack's date token, `<!date^1772452800^{date_short_pretty}|Mon, 2 Mar 2026>` (any format), and its fallback. */
export const DATE_TOKEN = /<!date\^(\d+)\^\{[a-z_]+\}\|([^>]*)>/g;

/**
 * All the text in a message or view, blocks included, for assertions about what a member reads.
 * A date token reads as its fallback (our own date format), so assertions name the day plainly;
 * `rawText` keeps the tokens.
 */
export function allText(value: unknown): string {
  return rawText(value).replace(DATE_TOKEN, '$2');
}

/** All the text in a message or view as sent to Slack, date tokens included. */
export function rawText(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') return;
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(value);
  return out.join('\n');
}

/** Digests the worker posted to a member's DM (successful chat.postMessage calls), oldest first. */
export function digestPosts(h: Harness, userId: string) {
  const dm = h.emulator.dmChannelId(userId);
  return h.emulator
    .callsTo('chat.postMessage')
    .filter(
      (c) => c.ok && c.args.channel === dm && /check-ins? (is|are) (due|overdue)/.test(String(c.args.text)),
    );
}

/** The value of the option or button with this action_id in a stored message. */
export function elementIn(message: { blocks?: unknown[] } | undefined, actionId: string) {
  for (const block of (message?.blocks ?? []) as { elements?: { action_id?: string }[] }[]) {
    const found = block.elements?.find((e) => e.action_id === actionId);
    if (found)
      return found as {
        action_id: string;
        value?: string;
        options?: { value: string; text: { text: string } }[];
      };
  }
  throw new Error(`no element ${actionId} in the message`);
}
