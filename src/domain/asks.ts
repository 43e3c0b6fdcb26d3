import { type Cadence, cadenceDays } from './cadence';
import { addDays, addMonths, daysBetween, describeDays, type LocalDate } from './dates';
import { truncate } from './limits';
import type { TouchFacts } from './touches';

export const ASK_STATUSES = ['pending', 'granted', 'declined', 'withdrawn'] as const;
export type AskStatus = (typeof ASK_STATUSES)[number];

/** The rules' numbers; patience is the member's own setting. */
export const ASK_RULES = {
  /** Asks within this many days count towards "too many". */
  tooManyWindowDays: 90,
  /** The third ask in the window warns. */
  tooManyCount: 3,
  /** Previous touches looked at for "ask-only", within the last 12 months. */
  askOnlyPrevious: 2,
  minPatienceDays: 3,
  defaultPatienceDays: 10,
} as const;

export type AskWarning =
  | { kind: 'ask_only'; asks: number; of: number }
  | { kind: 'after_silence'; silentDays: number }
  | { kind: 'too_many'; asks: number; withinDays: number }
  | { kind: 'pending_ask'; what: string };

/** What the rules look at when a member logs an ask. */
export interface AskContext {
  /** Every earlier touch with the contact (the new ask excluded), any order. */
  history: TouchFacts[];
  cadence: Cadence;
  addedOn: LocalDate;
  /** What is still pending from earlier asks to this contact. */
  pendingAsks: string[];
}

function newestFirst(touches: TouchFacts[]): TouchFacts[] {
  return [...touches].sort((a, b) => (a.touchedOn < b.touchedOn ? 1 : a.touchedOn > b.touchedOn ? -1 : 0));
}

/**
 * The warnings for an ask logged on `askedOn`. They never block logging: the member is told,
 * kindly, and the touch is saved all the same.
 */
export function askWarnings(ctx: AskContext, askedOn: LocalDate): AskWarning[] {
  const warnings: AskWarning[] = [];
  const before = newestFirst(ctx.history.filter((t) => t.touchedOn <= askedOn));
  const lastYear = before.filter((t) => t.touchedOn > addMonths(askedOn, -12));

  const previous = lastYear.slice(0, ASK_RULES.askOnlyPrevious);
  if (previous.length === ASK_RULES.askOnlyPrevious && previous.every((t) => t.intent === 'ask')) {
    const recent = lastYear.slice(0, 5);
    warnings.push({
      kind: 'ask_only',
      asks: recent.filter((t) => t.intent === 'ask').length + 1,
      of: recent.length + 1,
    });
  }

  const cadence = cadenceDays(ctx.cadence);
  const lastContact = before[0]?.touchedOn ?? null;
  if (cadence !== null && lastContact !== null) {
    const silentDays = daysBetween(lastContact, askedOn);
    if (silentDays > cadence) warnings.push({ kind: 'after_silence', silentDays });
  }

  const windowStart = addDays(askedOn, -ASK_RULES.tooManyWindowDays);
  const asksInWindow = before.filter((t) => t.intent === 'ask' && t.touchedOn > windowStart).length + 1;
  if (asksInWindow >= ASK_RULES.tooManyCount) {
    warnings.push({ kind: 'too_many', asks: asksInWindow, withinDays: ASK_RULES.tooManyWindowDays });
  }

  for (const what of ctx.pendingAsks) warnings.push({ kind: 'pending_ask', what });
  return warnings;
}

/** The warnings for any logged touch: only an ask can draw one. */
export function touchWarnings(ctx: AskContext, touch: TouchFacts): AskWarning[] {
  return touch.intent === 'ask' ? askWarnings(ctx, touch.touchedOn) : [];
}

/** Earlier asks named in the warning before the rest are counted, each cut to a readable length. */
const PENDING_NAMED = 3;
const PENDING_WHAT_CHARS = 100;

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function joinClauses(clauses: string[]): string {
  if (clauses.length <= 2) return clauses.join(' and ');
  return `${clauses.slice(0, -1).join(', ')}, and ${clauses.at(-1)}`;
}

/**
 * Every warning about one ask as one short paragraph: what the rules noticed, in one sentence, then
 * the one piece of advice that fits best (giving first, room, a catch-up, or patience). Empty when
 * there is nothing to say.
 */
export function describeWarnings(warnings: AskWarning[]): string {
  const clauses: string[] = [];
  const advice: string[] = [];
  const pending: string[] = [];
  for (const w of warnings) {
    switch (w.kind) {
      case 'ask_only':
        clauses.push(`${w.asks} of your last ${w.of} touches with them were asks`);
        advice.push(
          'Next time, try giving first: share something useful, make an introduction, or just check in.',
        );
        break;
      case 'too_many':
        clauses.push(`this is your ${ordinal(w.asks)} ask in ${w.withinDays} days`);
        advice.push('Give them some room, or offer something in return.');
        break;
      case 'after_silence':
        clauses.push(`you had not been in touch for ${describeDays(w.silentDays)} before this ask`);
        advice.push('A catch-up first makes an ask land better.');
        break;
      case 'pending_ask':
        pending.push(w.what);
        break;
    }
  }
  if (pending.length) {
    const named = pending.slice(0, PENDING_NAMED).map((what) => `“${truncate(what, PENDING_WHAT_CHARS)}”`);
    const rest = pending.length > PENDING_NAMED ? ` and ${pending.length - PENDING_NAMED} more` : '';
    clauses.push(
      pending.length === 1
        ? `you are still waiting on an earlier ask (${named[0]})`
        : `you are still waiting on ${pending.length} earlier asks (${named.join(', ')}${rest})`,
    );
    advice.push(`Patience pays: let ${pending.length === 1 ? 'that one' : 'those'} settle first.`);
  }
  if (!clauses.length) return '';
  const facts = joinClauses(clauses);
  return `${facts.charAt(0).toUpperCase()}${facts.slice(1)}. ${advice[0]}`;
}

/**
 * The flag shown beside a contact: the member's latest touches with them in the last 12
 * months are all asks (as many as the ask-only warning counts, plus the ask itself).
 */
export function isAskOnly(touches: TouchFacts[], today: LocalDate): boolean {
  const lastYear = newestFirst(
    touches.filter((t) => t.touchedOn <= today && t.touchedOn > addMonths(today, -12)),
  );
  const latest = lastYear.slice(0, ASK_RULES.askOnlyPrevious + 1);
  return latest.length === ASK_RULES.askOnlyPrevious + 1 && latest.every((t) => t.intent === 'ask');
}

/** When the latest touch was an ask, the next one should be a give. */
export function shouldGiveNext(touches: TouchFacts[]): boolean {
  return newestFirst(touches)[0]?.intent === 'ask';
}

/** The first day a polite follow-up may be suggested: never before the patience window has passed. */
export function followUpOn(askedOn: LocalDate, patienceDays: number): LocalDate {
  return addDays(askedOn, Math.max(ASK_RULES.minPatienceDays, patienceDays));
}
