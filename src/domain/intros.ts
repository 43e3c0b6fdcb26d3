import { addDays, type LocalDate } from './dates';

export const INTRO_KINDS = [
  'candidate_employer',
  'founder_investor',
  'consultant_institution',
  'peer',
  'other',
] as const;
export type IntroKind = (typeof INTRO_KINDS)[number];

export const INTRO_KIND_LABELS: Record<IntroKind, string> = {
  candidate_employer: 'Job candidate to employer',
  founder_investor: 'Founder to investor',
  consultant_institution: 'Consultant to institution',
  peer: 'Peer to peer',
  other: 'Other',
};

export const INTRO_OUTCOMES = ['connected', 'no_response', 'not_a_fit'] as const;
export type IntroOutcome = (typeof INTRO_OUTCOMES)[number];

export const INTRO_OUTCOME_LABELS: Record<IntroOutcome, string> = {
  connected: 'They connected',
  no_response: 'No response yet',
  not_a_fit: 'Not a fit',
};

/** Days after an introduction before "how did it go?", and again after a first "no response yet". */
export const INTRO_FOLLOW_UP_DAYS = 14;

export function introFollowUpOn(introducedOn: LocalDate): LocalDate {
  return addDays(introducedOn, INTRO_FOLLOW_UP_DAYS);
}

/**
 * When to ask again after an outcome: only after the first "no response yet", 14 days from the
 * answer; never a third time, and never after a real outcome.
 */
export function askAgainOn(
  outcome: IntroOutcome,
  alreadyAskedAgain: boolean,
  today: LocalDate,
): LocalDate | null {
  return outcome === 'no_response' && !alreadyAskedAgain ? addDays(today, INTRO_FOLLOW_UP_DAYS) : null;
}

export interface IntroSides {
  fromContactId: number;
  toContactId: number | null;
  toName: string | null;
}

export type IntroProblem = 'same_person' | 'no_target' | 'two_targets';

/** What is wrong with who-to-whom, if anything: a contact to themselves, nobody, or both a contact and a name. */
export function introProblem(sides: IntroSides): IntroProblem | null {
  if (sides.toContactId !== null && sides.toName !== null) return 'two_targets';
  if (sides.toContactId === null && sides.toName === null) return 'no_target';
  if (sides.toContactId === sides.fromContactId) return 'same_person';
  return null;
}
