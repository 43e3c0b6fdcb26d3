import fc from 'fast-check';
import { addDays } from '../../src/domain/dates';
import { composeDigest } from '../../src/domain/digest';
import { isReminderDay, parseReminderDay, pickerDay, splitReminder } from '../../src/domain/reminders';
import { dueContact } from '../support/builders';

// A Wednesday.
const today = '2026-03-04';

describe('parseReminderDay reads an English date forward from the member’s today', () => {
  test.each([
    ['today', '2026-03-04'],
    ['tomorrow', '2026-03-05'],
    ['Friday', '2026-03-06'],
    ['fri', '2026-03-06'],
    ['on Friday', '2026-03-06'],
    ['Wednesday', '2026-03-11'],
    ['monday', '2026-03-09'],
    ['next week', '2026-03-09'],
    ['in 3 days', '2026-03-07'],
    ['in 2 weeks', '2026-03-18'],
    ['on 14 March', '2026-03-14'],
    ['14 March', '2026-03-14'],
    ['14/3', '2026-03-14'],
    ['Dec 25', '2026-12-25'],
    ['25 December', '2026-12-25'],
    // A day of the year already past is next year's.
    ['March 1', '2027-03-01'],
    ['2026-04-01', '2026-04-01'],
  ])('%s → %s', (text, day) => {
    expect(parseReminderDay(text, today)).toEqual({ kind: 'day', on: day });
  });

  test('"next week" on a Sunday is the next day, a Monday', () => {
    expect(parseReminderDay('next week', '2026-03-08')).toEqual({ kind: 'day', on: '2026-03-09' });
  });

  test.each(['nonsense', 'soon', '', 'Friday-ish maybe', 'the deck'])(
    '%p is unclear, with no guess',
    (text) => {
      expect(parseReminderDay(text, today)).toEqual({ kind: 'unclear', guess: null });
    },
  );

  test.each(['yesterday', 'on 1 March 2026', '2020-01-01'])('%p, a day past, is unclear', (text) => {
    expect(parseReminderDay(text, today)).toEqual({ kind: 'unclear', guess: null });
  });

  test.each([
    ['in 10 years', '2036-03-04'],
    ['14 March 2036', '2036-03-14'],
  ])('%p, years away, is unclear with the guess for the form', (text, guess) => {
    expect(parseReminderDay(text, today)).toEqual({ kind: 'unclear', guess });
  });

  test('a time of day or a month alone names no day: unclear, with the guess', () => {
    expect(parseReminderDay('at 5pm', today)).toEqual({ kind: 'unclear', guess: '2026-03-04' });
    expect(parseReminderDay('April', today)).toEqual({ kind: 'unclear', guess: '2026-04-01' });
  });

  test('every day ahead of a year of todays reads "tomorrow" as the next day', () => {
    for (let i = 0; i < 366; i++) {
      const day = addDays('2026-01-01', i);
      expect(parseReminderDay('tomorrow', day)).toEqual({ kind: 'day', on: addDays(day, 1) });
      const friday = parseReminderDay('Friday', day);
      expect(friday.kind).toBe('day');
      if (friday.kind === 'day') {
        expect(friday.on > day).toBe(true);
        expect(friday.on <= addDays(day, 7)).toBe(true);
        expect(new Date(`${friday.on}T00:00:00Z`).getUTCDay()).toBe(5);
      }
    }
  });
});

describe('splitReminder takes `<name> <when> <what>` apart', () => {
  test.each([
    ['Dana Friday send her the deck', 'Dana', '2026-03-06', 'send her the deck'],
    ['Dana Lee tomorrow to ask about the role', 'Dana Lee', '2026-03-05', 'ask about the role'],
    ['Ada in 3 days: thank her', 'Ada', '2026-03-07', 'thank her'],
    ['Ada on 14 March call about Boston', 'Ada', '2026-03-14', 'call about Boston'],
    ['Ada next week intro to Bo', 'Ada', '2026-03-09', 'intro to Bo'],
    // A month's name at the start is part of the name.
    ['May Chen tomorrow lunch', 'May Chen', '2026-03-05', 'lunch'],
  ])('%p', (text, name, on, what) => {
    expect(splitReminder(text, today)).toEqual({ name, when: { kind: 'day', on }, what });
  });

  test('no what: the date is found and what is empty', () => {
    expect(splitReminder('Dana Friday', today)).toEqual({
      name: 'Dana',
      when: { kind: 'day', on: '2026-03-06' },
      what: '',
    });
  });

  test('no date: the whole text is left for the name, unclear', () => {
    expect(splitReminder('Dana send the deck', today)).toEqual({
      name: 'Dana send the deck',
      when: { kind: 'unclear', guess: null },
      what: '',
    });
  });

  test('a day past is unclear; the name and what are still found', () => {
    expect(splitReminder('Dana yesterday send it', today)).toEqual({
      name: 'Dana',
      when: { kind: 'unclear', guess: null },
      what: 'send it',
    });
  });
});

describe('pickerDay', () => {
  test('the day read, the guess when it can be set, tomorrow otherwise', () => {
    expect(pickerDay({ kind: 'day', on: '2026-03-06' }, today)).toBe('2026-03-06');
    expect(pickerDay({ kind: 'unclear', guess: '2026-04-01' }, today)).toBe('2026-04-01');
    expect(pickerDay({ kind: 'unclear', guess: '2036-03-04' }, today)).toBe('2026-03-05');
    expect(pickerDay({ kind: 'unclear', guess: null }, today)).toBe('2026-03-05');
  });
});

describe('reminders in the digest', () => {
  const day = '2026-03-16';
  const reminder = (id: number, remindOn: string) => ({
    reminderId: id,
    contactId: 1,
    name: 'Dana',
    what: `thing ${id}`,
    remindOn,
  });

  test('after fresh transitions, before follow-ups and other check-ins; counted in the rest when cut', () => {
    const { items, moreCount } = composeDigest(
      {
        contacts: [
          dueContact({ id: 1, cadence: 'biweekly', lastTouchOn: '2026-02-01' }),
          dueContact({ id: 2, transitionKind: 'lost_job', transitionOn: '2026-03-14' }),
        ],
        introFollowUps: [{ id: 5, fromName: 'A', toName: 'B', introducedOn: '2026-03-01' }],
        reminders: [reminder(8, '2026-03-13'), reminder(9, day)],
        remindersTotal: 4,
      },
      day,
    );
    expect(items.map((i) => i.key)).toEqual(['due:2', 'reminder:8', 'reminder:9', 'intro:5', 'due:1']);
    // The two reminders not read come after what is shown.
    expect(moreCount).toBe(2);
  });

  test('reminders alone make a digest', () => {
    const { items } = composeDigest({ contacts: [], reminders: [reminder(8, day)] }, day);
    expect(items).toEqual([{ kind: 'reminder', key: 'reminder:8', ...reminder(8, day) }]);
  });
});

describe('whatever is typed', () => {
  const phrase = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc
      .array(
        fc.constantFrom(
          'Dana',
          'next',
          'week',
          'in',
          '3',
          'days',
          'Friday',
          '14',
          'March',
          'on',
          '/',
          'to',
          'x',
        ),
        { maxLength: 8 },
      )
      .map((w) => w.join(' ')),
  );

  test('a day read is never past nor beyond the horizon, and the parts come from the text', () => {
    fc.assert(
      fc.property(phrase, fc.integer({ min: 0, max: 3650 }), (text, offset) => {
        const day = addDays('2024-01-01', offset);
        const when = parseReminderDay(text, day);
        if (when.kind === 'day') expect(isReminderDay(when.on, day)).toBe(true);
        const parts = splitReminder(text, day);
        if (parts.when.kind === 'day') expect(isReminderDay(parts.when.on, day)).toBe(true);
        expect(text).toContain(parts.name);
        expect(isReminderDay(pickerDay(parts.when, day), day)).toBe(true);
      }),
    );
  });
});
