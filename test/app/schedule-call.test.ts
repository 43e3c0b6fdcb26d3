import ICAL from 'ical.js';
import { preciseNow, type RecordedCall, type SlackFile } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, BOB, contactId, elementIn, openedViewId, reply } from '../support/flows';
import { BOT_TOKEN, type Harness, startHarness } from '../support/harness';

/*
 * Alice lives in New York, where the clocks go forward on Sunday 8 March 2026 (EST, UTC−5, becomes
 * EDT, UTC−4). She schedules a call with Dana Lee for Monday 9 March at 10:00 (14:00Z) from her
 * digest of Thursday 5 March, and one with Eve Stone for Friday 6 March at 10:00 (15:00Z) from Eve's
 * card.
 */

let h: Harness;
const ids = { dana: 0, eve: 0, zed: 0 };
beforeAll(async () => {
  // Thursday 5 March 2026, 08:00 in New York.
  h = await startHarness({ startAt: '2026-03-05T13:00:00Z' });
  h.emulator.setUser(ALICE.userId, {
    tz: 'America/New_York',
    realName: 'Alice Adams',
    email: 'alice@example.com',
  });
  h.emulator.setUser(BOB.userId, { tz: 'America/New_York' });
  // Last talked about a month ago on a monthly rhythm: both due today.
  await addContact(h, ALICE, 'Dana Lee', { cadence: 'monthly', talked_before: '1m' });
  await addContact(h, ALICE, 'Eve Stone', { cadence: 'monthly', talked_before: '1m' });
  await addContact(h, BOB, 'Zed Bobson', { cadence: 'monthly', talked_before: '1m' });
  ids.dana = await contactId(h, ALICE, 'Dana Lee');
  ids.eve = await contactId(h, ALICE, 'Eve Stone');
  ids.zed = await contactId(h, BOB, 'Zed Bobson');
  // A contact's email comes from an imported file (the add form has no field for it).
  await h.database.pool.query(`UPDATE contacts SET email = 'dana@example.org' WHERE id = $1`, [ids.dana]);
});
afterAll(() => h.stop());

interface Posted {
  channel: string;
  ts: string;
  text: string;
}

/** The digest posted to Alice's DM at the latest tick (it carries the digest's metadata). */
function latestDigest(after: number): Posted | null {
  const dm = h.emulator.dmChannelId(ALICE.userId);
  const post = h.emulator
    .callsTo('chat.postMessage')
    .filter((c: RecordedCall) => c.ok && c.at >= after && c.args.channel === dm && c.args.metadata)
    .at(-1);
  if (!post) return null;
  const { channel, ts } = post.response as { channel: string; ts: string };
  return { channel, ts, text: allText(h.emulator.message(channel, ts)) };
}

async function digestOn(iso: string): Promise<Posted | null> {
  const t = preciseNow();
  await h.tick(iso);
  return latestDigest(t);
}

async function sentDigestOn(iso: string): Promise<Posted> {
  const digest = await digestOn(iso);
  if (!digest) throw new Error(`no digest at ${iso}`);
  return digest;
}

async function download(file: SlackFile): Promise<string> {
  const response = await fetch(file.url_private_download, {
    headers: { Authorization: `Bearer ${BOT_TOKEN}` },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer()).toString('utf8');
}

/** The invite shared into Alice's DM after `after`: its message and the parsed event. */
async function inviteSince(after: number) {
  const done = await h.emulator.waitForCall(
    'files.completeUploadExternal',
    (c) => c.at >= after && c.args.channel_id === h.emulator.dmChannelId(ALICE.userId),
  );
  const [id] = (done.response as { files: { id: string }[] }).files.map((f) => f.id);
  const message = h.emulator.dmMessages(ALICE.userId).find((m) => m.files?.some((f) => f.id === id));
  const file = message?.files?.[0] as SlackFile;
  const ics = await download(file);
  const event = new ICAL.Event(
    new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') as ICAL.Component,
  );
  return { message, file, ics, event };
}

const calls = async () =>
  (
    await h.database.pool.query(
      `SELECT contact_id::int AS "contactId", starts_at AS "startsAt", minutes, title, outcome
       FROM scheduled_calls ORDER BY id`,
    )
  ).rows;

const nextDue = async (id: number) =>
  (await h.database.pool.query('SELECT next_due_on::text AS d FROM contacts WHERE id = $1', [id])).rows[0].d;

let danaViewId: string;

describe('scheduling from the digest', () => {
  test('each due check-in has Schedule; it opens the form with tomorrow, 10:00, 30 min and the title filled in', async () => {
    const digest = await sentDigestOn('2026-03-05T14:05:00Z');
    expect(digest.text).toMatch(/Dana Lee[\s\S]*Eve Stone/);
    const message = h.emulator.message(digest.channel, digest.ts);
    const button = elementIn(message, 'digest_schedule_0');
    expect(button).toMatchObject({ text: { text: 'Schedule' } });
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: button.action_id,
      container: { type: 'message', channelId: digest.channel, messageTs: digest.ts },
    });
    danaViewId = await openedViewId(h, 'call_schedule', t);
    const view = h.emulator.view(danaViewId) as {
      blocks: { block_id?: string; element?: Record<string, unknown>; hint?: { text: string } }[];
    };
    const element = (id: string) => view.blocks.find((b) => b.block_id === id)?.element;
    expect(element('call_on')).toMatchObject({ type: 'datepicker', initial_date: '2026-03-06' });
    expect(element('call_at')).toMatchObject({ type: 'timepicker', initial_time: '10:00' });
    expect(element('minutes')).toMatchObject({ initial_option: { value: '30' } });
    expect(element('title')).toMatchObject({ initial_value: 'Catch-up with Dana Lee' });
    expect(view.blocks.find((b) => b.block_id === 'call_at')?.hint?.text).toContain('America/New_York');
  });

  test.each([
    ['a time already past today', { call_on: '2026-03-05', call_at: '07:30' }, 'call_at', /has passed/],
    ['a day already past', { call_on: '2026-03-04', call_at: '10:00' }, 'call_on', /has passed/],
    ['an empty title', { title: '   ' }, 'title', /Give the call a title/],
    ['a title of control characters only', { title: '\u0007\u0000' }, 'title', /Give the call a title/],
  ])('%s: an error beside the field, nothing saved, no invite', async (_what, fields, field, message) => {
    const t = preciseNow();
    const res = await h.driver.submitView(ALICE, danaViewId, fields);
    expect((res.json as { errors: Record<string, string> }).errors[field]).toMatch(message);
    expect(await calls()).toEqual([]);
    expect(h.emulator.callsTo('files.getUploadURLExternal').filter((c) => c.at >= t)).toHaveLength(0);
  });

  test('Monday 10:00 after the clocks changed: the invite is in the DM, 14:00Z, with Dana as attendee and Alice as organizer; a repeat saves once', async () => {
    const t = preciseNow();
    const res = await h.driver.submitView(ALICE, danaViewId, { call_on: '2026-03-09', call_at: '10:00' });
    expect(res.body).toBe('');
    // Slack delivering the same submission again: one call, one invite.
    await h.driver.resendLast();
    const { message, file, ics, event } = await inviteSince(t);
    expect(message?.text).toBe(
      'Your invite for *Catch-up with Dana Lee* on Mon 9 Mar, 10:00–10:30 (America/New_York): open the file to add it to your calendar.',
    );
    expect(file.name).toBe('2026-03-09 Catch-up with Dana Lee.ics');
    expect(file.filetype).toBe('ics');
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(event.summary).toBe('Catch-up with Dana Lee');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-09T14:30:00.000Z');
    expect(event.attendees.map((a) => a.getFirstValue())).toEqual(['mailto:dana@example.org']);
    expect(event.organizer).toBe('mailto:alice@example.com');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.emulator.callsTo('files.completeUploadExternal').filter((c) => c.at >= t)).toHaveLength(1);
    expect(await calls()).toEqual([
      {
        contactId: ids.dana,
        startsAt: new Date('2026-03-09T14:00:00Z'),
        minutes: 30,
        title: 'Catch-up with Dana Lee',
        outcome: null,
      },
    ]);
    // The digest item says it is planned.
    expect(latestDigest(0)?.text).toContain('Call scheduled: Mon 9 Mar, 10:00–10:30 (America/New_York).');
    // So does her card.
    const shown = preciseNow();
    await h.driver.slashCommand(ALICE, 'show dana');
    expect(allText(await reply(h, /Dana Lee/, shown))).toContain(
      'Call planned: *Catch-up with Dana Lee*, Mon 9 Mar, 10:00–10:30 (America/New_York)',
    );
  });
});

describe('scheduling from a contact card', () => {
  test('Schedule on Eve’s card: Friday 10:00 before the change is 15:00Z, 45 minutes, her own title; no attendee without an email', async () => {
    let t = preciseNow();
    await h.driver.slashCommand(ALICE, 'show eve');
    const card = await reply(h, /Eve Stone/, t);
    const button = elementIn(card, `contact_schedule`);
    t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: button.action_id,
      value: button.value,
      container: { type: 'ephemeral' },
    });
    const viewId = await openedViewId(h, 'call_schedule', t);
    t = preciseNow();
    await h.driver.submitView(ALICE, viewId, {
      call_on: '2026-03-06',
      call_at: '10:00',
      minutes: '45',
      title: 'Coffee & <plans> with Eve',
    });
    const { message, event, ics } = await inviteSince(t);
    expect(message?.text).toContain('*Coffee &amp; &lt;plans&gt; with Eve* on Fri 6 Mar, 10:00–10:45');
    expect(event.summary).toBe('Coffee & <plans> with Eve');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-06T15:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-06T15:45:00.000Z');
    expect(ics).not.toContain('ATTENDEE');
  });

  test('Bob cannot schedule with, or answer for, Alice’s contacts', async () => {
    let t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: 'contact_schedule',
      value: String(ids.dana),
      container: { type: 'ephemeral' },
    });
    await reply(h, /isn't in your network/, t);
    const [call] = (await h.database.pool.query('SELECT id FROM scheduled_calls ORDER BY id LIMIT 1')).rows;
    t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: `call_didnt_happen_${call.id}`,
      value: JSON.stringify({ k: Number(call.id) }),
      container: { type: 'ephemeral' },
    });
    await reply(h, /isn't in your network/, t);
    t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: `call_log_${call.id}`,
      value: JSON.stringify({ k: Number(call.id) }),
      container: { type: 'ephemeral' },
    });
    await reply(h, /isn't in your network/, t);
    expect(h.emulator.callsTo('views.open').filter((c) => c.at >= t)).toHaveLength(0);
    expect((await calls()).map((c) => c.outcome)).toEqual([null, null]);
  });
});

describe('a planned check-in', () => {
  test('leaves the digest and `due` until the day after the call', async () => {
    // Friday: both calls planned, nobody due.
    expect(await digestOn('2026-03-06T14:05:00Z')).toBeNull();
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'due');
    const due = allText(await reply(h, /./, t));
    expect(due).not.toContain('Dana Lee');
    expect(due).not.toContain('Eve Stone');
  });

  test('the next work day after Eve’s call asks "did you talk?"; Didn’t happen makes her due again, once', async () => {
    const digest = await sentDigestOn('2026-03-09T13:05:00Z');
    expect(digest.text).toContain('Did you talk with *Eve Stone* on Fri?');
    // Dana's call is today: she is still planned, and Eve is asked about, not reminded of.
    expect(digest.text).not.toContain('Dana Lee');
    expect(digest.text).not.toMatch(/Eve Stone[^?]*last talked/i);
    const message = h.emulator.message(digest.channel, digest.ts);
    const [eveCall] = (
      await h.database.pool.query('SELECT id FROM scheduled_calls WHERE contact_id = $1', [ids.eve])
    ).rows;
    const button = elementIn(message, `call_didnt_happen_${eveCall.id}`);
    const t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: button.action_id,
      value: button.value,
      container: { type: 'message', channelId: digest.channel, messageTs: digest.ts },
    });
    await h.driver.resendLast();
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(allText(h.emulator.message(digest.channel, digest.ts))).toContain("Didn't happen: due again.");
    // Due again, as overdue as before the call was planned (her check-in fell due on 5 March).
    expect(await nextDue(ids.eve)).toBe('2026-03-05');
    expect((await calls()).find((c) => c.contactId === ids.eve)?.outcome).toBe('didnt_happen');
    // A second click on the same button changes nothing more.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.emulator.callsTo('chat.update').filter((c) => c.at >= t)).toHaveLength(1);
  });

  test('the day after Dana’s call: Log it opens the log form dated Monday; logging it answers the call', async () => {
    const digest = await sentDigestOn('2026-03-10T13:05:00Z');
    expect(digest.text).toContain('Did you talk with *Dana Lee* on Mon?');
    // Eve is due again as a plain check-in.
    expect(digest.text).toMatch(/Eve Stone/);
    const [danaCall] = (
      await h.database.pool.query('SELECT id FROM scheduled_calls WHERE contact_id = $1', [ids.dana])
    ).rows;
    const message = h.emulator.message(digest.channel, digest.ts);
    const button = elementIn(message, `call_log_${danaCall.id}`);
    let t = preciseNow();
    await h.driver.blockAction(ALICE, {
      actionId: button.action_id,
      value: button.value,
      container: { type: 'message', channelId: digest.channel, messageTs: digest.ts },
    });
    const viewId = await openedViewId(h, 'touch_log', t);
    const form = h.emulator.view(viewId) as {
      blocks: { block_id?: string; element?: Record<string, unknown> }[];
    };
    expect(form.blocks.find((b) => b.block_id === 'touched_on')?.element).toMatchObject({
      initial_date: '2026-03-09',
    });
    t = preciseNow();
    // Logged with Eve too, as one touch with two people: Dana's call is still answered.
    const res = await h.driver.submitView(ALICE, viewId, {
      contact: [
        { value: String(ids.dana), text: 'Dana Lee' },
        { value: String(ids.eve), text: 'Eve Stone' },
      ],
      kind: 'call',
      intent: 'catch_up',
    } as never);
    expect(res.body).toBe('');
    await h.emulator.waitForCall('chat.update', (c) => c.at >= t);
    expect(allText(h.emulator.message(digest.channel, digest.ts))).toMatch(
      /~\*Dana Lee\*~\n:white_check_mark: Logged a touch \(Mon, 9 Mar 2026\)/,
    );
    const { rows } = await h.database.pool.query(
      'SELECT touched_on::text AS d FROM touches WHERE contact_id = $1',
      [ids.dana],
    );
    expect(rows).toEqual([{ d: '2026-03-09' }]);
    expect((await calls()).find((c) => c.contactId === ids.dana)?.outcome).toBe('logged');
    // Monthly from the call.
    expect(await nextDue(ids.dana)).toBe('2026-04-09');
    const shown = preciseNow();
    await h.driver.slashCommand(ALICE, 'show dana');
    expect(allText(await reply(h, /Dana Lee/, shown))).not.toContain('Call planned');
    // Asked once: the next digest does not ask again.
    const next = await digestOn('2026-03-11T13:05:00Z');
    expect(next?.text ?? '').not.toContain('Did you talk');
  });
});

describe('when Slack refuses the invite file', () => {
  /** Bob schedules a call with Zed from Zed's card; resolves once the form closed. */
  async function bobSchedules(day: string): Promise<number> {
    const t = preciseNow();
    await h.driver.blockAction(BOB, {
      actionId: 'contact_schedule',
      value: String(ids.zed),
      container: { type: 'ephemeral' },
    });
    const viewId = await openedViewId(h, 'call_schedule', t);
    const after = preciseNow();
    const res = await h.driver.submitView(BOB, viewId, { call_on: day });
    expect(res.body).toBe('');
    return after;
  }

  test('once: it is tried again and the invite arrives', async () => {
    h.emulator.failNext('files.completeUploadExternal', { error: 'internal_error' });
    const t = await bobSchedules('2026-03-20');
    await h.emulator.waitForCall(
      'files.completeUploadExternal',
      (c) => c.at >= t && c.ok && c.args.channel_id === h.emulator.dmChannelId(BOB.userId),
    );
    expect(h.emulator.callsTo('files.getUploadURLExternal').filter((c) => c.at >= t)).toHaveLength(2);
  });

  test('twice: the DM says so plainly, and the call stays scheduled', async () => {
    h.emulator.failNext('files.completeUploadExternal', { error: 'internal_error' }, 2);
    const t = await bobSchedules('2026-03-27');
    const told = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /would not take the invite file/.test(String(c.args.text)),
    );
    expect(allText(told.args)).toContain(
      '*Catch-up with Zed Bobson* on Fri 27 Mar, 10:00–10:30 (America/New_York) is scheduled',
    );
    const { rows } = await h.database.pool.query(
      'SELECT count(*)::int AS n FROM scheduled_calls WHERE user_id = $1',
      [BOB.userId],
    );
    expect(rows[0].n).toBe(2);
  });
});

describe('your data', () => {
  test('the export lists the scheduled calls; deleting your data removes them', async () => {
    let t = preciseNow();
    await h.driver.slashCommand(ALICE, 'export');
    const done = await h.emulator.waitForCall(
      'files.completeUploadExternal',
      (c) => c.at >= t && c.args.channel_id === h.emulator.dmChannelId(ALICE.userId),
      15_000,
    );
    const ids2 = (done.response as { files: { id: string }[] }).files.map((f) => f.id);
    const message = h.emulator
      .dmMessages(ALICE.userId)
      .find((m) => m.files?.some((f) => ids2.includes(f.id)));
    const json = message?.files?.find((f) => f.name.endsWith('.json')) as SlackFile;
    const data = JSON.parse(await download(json));
    expect(data.scheduledCalls).toEqual([
      expect.objectContaining({
        contactId: ids.dana,
        startsAt: '2026-03-09T14:00:00.000Z',
        minutes: 30,
        timeZone: 'America/New_York',
        title: 'Catch-up with Dana Lee',
        outcome: 'logged',
      }),
      expect.objectContaining({ contactId: ids.eve, minutes: 45, outcome: 'didnt_happen' }),
    ]);
    t = preciseNow();
    await h.driver.slashCommand(ALICE, 'delete my data');
    const viewId = await openedViewId(h, 'erase_data', t);
    await h.driver.submitView(ALICE, viewId, { erase_word: 'delete' } as never);
    await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Your touchbase data is deleted/.test(String(c.args.text)),
    );
    const { rows } = await h.database.pool.query(
      'SELECT count(*)::int AS n FROM scheduled_calls WHERE user_id = $1',
      [ALICE.userId],
    );
    expect(rows[0].n).toBe(0);
  });
});
