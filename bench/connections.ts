/**
 * The LinkedIn export bench:import reads, made in memory, and the member's network it meets. Both the
 * bench and the import it runs in a child process make the same file from the same numbers.
 *
 * Row i (0-based) is one connection with a name, profile URL and company of its own (names mix
 * accents and scripts; one in ten has an email address). A re-import's file is the same rows with the
 * jobs of `changedBatches` batches of JOB_CHANGES_PER_BATCH people changed, batch b holding rows
 * CHANGE_FROM + b × JOB_CHANGES_PER_BATCH onwards: re-import b finds batch b's 500 new jobs and the
 * earlier batches' already recorded.
 */
export const ROWS = 30_000;
export const EXISTING = 10_000;
/** Existing contacts that are people of the file: by profile URL, by email, by name and company. */
export const MATCH_BY_PROFILE = 1_000;
export const MATCH_BY_EMAIL = 500;
export const MATCH_BY_NAME = 500;
/** Existing contacts named as a person of the file but at another company: possible duplicates. */
export const NAMESAKES = 300;
export const MATCHED = MATCH_BY_PROFILE + MATCH_BY_EMAIL + MATCH_BY_NAME;
export const JOB_CHANGES_PER_BATCH = 500;
/** Job changes go to people the first import brought in, not to the matched or namesakes. */
const CHANGE_FROM = 10_000;

const FIRST = [
  'Ann',
  'Anne',
  'Anna',
  'José',
  'Zoë',
  'Łukasz',
  'Björn',
  'Chloé',
  'Émile',
  'François',
  'Jürgen',
  'Søren',
  'Siobhán',
  'Mateo',
  'Raúl',
  'Zoltán',
  'Ingrid',
  'Mei',
  'Priya',
  'Kwame',
  'Olúwaseun',
  'Dmitri',
  'Анна',
  'Ιωάννης',
  'Noël',
  'Ömer',
  'Çağla',
  'Åsa',
  'Thérèse',
  'Grace',
  'Linus',
  'Ada',
  'Alan',
  'Barbara',
  'Edsger',
  'Niklaus',
  'Frances',
  'Ken',
  'Dennis',
  'Margaret',
];
const LAST = [
  'García',
  'Müller',
  'Nowak',
  'Łódzki',
  'Brontë',
  'Dvořák',
  'Smith',
  'Jones',
  'Okafor',
  'Nguyễn',
  'Kowalski',
  'Hernández',
  'Öztürk',
  'Papadopoulos',
  'Иванов',
  'Schröder',
  'Lefèvre',
  'Núñez',
  'Sørensen',
  'Hopper',
  'Torvalds',
  'Lovelace',
  'Turing',
  'Liskov',
  'Dijkstra',
  'Wirth',
  'Allen',
  'Thompson',
  'Ritchie',
  'Hamilton',
];
const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark Industries',
  'Wayne Enterprises',
  'Société Générale',
  'Nestlé',
  'Škoda',
  'Stripe, Inc.',
  'Roddenberry Foundation',
];
const ROLES = [
  'Engineer',
  'Designer',
  'Founder',
  'Product manager',
  'Technical Recruiter',
  'Investor',
  'Directrice générale',
  'Consultant, Nonprofit Strategy',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Connection {
  first: string;
  last: string;
  url: string;
  email: string;
  company: string;
  role: string;
  connectedOn: string;
}

/** Row i: every name in the file is its own (the second surname tells the 1,200 first/last pairs apart). */
export function connection(i: number, changedBatches = 0): Connection {
  const pair = FIRST.length * LAST.length;
  const first = FIRST[i % FIRST.length] as string;
  const last = `${LAST[Math.floor(i / FIRST.length) % LAST.length]}-${LAST[Math.floor(i / pair) % LAST.length]}`;
  const slug = `bench-${i.toString(36)}`;
  let company = COMPANIES[i % COMPANIES.length] as string;
  let role = ROLES[i % ROLES.length] as string;
  const batch = Math.floor((i - CHANGE_FROM) / JOB_CHANGES_PER_BATCH);
  if (i >= CHANGE_FROM && batch < changedBatches) {
    // Half move to another company, half are promoted where they are.
    if (i % 2) company = `Globex ${batch + 1}`;
    else role = `VP Engineering ${batch + 1}`;
  }
  const connected = new Date(Date.UTC(2010, 0, 1) + (i % 5_800) * 86_400_000);
  return {
    first,
    last,
    url: `https://www.linkedin.com/in/${slug}`,
    email: i % 10 === 3 ? `${slug}@example.org` : '',
    company,
    role,
    connectedOn: `${String(connected.getUTCDate()).padStart(2, '0')} ${MONTHS[connected.getUTCMonth()]} ${connected.getUTCFullYear()}`,
  };
}

const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Connections.csv as LinkedIn sends it: BOM, the "Notes:" preamble, CRLF. */
export function connectionsCsv(changedBatches = 0): Buffer {
  const lines = [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  ];
  for (let i = 0; i < ROWS; i++) {
    const c = connection(i, changedBatches);
    lines.push([c.first, c.last, c.url, c.email, c.company, c.role, c.connectedOn].map(cell).join(','));
  }
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export interface ExistingContact {
  name: string;
  company: string | null;
  role: string | null;
  email: string | null;
  profileUrl: string | null;
  cadence: string;
}

/**
 * The member's 10,000 contacts before the import: MATCHED of them are people of the file (rows 0…999
 * by profile URL; 500 rows with an email, by that email in capitals; rows 6,000…6,499 by name and
 * company), NAMESAKES share the name of rows 7,000…7,299 at another company, and the rest are
 * nobody in the file. Added by hand over the years: most have a cadence, none a connection date.
 */
export function existingContacts(): ExistingContact[] {
  const out: ExistingContact[] = [];
  const fromRow = (i: number, keep: 'profile' | 'email' | 'name'): ExistingContact => {
    const c = connection(i);
    return {
      name: `${c.first} ${c.last}`,
      company: c.company,
      role: c.role,
      email: keep === 'email' ? c.email.toUpperCase() : null,
      profileUrl: keep === 'profile' ? c.url : null,
      cadence: 'quarterly',
    };
  };
  for (let i = 0; i < MATCH_BY_PROFILE; i++) out.push(fromRow(i, 'profile'));
  // Rows 1,003, 1,013, …: the ones with an email address.
  for (let k = 0; k < MATCH_BY_EMAIL; k++) out.push(fromRow(1_003 + 10 * k, 'email'));
  for (let i = 6_000; i < 6_000 + MATCH_BY_NAME; i++) out.push(fromRow(i, 'name'));
  for (let i = 7_000; i < 7_000 + NAMESAKES; i++) {
    const c = connection(i);
    out.push({ ...fromRow(i, 'name'), company: `Not ${c.company}` });
  }
  for (let n = out.length; n < EXISTING; n++) {
    out.push({
      // No hyphenated surname: nobody in the file.
      name: `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / 7) % LAST.length]}`,
      company: COMPANIES[n % COMPANIES.length] as string,
      role: ROLES[n % ROLES.length] as string,
      email: n % 4 === 0 ? `known-${n}@example.com` : null,
      profileUrl: n % 3 === 0 ? `https://www.linkedin.com/in/known-${n}` : null,
      cadence: (['monthly', 'quarterly', 'yearly', 'none'] as const)[n % 4] as string,
    });
  }
  return out;
}
