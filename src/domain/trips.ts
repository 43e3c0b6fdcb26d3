import { addDays, type LocalDate } from './dates';
import { foldName } from './names';

/** A planned trip or event, with the contacts found for it (planned ones first). */
export interface Trip {
  id: number;
  city: string;
  event: string | null;
  startsOn: LocalDate;
  endsOn: LocalDate;
  contacts: { id: number; name: string; planned: boolean }[];
}

export const TRIP_RULES = { reachOutDaysBefore: 14, metPromptDaysAfter: 1 } as const;

export function reachOutOn(startsOn: LocalDate): LocalDate {
  return addDays(startsOn, -TRIP_RULES.reachOutDaysBefore);
}

export function metPromptOn(endsOn: LocalDate): LocalDate {
  return addDays(endsOn, TRIP_RULES.metPromptDaysAfter);
}

export type TripProblem = { field: 'city' | 'starts_on' | 'ends_on'; message: string };

/** What is wrong with a planned trip, field by field: an empty city, a past start, an end before the start. */
export function tripProblems(
  trip: { city: string; startsOn: LocalDate; endsOn: LocalDate },
  today: LocalDate,
): TripProblem[] {
  const problems: TripProblem[] = [];
  if (!trip.city.trim()) problems.push({ field: 'city', message: 'Which city?' });
  if (trip.startsOn < today)
    problems.push({ field: 'starts_on', message: 'That date is in the past. Plan trips that are ahead.' });
  if (trip.endsOn < trip.startsOn)
    problems.push({ field: 'ends_on', message: 'The trip ends before it starts.' });
  return problems;
}

export interface TripCandidate {
  id: number;
  name: string;
  city: string | null;
  /** Everything written about them: how you know them, wants and needs, touch notes. */
  notes: string[];
}

/**
 * The member's contacts worth reaching out to for a trip: those in the city (ignoring case and
 * accents: "zurich" finds "Zürich") and those whose notes mention the event. City matches first.
 */
export function tripMatches<T extends TripCandidate>(
  candidates: T[],
  trip: { city: string; event: string | null },
): { contact: T; why: 'city' | 'event' }[] {
  const city = foldName(trip.city);
  const event = trip.event ? foldName(trip.event) : null;
  const inCity = candidates.filter((c) => c.city !== null && foldName(c.city) === city);
  const atEvent = event
    ? candidates.filter((c) => !inCity.includes(c) && c.notes.some((n) => foldName(n).includes(event)))
    : [];
  return [
    ...inCity.map((contact) => ({ contact, why: 'city' as const })),
    ...atEvent.map((contact) => ({ contact, why: 'event' as const })),
  ];
}

/**
 * The city as the member's contacts there spell it ("Zürich" for a typed "zurich"): the spelling
 * most of the matched contacts share, the first on a tie; as typed when nobody is in town.
 */
export function citySpelling(
  typed: string,
  matches: { contact: TripCandidate; why: 'city' | 'event' }[],
): string {
  const counts = new Map<string, number>();
  for (const m of matches) {
    const city = m.why === 'city' ? m.contact.city?.trim() : undefined;
    if (city) counts.set(city, (counts.get(city) ?? 0) + 1);
  }
  let best = typed.trim();
  let most = 0;
  for (const [city, n] of counts) {
    if (n > most) [best, most] = [city, n];
  }
  return best;
}
