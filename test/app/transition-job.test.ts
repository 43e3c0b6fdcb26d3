import { preciseNow } from '../../src/dev/slack-emulator';
import { ALICE, addContact, allText, contactId, digestPosts, openedViewId } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  // Monday 2 March 2026, 11:00 in Berlin.
  h = await startHarness({ startAt: '2026-03-02T10:00:00Z' });
  h.emulator.setUser(ALICE.userId, { tz: 'Europe/Berlin' });
  await addContact(h, ALICE, 'Dana Scully', { company: 'Acme', role: 'Engineer', cadence: 'quarterly' });
  await addContact(h, ALICE, 'Fox Mulder', { company: 'FBI', role: 'Agent', cadence: 'quarterly' });
});
afterAll(() => h.stop());

type FormView = { blocks: { block_id: string; element?: { initial_value?: string } }[] };

async function openTransitionForm(name: string) {
  const t = preciseNow();
  await h.driver.slashCommand(ALICE, `transition ${name}`);
  const viewId = await openedViewId(h, 'transition_note', t);
  const view = h.emulator.view(viewId) as FormView;
  const initial = (id: string) => view.blocks.find((b) => b.block_id === id)?.element?.initial_value;
  return { viewId, company: initial('transition_company'), role: initial('transition_role') };
}

async function job(name: string) {
  const { rows } = await h.database.pool.query('SELECT company, role FROM contacts WHERE id = $1', [
    await contactId(h, ALICE, name),
  ]);
  return rows[0];
}

/** The reason under a contact's item in the latest digest. */
function digestLineFor(name: string): string {
  const lines = allText(digestPosts(h, ALICE.userId).at(-1)?.args.blocks).split('\n');
  const title = lines.findIndex((l) => l.startsWith(`*${name}*`));
  return title < 0 ? '' : (lines[title + 1] ?? '');
}

describe('a new job, noted', () => {
  test('the form offers the company and role, prefilled; changing them updates the contact with the transition', async () => {
    const form = await openTransitionForm('dana');
    expect(form).toMatchObject({ company: 'Acme', role: 'Engineer' });
    const t = preciseNow();
    const res = await h.driver.submitView(ALICE, form.viewId, {
      transition_kind: 'new_job',
      transition_company: 'Globex <Corp>',
      transition_role: 'CTO',
    });
    expect(res.body).toBe('');
    expect(await job('Dana Scully')).toEqual({ company: 'Globex <Corp>', role: 'CTO' });
    const dm = await h.emulator.waitForCall(
      'chat.postMessage',
      (c) => c.at >= t && /Noted/.test(String(c.args.text)),
    );
    expect(allText(dm.args)).toContain('Noted: *Dana Scully* started as CTO at Globex &lt;Corp&gt;.');
    expect(String(dm.args.text)).not.toContain('<Corp>');
  });

  test('left as they are, the company and role stay; another kind of change reads as before', async () => {
    const form = await openTransitionForm('fox');
    const res = await h.driver.submitView(ALICE, form.viewId, { transition_kind: 'moved' });
    expect(res.body).toBe('');
    expect(await job('Fox Mulder')).toEqual({ company: 'FBI', role: 'Agent' });
  });

  test('a too long company is refused beside its field, and nothing is saved', async () => {
    const form = await openTransitionForm('fox');
    const res = await h.driver.submitView(ALICE, form.viewId, {
      transition_kind: 'new_job',
      transition_company: 'x'.repeat(201),
    });
    expect((res.json as { errors: Record<string, string> }).errors.transition_company).toMatch(/at most 200/);
    expect(await job('Fox Mulder')).toEqual({ company: 'FBI', role: 'Agent' });
  });

  test('the transition keeps what the new job changed, from → to', async () => {
    const { rows } = await h.database.pool.query(
      `SELECT t.kind, t.previous_company, t.previous_role, c.previous_company AS contact_company
       FROM transitions t JOIN contacts c ON c.id = t.contact_id ORDER BY t.id`,
    );
    expect(rows).toEqual([
      { kind: 'new_job', previous_company: 'Acme', previous_role: 'Engineer', contact_company: 'Acme' },
      // Fox moved: no job changed, nothing to say it was.
      { kind: 'moved', previous_company: null, previous_role: null, contact_company: null },
    ]);
  });

  test('the digest says why: the new job from → to, and once they have talked, why the rhythm is closer', async () => {
    // Friday 6 March, 09:00 in Berlin.
    await h.tick('2026-03-06T08:00:00Z');
    const said =
      'Dana Scully is now CTO at Globex &lt;Corp&gt; (was Engineer at Acme): congratulating them is a give.';
    expect(digestLineFor('Dana Scully')).toBe(said);
    expect(String(digestPosts(h, ALICE.userId).at(-1)?.args.text)).not.toContain('<Corp>');

    // Still untalked-to 10 days on: still the reason, not "added 2 weeks ago".
    await h.tick('2026-03-12T08:00:00Z');
    expect(digestLineFor('Dana Scully')).toBe(said);

    // They talk on 12 March; a month later (monthly during the 90 days) the next item says why so soon.
    const t = preciseNow();
    await h.driver.slashCommand(ALICE, 'log dana');
    const viewId = await openedViewId(h, 'touch_log', t);
    expect((await h.driver.submitView(ALICE, viewId, { intent: 'give' })).body).toBe('');
    await h.tick('2026-04-13T07:00:00Z');
    expect(digestLineFor('Dana Scully')).toBe(
      'Started as CTO at Globex &lt;Corp&gt; 6 weeks ago; last talked 5 weeks ago: you keep in closer touch for 90 days after a change.',
    );
  });
});
