import { preciseNow } from '../../src/dev/slack-emulator';
import { addContact, allText, openedViewId, settledHome, type User } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
});
afterAll(() => h.stop());

type ModalView = { blocks: { type: string; block_id?: string; element?: { initial_value?: string } }[] };

const NO_CONTACTS =
  /You have no contacts yet, so there is no one to log a touch with\. Add your first one here/;

/** Runs `act` and answers the modal it opened: its callback_id and the view. */
async function opened(act: () => Promise<unknown>): Promise<{ callbackId: string; view: ModalView }> {
  const t = preciseNow();
  await act();
  const call = await h.emulator.waitForCall('views.open', (c) => c.at >= t);
  const view = (call.args.view ?? {}) as ModalView & { callback_id: string };
  return { callbackId: view.callback_id, view };
}

async function openHome(user: User) {
  const t = preciseNow();
  await h.driver.event(user.teamId, {
    type: 'app_home_opened',
    user: user.userId,
    channel: h.emulator.dmChannelId(user.userId),
    tab: 'home',
  });
  return settledHome(h, user, t);
}

describe('Log a touch with no contacts yet', () => {
  test('the Home button opens the add form, saying why; once someone is added it opens the log form', async () => {
    const NEW: User = { teamId: 'T0ALPHA', userId: 'U0NEWHOME' };
    const home = await openHome(NEW);
    const click = () =>
      h.driver.blockAction(NEW, { actionId: 'home_log_touch', container: { type: 'view', viewId: home.id } });

    const first = await opened(click);
    expect(first.callbackId).toBe('contact_add');
    expect(allText(first.view)).toMatch(NO_CONTACTS);
    const viewId = await openedViewId(h, 'contact_add', 0);
    expect((await h.driver.submitView(NEW, viewId, { name: 'Ada Lovelace' })).body).toBe('');

    const then = await opened(click);
    expect(then.callbackId).toBe('touch_log');
  });

  test('/touchbase log opens the add form, with the name typed', async () => {
    const NEW: User = { teamId: 'T0ALPHA', userId: 'U0NEWCMD' };
    const bare = await opened(() => h.driver.slashCommand(NEW, 'log'));
    expect(bare.callbackId).toBe('contact_add');
    expect(allText(bare.view)).toMatch(NO_CONTACTS);

    const named = await opened(() => h.driver.slashCommand(NEW, 'log Grace <Hopper>'));
    expect(named.callbackId).toBe('contact_add');
    expect(named.view.blocks.find((b) => b.block_id === 'name')?.element?.initial_value).toBe(
      'Grace <Hopper>',
    );
  });

  test('archived contacts only count as none: there is still no one to log a touch with', async () => {
    const NEW: User = { teamId: 'T0ALPHA', userId: 'U0NEWARCH' };
    await addContact(h, NEW, 'Old Friend');
    await h.database.pool.query('UPDATE contacts SET archived_at = now() WHERE user_id = $1', [NEW.userId]);
    const log = await opened(() => h.driver.slashCommand(NEW, 'log'));
    expect(log.callbackId).toBe('contact_add');
  });

  test('someone else’s contacts do not count', async () => {
    const OTHER: User = { teamId: 'T0ALPHA', userId: 'U0HASONE' };
    await addContact(h, OTHER, 'Their Contact');
    const NEW: User = { teamId: 'T0ALPHA', userId: 'U0NEWOWN' };
    const log = await opened(() => h.driver.slashCommand(NEW, 'log'));
    expect(log.callbackId).toBe('contact_add');
    const theirs = await opened(() => h.driver.slashCommand(OTHER, 'log'));
    expect(theirs.callbackId).toBe('touch_log');
  });
});
