import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, BOB, contactId, openedViewId, reply } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  await addContact(h, ALICE, 'Dana Scully', { company: 'Globex', city: 'Washington' });
  await addContact(h, ALICE, 'Eli Mardon', { company: 'Globex', role: 'Engineer' });
  await addContact(h, ALICE, 'Joan Clarke', { company: 'Bletchley', role: 'Cryptanalyst', city: 'Zürich' });
  await addContact(h, ALICE, 'Gil Initech', { role: 'Founder' });
  await addContact(h, ALICE, 'Pat Peters', { company: 'Initech' });
  await addContact(h, ALICE, 'Ray Ruiz', { company: 'Umbrella', city: 'Raccoon City' });
  await addContact(h, BOB, 'Bob’s Friend', { company: 'Hooli' });
});
afterAll(() => h.stop());

async function say(text: string, answer: RegExp) {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, text);
  return reply(h, answer, t);
}

describe('a name-taking subcommand finds contacts by company, role and city, as list does', () => {
  test.each([
    ['show cryptanalyst', 'Joan Clarke'],
    ['show zurich', 'Joan Clarke'],
    ['show BLETCHLEY', 'Joan Clarke'],
  ])('"%s" shows the one contact it fits', async (text, name) => {
    const card = await say(text, /Recent touches|No touches/);
    expect(allText(card)).toContain(`*${name}*`);
  });

  test('a word fitting several by company offers the choice, naming each with company and city', async () => {
    const choice = await say('show globex', /contacts match/);
    expect(choice.text).toBe('2 contacts match “globex”');
    const text = allText(choice);
    expect(text).toContain('Dana Scully');
    expect(text).toContain('Washington');
    expect(text).toContain('Eli Mardon');
    expect(text).not.toContain('Joan');
  });

  test('a name wins over a company: "initech" is Gil Initech, not the person at Initech', async () => {
    const card = await say('show initech', /Recent touches|No touches/);
    expect(allText(card)).toContain('*Gil Initech*');
    expect(allText(card)).not.toContain('Pat Peters');
  });

  test('edit, archive and transition take a company too', async () => {
    const ray = await contactId(h, ALICE, 'Ray Ruiz');
    let t = preciseNow();
    await h.driver.slashCommand(ALICE, 'edit umbrella');
    const edit = h.emulator.view(await openedViewId(h, 'contact_edit', t)) as { private_metadata: string };
    expect(JSON.parse(edit.private_metadata)).toEqual({ contactId: ray });

    t = preciseNow();
    await h.driver.slashCommand(ALICE, 'transition raccoon');
    expect(await openedViewId(h, 'transition_note', t)).toBeTruthy();

    const archive = await say('archive umbrella', /Archive/);
    expect(allText(archive)).toContain('Ray Ruiz');
  });

  test('log with a company preselects the one contact there; a name still wins', async () => {
    type LogView = { blocks: { block_id: string; element?: { initial_options?: { value: string }[] } }[] };
    const preselected = async (text: string) => {
      const t = preciseNow();
      await h.driver.slashCommand(ALICE, text);
      const view = h.emulator.view(await openedViewId(h, 'touch_log', t)) as LogView;
      return view.blocks.find((b) => b.block_id === 'contact')?.element?.initial_options?.[0]?.value;
    };
    expect(await preselected('log umbrella')).toBe(String(await contactId(h, ALICE, 'Ray Ruiz')));
    expect(await preselected('log initech')).toBe(String(await contactId(h, ALICE, 'Gil Initech')));
  });

  test('another member’s contacts are never found by company', async () => {
    const none = await say('show hooli', /No contact matches/);
    expect(none.text).toContain('No contact matches “hooli”');
  });
});
