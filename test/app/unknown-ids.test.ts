import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, contactId, countRows, reply } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

/**
 * Slack keeps old messages and open modals around after touchbase changes: every button, modal or
 * shortcut id the app no longer knows is acked at once and answered plainly, never left to Slack's
 * 3-second timeout, and changes nothing.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await addContact(h, ALICE, 'Ada Lovelace');
});
afterAll(() => h.stop());

describe('ids touchbase no longer makes', () => {
  test('a button from an older message is acked at once and answered plainly', async () => {
    const before = await countRows(h, 'contacts');
    const t = preciseNow();
    const res = await h.driver.blockAction(ALICE, {
      actionId: 'contact_forget_forever',
      value: String(await contactId(h, ALICE, 'Ada Lovelace')),
      container: { type: 'ephemeral' },
    });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    expect(allText(await reply(h, /older message/, t))).toContain('/touchbase help');
    expect(await countRows(h, 'contacts')).toBe(before);
  });

  test('a known button whose value is not one touchbase wrote changes nothing', async () => {
    const t = preciseNow();
    const res = await h.driver.blockAction(ALICE, {
      actionId: 'digest_skip_0',
      value: '{"d":"not a day","c":1}',
      container: { type: 'ephemeral' },
    });
    expect(res.status).toBe(200);
    await reply(h, /isn't in your network/, t);
  });

  test('a modal from an older version keeps it open with a plain error, and saves nothing', async () => {
    const before = await countRows(h, 'contacts');
    const res = await h.driver.submitViewRaw(ALICE, {
      view: {
        id: 'V0OLDFORM',
        type: 'modal',
        callback_id: 'contact_add_v0',
        private_metadata: '',
        blocks: [
          { type: 'input', block_id: 'name', element: { type: 'plain_text_input', action_id: 'name' } },
        ],
        state: { values: { name: { name: { type: 'plain_text_input', value: 'Mallory' } } } },
      },
    });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.name).toMatch(/older version of touchbase/);
    expect(await countRows(h, 'contacts')).toBe(before);
  });

  test('a global shortcut touchbase no longer has gets a DM, not silence', async () => {
    const t = preciseNow();
    const res = await h.driver.globalShortcut(ALICE, 'log_meeting_v0');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && c.args.channel === ALICE.userId && /isn't one touchbase has/.test(allText(c.args)),
    );
    expect(h.emulator.callsTo('views.open').filter((c) => c.at >= t)).toEqual([]);
    expect(allText(dm.args)).toContain('/touchbase help');
  });

  test('a message shortcut touchbase no longer has answers where it was used', async () => {
    const t = preciseNow();
    const res = await h.driver.messageShortcut(ALICE, {
      callbackId: 'remember_this',
      message: { text: 'hi' },
    });
    expect(res.status).toBe(200);
    await reply(h, /isn't one touchbase has/, t);
  });
});
