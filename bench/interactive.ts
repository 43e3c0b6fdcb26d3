import path from 'node:path';
import type pg from 'pg';
import { type Db, db as dbModule, ROOT } from './app';
import { quietLogger, runBench, say } from './database';
import { overHttp } from './interactive-http';
import { bulkLoad, NOW, TODAY } from './seed';

/**
 * `npm run bench:interactive`: what a member waits for, for a member with 20,000 contacts and 100,000
 * touches against one with 200 (and 1,000 touches), on the same server in the same run.
 *
 * 1. The store's list, name and picker queries, called directly, interleaved: each median and the
 *    ratio large / small (near 1: the answer does not grow with the network).
 * 2. Over HTTP, as Slack sends them: signed `/touchbase list`, `list zurich`, `due`, `show`, picker
 *    suggestions (block_suggestion) and `app_home_opened`, 10 in flight at a time, to the built app
 *    (`node dist/main.js`, its own process, web only) and to a bare Bolt app (bench/bare-app.ts, its
 *    own process) answering the same requests with no work, both talking to one local Slack emulator.
 *    Figures: ack p99 of each against the bare app's (goal ratio ≤ 1.2) and answer p99 (until the
 *    response_url post or views.publish reaches the emulator; goal under 150 ms, Home under 300 ms).
 *
 * A measurement, not a test: no pass/fail, exit 0 whatever the figures.
 *
 * BENCH_DATABASE_URL (or DATABASE_URL) names a server to run on (a fresh database is created and
 * dropped); otherwise an embedded PostgreSQL runs in a temporary folder. BENCH_REPS sets the
 * repetitions of part 1 (31) and BENCH_REQUESTS the requests per operation, member and app in part 2
 * (200); BENCH_EXPLAIN=1 prints EXPLAIN (ANALYZE, BUFFERS) of every query for the large
 * member.
 */

/** The app's own build, as bench/app.ts loads the rest (the store functions timed here). */
const contactSearch = require(
  path.join(ROOT, 'dist', 'store', 'contact-search.js'),
) as typeof import('../src/store/contact-search');
const home = require(path.join(ROOT, 'dist', 'store', 'home.js')) as typeof import('../src/store/home');
const due = require(path.join(ROOT, 'dist', 'store', 'due.js')) as typeof import('../src/store/due');
const digests = require(
  path.join(ROOT, 'dist', 'store', 'digests.js'),
) as typeof import('../src/store/digests');

const TEAM = 'T0BENCH';
const LARGE = { teamId: TEAM, userId: 'U0LARGE', contacts: 20_000 };
const SMALL = { teamId: TEAM, userId: 'U0SMALL', contacts: 200 };
/** Other members own the other contacts around them, so each member's rows lie scattered through the table. */
const OTHER_MEMBERS = 500;
const PAGE_SIZE = 20;
const WARMUP = 3;
const REPS = Number(process.env.BENCH_REPS) || 31;

const n = (x: number) => x.toLocaleString('en');
const ms = (x: number) => `${x.toFixed(2)} ms`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/**
 * Both members' contacts and the others', one statement, interleaved by n so that each member's rows
 * are spread over the table as if added over years. Names, companies and cities mix accents and
 * scripts; 10% have no cadence (imported, not yet sorted), 2% are archived; next check-ins spread
 * from 200 days overdue to a year ahead. Both measured members also get one "Zoë Ångström", the
 * only contact of that name, for the exact-name lookup.
 */
async function seed(client: pg.ClientBase): Promise<number> {
  await client.query(
    `INSERT INTO members (team_id, user_id, created_at)
     SELECT $1::text, u, $2::timestamptz FROM unnest($3::text[]) u
     UNION ALL
     SELECT $1::text, 'U0OTHER' || m, $2::timestamptz FROM generate_series(0, $4::int - 1) m`,
    [TEAM, NOW, [LARGE.userId, SMALL.userId], OTHER_MEMBERS],
  );
  // Every sixth row is the large member's, every six hundredth (offset by one) the small one's, one
  // fewer than their size: each also gets the Zoë Ångström below.
  const { rowCount } = await client.query(
    `INSERT INTO contacts (team_id, user_id, name, company, role, city, cadence, added_on, next_due_on,
                           last_touch_on, transition_kind, transition_on, archived_at, created_at, updated_at)
     SELECT $1::text, owner, first_name || ' ' || last_name, company, role, city, cadence, $7::date - 400,
            CASE WHEN cadence <> 'none' THEN $7::date - 200 + abs(h % 565) END,
            $7::date - 30 - abs(h / 23 % 300),
            CASE WHEN abs(h / 29 % 100) = 0 THEN 'new_job' END,
            CASE WHEN abs(h / 29 % 100) = 0 THEN $7::date - abs(h / 31 % 90) END,
            CASE WHEN abs(h / 7 % 50) = 0 THEN $8::timestamptz END,
            $8::timestamptz, $8::timestamptz
     FROM generate_series(0, $2::int - 1) n
     CROSS JOIN LATERAL (SELECT hashint4(n) AS h) hashed
     CROSS JOIN LATERAL (
       SELECT CASE WHEN n % 6 = 0 AND n / 6 < $3::int THEN $5::text
                   WHEN n % 600 = 1 AND n / 600 < $4::int THEN $6::text
                   ELSE 'U0OTHER' || (n % $9::int) END AS owner,
              (ARRAY['Ann', 'Anne', 'Anna', 'José', 'Zoë', 'Łukasz', 'Björn', 'Chloé', 'Émile', 'François',
                     'Jürgen', 'Søren', 'Siobhán', 'Mateo', 'Raúl', 'Zoltán', 'Ingrid', 'Mei', 'Priya', 'Kwame',
                     'Olúwaseun', 'Dmitri', 'Анна', 'Ιωάννης', 'Noël', 'Ömer', 'Çağla', 'Åsa', 'Thérèse', 'Grace',
                     'Linus', 'Ada', 'Alan', 'Barbara', 'Edsger', 'Niklaus', 'Frances', 'Ken', 'Dennis', 'Margaret'])
                [abs(h % 40) + 1] AS first_name,
              (ARRAY['García', 'Müller', 'Nowak', 'Łódzki', 'Brontë', 'Dvořák', 'Smith', 'Jones', 'Okafor',
                     'Nguyễn', 'Kowalski', 'Hernández', 'Öztürk', 'Papadopoulos', 'Иванов', 'Schröder', 'Lefèvre',
                     'Núñez', 'Sørensen', 'Hopper', 'Torvalds', 'Lovelace', 'Turing', 'Liskov', 'Dijkstra', 'Wirth',
                     'Allen', 'Thompson', 'Ritchie', 'Hamilton', 'Rossi', 'Bianchi', 'Kim', 'Park', 'Tanaka',
                     'Suzuki', 'Singh', 'Patel', 'Cohen', 'Lévy', 'Martín', 'Fernández', 'Pérez', 'Gómez', 'Díaz',
                     'Silva', 'Santos', 'Costa', 'Ferreira', 'Ólafsson'])[abs(h / 40 % 50) + 1] AS last_name,
              (ARRAY['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises',
                     'Société Générale', 'Nestlé', 'Škoda'])[abs(h / 3 % 10) + 1] AS company,
              (ARRAY['Engineer', 'Designer', 'Founder', 'Product manager', 'Recruiter', 'Investor',
                     'Directrice générale'])[abs(h / 11 % 7) + 1] AS role,
              (ARRAY['Berlin', 'Lisbon', 'New York', 'Nairobi', 'São Paulo', 'Zürich', 'Łódź', 'Kraków',
                     'Montréal', 'Reykjavík', 'Chicago'])[abs(h / 13 % 11) + 1] AS city,
              CASE WHEN abs(h / 17 % 10) = 0 THEN 'none'
                   ELSE (ARRAY['biweekly', 'monthly', 'quarterly', 'semiannual', 'yearly'])[abs(h / 19 % 5) + 1]
              END AS cadence
     ) contact`,
    [
      TEAM,
      6 * LARGE.contacts,
      LARGE.contacts - 1,
      SMALL.contacts - 1,
      LARGE.userId,
      SMALL.userId,
      TODAY,
      NOW,
      OTHER_MEMBERS,
    ],
  );
  await client.query(
    `INSERT INTO contacts (team_id, user_id, name, company, cadence, added_on, next_due_on, created_at, updated_at)
     SELECT $1::text, u, 'Zoë Ångström', 'Nestlé', 'quarterly', $3::date, $3::date + 91, $4::timestamptz, $4::timestamptz
     FROM unnest($2::text[]) u`,
    [TEAM, [LARGE.userId, SMALL.userId], TODAY, NOW],
  );
  return (rowCount ?? 0) + 2;
}

/** Touches per contact of the two measured members: 100,000 for the large one, 1,000 for the small. */
const TOUCHES_PER_CONTACT = 5;

/**
 * The measured members' touches: five per contact, two months apart back from its last touch, a mix
 * of gives, asks and catch-ups; every ask has its ask row, pending when made in the last 60 days.
 */
async function seedTouches(client: pg.ClientBase): Promise<number> {
  const { rowCount } = await client.query(
    `INSERT INTO touches (team_id, user_id, contact_id, touched_on, kind, intent, note, created_at)
     SELECT c.team_id, c.user_id, c.id, c.last_touch_on - 61 * k,
            (ARRAY['call', 'video', 'in_person', 'message', 'email', 'event'])[(c.id + k) % 6 + 1],
            (ARRAY['give', 'ask', 'catch_up'])[(c.id + k) % 3 + 1], 'Talked about their work', $3::timestamptz
     FROM contacts c CROSS JOIN generate_series(0, $4::int - 1) k
     WHERE c.team_id = $1::text AND c.user_id = ANY ($2::text[]) AND c.last_touch_on IS NOT NULL`,
    [TEAM, [LARGE.userId, SMALL.userId], NOW, TOUCHES_PER_CONTACT],
  );
  await client.query(
    `INSERT INTO asks (team_id, user_id, contact_id, touch_id, what, asked_on, status, follow_up_on, created_at)
     SELECT team_id, user_id, contact_id, id, 'An introduction to their team', touched_on,
            CASE WHEN touched_on > $3::date - 60 THEN 'pending' ELSE 'granted' END, touched_on + 10, $4::timestamptz
     FROM touches WHERE team_id = $1::text AND user_id = ANY ($2::text[]) AND intent = 'ask'`,
    [TEAM, [LARGE.userId, SMALL.userId], TODAY, NOW],
  );
  return rowCount ?? 0;
}

interface Operation {
  label: string;
  run(db: Db, member: { teamId: string; userId: string }): Promise<unknown>;
}

const OPERATIONS: Operation[] = [
  {
    label: 'list, page 1',
    run: (db, m) =>
      contactSearch.contactPage(db, m, { search: '', today: TODAY, page: 0, pageSize: PAGE_SIZE }),
  },
  {
    label: 'list, page 6',
    run: (db, m) =>
      contactSearch.contactPage(db, m, { search: '', today: TODAY, page: 5, pageSize: PAGE_SIZE }),
  },
  {
    label: 'list "zurich", page 1',
    run: (db, m) =>
      contactSearch.contactPage(db, m, { search: 'zurich', today: TODAY, page: 0, pageSize: PAGE_SIZE }),
  },
  {
    label: 'name "zoe angstrom" (one exact)',
    run: (db, m) => contactSearch.contactsNamed(db, m, 'zoe angstrom', { archived: false, limit: 25 }),
  },
  {
    label: 'name "ann" (partial, many)',
    run: (db, m) => contactSearch.contactsNamed(db, m, 'ann', { archived: false, limit: 25 }),
  },
  {
    label: 'name "xavier" (none)',
    run: (db, m) => contactSearch.contactsNamed(db, m, 'xavier', { archived: false, limit: 25 }),
  },
  { label: 'picker "ann"', run: (db, m) => contactSearch.pickContacts(db, m, 'ann', 20) },
  {
    label: 'due: first 40, and how many',
    run: (db, m) =>
      due.dueCandidates(db, m, { today: TODAY, after: null, upTo: TODAY, limit: 40, freshFirst: true }),
  },
  { label: 'App Home: every section', run: (db, m) => home.loadHomeInput(db, m, TODAY) },
  {
    label: 'digest composer input',
    run: async (db, m) => {
      const outlook = await digests.digestOutlook(db, m, TODAY);
      if (!outlook) throw new Error('the large member is missing');
      return digests.loadDigestInput(db, m, TODAY, outlook);
    },
  },
];

/**
 * A Db that runs each statement twice: once under EXPLAIN (ANALYZE, BUFFERS), printed, then for real.
 * A prepared statement is explained on its generic plan, the one the app runs (src/store/db.ts).
 */
function explaining(pool: pg.Pool): Db {
  // Statements come as text and values, or as a prepared statement's config (src/store/db.ts).
  const query = async (statement: string | pg.QueryConfig, values?: unknown[]) => {
    const {
      text,
      values: params = values,
      name,
    } = typeof statement === 'string' ? { text: statement, name: undefined } : statement;
    const client = await pool.connect();
    try {
      let plan: { 'QUERY PLAN': string }[];
      if (name) {
        await client.query(`PREPARE bench_explained AS ${text}`);
        const literals = (params ?? []).map((v) =>
          v === null ? 'NULL' : client.escapeLiteral(Array.isArray(v) ? `{${v.join(',')}}` : String(v)),
        );
        try {
          ({ rows: plan } = await client.query(
            `EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_explained(${literals.join(', ')})`,
          ));
        } finally {
          await client.query('DEALLOCATE bench_explained');
        }
      } else {
        ({ rows: plan } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params));
      }
      say(`  ${name ? `${name}, its generic plan` : 'not prepared, planned for its values'}:`);
      say(plan.map((r) => `    ${r['QUERY PLAN']}`).join('\n'));
    } finally {
      client.release();
    }
    return pool.query(statement, values);
  };
  return { query } as unknown as Db;
}

runBench('bench:interactive', async ({ bench, pool, onExit }) => {
  const started = performance.now();
  const client = await pool.connect();
  let inserted: number;
  let touches: number;
  try {
    // Triggers off for the load leave members' next_item_on stale: nothing timed here reads it.
    inserted = await bulkLoad(client, 'contacts', () => seed(client));
    touches = await bulkLoad(client, 'touches', () => seedTouches(client));
    // The load ran with triggers off: the day counts the Home's balance reads, and the network sizes
    // the Home and the list show, are summed once here.
    await client.query(
      `INSERT INTO touch_days (team_id, user_id, day, intent, touches)
       SELECT team_id, user_id, touched_on, intent, count(*) FROM touches GROUP BY 1, 2, 3, 4`,
    );
    await client.query(
      `INSERT INTO member_networks (team_id, user_id, active_contacts)
       SELECT team_id, user_id, count(*) FROM contacts WHERE archived_at IS NULL GROUP BY 1, 2`,
    );
    await client.query('VACUUM ANALYZE contacts');
    await client.query('VACUUM ANALYZE touches');
    await client.query('VACUUM ANALYZE asks');
    await client.query('VACUUM ANALYZE touch_days');
  } finally {
    client.release();
  }
  const { rows: owned } = await pool.query<{ user_id: string; contacts: number }>(
    `SELECT user_id, count(*)::int AS contacts FROM contacts WHERE team_id = $1::text AND user_id = ANY ($2::text[])
     GROUP BY user_id`,
    [TEAM, [LARGE.userId, SMALL.userId]],
  );
  const count = (userId: string) => owned.find((r) => r.user_id === userId)?.contacts ?? 0;
  say(
    `seed: ${n(inserted)} contacts in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${n(count(LARGE.userId))} for the large member, ${n(count(SMALL.userId))} for the small one, ` +
      `the rest for ${OTHER_MEMBERS} others; ${n(touches)} touches for the two`,
  );

  // The reads run on a pool made as the app makes its own (its connection settings: no JIT).
  const appPool = dbModule.createPool(bench.url, { max: 4, logger: quietLogger });
  onExit(() => appPool.end());
  const times = new Map<string, { large: number[]; small: number[] }>();
  for (const op of OPERATIONS) times.set(op.label, { large: [], small: [] });
  for (let i = 0; i < WARMUP + REPS; i++) {
    for (const op of OPERATIONS) {
      // Alternate which member goes first, so neither always runs on the other's warm caches.
      const order = i % 2 ? ([LARGE, SMALL] as const) : ([SMALL, LARGE] as const);
      for (const member of order) {
        const t0 = performance.now();
        await op.run(appPool, member);
        const took = performance.now() - t0;
        if (i >= WARMUP) times.get(op.label)?.[member === LARGE ? 'large' : 'small'].push(took);
      }
    }
  }

  if (process.env.BENCH_EXPLAIN) {
    // Which prepared statements PostgreSQL runs on a generic plan and which it plans anew each time
    // (a custom plan: the planning, often longer than the run, at every request), summed over the
    // pool's connections.
    const clients = await Promise.all(Array.from({ length: 4 }, () => appPool.connect()));
    const plans = new Map<string, { generic: number; custom: number }>();
    try {
      for (const c of clients) {
        const { rows } = await c.query<{ name: string; generic_plans: string; custom_plans: string }>(
          'SELECT name, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY name',
        );
        for (const r of rows) {
          const sum = plans.get(r.name) ?? { generic: 0, custom: 0 };
          plans.set(r.name, {
            generic: sum.generic + Number(r.generic_plans),
            custom: sum.custom + Number(r.custom_plans),
          });
        }
      }
    } finally {
      for (const c of clients) c.release();
    }
    say('\n== prepared statements: runs on a generic plan, runs planned anew');
    for (const [name, { generic, custom }] of plans)
      say(`${name.padEnd(40)}${String(generic).padStart(8)}${String(custom).padStart(8)}`);
    for (const op of OPERATIONS) {
      say(`\n== EXPLAIN, large member: ${op.label}`);
      await op.run(explaining(appPool), LARGE);
    }
  }

  say(
    `\n== bench:interactive: medians of ${REPS} runs each, ${n(LARGE.contacts)} vs ${n(SMALL.contacts)} contacts`,
  );
  say(`${'operation'.padEnd(34)}${'large'.padStart(12)}${'small'.padStart(12)}${'ratio'.padStart(9)}`);
  for (const op of OPERATIONS) {
    const t = times.get(op.label);
    if (!t) continue;
    const large = median(t.large);
    const small = median(t.small);
    say(
      `${op.label.padEnd(34)}${ms(large).padStart(12)}${ms(small).padStart(12)}${(large / small).toFixed(2).padStart(9)}`,
    );
  }

  if (process.env.BENCH_REQUESTS === '0') return;
  await overHttp({ databaseUrl: bench.url, team: TEAM, large: LARGE.userId, small: SMALL.userId, onExit });
});
