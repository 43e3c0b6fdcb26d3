import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, contactId, countRows, openedViewId, reply } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

/**
 * When touchbase itself fails (here: a table it needs is gone, as during a bad deploy), every
 * surface still answers Slack in time and tells the member plainly that nothing was changed.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await addContact(h, ALICE, 'Ada Lovelace');
});
afterAll(() => h.stop());

/** Runs `fn` while the app cannot read or write `table`, then puts it back. */
async function withoutTable(table: 'contacts' | 'members', fn: () => Promise<void>): Promise<void> {
  await h.database.pool.query(`ALTER TABLE ${table} RENAME TO ${table}_away`);
  try {
    await fn();
  } finally {
    await h.database.pool.query(`ALTER TABLE ${table}_away RENAME TO ${table}`);
  }
}

const SORRY = /Something went wrong on my side and nothing was changed/;

test('a slash command is acked, then answered with an apology', async () => {
  await withoutTable('contacts', async () => {
    const t = preciseNow();
    const res = await h.driver.slashCommand(ALICE, 'list');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    await reply(h, SORRY, t);
  });
});

test('a button is acked, then answered with an apology', async () => {
  const id = await contactId(h, ALICE, 'Ada Lovelace');
  await withoutTable('contacts', async () => {
    const t = preciseNow();
    const res = await h.driver.blockAction(ALICE, {
      actionId: `contact_show_${id}`,
      value: String(id),
      container: { type: 'ephemeral' },
    });
    expect(res.status).toBe(200);
    await reply(h, SORRY, t);
  });
});

test('a modal submission stays open with the apology beside its first field, and saves nothing', async () => {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, 'add Grace Hopper');
  const viewId = await openedViewId(h, 'contact_add', t);
  await withoutTable('contacts', async () => {
    const res = await h.driver.submitView(ALICE, viewId, {});
    expect(res.status).toBe(200);
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.name).toMatch(/nothing was saved/);
  });
  expect(await countRows(h, 'contacts')).toBe(1);
});

test('a global shortcut, which has no reply URL, apologises in the DM', async () => {
  await withoutTable('members', async () => {
    const t = preciseNow();
    const res = await h.driver.globalShortcut(ALICE, 'log_intro');
    expect(res.status).toBe(200);
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && c.args.channel === ALICE.userId && SORRY.test(allText(c.args)),
    );
    expect(dm).toBeDefined();
    expect(h.emulator.callsTo('views.open').filter((c) => c.at >= t)).toEqual([]);
  });
});
