import type { Cadence } from './cadence';
import type { LocalDate } from './dates';
import { foldName } from './names';
import { nextDueOn } from './schedule';

/** One person read from a file: what the import parsers (src/imports/) make of a row or a card. */
export interface IncomingPerson {
  name: string;
  company: string | null;
  role: string | null;
  city: string | null;
  /** As the file writes it, and only when it has the shape of an address (matching ignores case). */
  email: string | null;
  /** A LinkedIn profile as `https://www.linkedin.com/in/<slug>` (or, from a column the member mapped, any http(s) URL). */
  profileUrl: string | null;
  /** YYYY-MM-DD */
  connectedOn: string | null;
  /** MM-DD or YYYY-MM-DD */
  birthday: string | null;
  note: string | null;
  /** 1-based line (CSV) or card number (vCard), for the preview. */
  line: number;
  /** Fields not kept whole: cut to FIELD_LIMITS (limits.ts), or an email or URL too long to keep. */
  cut: string[];
}

export interface SkippedPerson {
  line: number;
  reason: string;
}

/** What matching needs to know of a contact the member already has. */
export interface KnownContact {
  id: number;
  name: string;
  company: string | null;
  role: string | null;
  email: string | null;
  profileUrl: string | null;
  knownSince: LocalDate | null;
  birthday: string | null;
  cadence: Cadence;
  addedOn: LocalDate;
  lastTouchOn: LocalDate | null;
  snoozedUntil: LocalDate | null;
  transitionOn: LocalDate | null;
  archived: boolean;
}

/** A matched contact whose company or role in the file differs: a new job. */
export interface JobChange {
  contactId: number;
  name: string;
  was: { company: string | null; role: string | null };
  now: { company: string | null; role: string | null };
  /** Their next check-in once the new job is noted (null: no cadence, so no reminder). */
  nextDueOn: LocalDate | null;
  line: number;
}

/** What the file knows of a matched contact that the contact lacks (email, profile, known since, birthday); null where there is nothing to fill. */
export interface Fill {
  contactId: number;
  email: string | null;
  profileUrl: string | null;
  knownSince: LocalDate | null;
  birthday: string | null;
}

/** A name (accents and case ignored) matched, but not the company: never merged unless the member ticks it in. */
export interface PossibleDuplicate {
  line: number;
  person: IncomingPerson;
  contactId: number;
  contactName: string;
  contactCompany: string | null;
}

export interface ImportPlan {
  fresh: IncomingPerson[];
  /** Matched and the same job: at most their missing details are filled in. */
  alreadyHere: { line: number; contactId: number; name: string }[];
  jobChanges: JobChange[];
  fills: Fill[];
  possibleDuplicates: PossibleDuplicate[];
  skipped: SkippedPerson[];
}

/** How much of a plan writes anything; a re-import of the same file writes nothing. */
export function changesNothing(plan: ImportPlan): boolean {
  return (
    plan.fresh.length === 0 &&
    plan.jobChanges.length === 0 &&
    plan.fills.length === 0 &&
    plan.possibleDuplicates.length === 0
  );
}

/** A profile URL as LinkedIn hands out variants of it: scheme, `www.`, case, a trailing slash or query. */
export function profileKey(url: string | null): string | null {
  if (!url) return null;
  const key = url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  return key || null;
}

function emailKey(email: string | null): string | null {
  const key = email?.trim().toLowerCase();
  return key || null;
}

function nameCompanyKey(name: string, company: string | null): string {
  return `${foldName(name)}\u0000${foldName(company ?? '')}`;
}

/** "INITECH" in one export and "Initech" in another is the same job. */
function sameText(a: string | null, b: string | null): boolean {
  return foldName(a ?? '') === foldName(b ?? '');
}

/**
 * Matches each person of a file against the member's contacts, in this order: profile URL, email
 * (case ignored), then name (accents and case ignored) with company. A name that matches with
 * another company is only a possible duplicate. A person the file has already given (same
 * profile, email, or name and company, or the same contact matched twice) is skipped. Pure: the
 * day the import is noted (`today`) is a parameter.
 */
export function planImport(
  people: IncomingPerson[],
  skippedByParser: SkippedPerson[],
  contacts: KnownContact[],
  today: LocalDate,
): ImportPlan {
  const byProfile = new Map<string, KnownContact>();
  const byEmail = new Map<string, KnownContact>();
  const byNameCompany = new Map<string, KnownContact>();
  const byName = new Map<string, KnownContact>();
  for (const c of contacts) {
    const p = profileKey(c.profileUrl);
    if (p && !byProfile.has(p)) byProfile.set(p, c);
    const e = emailKey(c.email);
    if (e && !byEmail.has(e)) byEmail.set(e, c);
    const nc = nameCompanyKey(c.name, c.company);
    if (!byNameCompany.has(nc)) byNameCompany.set(nc, c);
    const n = foldName(c.name);
    if (!byName.has(n)) byName.set(n, c);
  }

  const plan: ImportPlan = {
    fresh: [],
    alreadyHere: [],
    jobChanges: [],
    fills: [],
    possibleDuplicates: [],
    skipped: [...skippedByParser],
  };
  // What the file has given so far, to the line that gave it.
  const seen = new Map<string, number>();
  const seenContacts = new Map<number, number>();

  for (const person of people) {
    const keys = [
      profileKey(person.profileUrl) && `p:${profileKey(person.profileUrl)}`,
      emailKey(person.email) && `e:${emailKey(person.email)}`,
      `n:${nameCompanyKey(person.name, person.company)}`,
    ].filter((k): k is string => Boolean(k));
    const earlier = keys.map((k) => seen.get(k)).find((l) => l !== undefined);
    if (earlier !== undefined) {
      plan.skipped.push({ line: person.line, reason: `the same person as line ${earlier}` });
      continue;
    }
    for (const k of keys) seen.set(k, person.line);

    const pKey = profileKey(person.profileUrl);
    const eKey = emailKey(person.email);
    const matched =
      (pKey ? byProfile.get(pKey) : undefined) ??
      (eKey ? byEmail.get(eKey) : undefined) ??
      byNameCompany.get(nameCompanyKey(person.name, person.company));

    if (!matched) {
      const namesake = byName.get(foldName(person.name));
      if (namesake) {
        plan.possibleDuplicates.push({
          line: person.line,
          person,
          contactId: namesake.id,
          contactName: namesake.name,
          contactCompany: namesake.company,
        });
      } else {
        plan.fresh.push(person);
      }
      continue;
    }

    const firstLine = seenContacts.get(matched.id);
    if (firstLine !== undefined) {
      plan.skipped.push({ line: person.line, reason: `the same person as line ${firstLine}` });
      continue;
    }
    seenContacts.set(matched.id, person.line);

    // A file that leaves the company or role out says nothing about them: only a value that differs is a change.
    const company = person.company ?? matched.company;
    const role = person.role ?? matched.role;
    if (!sameText(company, matched.company) || !sameText(role, matched.role)) {
      plan.jobChanges.push({
        contactId: matched.id,
        name: matched.name,
        was: { company: matched.company, role: matched.role },
        now: { company, role },
        // A contact without a cadence gets no reminder for it: triage and the Home show the change.
        nextDueOn:
          matched.cadence === 'none' || matched.archived
            ? null
            : nextDueOn({ ...matched, transitionOn: today }),
        line: person.line,
      });
    } else {
      plan.alreadyHere.push({ line: person.line, contactId: matched.id, name: matched.name });
    }
    const fill: Fill = {
      contactId: matched.id,
      email: matched.email ? null : person.email,
      profileUrl: matched.profileUrl ? null : person.profileUrl,
      knownSince: matched.knownSince ? null : person.connectedOn,
      birthday: matched.birthday ? null : person.birthday,
    };
    if (fill.email || fill.profileUrl || fill.knownSince || fill.birthday) plan.fills.push(fill);
  }
  plan.skipped.sort((a, b) => a.line - b.line);
  return plan;
}

/** "was CTO at Acme": a job as the member knew it, for the transition's note and the digest. */
export function describeJob(job: { company: string | null; role: string | null }): string {
  if (job.role && job.company) return `${job.role} at ${job.company}`;
  return job.role ?? job.company ?? 'no job on record';
}
