import { MAX_YEAR, MIN_YEAR } from '../domain/dates';
import { FIELD_LIMITS, truncate } from '../domain/limits';
import { foldName } from '../domain/names';
import { cleanLine, cleanText } from '../domain/text-input';
import type { ImportedPerson, SkippedRow } from './types';

/** A person as a file gives them, before cleaning, cutting and the duplicate check. */
export interface RawPerson {
  line: number;
  name: string;
  company?: string | undefined;
  role?: string | undefined;
  city?: string | undefined;
  email?: string | undefined;
  profileUrl?: string | undefined;
  connectedOn?: string | null | undefined;
  birthday?: string | null | undefined;
  note?: string | undefined;
}

/** Where a person sits in the file, as the preview names it: a CSV line or a vCard's number. */
export type Place = 'line' | 'card';

// Cells that start with = + - @ are kept exactly as typed: they are names and notes, not
// formulas. Nothing here evaluates them; escaping them is the job of whatever later writes a
// spreadsheet (the export), and Slack shows them as text.

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;
const MAX_EMAIL = 320;
const MAX_URL = 500;

/**
 * A LinkedIn profile in one spelling whatever the file wrote (`linkedin.com/in/X/`,
 * `http://de.linkedin.com/in/x?trk=…`), so a re-import matches on it. Other sites are not
 * profiles: a company's website is shared by colleagues and would match the wrong person.
 */
export function linkedinProfile(text: string): string | null {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return null;
  const path = url.pathname.replace(/\/+$/, '').toLowerCase();
  if (!/^\/(in|pub)\/[^/]+/.test(path)) return null;
  return `https://www.linkedin.com${path}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function ymd(year: number, month: number, day: number): string | null {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (!days || day < 1 || day > days || year < MIN_YEAR || year > MAX_YEAR) return null;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** A connection date: LinkedIn's `01 Mar 2021`, or ISO `2021-03-01`. */
export function parseConnectedOn(text: string | undefined): string | null {
  const t = (text ?? '').trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (iso) return ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /^(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z]*\.?[\s-]+(\d{4})$/.exec(t);
  if (!dmy) return null;
  const month = MONTHS.indexOf((dmy[2] as string).toLowerCase()) + 1;
  return month ? ymd(Number(dmy[3]), month, Number(dmy[1])) : null;
}

// Apple writes a birthday without a year as this year (with X-APPLE-OMIT-YEAR=1604).
const NO_YEAR = 1604;

/**
 * A birthday as `YYYY-MM-DD`, or `MM-DD` when the file knows no year: vCard's `1985-07-14`,
 * `19850714`, `--07-14`, `--0714`; Outlook's `7/14/1985` (month first, as Outlook writes it,
 * unless the first number cannot be a month). Anything else, Outlook's `0/0/00` included, is none.
 */
export function parseBirthday(text: string | undefined): string | null {
  const t = (text ?? '').trim();
  const noYear = /^--(\d{2})-?(\d{2})$/.exec(t);
  if (noYear) return ymd(2000, Number(noYear[1]), Number(noYear[2])) ? `${noYear[1]}-${noYear[2]}` : null;
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(t);
  if (full) {
    const [year, month, day] = [Number(full[1]), Number(full[2]), Number(full[3])];
    if (year === NO_YEAR) return ymd(2000, month, day) ? `${full[2]}-${full[3]}` : null;
    return ymd(year, month, day);
  }
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (!slashed) return null;
  let [month, day] = [Number(slashed[1]), Number(slashed[2])];
  if (month > 12) [month, day] = [day, month];
  return ymd(Number(slashed[3]), month, day);
}

function limited(
  field: 'name' | 'company' | 'role' | 'city' | 'note',
  value: string,
  cut: string[],
): string | null {
  if (!value) return null;
  // Counting code points costs an array per cell; only a string this long can be over.
  if (value.length <= FIELD_LIMITS[field]) return value;
  const kept = truncate(value, FIELD_LIMITS[field]);
  if (kept !== value) cut.push(field);
  return kept;
}

function clean(raw: RawPerson, anyUrl: boolean): ImportedPerson {
  const cut: string[] = [];
  const name = limited('name', cleanLine(raw.name), cut) ?? '';
  const company = limited('company', cleanLine(raw.company), cut);
  const role = limited('role', cleanLine(raw.role), cut);
  const city = limited('city', cleanLine(raw.city), cut);
  const note = limited('note', cleanText(raw.note), cut);

  let email: string | null = cleanLine(raw.email);
  if (!EMAIL.test(email)) email = null;
  else if (email.length > MAX_EMAIL) {
    email = null;
    cut.push('email');
  }

  const urlText = cleanLine(raw.profileUrl);
  let profileUrl = urlText ? linkedinProfile(urlText) : null;
  if (!profileUrl && anyUrl && /^https?:\/\/\S+$/i.test(urlText)) profileUrl = urlText;
  if (profileUrl && profileUrl.length > MAX_URL) {
    profileUrl = null;
    cut.push('profileUrl');
  }

  return {
    name,
    company,
    role,
    city,
    email,
    profileUrl,
    connectedOn: raw.connectedOn ?? null,
    birthday: raw.birthday ?? null,
    note,
    line: raw.line,
    cut,
  };
}

/** Two rows with the same name and company are one person unless a profile or an email tells them apart. */
function differ(a: ImportedPerson, b: ImportedPerson): boolean {
  if (a.profileUrl && b.profileUrl && a.profileUrl !== b.profileUrl) return true;
  return !!(a.email && b.email && a.email.toLowerCase() !== b.email.toLowerCase());
}

/**
 * Cleans and cuts every row, and sets aside rows with no name and second sightings of a person
 * already in the file (same profile, same email, or same name and company), saying why.
 * `anyUrl`: the member mapped a column as the profile URL, so any web address in it is one.
 */
export function collectPeople(
  raws: RawPerson[],
  place: Place,
  anyUrl = false,
): { people: ImportedPerson[]; skipped: SkippedRow[] } {
  const people: ImportedPerson[] = [];
  const skipped: SkippedRow[] = [];
  const byUrl = new Map<string, ImportedPerson>();
  const byEmail = new Map<string, ImportedPerson>();
  const byNameCompany = new Map<string, ImportedPerson[]>();
  for (const raw of raws) {
    const person = clean(raw, anyUrl);
    if (!person.name) {
      skipped.push({ line: person.line, reason: 'no name' });
      continue;
    }
    const emailKey = person.email?.toLowerCase();
    const nameKey = `${foldName(person.name)}\u0000${foldName(person.company ?? '')}`;
    const first =
      (person.profileUrl ? byUrl.get(person.profileUrl) : undefined) ??
      (emailKey ? byEmail.get(emailKey) : undefined) ??
      byNameCompany.get(nameKey)?.find((other) => !differ(other, person));
    if (first) {
      skipped.push({ line: person.line, reason: `the same person as ${place} ${first.line}` });
      continue;
    }
    people.push(person);
    if (person.profileUrl) byUrl.set(person.profileUrl, person);
    if (emailKey) byEmail.set(emailKey, person);
    const sameName = byNameCompany.get(nameKey);
    if (sameName) sameName.push(person);
    else byNameCompany.set(nameKey, [person]);
  }
  return { people, skipped };
}
