import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, BOB, contactId, countRows, openedViewId } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  await addContact(h, ALICE, 'Ada Lovelace', { cadence: 'monthly' });
  await addContact(h, ALICE, 'Grace <b>Hopper</b>', { cadence: 'quarterly' });
  await addContact(h, ALICE, 'Alan Turing', { cadence: 'yearly' });
  await addContact(h, BOB, 'Bob’s Friend');
});
afterAll(() => h.stop());

type Picker = { type: string; initial_options?: { value: string }[] };

/** `/touchbase log <text>`: the log form's id and its contact picker. */
async function openLogForm(text: string) {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, text);
  const viewId = await openedViewId(h, 'touch_log', t);
  const view = h.emulator.view(viewId) as { blocks: { block_id: string; element?: Picker }[] };
  return { viewId, picker: view.blocks.find((b) => b.block_id === 'contact')?.element as Picker };
}

async function touchesOf(name: string) {
  const id = await contactId(h, ALICE, name);
  const { rows } = await h.database.pool.query(
    `SELECT t.touched_on::text, t.kind, t.intent, t.note, c.next_due_on::text AS next
     FROM touches t JOIN contacts c ON c.id = t.contact_id WHERE c.id = $1`,
    [id],
  );
  return rows;
}

describe('one touch with several people', () => {
  test('the picker takes several; each gets the touch and a new clock, and the confirmation names them all', async () => {
    const { viewId, picker } = await openLogForm('log Ada');
    expect(picker.type).toBe('multi_external_select');
    const ada = await contactId(h, ALICE, 'Ada Lovelace');
    expect(picker.initial_options?.map((o) => o.value)).toEqual([String(ada)]);

    // The others are found by typing, as Slack asks the app for options.
    const options = (await h.driver.blockSuggestion(ALICE, viewId, 'contact', 'a')) as {
      options: { value: string; text: { text: string } }[];
    };
    const grace = options.options.find((o) => o.text.text.startsWith('Grace'));
    const alan = options.options.find((o) => o.text.text === 'Alan Turing');
    expect(grace && alan).toBeTruthy();

    const t = preciseNow();
    const res = await h.driver.submitView(ALICE, viewId, {
      contact: [
        { value: String(ada), text: 'Ada Lovelace' },
        { value: grace?.value ?? '', text: grace?.text.text ?? '' },
        { value: alan?.value ?? '', text: 'Alan Turing' },
      ],
      kind: 'in_person',
      intent: 'catch_up',
      note: 'Dinner at the conference',
    });
    expect(res.body).toBe('');

    const touch = {
      touched_on: '2026-03-02',
      kind: 'in_person',
      intent: 'catch_up',
      note: 'Dinner at the conference',
    };
    expect(await touchesOf('Ada Lovelace')).toEqual([{ ...touch, next: '2026-04-02' }]);
    expect(await touchesOf('Grace <b>Hopper</b>')).toEqual([{ ...touch, next: '2026-06-02' }]);
    expect(await touchesOf('Alan Turing')).toEqual([{ ...touch, next: '2027-03-02' }]);

    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Logged an in-person meeting/.test(String(c.args.text)),
    );
    const args = dm.args as { text: string; blocks: unknown[] };
    // User-typed names are escaped in the blocks and in the fallback text alike.
    expect(args.text).toMatch(
      new RegExp(
        '^Logged an in-person meeting with Ada Lovelace, Grace &lt;b&gt;Hopper&lt;/b&gt; and Alan Turing ' +
          '\\(catch-up\\) today\\. Ada Lovelace: next check-in [^;]*2 Apr 2026[^;]*; ' +
          'Grace &lt;b&gt;Hopper&lt;/b&gt;: next check-in [^;]*2 Jun 2026[^;]*; Alan Turing: next check-in [^;]*2 Mar 2027',
      ),
    );
    expect(allText(args.blocks)).toContain(
      'with *Ada Lovelace*, *Grace &lt;b&gt;Hopper&lt;/b&gt;* and *Alan Turing* (catch-up) today.',
    );
    expect(allText(args.blocks)).not.toContain('<b>');
  });

  test('an ask with several people is refused beside the picker; nothing is stored', async () => {
    const before = await countRows(h, 'touches');
    const { viewId } = await openLogForm('log');
    const ids = [await contactId(h, ALICE, 'Ada Lovelace'), await contactId(h, ALICE, 'Alan Turing')];
    const res = await h.driver.submitView(ALICE, viewId, {
      contact: ids.map((id) => ({ value: String(id), text: String(id) })),
      intent: 'ask',
      ask_what: 'an intro to Babbage',
    });
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.contact).toBe(
      'An ask is of one person: pick just one, or log it as a give or a catch-up.',
    );
    expect(await countRows(h, 'touches')).toBe(before);
  });

  test('one person who is not the member’s refuses the whole log: no one gets the touch', async () => {
    const before = await countRows(h, 'touches');
    const { viewId } = await openLogForm('log');
    const ada = await contactId(h, ALICE, 'Ada Lovelace');
    const bobs = await contactId(h, BOB, 'Bob’s Friend');
    const res = await h.driver.submitView(ALICE, viewId, {
      contact: [
        { value: String(ada), text: 'Ada' },
        { value: String(bobs), text: 'Someone' },
      ],
      intent: 'give',
    });
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.errors.contact).toMatch(/isn't in your network/);
    expect(await countRows(h, 'touches')).toBe(before);
  });

  test('more than 20 people at once is refused beside the picker', async () => {
    const { viewId } = await openLogForm('log');
    const res = await h.driver.submitView(ALICE, viewId, {
      contact: Array.from({ length: 21 }, (_, i) => ({ value: String(i + 1), text: `P${i}` })),
    });
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.errors.contact).toBe('At most 20 people at once, please.');
  });
});

describe('Undo on a touch logged with several people', () => {
  async function logGroup(names: string[], touchedOn: string) {
    const { viewId } = await openLogForm('log');
    const ids = await Promise.all(names.map((n) => contactId(h, ALICE, n)));
    const t = preciseNow();
    await h.driver.submitView(ALICE, viewId, {
      contact: ids.map((id, i) => ({ value: String(id), text: names[i] ?? '' })),
      kind: 'call',
      intent: 'give',
      touched_on: touchedOn,
    });
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /^Logged a call with/.test(String(c.args.text)),
    );
    return dm.response as { channel: string; ts: string };
  }

  const undo = (posted: { channel: string; ts: string }) =>
    h.driver.blockAction(ALICE, {
      actionId: 'touches_undo',
      container: { type: 'message', channelId: posted.channel, messageTs: posted.ts },
    });

  test('takes the whole touch back from everyone, their clocks with it, and says so in place', async () => {
    const before = {
      ada: await touchesOf('Ada Lovelace'),
      alan: await touchesOf('Alan Turing'),
    };
    const posted = await logGroup(['Ada Lovelace', 'Alan Turing'], '2026-03-02');
    expect((await touchesOf('Ada Lovelace')).length).toBe(before.ada.length + 1);
    const t = preciseNow();
    await undo(posted);
    await h.emulator.waitForResponsePost((p) => p.at >= t);
    const message = h.emulator.message(posted.channel, posted.ts);
    expect(allText(message)).toMatch(/Undone: deleted a call with \*Ada Lovelace\* and \*Alan Turing\*/);
    expect(await touchesOf('Ada Lovelace')).toEqual(before.ada);
    expect(await touchesOf('Alan Turing')).toEqual(before.alan);
  });

  test('after a newer touch with one of them, Undo changes nothing and says why', async () => {
    const posted = await logGroup(['Ada Lovelace', 'Alan Turing'], '2026-03-02');
    const ada = await touchesOf('Ada Lovelace');
    const alan = await touchesOf('Alan Turing');
    // A newer touch with Alan (and Grace), the same day.
    await logGroup(['Alan Turing', 'Grace <b>Hopper</b>'], '2026-03-02');
    const alanAfter = await touchesOf('Alan Turing');
    const t = preciseNow();
    await undo(posted);
    const answer = await h.emulator.waitForResponsePost((p) => p.at >= t);
    expect(allText(answer.body)).toMatch(/newer touch with \*Alan Turing\*[\s\S]*Nothing was changed/);
    expect(await touchesOf('Ada Lovelace')).toEqual(ada);
    expect(await touchesOf('Alan Turing')).toEqual(alanAfter);
    expect(alanAfter.length).toBe(alan.length + 1);
  });
});
