import { ConfigError, loadDatabaseConfig, loadEncryptionKeys } from '../config';
import { createLogger } from '../logger';
import { SecretError } from '../secrets';
import { migrationTimeouts, openDatabase } from './db';
import { sealInstallations } from './installations';
import { MigrationError, migrate } from './migrate';

/**
 * `npm run rotate-key`: re-encrypts every installation with TOUCHBASE_ENCRYPTION_KEY, opening rows sealed
 * with a key listed in TOUCHBASE_ENCRYPTION_KEY_PREVIOUS (and sealing any left in plaintext). Safe while
 * the app runs: row by row, each locked while it is rewritten. Once it reports, the previous keys can go.
 */
async function main(): Promise<void> {
  const config = loadDatabaseConfig();
  const keys = loadEncryptionKeys();
  const logger = createLogger({ level: config.logLevel, pretty: config.env !== 'production' });
  const database = await openDatabase({
    ...config,
    logger,
    poolSize: 1,
    timeouts: migrationTimeouts(config),
  });
  try {
    await migrate(database.pool, logger);
    const { sealed } = await sealInstallations(database.pool, keys, 'not current key');
    logger.info(
      { reencrypted: sealed, keyId: keys.current.id },
      sealed
        ? 'installations re-encrypted with the current key'
        : 'every installation already uses the current key',
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    err instanceof ConfigError || err instanceof MigrationError || err instanceof SecretError
      ? `touchbase: ${err.message}\n`
      : `touchbase rotate-key failed: ${String((err as Error)?.stack ?? err)}\n`,
  );
  process.exit(1);
});
