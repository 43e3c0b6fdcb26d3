import fc from 'fast-check';
import {
  firstWorkDay,
  isMoved,
  type LevelContact,
  levelCheckIns,
  movedNote,
  weekOf,
} from '../../src/domain/budget';
import { CADENCES } from '../../src/domain/cadence';
import { addDays, daysBetween } from '../../src/domain/dates';
import { afterTouch, byUrgency, nextDueOn } from '../../src/domain/schedule';

const TODAY = '2026-03-04'; // a Wednesday
const WEEKDAYS = [1, 2, 3, 4, 5];

function contact(id: number, extra: Partial<LevelContact> = {}): LevelContact {
  return {
    id,
    name: `Person ${id}`,
    cadence: 'monthly',
    addedOn: '2025-01-01',
    lastTouchOn: '2026-02-01',
    snoozedUntil: null,
    transitionOn: null,
    ...extra,
  };
}

const week = (day: string) => Math.max(0, Math.floor(daysBetween(weekOf(TODAY), day) / 7));
const plannedOn = (c: LevelContact, leveledTo: string | null | undefined) =>
  nextDueOn({ ...c, leveledTo: leveledTo ?? null }) as string;

describe('weeks', () => {
  test('a week starts on Monday and a moved check-in comes on the first work day', () => {
    expect(weekOf('2026-03-04')).toBe('2026-03-02');
    expect(weekOf('2026-03-08')).toBe('2026-03-02');
    expect(weekOf('2026-03-09')).toBe('2026-03-09');
    expect(firstWorkDay('2026-03-09', [2, 3, 4])).toBe('2026-03-10');
  });

  test('the note names the week and the budget', () => {
    expect(movedNote('2026-03-16', 5)).toBe(
      'next check-in moved to the week of 16 Mar to keep to your 5 a week',
    );
  });
});

describe('a moved check-in', () => {
  test('comes on the day it was moved to, and keeps its urgency from its cadence date', () => {
    const moved = contact(1, { lastTouchOn: '2026-01-01', leveledTo: '2026-03-16' });
    expect(nextDueOn(moved)).toBe('2026-03-16');
    expect(isMoved({ nextDueOn: nextDueOn(moved), leveledTo: moved.leveledTo })).toBe(true);
    const [first] = byUrgency([contact(2, { lastTouchOn: '2026-01-20' }), moved], TODAY);
    expect(first?.id).toBe(1);
  });

  test('a transition noted after the move brings it back to when it is due', () => {
    const changed = contact(1, { leveledTo: '2026-03-16', transitionOn: '2026-03-03' });
    expect(nextDueOn(changed)).toBe('2026-03-01');
    expect(isMoved({ nextDueOn: nextDueOn(changed), leveledTo: changed.leveledTo })).toBe(false);
  });

  test('a touch starts a new cycle, no longer moved', () => {
    expect(afterTouch(contact(1, { leveledTo: '2026-03-16' }), TODAY).leveledTo).toBeNull();
  });
});

describe('leveling', () => {
  test('fifty contacts due this week: the five most overdue stay, the rest move five a week', () => {
    // Person i last talked i days before 1 Feb: the higher the id, the more overdue.
    const contacts = Array.from({ length: 50 }, (_, i) =>
      contact(i + 1, { lastTouchOn: addDays('2026-02-01', -i) }),
    );
    const levels = levelCheckIns(contacts, { budget: 5, today: TODAY, workDays: WEEKDAYS });
    for (const id of [50, 49, 48, 47, 46]) expect(levels.get(id)).toBeNull();
    for (const id of [45, 44, 43, 42, 41]) expect(levels.get(id)).toBe('2026-03-09');
    expect(levels.get(1)).toBe('2026-05-04'); // ten weeks for fifty
  });

  test('a transition waiting for its check-in is never moved, and uses its week', () => {
    const contacts = [
      ...Array.from({ length: 3 }, (_, i) => contact(i + 1, { lastTouchOn: '2025-12-01' })),
      contact(9, { transitionOn: '2026-03-03', lastTouchOn: '2026-02-20' }),
    ];
    const levels = levelCheckIns(contacts, { budget: 2, today: TODAY, workDays: WEEKDAYS });
    expect(levels.get(9)).toBeNull();
    expect([...levels.values()].filter((v) => v === null)).toHaveLength(2);
  });

  test('a contact touched this week counts against the week', () => {
    const contacts = [
      contact(1, { lastTouchOn: '2026-03-02' }),
      contact(2, { lastTouchOn: '2026-01-01' }),
      contact(3, { lastTouchOn: '2026-01-02' }),
    ];
    const levels = levelCheckIns(contacts, { budget: 2, today: TODAY, workDays: WEEKDAYS });
    expect(levels.get(2)).toBeNull();
    expect(levels.get(3)).toBe('2026-03-09');
  });

  test('a moved check-in whose week has come keeps its move, to say why it comes late', () => {
    const levels = levelCheckIns([contact(1, { leveledTo: '2026-03-02' })], {
      budget: 5,
      today: TODAY,
      workDays: WEEKDAYS,
    });
    expect(levels.get(1)).toBe('2026-03-02');
  });

  test('a contact moved to a later week and no longer over budget is moved back', () => {
    const levels = levelCheckIns([contact(1, { leveledTo: '2026-03-16' })], {
      budget: 5,
      today: TODAY,
      workDays: WEEKDAYS,
    });
    expect(levels.get(1)).toBeNull();
  });
});

const arbContact = (id: number) =>
  fc
    .record({
      cadence: fc.constantFrom(...CADENCES.filter((c) => c !== 'none')),
      lastTouchOn: fc.option(fc.integer({ min: -400, max: 2 }).map((d) => addDays(TODAY, d))),
      addedOn: fc.integer({ min: -800, max: 0 }).map((d) => addDays(TODAY, d)),
      transitionOn: fc.option(
        fc.integer({ min: -30, max: 0 }).map((d) => addDays(TODAY, d)),
        { freq: 8 },
      ),
      snoozedUntil: fc.option(
        fc.integer({ min: -10, max: 40 }).map((d) => addDays(TODAY, d)),
        { freq: 6 },
      ),
      leveledTo: fc.option(
        fc.integer({ min: 0, max: 60 }).map((d) => addDays(TODAY, d)),
        { freq: 4 },
      ),
    })
    .map((r): LevelContact => ({ id, name: `P${id}`, ...r }));

const arbNetwork = fc
  .integer({ min: 0, max: 60 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbContact(i + 1))));

describe('leveling, for any network and budget', () => {
  test('no week over budget, nothing lost, nothing brought forward', () => {
    fc.assert(
      fc.property(arbNetwork, fc.integer({ min: 1, max: 8 }), (contacts, budget) => {
        const levels = levelCheckIns(contacts, { budget, today: TODAY, workDays: WEEKDAYS });
        const fixed = new Map<number, number>();
        const planned = new Map<number, number>();
        const add = (m: Map<number, number>, w: number) => m.set(w, (m.get(w) ?? 0) + 1);
        const touched = contacts.filter(
          (o) => o.lastTouchOn !== null && o.lastTouchOn >= weekOf(TODAY) && o.lastTouchOn <= TODAY,
        ).length;
        for (const c of contacts) {
          const nominal = nextDueOn({ ...c, leveledTo: null });
          if (nominal === null) continue;
          // Every dated contact is planned: not lost, never earlier than its cadence says.
          expect(levels.has(c.id)).toBe(true);
          const on = plannedOn(c, levels.get(c.id));
          expect(on >= nominal).toBe(true);
          const waits = c.transitionOn !== null && (c.lastTouchOn === null || c.lastTouchOn < c.transitionOn);
          if (waits) expect(on).toBe(nominal);
          add(waits ? fixed : planned, week(on));
        }
        for (const [w, n] of planned) {
          const room = budget - (fixed.get(w) ?? 0) - (w === 0 ? touched : 0);
          expect(n).toBeLessThanOrEqual(Math.max(0, room));
        }
      }),
    );
  });

  test('a check-in moves only past a week that is full', () => {
    fc.assert(
      fc.property(arbNetwork, fc.integer({ min: 1, max: 8 }), (contacts, budget) => {
        const levels = levelCheckIns(contacts, { budget, today: TODAY, workDays: WEEKDAYS });
        const perWeek = new Map<number, number>();
        for (const c of contacts) {
          if (nextDueOn({ ...c, leveledTo: null }) === null) continue;
          const w = week(plannedOn(c, levels.get(c.id)));
          perWeek.set(w, (perWeek.get(w) ?? 0) + 1);
        }
        const touched = contacts.filter(
          (o) => o.lastTouchOn !== null && o.lastTouchOn >= weekOf(TODAY) && o.lastTouchOn <= TODAY,
        ).length;
        for (const c of contacts) {
          const to = levels.get(c.id);
          // Moved in an earlier leveling, and its week has come: it says so, and takes this week's room.
          if (!to || week(to) === 0) continue;
          // It moved because the week before its new one had no room left.
          const before = week(to) - 1;
          expect((perWeek.get(before) ?? 0) + (before === 0 ? touched : 0)).toBeGreaterThanOrEqual(budget);
          expect(perWeek.get(week(to)) ?? 0).toBeLessThanOrEqual(
            Math.max(budget, contacts.filter((o) => levels.get(o.id) === null).length),
          );
        }
      }),
    );
  });

  test('urgency order is kept: a more urgent check-in never comes in a later week than a less urgent one', () => {
    fc.assert(
      fc.property(arbNetwork, fc.integer({ min: 1, max: 8 }), (contacts, budget) => {
        const levels = levelCheckIns(contacts, { budget, today: TODAY, workDays: WEEKDAYS });
        const movable = contacts.filter(
          (c) =>
            nextDueOn({ ...c, leveledTo: null }) !== null &&
            !(c.transitionOn !== null && (c.lastTouchOn === null || c.lastTouchOn < c.transitionOn)),
        );
        const order = byUrgency(
          movable.map((c) => ({ ...c, leveledTo: null })),
          TODAY,
        );
        const plannedWeek = (c: LevelContact) => week(plannedOn(c, levels.get(c.id)));
        const nominalWeek = (c: LevelContact) => week(nextDueOn({ ...c, leveledTo: null }) as string);
        order.forEach((a, i) => {
          for (const b of order.slice(i + 1)) {
            // a is more urgent than b; when a was due by b's week, a comes no later than b.
            if (nominalWeek(a) <= plannedWeek(b)) expect(plannedWeek(a)).toBeLessThanOrEqual(plannedWeek(b));
          }
        });
      }),
    );
  });
});
