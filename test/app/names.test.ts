import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, reply } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  await addContact(h, ALICE, 'Ann Seed');
  // A large network of namesakes, written as a bulk import would.
  await h.database.pool.query(
    `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
     SELECT $1, $2, 'Jordan ' || lpad(n::text, 2, '0'), 'quarterly', '2026-03-02', '2026-06-02', now(), now()
     FROM generate_series(1, 30) n`,
    [ALICE.teamId, ALICE.userId],
  );
});
afterAll(() => h.stop());

test('a name that fits more contacts than a choice offers says so, and offers ten', async () => {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, 'show jordan');
  const choice = await reply(h, /contacts match “jordan”/, t);
  expect(allText(choice)).toMatch(/More than 25 contacts match “jordan”/);
  expect(allText(choice)).toContain('Type more of the name');
  const buttons = JSON.stringify(choice.blocks).match(/"action_id":"choose_show_\d+"/g) ?? [];
  expect(buttons).toHaveLength(10);
});

test('the typed name is escaped in the fallback text too', async () => {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, 'show jordan <!channel>');
  const answer = await reply(h, /No contact matches/, t);
  expect(answer.text).not.toContain('<!channel>');
});
