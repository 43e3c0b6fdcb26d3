import { Writable } from 'node:stream';
import fc from 'fast-check';
import { signSlackRequest } from '../../src/dev/slack-driver';
import { preciseNow } from '../../src/dev/slack-emulator';
import { INTRO_OUTCOMES } from '../../src/domain/intros';
import { LAST_TALKED, TRIAGE_SORTS } from '../../src/domain/triage';
import { createLogger } from '../../src/logger';
import { contactModal } from '../../src/slack/blocks/contact-modal';
import { eraseModal } from '../../src/slack/blocks/erase';
import { importMappingModal } from '../../src/slack/blocks/import-mapping';
import { importFileModal } from '../../src/slack/blocks/imports';
import { introModal } from '../../src/slack/blocks/intro-modal';
import { reminderModal } from '../../src/slack/blocks/reminders';
import { scheduleCallModal } from '../../src/slack/blocks/schedule-call';
import { settingsModal } from '../../src/slack/blocks/settings-modal';
import { touchEditModal } from '../../src/slack/blocks/touch-edit-modal';
import { touchModal } from '../../src/slack/blocks/touch-modal';
import { transitionModal } from '../../src/slack/blocks/transition-modal';
import { tripMetModal, tripModal } from '../../src/slack/blocks/trips';
import { SUBCOMMANDS } from '../../src/slack/listeners/commands/subcommands';
import { ACTIONS, type ActionKey, MENUS } from '../../src/slack/registry/actions';
import { MODALS, type ModalKey, SHORTCUTS } from '../../src/slack/registry/modals';
import { addContact } from '../../src/usecases/contacts';
import type { UseCaseDeps } from '../../src/usecases/deps';
import { logIntroduction } from '../../src/usecases/introductions';
import { enrolMember, type Member } from '../../src/usecases/members';
import { getTouch } from '../../src/usecases/touch-edits';
import { logTouch } from '../../src/usecases/touches';
import { planTrip, type Trip } from '../../src/usecases/trips';
import { ALICE, BOB } from '../support/flows';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/harness';

/**
 * Thousands of generated, correctly signed Slack requests against the running app (real Bolt over
 * HTTP, real PostgreSQL, the Slack emulator): slash commands, clicks on every button the registry
 * knows (in a message and in the App Home), submissions of every modal, typeahead and shortcuts, carrying NUL and other control
 * characters, lone surrogates, huge text, mrkdwn injection, dates out of any range, and ids that
 * belong to another member. Alice sends them all; Bob owns data she must never change. The app
 * must answer every one, inside Slack's 3 seconds, never with a 5xx, without an unhandled
 * rejection or an error in its log. FUZZ_SEED=<n> replays a run; a failure prints its seed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 14_2026);
const NOW = '2026-03-02T10:00:00Z';
const TODAY = '2026-03-02';

let h: Harness;
let deps: UseCaseDeps;
/** Error (and fatal) lines the app logged, as pino wrote them. */
const errorLines: string[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
/** Ids the fuzzer aims at: Bob's (never Alice's to touch) and Alice's own. */
const ids = { bob: [] as number[], alice: [] as number[] };
let bobTouch: Awaited<ReturnType<typeof getTouch>>;
let bobTrip: Trip;
let alice: Member;
/** Every answer the app gave: what was sent, the status and how long it took. */
const answers: { what: string; status: number; ms: number }[] = [];
/** Tables the modals write Alice's rows into; she starts with two contacts and none of the rest. */
const WRITTEN_BY_FORMS = ['contacts', 'touches', 'trips', 'reminders', 'introductions', 'scheduled_calls'];

// ---- what the fuzzer sends ---------------------------------------------------------------------

const NASTY = [
  '',
  ' ',
  '\u0000',
  'Ann\u0000Lee',
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDFFF',
  '\u0085\u009f\u007f',
  '\u001b[31mred',
  'a\r\nb\rc',
  '\t\t',
  '<!channel> <@U0BOB> <https://evil|x> & *bold*',
  '<!here|here>',
  '&lt;&amp;&gt;',
  '`code` _it_ ~s~',
  '9999-12-31',
  '0001-01-01',
  '2026-02-30',
  '-1',
  '0',
  '1e308',
  'NaN',
  '{"c":1}',
  '[]',
  'null',
  'constructor',
  '__proto__',
  'toString',
  '😀'.repeat(300),
  'Zoë Ñúñez',
  'ＡＢＣ',
  '\u202etxet',
];

/** Text as nobody means to type it, and some as people do. */
const nasty: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 3000, maxLength: 6000 }) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom(...NASTY, 'Ann', 'Lee', 'Acme'), { maxLength: 5 })
      .map((parts) => parts.join(' ')),
  },
);

/** An id: Bob's (another member's), Alice's own, or any number at all. */
const anyId: fc.Arbitrary<number> = fc.oneof(
  // Chained so the ids are read when generating, after beforeAll made them.
  fc.constant(null).chain(() => fc.constantFrom(...ids.bob, ...ids.alice)),
  fc.integer({ min: -5, max: 1_000_000 }),
  fc.constantFrom(0, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2),
);

const dateText: fc.Arbitrary<string> = fc.oneof(
  fc
    .date({ min: new Date('1850-01-01'), max: new Date('2300-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('9999-12-31', '0001-01-01', '1899-12-31', '2201-01-01', '2026-02-29', TODAY),
  nasty,
);

/** A button value: JSON shaped like the registry's codecs (with real and foreign ids), a bare id, or noise. */
const actionValue: fc.Arbitrary<string | undefined> = fc.oneof(
  anyId.map(String),
  fc
    .record(
      {
        a: anyId,
        c: anyId,
        i: anyId,
        t: fc.oneof(anyId, fc.array(anyId, { maxLength: 3 }), fc.constantFrom(...LAST_TALKED)),
        d: dateText,
        o: fc.oneof(fc.constantFrom(...INTRO_OUTCOMES), nasty),
        s: fc.oneof(fc.constantFrom(...TRIAGE_SORTS, '1w', '1m', 'next_week'), nasty),
        b: fc.array(anyId, { maxLength: 6 }),
        inc: fc.array(anyId, { maxLength: 11 }),
        q: nasty,
        p: fc.oneof(fc.nat(), fc.integer()),
        w: nasty,
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  nasty,
  fc.constant(undefined),
);

const actionKeys = Object.keys(ACTIONS) as ActionKey[];

// ---- sending -----------------------------------------------------------------------------------

/** An interaction payload as Slack posts it: a signed form with a `payload` field. */
async function sendPayload(payload: Record<string, unknown>) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  return h.driver.raw(body, {
    'Content-Type': 'application/x-www-form-urlencoded',
    'X-Slack-Request-Timestamp': timestamp,
    'X-Slack-Signature': signSlackRequest(SIGNING_SECRET, timestamp, body),
  });
}

const envelope = () => ({
  user: { id: ALICE.userId, username: 'alice', name: 'alice', team_id: ALICE.teamId },
  team: { id: ALICE.teamId, domain: h.emulator.teamDomain },
  api_app_id: h.emulator.appId,
  token: 'verification-token',
  is_enterprise_install: false,
  enterprise: null,
});

/** Sends one request and records the answer; the property holds when the app answered in time, without a 5xx. */
async function check(what: string, send: () => Promise<{ status: number; ms: number }>): Promise<boolean> {
  const { status, ms } = await send();
  answers.push({ what, status, ms });
  if (status >= 500 || ms >= 3000) {
    throw new Error(`${what}: HTTP ${status} after ${Math.round(ms)} ms (FUZZ_SEED=${SEED})`);
  }
  return true;
}

function assertProperty<T>(arb: fc.Arbitrary<T>, numRuns: number, run: (v: T) => Promise<boolean>) {
  return fc.assert(fc.asyncProperty(arb, run), {
    seed: SEED,
    numRuns,
    // A counterexample is a request; shrinking it would replay hundreds more against changed data.
    endOnFailure: true,
    reporter: (details) => {
      if (details.failed) {
        throw new Error(
          `fuzz failed with FUZZ_SEED=${SEED} (fast-check seed ${details.seed}, path ${details.counterexamplePath}): ${String(details.errorInstance)}\ncounterexample: ${fc.stringify(details.counterexample)}`,
        );
      }
    },
  });
}

// ---- the modals, as touchbase builds them ------------------------------------------------------

type Block = { type: string; block_id?: string; optional?: boolean; element?: Element };
type Element = {
  type: string;
  action_id: string;
  options?: { value: string }[];
  option_groups?: { options: { value: string }[] }[];
};

/** Each modal of the registry, built by touchbase's own builder with Bob's data where it takes some. */
function modalViews(): Record<ModalKey, { blocks: unknown[]; private_metadata?: string }> {
  const details = bobTouch as NonNullable<typeof bobTouch>;
  return {
    addContact: contactModal({ today: TODAY, privateMetadata: MODALS.addContact.metadata.encode({}) }),
    editContact: contactModal({
      contact: details.contact,
      today: TODAY,
      privateMetadata: MODALS.editContact.metadata.encode({ contactId: details.contact.id }),
    }),
    logTouch: touchModal({
      today: TODAY,
      privateMetadata: MODALS.logTouch.metadata.encode({ digestOf: TODAY }),
    }),
    editTouch: touchEditModal(details),
    logIntro: introModal({ today: TODAY }),
    planTrip: tripModal({ today: TODAY }),
    logTripMet: tripMetModal(bobTrip, TODAY),
    noteTransition: transitionModal({ contact: details.contact, today: TODAY }),
    setReminder: reminderModal({ contact: details.contact, day: TODAY, what: 'Send the deck' }),
    scheduleCall: scheduleCallModal({ contact: details.contact, today: TODAY, tz: 'Europe/Berlin' }),
    settings: settingsModal({ member: alice, today: TODAY }),
    importFile: importFileModal(),
    eraseData: eraseModal(),
    importMapping: importMappingModal({
      fileId: 'F0FUZZ',
      header: ['Name', 'Company'],
      headerKey: 'k',
      sample: [['Ann', 'Acme']],
      suggested: { name: 0 },
    }),
  };
}

const optionValues = (e: Element) => [
  ...(e.options ?? []).map((o) => o.value),
  ...(e.option_groups ?? []).flatMap((g) => g.options.map((o) => o.value)),
];

/**
 * What a member (or a tampering client) could put in one input, by element type. Most values are
 * what a member would enter (a real option, one of Alice's contacts, a recent day, a plain name), so
 * that whole submissions get past the checks into the use cases; the rest is noise and foreign ids.
 */
function inputState(e: Element): fc.Arbitrary<Record<string, unknown> | null> {
  const real = optionValues(e);
  const plausibleChoice =
    e.type.includes('external') || e.action_id === 'met'
      ? fc.constant(null).chain(() => fc.constantFrom(...ids.alice.map(String)))
      : real.length
        ? fc.constantFrom(...real)
        : fc.constantFrom(...MENUS_VALUES);
  const choice = fc.oneof(
    { weight: 4, arbitrary: plausibleChoice },
    { weight: 1, arbitrary: anyId.map(String) },
    { weight: 1, arbitrary: nasty },
  );
  const option = choice.map((value) => ({ text: { type: 'plain_text', text: 'x' }, value }));
  const mostly = <T>(plausible: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: other });
  const state = (() => {
    switch (e.type) {
      case 'plain_text_input':
        return mostly(fc.constantFrom('Ann Lee', 'Acme', 'Lisbon', 'met at\nschool'), fc.option(nasty)).map(
          (value) => ({ value }),
        );
      case 'datepicker':
        return mostly(fc.constantFrom(TODAY, '2026-02-20', '2026-04-01'), fc.option(dateText)).map(
          (selected_date) => ({ selected_date }),
        );
      case 'static_select':
      case 'external_select':
      case 'radio_buttons':
        return mostly(option, fc.option(option)).map((selected_option) => ({ selected_option }));
      case 'multi_static_select':
      case 'multi_external_select':
      case 'checkboxes':
        return fc.array(option, { maxLength: 4 }).map((selected_options) => ({ selected_options }));
      case 'users_select':
        return fc
          .option(fc.oneof(fc.constantFrom(BOB.userId, ALICE.userId, 'W0ABC'), nasty))
          .map((selected_user) => ({ selected_user }));
      case 'file_input':
        return fc
          .array(fc.oneof(fc.constant('F0FUZZ'), nasty), { maxLength: 2 })
          .map((files) => ({ files: files.map((id) => ({ id, name: 'x.csv' })) }));
      default:
        return fc.option(nasty).map((value) => ({ value }));
    }
  })();
  // Now and then an input is missing from the state altogether, as a crafted payload may leave it.
  return fc.oneof(
    { weight: 9, arbitrary: state.map((s) => ({ type: e.type, ...s })) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

const MENUS_VALUES = [
  'biweekly',
  'monthly',
  'none',
  'give',
  'ask',
  'new_job',
  'call',
  'slack',
  'UTC',
  'Europe/London',
];

/** A view_submission for one modal: its real blocks, generated state, and real, foreign or broken metadata. */
function submission(key: ModalKey, view: { blocks: unknown[]; private_metadata?: string }) {
  const inputs = (view.blocks as Block[]).filter((b) => b.type === 'input' && b.element);
  const metadata = fc.oneof(
    { weight: 3, arbitrary: fc.constant(view.private_metadata ?? '') },
    fc
      .record(
        {
          contactId: anyId,
          touchId: anyId,
          tripId: anyId,
          digestOf: dateText,
          fileId: nasty,
          headerKey: nasty,
        },
        { requiredKeys: [] },
      )
      .map((m) => JSON.stringify(m)),
    nasty,
  );
  return fc
    .tuple(
      fc.tuple(
        ...inputs.map((b) =>
          // An optional input is often left empty, as members do, so that whole forms can pass.
          b.optional
            ? fc.oneof(inputState(b.element as Element), fc.constant(null))
            : inputState(b.element as Element),
        ),
      ),
      metadata,
      fc.nat(),
    )
    .map(([states, privateMetadata, n]) => {
      const values: Record<string, Record<string, unknown>> = {};
      inputs.forEach((b, i) => {
        const s = states[i];
        if (s)
          values[b.block_id ?? (b.element as Element).action_id] = { [(b.element as Element).action_id]: s };
      });
      return {
        key,
        view: {
          ...view,
          id: `V0FUZZ${n}`,
          type: 'modal',
          team_id: ALICE.teamId,
          callback_id: MODALS[key].callbackId,
          private_metadata: privateMetadata,
          state: { values },
          hash: `${n}.fuzz`,
        },
      };
    });
}

// ---- Bob's rows, before and after --------------------------------------------------------------

const BOB_TABLES = [
  'members',
  'contacts',
  'touches',
  'asks',
  'introductions',
  'transitions',
  'trips',
  'trip_contacts',
  'digests',
  'imports',
];

async function bobsRows(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of BOB_TABLES) {
    const { rows } = await h.database.pool.query<{ row: unknown }>(
      `SELECT to_jsonb(t) AS row FROM ${table} t WHERE team_id = $1 AND user_id = $2`,
      [BOB.teamId, BOB.userId],
    );
    out[table] = rows.map((r) => JSON.stringify(r.row)).sort();
  }
  return out;
}

let before: Record<string, string[]>;

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      errorLines.push(String(chunk));
      done();
    },
  });
  h = await startHarness({
    startAt: NOW,
    logger: createLogger({ level: 'error', pretty: false, destination: sink }),
  });
  deps = { db: h.database.pool, clock: h.clock, logger: createLogger({ level: 'silent', pretty: false }) };
  const tz = async () => 'Europe/London';
  const bob = await enrolMember(deps, BOB, tz);
  alice = await enrolMember(deps, ALICE, tz);
  const field = {
    company: 'Acme',
    role: 'CTO',
    city: 'Lisbon',
    slackUserId: null,
    cadence: 'monthly' as const,
  };
  for (const name of ['Dana Lee', 'Eve Park', 'Sam Ortiz']) {
    const c = await addContact(deps, bob, {
      name,
      ...field,
      howMet: 'school',
      wantsNeeds: 'a fintech intro',
    });
    ids.bob.push(c.id);
  }
  for (const name of ['Ann Lee', 'Bo Chen']) {
    ids.alice.push((await addContact(deps, alice, { name, ...field, howMet: null, wantsNeeds: null })).id);
  }
  const [dana, eve] = ids.bob as [number, number];
  const logged = await logTouch(deps, bob, {
    contactId: dana,
    touchedOn: '2026-02-20',
    kind: 'call',
    intent: 'ask',
    note: 'asked for an intro',
    askWhat: 'an intro to Globex',
    noteToWantsNeeds: false,
    fromDigest: null,
  });
  if (!logged.ok) throw new Error('Bob could not log a touch');
  bobTouch = await getTouch(deps, bob, logged.touch.id);
  await logIntroduction(deps, bob, {
    fromContactId: dana,
    toContactId: eve,
    toName: null,
    kind: 'founder_investor',
    why: 'both in fintech',
    introducedOn: '2026-02-10',
  });
  const trip = await planTrip(deps, bob, {
    city: 'Lisbon',
    event: 'Web Summit',
    startsOn: '2026-03-20',
    endsOn: '2026-03-22',
  });
  if (!trip.ok) throw new Error('Bob could not plan a trip');
  bobTrip = trip.trip;
  // Alice's App Home, so clicks can come from it as well as from messages.
  const opened = preciseNow();
  await h.driver.event(ALICE.teamId, {
    type: 'app_home_opened',
    user: ALICE.userId,
    channel: h.emulator.dmChannelId(ALICE.userId),
    tab: 'home',
  });
  await h.emulator.waitForCall('views.publish', (c) => c.at >= opened && c.args.user_id === ALICE.userId);
  before = await bobsRows();
}, 60_000);

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await h?.stop();
});

/**
 * After each kind: whatever the app did after answering (DMs, view updates) has settled, nothing
 * went wrong in it, and Bob's rows are as they were. A failure names the seed that replays it.
 */
async function settledCleanly() {
  await new Promise((resolve) => setTimeout(resolve, 300));
  const problems = [...rejections.map((r) => `unhandled rejection: ${String(r)}`), ...errorLines];
  if (problems.length) {
    throw new Error(
      `FUZZ_SEED=${SEED}: ${problems.length} problem(s) in the app:\n${problems.slice(0, 5).join('\n')}`,
    );
  }
  const after = await bobsRows();
  for (const table of BOB_TABLES) {
    if (JSON.stringify(after[table]) !== JSON.stringify(before[table])) {
      throw new Error(
        `FUZZ_SEED=${SEED}: Bob's ${table} changed\nbefore: ${before[table]?.join('\n')}\nafter: ${after[table]?.join('\n')}`,
      );
    }
  }
}

describe('fuzzing the running app with signed requests', () => {
  test('slash commands with any subcommand and any text', async () => {
    const text = fc.oneof(
      nasty,
      fc
        .tuple(fc.constantFrom(...SUBCOMMANDS.map((s) => s.name)), nasty)
        .map(([sub, arg]) => `${sub} ${arg}`),
    );
    await assertProperty(text, 700, (t) =>
      check(`/touchbase ${JSON.stringify(t.slice(0, 80))}`, () => h.driver.slashCommand(ALICE, t)),
    );
    await settledCleanly();
  }, 120_000);

  test('clicks on every button of the registry, with real, foreign and broken values', async () => {
    const click = fc.record({
      key: fc.constantFrom(...actionKeys),
      suffix: fc.option(
        fc.oneof(anyId.map(String), nasty, fc.constantFrom('show_1', 'toString_1', 'granted_1')),
      ),
      value: actionValue,
      fromHome: fc.boolean(),
    });
    const homeId = h.emulator.homeOf(ALICE.userId)?.id;
    if (!homeId) throw new Error('Alice has no Home');
    await assertProperty(click, 900, ({ key, suffix, value, fromHome }) =>
      check(`${key} ${JSON.stringify(value?.slice(0, 80))}`, () =>
        h.driver.blockAction(ALICE, {
          actionId: ACTIONS[key].actionId(suffix ?? undefined),
          blockId: 'fuzz',
          ...(value === undefined ? {} : { value }),
          container: fromHome ? { type: 'view', viewId: homeId } : { type: 'ephemeral' },
        }),
      ),
    );
    await settledCleanly();
  }, 120_000);

  test('submissions of every modal, with any field values and private_metadata', async () => {
    const views = modalViews();
    const keys = Object.keys(MODALS) as ModalKey[];
    const submissions = fc.oneof(...keys.map((k) => submission(k, views[k])));
    await assertProperty(submissions, 900, ({ key, view }) =>
      check(`submit ${key}`, () => h.driver.submitViewRaw(ALICE, { view })),
    );
    await settledCleanly();
  }, 120_000);

  test('typeahead and shortcuts with any text', async () => {
    const suggestion = fc.record({
      actionId: fc.oneof(fc.constantFrom(...Object.values(MENUS)), nasty),
      value: nasty,
    });
    const shortcut = fc.record({
      callbackId: fc.oneof(fc.constantFrom(...Object.values(SHORTCUTS)), nasty),
      text: nasty,
      author: fc.option(fc.oneof(fc.constantFrom(BOB.userId, ALICE.userId), nasty), { nil: undefined }),
      global: fc.boolean(),
    });
    await assertProperty(suggestion, 250, ({ actionId, value }) =>
      check(`options ${actionId}`, () =>
        sendPayload({
          type: 'block_suggestion',
          ...envelope(),
          container: { type: 'view', view_id: 'V0FUZZ' },
          action_id: actionId,
          block_id: actionId,
          value,
        }),
      ),
    );
    await assertProperty(shortcut, 250, ({ callbackId, text, author, global }) =>
      check(`shortcut ${callbackId}`, () =>
        global
          ? h.driver.globalShortcut(ALICE, callbackId)
          : h.driver.messageShortcut(ALICE, {
              callbackId,
              message: { text, ...(author === undefined ? {} : { user: author }) },
            }),
      ),
    );
    await settledCleanly();
  }, 120_000);

  test('every request was answered, none slower than 3 s, and some got past the checks into the database', async () => {
    expect(answers.length).toBeGreaterThanOrEqual(3000);
    const slowest = Math.max(...answers.map((a) => a.ms));
    // Not only refusals: generated submissions stored rows of Alice's own. Which forms get through
    // depends on the seed, so any of the forms that write counts.
    const { rows } = await h.database.pool.query<Record<string, number>>(
      `SELECT ${WRITTEN_BY_FORMS.map((t) => `(SELECT count(*)::int FROM ${t} WHERE user_id = $1) AS ${t}`).join(', ')}`,
      [ALICE.userId],
    );
    const written = rows[0] as Record<string, number>;
    console.log(`fuzz: Alice now has ${JSON.stringify(written)}`);
    const seeded = { contacts: ids.alice.length };
    const grown = WRITTEN_BY_FORMS.filter((t) => (written[t] ?? 0) > (seeded[t as 'contacts'] ?? 0));
    expect(grown.length).toBeGreaterThan(0);
    console.log(
      `fuzz: ${answers.length} requests, slowest answer ${Math.round(slowest)} ms, FUZZ_SEED=${SEED}`,
    );
    expect(slowest).toBeLessThan(3000);
  });
});
