import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Installation } from '@slack/bolt';
import { systemClock } from '../../src/clock';
import type { RecordedCall } from '../../src/dev/slack-emulator';
import { keyring } from '../../src/secrets';
import { installationStore } from '../../src/store/installations';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ALICE, openedViewId } from '../support/flows';
import { ENCRYPTION_KEY, type Harness, OAUTH, startHarness } from '../support/harness';

/**
 * Issue #15: OAuth installations (bot, user and refresh tokens) are kept encrypted (AES-256-GCM) under
 * TOUCHBASE_ENCRYPTION_KEY; keys rotate (`npm run rotate-key`); plaintext rows of an older release are
 * sealed at start; Slack's expiring tokens are refreshed and stored sealed again.
 */

const root = path.resolve(__dirname, '..', '..');
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !k.startsWith('SLACK_') && !k.startsWith('TOUCHBASE_') && k !== 'DATABASE_URL',
  ),
);
const oauthEnv = {
  SLACK_SIGNING_SECRET: 'test-signing-secret',
  SLACK_CLIENT_ID: '1.2',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'state-secret',
};
/** Two keys as an operator would generate them (`openssl rand -base64 32`). */
const KEY_A = Buffer.alloc(32, 0xa1).toString('base64');
const KEY_B = Buffer.alloc(32, 0xb2).toString('base64');
const T1 = { teamId: 'T0ONE', isEnterpriseInstall: false, enterpriseId: undefined };

/** The whole table as PostgreSQL prints it: what anyone with read access to the database sees. */
async function rawTable(db: TestDatabase['pool']): Promise<string> {
  const { rows } = await db.query<{ row: string }>('SELECT t::text AS row FROM slack_installations t');
  return rows.map((r) => r.row).join('\n');
}

/** Strings that must never be readable in the table: Slack's token prefixes and the tokens themselves. */
function expectNoTokenIn(raw: string, tokens: string[]) {
  for (const needle of ['xoxb-', 'xoxp-', 'xoxe-', 'xoxe.', ...tokens]) expect(raw).not.toContain(needle);
  // …and not hex-encoded either (bytea prints as hex).
  for (const token of tokens) expect(raw).not.toContain(Buffer.from(token).toString('hex'));
}

const installation = (teamId: string, bot: string, user: string, refresh?: string) =>
  ({
    team: { id: teamId, name: teamId },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: user, scopes: ['identify'] },
    bot: {
      id: 'B1',
      userId: 'UBOT',
      token: bot,
      scopes: ['commands'],
      ...(refresh ? { refreshToken: refresh, expiresAt: 1_900_000_000 } : {}),
    },
    isEnterpriseInstall: false,
    tokenType: 'bot',
    authVersion: 'v2',
  }) as unknown as Installation;

/** Installs touchbase as a member would: /slack/install, Slack's approval (a code), back to the app's redirect. */
async function installThroughOAuth(h: Harness, grant: { userId: string; expiresInS?: number }) {
  const start = await fetch(`${h.baseUrl}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const code = h.emulator.authorizationCode({ ...grant, teamId: h.emulator.teamId });
  const done = await fetch(
    `${h.baseUrl}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
    { headers: { cookie }, redirect: 'manual' },
  );
  expect(done.status).toBe(200);
  const access = h.emulator.callsTo('oauth.v2.access').at(-1) as RecordedCall;
  expect(access.ok).toBe(true);
  const response = access.response as {
    access_token: string;
    refresh_token?: string;
    authed_user: { access_token: string; refresh_token?: string };
  };
  return {
    bot: response.access_token,
    user: response.authed_user.access_token,
    refresh: [response.refresh_token, response.authed_user.refresh_token].filter((t): t is string => !!t),
  };
}

describe('through the app, in OAuth mode', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ auth: OAUTH });
  });
  afterEach(() => h.stop());

  test('an OAuth install is kept encrypted: the table shows no token, the app reads it back and answers with it', async () => {
    const tokens = await installThroughOAuth(h, { userId: ALICE.userId });
    expect(tokens.bot).toMatch(/^xoxb-/);
    expect(tokens.user).toMatch(/^xoxp-/);

    const raw = await rawTable(h.database.pool);
    expect(raw).toContain('T:T0ALPHA');
    expectNoTokenIn(raw, [tokens.bot, tokens.user]);
    const { rows } = await h.database.pool.query(
      'SELECT installation, key_id, length(ciphertext) AS bytes FROM slack_installations',
    );
    expect(rows).toEqual([{ installation: null, key_id: OAUTH.keys.current.id, bytes: expect.any(Number) }]);

    // The member's command is answered with the workspace's own token, read back through Bolt's store.
    await h.driver.slashCommand(ALICE, 'add Ada Lovelace');
    await openedViewId(h, 'contact_add', 0);
    expect(h.emulator.callsTo('views.open').map((c) => [c.token, c.ok])).toEqual([[tokens.bot, true]]);
  });

  test('an expired bot token is refreshed on the next request, stored encrypted, and the request works', async () => {
    const first = await installThroughOAuth(h, { userId: ALICE.userId, expiresInS: 12 * 60 * 60 });
    expect(first.bot).toMatch(/^xoxe\.xoxb-/);
    // Slack's 12 hours have passed: the token is refused from now on.
    h.emulator.expireToken(first.bot);
    const store = installationStore(h.database.pool, systemClock, OAUTH.keys);
    const stored = await store.fetchInstallation({ ...T1, teamId: h.emulator.teamId });
    // What the install stored says when it expires; as if that time had come.
    await store.storeInstallation({
      ...stored,
      bot: {
        ...(stored.bot as NonNullable<Installation['bot']>),
        expiresAt: Math.floor(Date.now() / 1000) - 60,
      },
    });

    await h.driver.slashCommand(ALICE, 'add Ada Lovelace');
    await openedViewId(h, 'contact_add', 0);

    const refresh = h.emulator
      .callsTo('oauth.v2.access')
      .filter((c) => c.args.grant_type === 'refresh_token');
    expect(refresh.map((c) => [c.args.refresh_token, c.ok])).toEqual([[first.refresh[0], true]]);
    const fresh = (refresh[0]?.response as { access_token: string; refresh_token: string }) ?? {};
    expect(fresh.access_token).not.toBe(first.bot);
    expect(h.emulator.callsTo('views.open').map((c) => [c.token, c.ok])).toEqual([
      [fresh.access_token, true],
    ]);

    const after = await store.fetchInstallation({ ...T1, teamId: h.emulator.teamId });
    expect(after.bot?.token).toBe(fresh.access_token);
    expect(after.bot?.refreshToken).toBe(fresh.refresh_token);
    expect(after.bot?.expiresAt).toBeGreaterThan(Date.now() / 1000);
    expectNoTokenIn(await rawTable(h.database.pool), [
      fresh.access_token,
      fresh.refresh_token,
      first.user,
      ...first.refresh,
    ]);
  });

  test("the worker refreshes an expired bot token before sending a member's digest", async () => {
    const first = await installThroughOAuth(h, { userId: ALICE.userId, expiresInS: 12 * 60 * 60 });
    h.emulator.expireToken(first.bot);
    const store = installationStore(h.database.pool, systemClock, OAUTH.keys);
    const stored = await store.fetchInstallation({ ...T1, teamId: h.emulator.teamId });
    await store.storeInstallation({
      ...stored,
      bot: {
        ...(stored.bot as NonNullable<Installation['bot']>),
        expiresAt: Math.floor(Date.now() / 1000) - 60,
      },
    });
    await h.database.pool.query('INSERT INTO members (team_id, user_id, created_at) VALUES ($1, $2, now())', [
      ALICE.teamId,
      ALICE.userId,
    ]);
    await h.database.pool.query(
      `INSERT INTO contacts (team_id, user_id, name, cadence, added_on, next_due_on, created_at, updated_at)
       VALUES ($1, $2, 'Edsger', 'biweekly', '2026-03-10', '2026-03-24', now(), now())`,
      [ALICE.teamId, ALICE.userId],
    );

    expect(await h.tick('2026-03-24T09:00:00Z')).toMatchObject({ sent: 1, failed: 0, paused: 0 });
    const refresh = h.emulator
      .callsTo('oauth.v2.access')
      .filter((c) => c.args.grant_type === 'refresh_token');
    expect(refresh).toHaveLength(1);
    const fresh = String((refresh[0]?.response as { access_token?: string } | undefined)?.access_token);
    expect(fresh).toMatch(/^xoxe\.xoxb-/);
    const posts = h.emulator.callsTo('chat.postMessage').filter((c) => c.ok);
    expect(posts.map((c) => c.token)).toEqual([fresh]);
    expect((await store.fetchInstallation({ ...T1, teamId: h.emulator.teamId })).bot?.token).toBe(fresh);
    expectNoTokenIn(await rawTable(h.database.pool), [fresh]);
  });
});

describe('keys and the rows they seal', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  beforeEach(() => database.pool.query('DELETE FROM slack_installations'));

  const rotateKey = (env: Record<string, string>) =>
    spawnSync('node', ['dist/store/rotate-key-cli.js'], {
      cwd: root,
      env: { ...cleanEnv, DATABASE_URL: database.url, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  test('a new key writes while the old one still reads; npm run rotate-key moves every row to the new key; then the old key can go', async () => {
    const withA = installationStore(database.pool, systemClock, keyring(KEY_A));
    await withA.storeInstallation(installation('T0ONE', 'xoxb-one', 'xoxp-one', 'xoxe-1-refresh-one'));
    await withA.storeInstallation(installation('T0TWO', 'xoxb-two', 'xoxp-two'));
    const idA = keyring(KEY_A).current.id;
    const idB = keyring(KEY_B).current.id;

    // Key B deployed, A kept as previous: old rows still read, new writes use B.
    const bWithA = installationStore(database.pool, systemClock, keyring(KEY_B, KEY_A));
    expect((await bWithA.fetchInstallation(T1)).bot?.token).toBe('xoxb-one');
    await bWithA.storeInstallation(installation('T0THREE', 'xoxb-three', 'xoxp-three'));
    const keyIds = async () =>
      (
        await database.pool.query<{ install_key: string; key_id: string }>(
          'SELECT install_key, key_id FROM slack_installations ORDER BY install_key',
        )
      ).rows.map((r) => `${r.install_key} ${r.key_id}`);
    expect(await keyIds()).toEqual([`T:T0ONE ${idA}`, `T:T0THREE ${idB}`, `T:T0TWO ${idA}`]);

    const run = rotateKey({ TOUCHBASE_ENCRYPTION_KEY: KEY_B, TOUCHBASE_ENCRYPTION_KEY_PREVIOUS: KEY_A });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(await keyIds()).toEqual([`T:T0ONE ${idB}`, `T:T0THREE ${idB}`, `T:T0TWO ${idB}`]);
    expectNoTokenIn(await rawTable(database.pool), ['xoxb-one', 'xoxp-one', 'xoxe-1-refresh-one']);

    // Key A removed: everything still reads, refresh token included.
    const onlyB = installationStore(database.pool, systemClock, keyring(KEY_B));
    const one = await onlyB.fetchInstallation(T1);
    expect([one.bot?.token, one.user.token, one.bot?.refreshToken]).toEqual([
      'xoxb-one',
      'xoxp-one',
      'xoxe-1-refresh-one',
    ]);
    expect((await onlyB.fetchInstallation({ ...T1, teamId: 'T0TWO' })).bot?.token).toBe('xoxb-two');

    // Running it again changes nothing.
    expect(rotateKey({ TOUCHBASE_ENCRYPTION_KEY: KEY_B }).status).toBe(0);
    expect(await keyIds()).toEqual([`T:T0ONE ${idB}`, `T:T0THREE ${idB}`, `T:T0TWO ${idB}`]);
  });

  test('a key that did not seal a row gives a clear error naming the key ids, never garbage', async () => {
    await installationStore(database.pool, systemClock, keyring(KEY_A)).storeInstallation(
      installation('T0ONE', 'xoxb-one', 'xoxp-one'),
    );
    const idA = keyring(KEY_A).current.id;
    const idB = keyring(KEY_B).current.id;
    await expect(
      installationStore(database.pool, systemClock, keyring(KEY_B)).fetchInstallation(T1),
    ).rejects.toThrow(
      `installation T:T0ONE is encrypted with key ${idA}, which is neither TOUCHBASE_ENCRYPTION_KEY (${idB}) nor in TOUCHBASE_ENCRYPTION_KEY_PREVIOUS`,
    );
    // rotate-key without the old key says the same in one line, and changes nothing.
    const run = rotateKey({ TOUCHBASE_ENCRYPTION_KEY: KEY_B });
    expect(run.stderr).toBe(
      `touchbase: installation T:T0ONE is encrypted with key ${idA}, which is neither TOUCHBASE_ENCRYPTION_KEY (${idB}) nor in TOUCHBASE_ENCRYPTION_KEY_PREVIOUS\n`,
    );
    expect(run.status).toBe(1);
    expect((await database.pool.query('SELECT key_id FROM slack_installations')).rows).toEqual([
      { key_id: idA },
    ]);

    // A sealed value moved onto another workspace's row does not open there.
    await installationStore(database.pool, systemClock, keyring(KEY_A)).storeInstallation(
      installation('T0TWO', 'xoxb-two', 'xoxp-two'),
    );
    await database.pool.query(
      `UPDATE slack_installations SET (ciphertext, iv, auth_tag) =
         (SELECT ciphertext, iv, auth_tag FROM slack_installations WHERE install_key = 'T:T0ONE')
       WHERE install_key = 'T:T0TWO'`,
    );
    await expect(
      installationStore(database.pool, systemClock, keyring(KEY_A)).fetchInstallation({
        ...T1,
        teamId: 'T0TWO',
      }),
    ).rejects.toThrow(`installation T:T0TWO does not decrypt with key ${idA}`);
  });

  test('plaintext rows an older release wrote are encrypted at start, by processes starting at once, and still fetch', async () => {
    await database.pool.query(
      `INSERT INTO slack_installations (install_key, installation, updated_at)
       VALUES ('T:T0ONE', $1::jsonb, '2026-03-01T00:00:00Z'), ('T:T0TWO', $2::jsonb, '2026-03-02T00:00:00Z')`,
      [
        JSON.stringify(installation('T0ONE', 'xoxb-old-one', 'xoxp-old-one', 'xoxe-1-old-refresh')),
        JSON.stringify(installation('T0TWO', 'xoxb-old-two', 'xoxp-old-two')),
      ],
    );
    expect(await rawTable(database.pool)).toContain('xoxb-old-one');

    // Two worker processes start at the same moment (`npm run worker -- --once`: migrations, then the step).
    const env = {
      ...cleanEnv,
      ...oauthEnv,
      TOUCHBASE_ENCRYPTION_KEY: ENCRYPTION_KEY,
      DATABASE_URL: database.url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    };
    const runs = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const child = spawn('node', ['dist/worker/cli.js', '--once'], {
              cwd: root,
              env,
            });
            let stderr = '';
            child.stderr.on('data', (d) => {
              stderr += String(d);
            });
            child.on('exit', (code) => resolve({ code, stderr }));
          }),
      ),
    );
    expect(runs).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);

    const { rows } = await database.pool.query(
      `SELECT install_key, installation, key_id, updated_at FROM slack_installations ORDER BY install_key`,
    );
    expect(rows).toEqual([
      {
        install_key: 'T:T0ONE',
        installation: null,
        key_id: OAUTH.keys.current.id,
        updated_at: new Date('2026-03-01T00:00:00Z'),
      },
      {
        install_key: 'T:T0TWO',
        installation: null,
        key_id: OAUTH.keys.current.id,
        updated_at: new Date('2026-03-02T00:00:00Z'),
      },
    ]);
    expectNoTokenIn(await rawTable(database.pool), ['xoxb-old-one', 'xoxp-old-one', 'xoxe-1-old-refresh']);
    const store = installationStore(database.pool, systemClock, OAUTH.keys);
    const one = await store.fetchInstallation(T1);
    expect([one.bot?.token, one.user.token, one.bot?.refreshToken]).toEqual([
      'xoxb-old-one',
      'xoxp-old-one',
      'xoxe-1-old-refresh',
    ]);
  });
  test('npm start encrypts a plaintext row before it serves, and logs how many', async () => {
    await database.pool.query(
      `INSERT INTO slack_installations (install_key, installation, updated_at) VALUES ('T:T0ONE', $1::jsonb, now())`,
      [JSON.stringify(installation('T0ONE', 'xoxb-old-one', 'xoxp-old-one'))],
    );
    const child = spawn('node', ['dist/main.js'], {
      cwd: root,
      env: {
        ...cleanEnv,
        ...oauthEnv,
        TOUCHBASE_ENCRYPTION_KEY: ENCRYPTION_KEY,
        DATABASE_URL: database.url,
        PORT: '0',
        TOUCHBASE_WORKER: 'off',
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
      },
    });
    let output = '';
    try {
      const messages = await new Promise<string[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`touchbase did not start:\n${output}`)), 20_000);
        child.stderr.on('data', (chunk: Buffer) => {
          output += chunk;
        });
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk;
          const lines = output.split('\n').filter((l) => l.startsWith('{'));
          const msgs = lines.map((l) => JSON.parse(l) as { msg: string; sealed?: number });
          if (msgs.some((m) => m.msg.startsWith('touchbase is running'))) {
            clearTimeout(timer);
            resolve(msgs.map((m) => (m.sealed === undefined ? m.msg : `${m.msg}: ${m.sealed}`)));
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`touchbase exited with ${code}:\n${output}`));
        });
      });
      const sealedAt = messages.indexOf('installations kept in plaintext are now encrypted: 1');
      expect(sealedAt).toBeGreaterThanOrEqual(0);
      expect(sealedAt).toBeLessThan(messages.findIndex((m) => m.startsWith('touchbase is running')));
      expectNoTokenIn(await rawTable(database.pool), ['xoxb-old-one', 'xoxp-old-one']);
      const one = await installationStore(database.pool, systemClock, OAUTH.keys).fetchInstallation(T1);
      expect(one.bot?.token).toBe('xoxb-old-one');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('starting in OAuth mode', () => {
  test.each([
    [
      'without TOUCHBASE_ENCRYPTION_KEY',
      {},
      'touchbase: TOUCHBASE_ENCRYPTION_KEY is missing: installing to many workspaces keeps their tokens encrypted; generate a key with: openssl rand -base64 32\n',
    ],
    [
      'with a short key',
      { TOUCHBASE_ENCRYPTION_KEY: Buffer.alloc(16, 1).toString('base64') },
      'touchbase: TOUCHBASE_ENCRYPTION_KEY is invalid: expected 32 random bytes as base64 (44 characters) or 64 hex characters; generate one with: openssl rand -base64 32\n',
    ],
    [
      'with a malformed previous key',
      { TOUCHBASE_ENCRYPTION_KEY: KEY_A, TOUCHBASE_ENCRYPTION_KEY_PREVIOUS: `${KEY_B},not a key` },
      'touchbase: TOUCHBASE_ENCRYPTION_KEY_PREVIOUS is invalid: expected 32 random bytes as base64 (44 characters) or 64 hex characters; generate one with: openssl rand -base64 32\n',
    ],
  ])('%s, npm start refuses with one line and exits 1', (_, env, line) => {
    const run = spawnSync('node', ['dist/main.js'], {
      cwd: root,
      env: { ...cleanEnv, ...oauthEnv, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe(line);
    expect(run.status).toBe(1);
  });

  test('a 64-hex-character key is accepted as well as base64', () => {
    expect(keyring('ab'.repeat(32)).current.id).toMatch(/^[0-9a-f]{8}$/);
    expect(keyring(Buffer.alloc(32, 0xab).toString('base64')).current.id).toBe(
      keyring('ab'.repeat(32)).current.id,
    );
  });
});
