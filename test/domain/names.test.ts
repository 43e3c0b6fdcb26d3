import { foldName, matchName } from '../../src/domain/names';

const people = [
  { id: 1, name: 'Ann Lee' },
  { id: 2, name: 'Annabel Smith' },
  { id: 3, name: 'Jürgen Müller' },
  { id: 4, name: 'Sam Park' },
  { id: 5, name: 'Sam Park' },
];

describe('finding a contact by the name a member typed', () => {
  test('an exact name wins over longer names that contain it', () => {
    expect(matchName('ann lee', people)).toEqual({ kind: 'one', contact: people[0] });
  });
  test('a unique part of a name is enough', () => {
    expect(matchName('annabel', people)).toEqual({ kind: 'one', contact: people[1] });
  });
  test('accents and case do not matter', () => {
    expect(foldName('  JÜRGEN   Müller ')).toBe('jurgen muller');
    expect(matchName('jurgen', people)).toEqual({ kind: 'one', contact: people[2] });
  });
  test('several matches give a choice, never a guess', () => {
    expect(matchName('ann', people)).toEqual({ kind: 'many', contacts: [people[0], people[1]] });
    expect(matchName('sam park', people)).toEqual({ kind: 'many', contacts: [people[3], people[4]] });
  });
  test('no match and empty input find nobody', () => {
    expect(matchName('zed', people)).toEqual({ kind: 'none' });
    expect(matchName('   ', people)).toEqual({ kind: 'none' });
  });
});
