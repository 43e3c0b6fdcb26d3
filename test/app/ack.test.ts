import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, openedViewId } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe("acknowledging within Slack's 3 seconds", () => {
  test('a slash command is acked before slow Slack calls finish', async () => {
    // A brand-new member: the app looks up their time zone, and Slack is slow to answer.
    h.emulator.delay('users.info', 2500);
    const t = preciseNow();
    const res = await h.driver.slashCommand({ teamId: 'T0ALPHA', userId: 'U0SLOW' }, 'add Someone');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    // The modal still opens afterwards, inside the trigger's life.
    await openedViewId(h, 'contact_add', t);
  });

  test('a button is acked before its slow work', async () => {
    await addContact(h, ALICE, 'Ada');
    h.emulator.delay('views.open', 2000);
    const { rows } = await h.database.pool.query<{ id: number }>(
      `SELECT id FROM contacts WHERE name = 'Ada'`,
    );
    const res = await h.driver.blockAction(ALICE, {
      actionId: 'contact_edit',
      value: String(rows[0]?.id),
      container: { type: 'ephemeral' },
    });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    h.emulator.delay('views.open', 0);
  });
});
