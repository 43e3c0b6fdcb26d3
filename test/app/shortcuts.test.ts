import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, BOB, contactId, openedViewId } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

const BEN = 'U0BEN';
const ZED = 'U0ZED';

let h: Harness;
beforeAll(async () => {
  // Monday 2 March 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  for (const u of [ALICE, BOB]) h.emulator.setUser(u.userId, { tz: 'Europe/Berlin' });
  await addContact(h, ALICE, 'Ben Okri', { slack_user: BEN, cadence: 'monthly' });
  await addContact(h, BOB, 'Zed Zhou', { slack_user: ZED });
});
afterAll(() => h.stop());

type ModalBlock = {
  block_id: string;
  element?: {
    initial_option?: { value: string };
    initial_options?: { value: string }[];
    initial_value?: string;
  };
};

/** Uses "Log as a touch" on a message and answers the log form it opened. */
async function logAsTouch(message: { text: string; user?: string }) {
  const t = preciseNow();
  const res = await h.driver.messageShortcut(ALICE, {
    callbackId: 'log_as_touch',
    message: { ...message, ts: '1772445600.000100' },
    channelId: 'C0GENERAL',
  });
  expect(res.status).toBe(200);
  expect(res.body).toBe('');
  const viewId = await openedViewId(h, 'touch_log', t);
  const view = h.emulator.view(viewId) as { blocks: ModalBlock[] };
  const block = (id: string) => view.blocks.find((b) => b.block_id === id);
  return {
    viewId,
    view,
    preselected: block('contact')?.element?.initial_options?.[0]?.value,
    kind: block('kind')?.element?.initial_option?.value,
    note: block('note')?.element?.initial_value,
  };
}

describe('the "Log as a touch" message shortcut', () => {
  test('opens the log form with the message as the note and its author preselected; submitting logs it', async () => {
    const ben = await contactId(h, ALICE, 'Ben Okri');
    const form = await logAsTouch({
      text: 'Thanks for the intro to Acme &amp; the deck, <@U0ALICE>! &lt;3',
      user: BEN,
    });
    expect(form.preselected).toBe(String(ben));
    // Slack escapes &, < and > in message text; the note reads as the author wrote it.
    expect(form.note).toBe('Thanks for the intro to Acme & the deck, <@U0ALICE>! <3');
    // A Slack message is a message: How starts there, so submitting as it opened logs one.
    expect(form.kind).toBe('message');

    const t = preciseNow();
    const res = await h.driver.submitView(ALICE, form.viewId, { intent: 'catch_up' });
    expect(res.body).toBe('');
    const { rows } = await h.database.pool.query(
      `SELECT t.touched_on::text, t.kind, t.intent, t.note, c.last_touch_on::text, c.next_due_on::text
       FROM touches t JOIN contacts c ON c.id = t.contact_id WHERE c.id = $1`,
      [ben],
    );
    expect(rows).toEqual([
      {
        touched_on: '2026-03-02',
        kind: 'message',
        intent: 'catch_up',
        note: 'Thanks for the intro to Acme & the deck, <@U0ALICE>! <3',
        last_touch_on: '2026-03-02',
        next_due_on: '2026-04-02',
      },
    ]);
    await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Logged a message with \*Ben Okri\*/.test(allText(c.args)),
    );
  });

  test.each([
    ['someone who is not a contact', 'U0STRANGER'],
    ["another member's contact", ZED],
    ['no Slack user (a bot or an app)', undefined],
  ])('a message by %s opens the form with no one preselected', async (_who, user) => {
    const form = await logAsTouch({ text: 'Happy to help with the launch.', user });
    expect(form.preselected).toBeUndefined();
    expect(form.note).toBe('Happy to help with the launch.');
  });

  test('a long message is cut to the note limit', async () => {
    const form = await logAsTouch({ text: 'word '.repeat(800), user: BEN });
    expect(Array.from(form.note ?? '')).toHaveLength(3000);
    expect(form.note?.endsWith('…')).toBe(true);
  });

  test('when several of your contacts are that Slack user, it asks instead of guessing', async () => {
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'add Ben at Work');
    const viewId = await openedViewId(h, 'contact_add', t);
    await h.driver.submitView(ALICE, viewId, { slack_user: BEN });
    // The form warns that Ben Okri is that Slack user already; adding anyway is one tick.
    await h.driver.submitView(ALICE, viewId, { add_anyway: ['yes'] } as never);
    const form = await logAsTouch({ text: 'See you Thursday.', user: BEN });
    expect(form.preselected).toBeUndefined();
    expect(allText(form.view)).toContain('2 of your contacts are linked to <@U0BEN>');
  });
});
