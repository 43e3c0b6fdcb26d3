import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, contactId, reply } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: '2025-06-01T10:00:00Z' });
});
afterAll(() => h.stop());

/** The contacts a list message shows, in order, from their Show buttons. */
function shownIds(message: { blocks: unknown[] }): number[] {
  return (message.blocks as { accessory?: { action_id?: string; value?: string } }[])
    .filter((b) => b.accessory?.action_id?.startsWith('contact_show'))
    .map((b) => Number(b.accessory?.value));
}

/**
 * `list` says "most overdue first"; for those not yet due that means the least time left relative
 * to their own cadence, so a yearly contact due in 3 months comes before a fortnightly one due in
 * 11 days (a quarter of a year left, against most of a fortnight).
 */
test('list orders everyone by how overdue they are relative to their cadence, those not yet due included', async () => {
  // Each is added on the day given (their first check-in one cadence later); today is 2 March 2026.
  const added: [string, string, string][] = [
    ['2025-06-01', 'Yara Yearly', 'yearly'], // due 1 Jun 2026: 91 of 365 days left
    ['2026-01-01', 'Olle Overdue', 'monthly'], // due 1 Feb 2026: 29 days late
    ['2026-01-15', 'Quinn Quarterly', 'quarterly'], // due 15 Apr 2026: 44 of 91 days left
    ['2026-01-15', 'Ábel Quarterly', 'quarterly'], // the same, and before Quinn by name, accent ignored
    ['2026-02-20', 'Mona Monthly', 'monthly'], // due 20 Mar 2026: 18 of 30 days left
    ['2026-02-27', 'Bo Biweekly', 'biweekly'], // due 13 Mar 2026: 11 of 14 days left
    ['2026-03-02', 'Sam Semiannual', 'semiannual'], // due 2 Sep 2026: the whole cadence left
    ['2026-03-02', 'Nia None', 'none'], // no reminders: last
  ];
  for (const [day, name, cadence] of added) {
    h.setNow(`${day}T10:00:00Z`);
    await addContact(h, ALICE, name, { cadence });
  }
  h.setNow('2026-03-02T10:00:00Z');
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, 'list');
  const list = await reply(h, /Your contacts, most overdue first/, t);
  const order = [
    'Olle Overdue',
    'Yara Yearly',
    'Ábel Quarterly',
    'Quinn Quarterly',
    'Mona Monthly',
    'Bo Biweekly',
    'Sam Semiannual',
    'Nia None',
  ];
  expect(shownIds(list)).toEqual(await Promise.all(order.map((name) => contactId(h, ALICE, name))));
});
