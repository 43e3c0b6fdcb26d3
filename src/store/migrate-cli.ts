import { ConfigError, loadDatabaseConfig } from '../config';
import { createLogger } from '../logger';
import { migrationTimeouts, openDatabase } from './db';
import { MigrationError, migrate } from './migrate';

/** `npm run migrate`: applies pending migrations and exits; needs no Slack credentials. */
async function main(): Promise<void> {
  const config = loadDatabaseConfig();
  const logger = createLogger({ level: config.logLevel, pretty: config.env !== 'production' });
  const database = await openDatabase({
    ...config,
    logger,
    poolSize: 1,
    timeouts: migrationTimeouts(config),
  });
  try {
    const applied = await migrate(database.pool, logger);
    logger.info(
      { applied: applied.length },
      applied.length ? 'migrations applied' : 'database is up to date',
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    err instanceof ConfigError || err instanceof MigrationError
      ? `touchbase: ${err.message}\n`
      : `touchbase migrate failed: ${String((err as Error)?.stack ?? err)}\n`,
  );
  process.exit(1);
});
