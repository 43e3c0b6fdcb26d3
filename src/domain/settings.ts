import { addDays, formatDate, type LocalDate } from './dates';
import { foldName } from './names';

/** ISO weekdays (1 = Monday … 7 = Sunday), as the member reads them. */
export const WEEKDAYS = [
  { iso: 1, short: 'Mon', long: 'Monday' },
  { iso: 2, short: 'Tue', long: 'Tuesday' },
  { iso: 3, short: 'Wed', long: 'Wednesday' },
  { iso: 4, short: 'Thu', long: 'Thursday' },
  { iso: 5, short: 'Fri', long: 'Friday' },
  { iso: 6, short: 'Sat', long: 'Saturday' },
  { iso: 7, short: 'Sun', long: 'Sunday' },
] as const;

export const HOURS: readonly number[] = Array.from({ length: 24 }, (_, h) => h);

/** 7 → "07:00". */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** "America/Argentina/Buenos_Aires" → "America/Argentina/Buenos Aires": how a person reads a zone name. */
export function zoneLabel(tz: string): string {
  return tz.replaceAll('_', ' ');
}

/** Case, accents, underscores and runs of spaces do not matter when looking for a zone. */
function foldZone(text: string): string {
  return foldName(text.replaceAll('_', ' '));
}

/**
 * How well a folded zone name fits a folded query, lower is better; undefined when it does not.
 * The city (last part) counts most, since that is what people type.
 */
function zoneRank(zone: string, q: string): number | undefined {
  const city = zone.slice(zone.lastIndexOf('/') + 1);
  if (zone === q || city === q) return 0;
  if (city.startsWith(q)) return 1;
  if (zone.startsWith(q)) return 2;
  if (!zone.includes(q)) return undefined;
  const wordStart = new RegExp(`(^|[/ -])${escapeRegExp(q)}`).test(zone);
  return wordStart ? 3 : 4;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The zones that fit what the member typed, best first (an exact city, then a city that starts
 * with it, then a region, then any word, then anywhere), alphabetical within each, at most `limit`.
 * An empty query lists them all alphabetically.
 */
export function searchTimeZones(query: string, zones: readonly string[], limit: number): string[] {
  const q = foldZone(query);
  const ranked: { zone: string; rank: number }[] = [];
  for (const zone of zones) {
    const rank = q ? zoneRank(foldZone(zone), q) : 0;
    if (rank !== undefined) ranked.push({ zone, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0));
  return ranked.slice(0, Math.max(0, limit)).map((r) => r.zone);
}

/** Whether the "use my Slack time zone" choice fits what the member typed (it always does when nothing is typed). */
export function slackZoneMatches(query: string, label: string): boolean {
  const q = foldZone(query);
  return !q || foldZone(label).includes(q);
}

/** "Mon, Tue, Wed, Thu, Fri"; all seven are "every day". */
export function describeWorkDays(workDays: readonly number[]): string {
  const days = WEEKDAYS.filter((d) => workDays.includes(d.iso));
  if (days.length === WEEKDAYS.length) return 'every day';
  return `on ${days.map((d) => d.short).join(', ')}`;
}

/**
 * The member's reminder settings in plain words, e.g. "Reminders: 08:00 on Mon, Tue, Wed, Thu,
 * Fri, Europe/Berlin time. Paused until Mon, 16 Mar 2026 (they resume on Tue, 17 Mar 2026)."
 * `day` writes a date (a message passes Slack's date token).
 */
export function describeSettings(
  s: {
    digestHour: number;
    workDays: readonly number[];
    tz: string;
    tzOverride: string | null;
    pausedUntil: LocalDate | null;
    patienceDays?: number;
    weeklyBudget?: number | null;
  },
  day: (date: LocalDate) => string = formatDate,
): string {
  const zone = `${s.tz} time${s.tzOverride === null ? ' (your Slack time zone)' : ''}`;
  const patience = s.patienceDays
    ? ` Follow-ups to your asks are suggested after ${s.patienceDays} days.`
    : '';
  const budget = s.weeklyBudget
    ? ` At most ${s.weeklyBudget} check-in${s.weeklyBudget === 1 ? '' : 's'} a week: the rest move to later weeks.`
    : '';
  const when = `Reminders: ${formatHour(s.digestHour)} ${describeWorkDays(s.workDays)}, ${zone}.`;
  if (!s.pausedUntil) return `${when}${patience}${budget}`;
  return `${when} Paused until ${day(s.pausedUntil)} (they resume on ${day(addDays(s.pausedUntil, 1))}).${patience}${budget}`;
}
