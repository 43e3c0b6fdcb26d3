/**
 * How long each field a member types may be. The modals (max_length), the form checks (zod) and
 * the store read these; the CHECK constraints in migrations/001 and later stay as the last line of
 * defence and must not be stricter.
 */
export const FIELD_LIMITS = {
  name: 200,
  company: 200,
  role: 200,
  city: 200,
  howMet: 3000,
  wantsNeeds: 3000,
  note: 3000,
  askWhat: 300,
  introToName: 200,
  introWhy: 3000,
  tripCity: 200,
  tripEvent: 200,
  transitionNote: 3000,
  /** What a date worth remembering is for ("work anniversary"). */
  dateLabel: 100,
  /** What follows a subcommand: a name or a search; longer was not typed on purpose. */
  commandArg: 200,
} as const;

export type LimitedField = keyof typeof FIELD_LIMITS;

/** Cuts text to `max` characters (code points, so an emoji is never split), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  // No more UTF-16 units than `max` means no more code points: nearly every text, answered without
  // splitting it (every block of every message and Home passes through here).
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
