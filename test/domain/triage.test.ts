import { addDays } from '../../src/domain/dates';
import {
  isRecentJobChange,
  LAST_TALKED,
  lastTalkedOn,
  recentJobChangesSince,
  TRIAGE_SORTS,
  triageCadence,
} from '../../src/domain/triage';

describe('triage rules', () => {
  test('each choice gives a cadence; archive gives none, it archives', () => {
    expect(TRIAGE_SORTS.map(triageCadence)).toEqual([
      'biweekly',
      'monthly',
      'quarterly',
      'yearly',
      'none',
      null,
    ]);
  });

  test('"last talked" stands for a day, counted back from today; never is no day', () => {
    expect(LAST_TALKED.map((t) => lastTalkedOn(t, '2026-03-31'))).toEqual([
      '2026-03-31',
      '2025-12-31',
      '2025-03-31',
      null,
    ]);
  });

  test('a job change is recent for the 90 days of its transition window, and only a new job', () => {
    const today = '2026-03-02';
    const since = recentJobChangesSince(today);
    expect(isRecentJobChange({ transitionKind: 'new_job', transitionOn: since }, today)).toBe(true);
    expect(isRecentJobChange({ transitionKind: 'new_job', transitionOn: addDays(since, -1) }, today)).toBe(
      false,
    );
    expect(isRecentJobChange({ transitionKind: 'new_job', transitionOn: today }, today)).toBe(true);
    expect(isRecentJobChange({ transitionKind: 'lost_job', transitionOn: today }, today)).toBe(false);
    expect(isRecentJobChange({ transitionKind: null, transitionOn: null }, today)).toBe(false);
  });
});
