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

/** The kind as the object of "Logged …": "an email", "an in-person meeting". */
export const KIND_PHRASES: Record<TouchKind, string> = {
  call: 'a call',
  video: 'a video call',
  in_person: 'an in-person meeting',
  message: 'a message',
  email: 'an email',
  event: 'a meeting at an event',
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

/** How far back a touch may be dated before touchbase asks whether the date is right. */
export const LONG_AGO_YEARS = 10;

/** A date so far back it is more likely a slip of the date picker (1999 for 2025) than a real touch. */
export function isLongAgo(touchedOn: LocalDate, today: LocalDate): boolean {
  return touchedOn < addMonths(today, -12 * LONG_AGO_YEARS);
}

/**
 * How many people one logged touch may name: a dinner or a group call, not a mailing. Each gets
 * the touch and one line in the confirmation.
 */
export const MAX_PEOPLE_PER_TOUCH = 20;
