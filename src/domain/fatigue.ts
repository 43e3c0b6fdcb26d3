import { CADENCE_PHRASES, CADENCES, type Cadence, cadenceDays } from './cadence';
import { addDays, addMonths, type LocalDate } from './dates';
import type { DigestItem } from './digest';

/**
 * Nudge fatigue: a contact whose reminder the member keeps letting pass is asked about once (keep
 * the rhythm, check in less often, or archive), rather than nagged about every morning.
 */

/** Digests in a row that carried a contact with nothing done about it before the question comes. */
export const FATIGUE_IGNORED_IN_A_ROW = 3;

/** Once asked about a contact, the question stays away from them this long. */
export const FATIGUE_QUIET_MONTHS = 6;

/** How far back digests count (their records are pruned after it): "recently", in every count here. */
export const FATIGUE_KEPT_DAYS = 60;

/** The Home's "Often skipped": let pass at least this many times recently. */
export const OFTEN_SKIPPED_TIMES = 3;

export const FATIGUE_ANSWERS = ['keep', 'less_often', 'archive'] as const;
export type FatigueAnswer = (typeof FATIGUE_ANSWERS)[number];

/** What the member chose, with the rhythm they kept or moved to. */
export type FatigueChoice =
  | { answer: 'keep'; cadence: Cadence }
  | { answer: 'less_often'; cadence: Cadence }
  | { answer: 'archive' };

/** The question as it stands in a due item of a digest: how often it was let pass, and the answer once given. */
export interface FatigueQuestion {
  ignoredInARow: number;
  choice?: FatigueChoice;
}

/** What the digests recorded about one contact, as of the day a digest is composed. */
export interface FatigueFacts {
  contactId: number;
  /** Digests since the last action (or the last answer) that carried them with nothing done. */
  ignoredInARow: number;
  /** Digests in the last FATIGUE_KEPT_DAYS that carried them with nothing done. */
  timesLetPass: number;
  /** When a digest last asked about them; null when never. */
  askedOn: LocalDate | null;
}

/** The first day whose digests count for `today`. */
export function fatigueWindowStart(today: LocalDate): LocalDate {
  return addDays(today, -FATIGUE_KEPT_DAYS);
}

/** Whether today's digest should ask about this contact: let pass three times in a row, not asked in 6 months. */
export function shouldAskAboutFatigue(facts: FatigueFacts, today: LocalDate): boolean {
  if (facts.ignoredInARow < FATIGUE_IGNORED_IN_A_ROW) return false;
  return facts.askedOn === null || addMonths(facts.askedOn, FATIGUE_QUIET_MONTHS) <= today;
}

/**
 * The digest's items with the question on the first due item that calls for it: one question a
 * digest at most, so the morning message stays a list of people, not a survey.
 */
export function withFatigueQuestion(
  items: DigestItem[],
  facts: FatigueFacts[],
  today: LocalDate,
): DigestItem[] {
  const byContact = new Map(facts.map((f) => [f.contactId, f]));
  const asked = items.findIndex((item) => {
    if (item.kind !== 'due' || item.outcome) return false;
    const f = byContact.get(item.contactId);
    return f !== undefined && shouldAskAboutFatigue(f, today);
  });
  return items.map((item, i) =>
    i === asked && item.kind === 'due'
      ? { ...item, fatigue: { ignoredInARow: byContact.get(item.contactId)?.ignoredInARow ?? 0 } }
      : item,
  );
}

/** The contacts a digest's items remind about (due check-ins only: what "let pass" counts). */
export function carriedContacts(items: DigestItem[]): number[] {
  return items.flatMap((i) => (i.kind === 'due' ? [i.contactId] : []));
}

/** The contacts a digest asked about. */
export function askedContacts(items: DigestItem[]): number[] {
  return items.flatMap((i) => (i.kind === 'due' && i.fatigue ? [i.contactId] : []));
}

/** The rhythms slower than `cadence`, for "check in less often" (none for yearly or no rhythm). */
export function longerCadences(cadence: Cadence): Cadence[] {
  const days = cadenceDays(cadence);
  if (days === null) return [];
  return CADENCES.filter((c) => {
    const d = cadenceDays(c);
    return d !== null && d > days;
  });
}

const TIMES = ['never', 'once', 'twice', 'three times', 'four times', 'five times'];

function timesWord(n: number): string {
  return TIMES[n] ?? `${n} times`;
}

/** "You've let Dana Lee's reminder pass three times. Keep quarterly, check in less often, or archive?" */
export function fatigueQuestionText(name: string, cadence: Cadence, ignoredInARow: number): string {
  const options = longerCadences(cadence).length
    ? `Keep ${CADENCE_PHRASES[cadence]}, check in less often, or archive?`
    : `Keep ${CADENCE_PHRASES[cadence]}, or archive?`;
  return `You've let ${name}'s reminder pass ${timesWord(ignoredInARow)}. ${options}`;
}

/** What the answer did, in the digest where the question was. */
export function fatigueChoiceText(name: string, choice: FatigueChoice): string {
  if (choice.answer === 'keep') return `Keeping ${CADENCE_PHRASES[choice.cadence]} check-ins with ${name}.`;
  if (choice.answer === 'less_often')
    return `Now checking in with ${name} ${CADENCE_PHRASES[choice.cadence]}.`;
  return `Archived ${name}: no more reminders. \`/touchbase restore\` brings them back.`;
}

/** "let pass 4 times in the last 60 days" */
export function letPassText(times: number): string {
  return `reminder let pass ${timesWord(times)} in the last ${FATIGUE_KEPT_DAYS} days`;
}
