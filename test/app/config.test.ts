import { ConfigError, loadConfig } from '../../src/config';
import { keyring } from '../../src/secrets';

const base = { SLACK_SIGNING_SECRET: 'secret', SLACK_BOT_TOKEN: 'xoxb-1' };

describe('configuration from the environment', () => {
  test('defaults fill in everything optional', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      port: 3000,
      metricsPort: undefined,
      retentionDays: 30,
      databaseUrl: undefined,
      dataDir: './data',
      startAt: undefined,
    });
    expect(c.slack.auth).toEqual({ mode: 'single', botToken: 'xoxb-1' });
  });

  test.each([
    [{}, /^SLACK_SIGNING_SECRET is missing: .*manifest\.json/],
    [{ SLACK_SIGNING_SECRET: 's' }, /^SLACK_BOT_TOKEN is missing: .*manifest\.json/],
    [
      { ...base, SLACK_BOT_TOKEN: 'abc' },
      /^SLACK_BOT_TOKEN is invalid: expected a bot token starting with xoxb-/,
    ],
    [{ ...base, PORT: 'eighty' }, /^PORT is invalid: expected a port number/],
    [{ ...base, DATABASE_URL: 'mysql://x' }, /^DATABASE_URL is invalid/],
    [{ ...base, TOUCHBASE_NOW: 'next tuesday' }, /^TOUCHBASE_NOW is invalid: expected an ISO time/],
    [{ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1' }, /^SLACK_CLIENT_SECRET is missing/],
    [
      { ...base, DATABASE_STATEMENT_TIMEOUT_MS: '2s' },
      /^DATABASE_STATEMENT_TIMEOUT_MS is invalid: expected a number of milliseconds/,
    ],
    [
      { ...base, DATABASE_CONNECT_TIMEOUT_MS: '0' },
      /^DATABASE_CONNECT_TIMEOUT_MS is invalid: expected a number of milliseconds, at least 100/,
    ],
    [
      { ...base, METRICS_PORT: 'private' },
      /^METRICS_PORT is invalid: expected a port number from 1 to 65535/,
    ],
    [{ ...base, METRICS_PORT: '0' }, /^METRICS_PORT is invalid/],
    [
      { ...base, TOUCHBASE_RETENTION_DAYS: '0' },
      /^TOUCHBASE_RETENTION_DAYS is invalid: expected a whole number of days, at least 1/,
    ],
    [{ ...base, TOUCHBASE_RETENTION_DAYS: '2.5' }, /^TOUCHBASE_RETENTION_DAYS is invalid/],
    [
      { ...base, TOUCHBASE_SEND_CONCURRENCY: '0' },
      /^TOUCHBASE_SEND_CONCURRENCY is invalid: expected a whole number from 1 to 256/,
    ],
    [
      { ...base, TOUCHBASE_POST_RATE_PER_WORKSPACE: 'fast' },
      /^TOUCHBASE_POST_RATE_PER_WORKSPACE is invalid: expected a whole number of messages a minute, at least 1/,
    ],
    [
      { ...base, TOUCHBASE_PUBLIC_URL: 'touchbase.example.com' },
      /^TOUCHBASE_PUBLIC_URL is invalid: expected an http\(s\) URL/,
    ],
    [{ ...base, TOUCHBASE_PUBLIC_URL: 'javascript:alert(1)' }, /^TOUCHBASE_PUBLIC_URL is invalid/],
  ])('%o stops start-up with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('database waits are bounded by default; requests get shorter statements than the worker', () => {
    expect(loadConfig(base).database).toEqual({
      web: { connectMs: 1500, statementMs: 1500, idleInTransactionMs: 60_000 },
      worker: { connectMs: 1500, statementMs: 60_000, idleInTransactionMs: 60_000 },
    });
    const c = loadConfig({
      ...base,
      DATABASE_CONNECT_TIMEOUT_MS: '800',
      DATABASE_STATEMENT_TIMEOUT_MS: '1200',
      DATABASE_WORKER_STATEMENT_TIMEOUT_MS: '300000',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '20000',
    });
    expect(c.database).toEqual({
      web: { connectMs: 800, statementMs: 1200, idleInTransactionMs: 20_000 },
      worker: { connectMs: 800, statementMs: 300_000, idleInTransactionMs: 20_000 },
    });
  });

  test('METRICS_PORT and TOUCHBASE_RETENTION_DAYS are read as numbers', () => {
    expect(loadConfig({ ...base, METRICS_PORT: '9464', TOUCHBASE_RETENTION_DAYS: '7' })).toMatchObject({
      metricsPort: 9464,
      retentionDays: 7,
    });
    expect(loadConfig({ ...base, METRICS_PORT: '' }).metricsPort).toBeUndefined();
  });

  test('digests go out 32 at once and 240 a minute per workspace unless told otherwise', () => {
    expect(loadConfig(base).delivery).toEqual({ concurrency: 32, postsPerMinutePerWorkspace: 240 });
    expect(
      loadConfig({ ...base, TOUCHBASE_SEND_CONCURRENCY: '8', TOUCHBASE_POST_RATE_PER_WORKSPACE: '120' })
        .delivery,
    ).toEqual({ concurrency: 8, postsPerMinutePerWorkspace: 120 });
  });

  test('TOUCHBASE_PUBLIC_URL is where calendar feed links point; unset, none is assumed', () => {
    expect(loadConfig({ ...base, TOUCHBASE_PUBLIC_URL: 'https://tb.example.com' }).publicUrl).toBe(
      'https://tb.example.com',
    );
    expect(loadConfig(base).publicUrl).toBeUndefined();
  });

  test('TOUCHBASE_NOW sets where the clock starts', () => {
    expect(loadConfig({ ...base, TOUCHBASE_NOW: '2026-03-02T09:00:00Z' }).startAt?.toISOString()).toBe(
      '2026-03-02T09:00:00.000Z',
    );
  });

  test('OAuth credentials select installing to many workspaces, with the key that encrypts their tokens', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const previous = 'c3'.repeat(32);
    const c = loadConfig({
      SLACK_SIGNING_SECRET: 's',
      SLACK_CLIENT_ID: 'id',
      SLACK_CLIENT_SECRET: 'cs',
      SLACK_STATE_SECRET: 'st',
      TOUCHBASE_ENCRYPTION_KEY: key,
      TOUCHBASE_ENCRYPTION_KEY_PREVIOUS: `${previous}, ${key}`,
    });
    expect(c.slack.auth).toEqual({
      mode: 'oauth',
      clientId: 'id',
      clientSecret: 'cs',
      stateSecret: 'st',
      keys: keyring(key, previous),
    });
    // The current key listed among the previous ones is not listed twice.
    expect(
      c.slack.auth.mode === 'oauth' && c.slack.auth.keys.previous.map((k) => k.secret.toString('hex')),
    ).toEqual([previous]);
  });
});
