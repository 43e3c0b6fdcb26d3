import { metPromptOn, reachOutOn, tripMatches, tripProblems } from '../../src/domain/trips';

const c = (id: number, city: string | null, notes: string[] = []) => ({ id, name: `C${id}`, city, notes });

describe('trips', () => {
  test('reach out 14 days before; ask whom you met the day after', () => {
    expect(reachOutOn('2026-04-20')).toBe('2026-04-06');
    expect(metPromptOn('2026-04-22')).toBe('2026-04-23');
  });

  test.each([
    [{ city: 'Paris', startsOn: '2026-03-02', endsOn: '2026-03-02' }, []],
    [{ city: ' ', startsOn: '2026-03-02', endsOn: '2026-03-02' }, ['city']],
    [{ city: 'Paris', startsOn: '2026-03-01', endsOn: '2026-03-02' }, ['starts_on']],
    [{ city: 'Paris', startsOn: '2026-03-05', endsOn: '2026-03-04' }, ['ends_on']],
  ])('%o → problems with %o', (trip, fields) => {
    expect(tripProblems(trip, '2026-03-02').map((p) => p.field)).toEqual(fields);
  });

  test('city matching ignores case and accents; event mentions come after, without duplicates', () => {
    const found = tripMatches(
      [
        c(1, 'Zürich'),
        c(2, 'ZURICH'),
        c(3, 'Zug', ['see you at Swiss FinTech Day']),
        c(4, 'Zürich', ['fintech day']),
        c(5, null),
      ],
      { city: 'zurich', event: 'FinTech Day' },
    );
    expect(found.map((f) => [f.contact.id, f.why])).toEqual([
      [1, 'city'],
      [2, 'city'],
      [4, 'city'],
      [3, 'event'],
    ]);
  });
});
