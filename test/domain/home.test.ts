import fc from 'fast-check';
import { validateView } from '../../src/dev/slack-emulator/block-kit-validation';
import { CADENCES, type Cadence } from '../../src/domain/cadence';
import { addDays, type LocalDate } from '../../src/domain/dates';
import {
  balanceVerdict,
  composeHome,
  dormantContacts,
  dueSoon,
  HOME_CAPS,
  type HomeInput,
  inTransition,
  isDormant,
  patienceText,
  pendingAskItems,
} from '../../src/domain/home';
import { nextDueOn } from '../../src/domain/schedule';
import { TRANSITION_KINDS } from '../../src/domain/transitions';
import { homeView } from '../../src/slack/blocks/home-view';
import { dueContact } from '../support/builders';

const contact = dueContact;

describe('dormant: no touch for more than twice the cadence', () => {
  test.each<[string, Cadence, LocalDate, LocalDate | null, LocalDate, boolean]>([
    // description, cadence, added on, last touch, today, dormant?
    [
      'quarterly, exactly six months after the last touch',
      'quarterly',
      '2024-01-01',
      '2025-06-01',
      '2025-12-01',
      false,
    ],
    ['quarterly, a day more than six months', 'quarterly', '2024-01-01', '2025-06-01', '2025-12-02', true],
    [
      'monthly, never touched, two months after being added',
      'monthly',
      '2026-01-10',
      null,
      '2026-03-10',
      false,
    ],
    ['monthly, never touched, a day later', 'monthly', '2026-01-10', null, '2026-03-11', true],
    ['every 2 weeks, 28 days of silence', 'biweekly', '2025-01-01', '2026-02-01', '2026-03-01', false],
    ['every 2 weeks, 29 days of silence', 'biweekly', '2025-01-01', '2026-02-01', '2026-03-02', true],
    ['every 6 months, a year and a day', 'semiannual', '2024-01-01', '2025-03-01', '2026-03-02', true],
    ['yearly, exactly two years', 'yearly', '2020-01-01', '2024-03-01', '2026-03-01', false],
    ['yearly, two years and a day', 'yearly', '2020-01-01', '2024-03-01', '2026-03-02', true],
    ['no cadence: never dormant, however long', 'none', '2000-01-01', null, '2026-03-02', false],
    [
      'a touch from before they were added counts from the adding',
      'quarterly',
      '2026-01-01',
      '2020-01-01',
      '2026-03-01',
      false,
    ],
  ])('%s', (_, cadence, addedOn, lastTouchOn, today, dormant) => {
    expect(isDormant({ cadence, addedOn, lastTouchOn }, today)).toBe(dormant);
  });

  test('longest silent relative to the cadence first; never for contacts without a cadence', () => {
    const today = '2026-03-01';
    const list = dormantContacts(
      [
        contact({ id: 1, cadence: 'quarterly', lastTouchOn: '2025-06-01' }), // 273 of 91 days: 3.0
        contact({ id: 2, cadence: 'monthly', lastTouchOn: '2025-09-01' }), // 181 of 30 days: 6.0
        contact({ id: 3, cadence: 'monthly', lastTouchOn: '2026-02-01' }), // not dormant
        contact({ id: 4, cadence: 'none', lastTouchOn: '2010-01-01' }), // never
        contact({ id: 5, cadence: 'yearly', addedOn: '2023-01-01' }), // 1155 of 365 days: 3.2, never touched
      ],
      today,
    );
    expect(list.map((d) => d.contactId)).toEqual([2, 5, 1]);
    expect(list[1]).toMatchObject({ since: '2023-01-01', touched: false });
  });
});

describe('the other Home sections', () => {
  const today = '2026-03-02';

  test('due this week: after today, within 7 days, most urgent relative to the cadence first', () => {
    const soon = dueSoon(
      [
        contact({ id: 1, cadence: 'quarterly', lastTouchOn: '2025-12-02' }), // due today: "due now" instead
        contact({ id: 2, cadence: 'quarterly', lastTouchOn: '2025-12-03' }), // due 3 Mar: 1 of 91 days early
        contact({ id: 3, cadence: 'biweekly', lastTouchOn: '2026-02-19' }), // due 5 Mar: 3 of 14 days early
        contact({ id: 4, cadence: 'monthly', lastTouchOn: '2026-02-09' }), // due 9 Mar: 7 of 30 days early
        contact({ id: 5, cadence: 'monthly', lastTouchOn: '2026-02-10' }), // due 10 Mar: 8 days, later
        contact({ id: 6, cadence: 'none' }),
      ],
      today,
    );
    expect(soon.map((s) => [s.contactId, s.nextDueOn])).toEqual([
      [2, '2026-03-03'],
      [3, '2026-03-05'],
      [4, '2026-03-09'],
    ]);
  });

  test('transitions in their 90 days, fresh ones (7 days, no touch since) first', () => {
    const list = inTransition(
      [
        contact({ id: 1, transitionKind: 'new_job', transitionOn: '2026-01-15' }),
        contact({ id: 2, transitionKind: 'lost_job', transitionOn: '2026-02-28' }),
        contact({ id: 3, transitionKind: 'moved', transitionOn: '2026-02-27', lastTouchOn: '2026-03-01' }),
        contact({ id: 4, transitionKind: 'other', transitionOn: '2025-11-01' }), // 121 days ago: over
      ],
      today,
    );
    expect(list.map((t) => [t.contactId, t.fresh])).toEqual([
      [2, true],
      [3, false],
      [1, false],
    ]);
  });

  test('pending asks: days of patience left, the soonest to run out first', () => {
    const items = pendingAskItems(
      [
        { id: 1, contactId: 1, contactName: 'A', what: 'x', askedOn: '2026-02-25', followUpOn: '2026-03-07' },
        { id: 2, contactId: 2, contactName: 'B', what: 'y', askedOn: '2026-02-10', followUpOn: '2026-02-20' },
      ],
      today,
    );
    expect(items.map((a) => [a.id, a.daysLeft])).toEqual([
      [2, -10],
      [1, 5],
    ]);
    expect(patienceText(5)).toBe('5 days of patience left');
    expect(patienceText(1)).toBe('1 day of patience left');
    expect(patienceText(0)).toMatch(/gentle follow-up/);
    expect(patienceText(-10)).toMatch(/gentle follow-up/);
  });

  test('the balance verdict leans towards giving', () => {
    expect(balanceVerdict({ gives: 0, asks: 0, catchUps: 0 })).toMatch(/Nothing logged/);
    expect(balanceVerdict({ gives: 1, asks: 3, catchUps: 0 })).toMatch(/More asks than gives/);
    expect(balanceVerdict({ gives: 2, asks: 2, catchUps: 1 })).toMatch(/tip it towards giving/);
    expect(balanceVerdict({ gives: 5, asks: 1, catchUps: 0 })).toMatch(/give more than you ask/);
  });

  test('each section shows its cap and counts the rest', () => {
    const contacts = Array.from({ length: 40 }, (_, i) => contact({ id: i + 1, addedOn: '2020-01-01' }));
    const home = composeHome(
      { contacts, asks: [], intros: [], trips: [], balance: { gives: 0, asks: 0, catchUps: 0 } },
      today,
    );
    expect(home.dueNow.items).toHaveLength(HOME_CAPS.dueNow);
    expect(home.dueNow.more).toBe(40 - HOME_CAPS.dueNow);
    expect(home.dormant.items).toHaveLength(HOME_CAPS.dormant);
    expect(home.dormant.more).toBe(40 - HOME_CAPS.dormant);
    expect(home.networkSize).toBe(40);
  });
});

const BASE = '2019-01-01';
const day = fc.integer({ min: 0, max: 2800 }).map((d) => addDays(BASE, d));
const text = (max: number) => fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' });

const contactArb = fc
  .record({
    name: text(200),
    company: fc.option(text(200), { nil: null }),
    cadence: fc.constantFrom(...CADENCES),
    addedOn: day,
    lastTouchOn: fc.option(day, { nil: null }),
    snoozedUntil: fc.option(day, { nil: null }),
    transitionKind: fc.option(fc.constantFrom(...TRANSITION_KINDS), { nil: null }),
    transitionOn: fc.option(day, { nil: null }),
  })
  .map((c) => ({ ...c, transitionKind: c.transitionOn ? (c.transitionKind ?? 'other') : null }));

const inputArb = fc
  .record({
    contacts: fc.array(contactArb, { maxLength: 250 }),
    asks: fc.array(fc.record({ what: text(300), askedOn: day, patience: fc.integer({ min: 3, max: 90 }) }), {
      maxLength: 40,
    }),
    intros: fc.array(
      fc.record({
        fromName: text(200),
        toName: text(200),
        introducedOn: day,
        outcome: fc.option(fc.constant('no_response' as const), { nil: null }),
      }),
      { maxLength: 40 },
    ),
    trips: fc.array(
      fc.record({
        city: text(200),
        event: fc.option(text(200), { nil: null }),
        startsOn: day,
        days: fc.integer({ min: 0, max: 30 }),
        people: fc.array(fc.record({ name: text(200), planned: fc.boolean() }), { maxLength: 60 }),
      }),
      { maxLength: 20 },
    ),
    balance: fc.record({ gives: fc.nat(5000), asks: fc.nat(5000), catchUps: fc.nat(5000) }),
  })
  .map(
    (r): HomeInput => ({
      contacts: r.contacts.map((c, i) => ({ ...c, id: i + 1, nextDueOn: nextDueOn(c) })),
      asks: r.asks.map((a, i) => ({
        id: i + 1,
        contactId: 1,
        contactName: 'Someone',
        what: a.what,
        askedOn: a.askedOn,
        followUpOn: addDays(a.askedOn, a.patience),
      })),
      intros: r.intros.map((x, i) => ({ id: i + 1, ...x })),
      trips: r.trips.map((t, i) => ({
        id: i + 1,
        city: t.city,
        event: t.event,
        startsOn: t.startsOn,
        endsOn: addDays(t.startsOn, t.days),
        contacts: t.people.map((p, j) => ({ id: j + 1, ...p })),
      })),
      balance: r.balance,
    }),
  );

describe('the Home stays within Slack’s limits whatever the network', () => {
  test('any sizes: at most 100 blocks, and a view Slack accepts (text lengths, unique ids)', () => {
    fc.assert(
      fc.property(inputArb, day, (input, today) => {
        const view = homeView(composeHome(input, today), today);
        expect(view.blocks.length).toBeLessThanOrEqual(100);
        expect(validateView(view, 'home')).toEqual({ blockErrors: [], argErrors: [] });
      }),
      { numRuns: 150 },
    );
  });

  test('every section full at once still fits', () => {
    const today = '2026-03-02';
    const many = 1000;
    const contacts = Array.from({ length: many }, (_, i) =>
      contact({
        id: i + 1,
        name: 'N'.repeat(200),
        company: 'C'.repeat(200),
        cadence: i % 2 ? 'monthly' : 'biweekly',
        addedOn: '2020-01-01',
        lastTouchOn: i % 3 === 0 ? null : addDays(today, -((i % 40) + 1)),
        transitionKind: i % 5 === 0 ? 'new_job' : null,
        transitionOn: i % 5 === 0 ? addDays(today, -(i % 60)) : null,
      }),
    );
    const input: HomeInput = {
      contacts,
      asks: Array.from({ length: many }, (_, i) => ({
        id: i + 1,
        contactId: 1,
        contactName: 'N'.repeat(200),
        what: 'W'.repeat(300),
        askedOn: addDays(today, -(i % 20)),
        followUpOn: addDays(today, 10 - (i % 20)),
      })),
      intros: Array.from({ length: many }, (_, i) => ({
        id: i + 1,
        fromName: 'F'.repeat(200),
        toName: 'T'.repeat(200),
        introducedOn: today,
        outcome: null,
      })),
      trips: Array.from({ length: many }, (_, i) => ({
        id: i + 1,
        city: 'X'.repeat(200),
        event: 'E'.repeat(200),
        startsOn: addDays(today, i),
        endsOn: addDays(today, i + 3),
        contacts: Array.from({ length: 100 }, (__, j) => ({
          id: j + 1,
          name: 'P'.repeat(200),
          planned: true,
        })),
      })),
      // Two dates a contact, for a name at Slack's length: their Log it buttons stay distinct.
      dates: Array.from({ length: many }, (_, i) => ({
        dateId: i + 1,
        contactId: Math.floor(i / 2) + 1,
        name: 'N'.repeat(200),
        kind: 'other' as const,
        label: 'L'.repeat(100),
        month: 3,
        day: 2 + (i % 14),
        year: null,
        occurs: addDays(today, i % 14),
      })),
      balance: { gives: 1, asks: 2, catchUps: 3 },
      weekPlan: {
        budget: 100,
        rows: contacts.map((c) => ({ ...c, nextDueOn: today, leveledTo: today })),
        total: many,
        done: 3,
      },
      unsorted: {
        count: 30_000,
        jobChangeCount: many,
        jobChanges: Array.from({ length: many }, (_, i) => ({
          id: i + 1,
          name: 'N'.repeat(200),
          company: 'C'.repeat(200),
          role: 'R'.repeat(200),
          transitionOn: today,
        })),
      },
      oftenSkipped: {
        total: many,
        items: Array.from({ length: many }, (_, i) => ({
          contactId: i + 1,
          name: 'N'.repeat(200),
          company: 'C'.repeat(200),
          timesLetPass: 40,
        })),
      },
    };
    const home = composeHome(input, today);
    for (const s of [
      'dueNow',
      'dueThisWeek',
      'asks',
      'intros',
      'transitions',
      'trips',
      'dates',
      'dormant',
      'oftenSkipped',
    ] as const) {
      expect(home[s].items).toHaveLength(HOME_CAPS[s]);
      expect(home[s].more).toBeGreaterThan(0);
    }
    expect(home.unsorted.jobChanges.items).toHaveLength(HOME_CAPS.unsortedJobChanges);
    expect(home.weekPlan?.more).toBe(many - 5);
    const view = homeView(home, today);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(validateView(view, 'home')).toEqual({ blockErrors: [], argErrors: [] });
  });
});
