import { signSlackRequest } from '../../src/dev/slack-driver';
import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, BOB, contactId, countRows, openedViewId, reply } from '../support/flows';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/harness';

let h: Harness;
let adaId: number;
beforeAll(async () => {
  h = await startHarness();
  await addContact(h, ALICE, 'Ada Lovelace', { wants_needs: 'a secret only Alice knows' });
  adaId = await contactId(h, ALICE, 'Ada Lovelace');
  await addContact(h, BOB, 'Bob Own Contact');
});
afterAll(() => h.stop());

const slashBody = (text: string) =>
  new URLSearchParams({
    team_id: ALICE.teamId,
    user_id: ALICE.userId,
    command: '/touchbase',
    text,
    response_url: h.emulator.responseUrl(),
    trigger_id: h.emulator.mintTriggerId(),
  }).toString();

describe('requests Slack did not sign', () => {
  test('a forged signature gets 401 and changes nothing', async () => {
    const before = await countRows(h, 'contacts');
    const body = slashBody('add Mallory');
    const ts = Math.floor(Date.now() / 1000);
    const res = await h.driver.raw(body, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signSlackRequest('not-the-secret', ts, body),
    });
    expect(res.status).toBe(401);
    expect(h.emulator.callsTo('views.open').filter((c) => allText(c.args).includes('Mallory'))).toEqual([]);
    expect(await countRows(h, 'contacts')).toBe(before);
  });

  test('a correctly signed request older than 5 minutes is rejected', async () => {
    const body = slashBody('list');
    const ts = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await h.driver.raw(body, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signSlackRequest(SIGNING_SECRET, ts, body),
    });
    expect(res.status).toBe(401);
  });
});

describe("one member never reaches another's contacts", () => {
  test("Bob's list, show and picker never show Alice's contacts", async () => {
    const t = preciseNow();
    await h.driver.slashCommand(BOB, 'list');
    expect(allText(await reply(h, /Your contacts/, t))).not.toContain('Ada');

    const t2 = preciseNow();
    await h.driver.slashCommand(BOB, 'show Ada');
    expect(allText(await reply(h, /No contact matches “Ada”/, t2))).not.toContain('secret');

    const t3 = preciseNow();
    await h.driver.slashCommand(BOB, 'log');
    const viewId = await openedViewId(h, 'touch_log', t3);
    const options = (await h.driver.blockSuggestion(BOB, viewId, 'contact', '')) as {
      options: { value: string }[];
    };
    expect(options.options.map((o) => o.value)).not.toContain(String(adaId));
  });

  test.each([
    'contact_show_',
    'contact_edit',
    'contact_log',
    'contact_archive',
    'archive_confirm',
    'archive_undo',
    'choose_show_',
  ])("replaying Alice's %s button as Bob reveals and changes nothing", async (action) => {
    const actionId = action.endsWith('_') ? `${action}${adaId}` : action;
    const opened = h.emulator.callsTo('views.open').length;
    const t = preciseNow();
    await h.driver.blockAction(BOB, { actionId, value: String(adaId), container: { type: 'ephemeral' } });
    const answer = await reply(h, /isn't in your network/, t);
    expect(allText(answer)).not.toContain('Ada');
    expect(h.emulator.callsTo('views.open').length).toBe(opened);
    const { rows } = await h.database.pool.query('SELECT archived_at, name FROM contacts WHERE id = $1', [
      adaId,
    ]);
    expect(rows).toEqual([{ archived_at: null, name: 'Ada Lovelace' }]);
  });

  test("a crafted edit modal with Alice's contact id in private_metadata changes nothing", async () => {
    const t = preciseNow();
    await h.driver.slashCommand(BOB, 'edit Bob Own');
    const viewId = await openedViewId(h, 'contact_edit', t);
    const view = h.emulator.view(viewId) as { private_metadata: string };
    expect(JSON.parse(view.private_metadata)).toHaveProperty('contactId');
    const res = await h.driver.submitView(
      BOB,
      viewId,
      { name: 'Hijacked' },
      { privateMetadata: JSON.stringify({ contactId: adaId }) },
    );
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.name).toMatch(/isn't in your network/);
    const { rows } = await h.database.pool.query('SELECT name FROM contacts WHERE id = $1', [adaId]);
    expect(rows[0].name).toBe('Ada Lovelace');
  });

  test("logging a touch against Alice's contact id is refused and stores nothing", async () => {
    const before = await countRows(h, 'touches');
    const t = preciseNow();
    await h.driver.slashCommand(BOB, 'log');
    const viewId = await openedViewId(h, 'touch_log', t);
    const res = await h.driver.submitView(BOB, viewId, {
      contact: [{ value: String(adaId), text: 'Ada' }],
    } as never);
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.errors.contact).toMatch(/isn't in your network/);
    expect(await countRows(h, 'touches')).toBe(before);
  });
});
