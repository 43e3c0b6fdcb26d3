import { addMonths, type LocalDate } from './dates';

export const TOUCH_KINDS = ['call', 'video', 'in_person', 'message', 'email', 'event'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export const TOUCH_INTENTS = ['give', 'ask', 'catch_up'] as const;
export type TouchIntent = (typeof TOUCH_INTENTS)[number];

export const KIND_LABELS: Record<TouchKind, string> = {
  call: 'Call',
  video: 'Video call',
  in_person: 'In person',
  message: 'Message',
  email: 'Email',
  event: 'Event',
};

export const INTENT_LABELS: Record<TouchIntent, string> = {
  give: 'Give (I offered something)',
  ask: 'Ask (I asked for something)',
  catch_up: 'Catch-up',
};

export const INTENT_SHORT: Record<TouchIntent, string> = { give: 'give', ask: 'ask', catch_up: 'catch-up' };

export interface TouchFacts {
  touchedOn: LocalDate;
  intent: TouchIntent;
}

export interface Balance {
  gives: number;
  asks: number;
  catchUps: number;
}

/** Gives, asks and catch-ups in the 12 months up to and including `today`. */
export function balanceLastYear(touches: TouchFacts[], today: LocalDate): Balance {
  const since = addMonths(today, -12);
  const balance: Balance = { gives: 0, asks: 0, catchUps: 0 };
  for (const t of touches) {
    if (t.touchedOn <= since || t.touchedOn > today) continue;
    if (t.intent === 'give') balance.gives++;
    else if (t.intent === 'ask') balance.asks++;
    else balance.catchUps++;
  }
  return balance;
}

/** The earliest date a touch may be looked up from to compute balanceLastYear. */
export function balanceWindowStart(today: LocalDate): LocalDate {
  return addMonths(today, -12);
}

/**
 * How many people one logged touch may name: a dinner or a group call, not a mailing. Each gets
 * the touch and one line in the confirmation.
 */
export const MAX_PEOPLE_PER_TOUCH = 20;
