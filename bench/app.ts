import path from 'node:path';

/**
 * The app's own build (dist/, made by `npm run build`), so the bench times the very code the worker
 * runs. Loading it from dist/ rather than compiling src/ again keeps the paths the modules resolve
 * from their own folder (migrations/, the embedded PostgreSQL binaries) pointing where they should.
 * The Slack emulator is not part of that build; it comes from the sandbox's (dist-dev/).
 */
// Compiled to bench/.build/bench/app.js: three folders below the project root.
export const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist');
const DIST_DEV = path.join(ROOT, 'dist-dev');

function load<T>(module: string, build = DIST): T {
  return require(path.join(build, module)) as T;
}

export const digests = load<typeof import('../src/store/digests')>('store/digests.js');
export const erase = load<typeof import('../src/store/erase')>('store/erase.js');
export const nextItems = load<typeof import('../src/store/next-items')>('store/next-items.js');
export const db = load<typeof import('../src/store/db')>('store/db.js');
export const embedded = load<typeof import('../src/store/embedded')>('store/embedded.js');
export const migrations = load<typeof import('../src/store/migrate')>('store/migrate.js');
export const installations = load<typeof import('../src/store/installations')>('store/installations.js');
export const secrets = load<typeof import('../src/secrets')>('secrets.js');
export const logging = load<typeof import('../src/logger')>('logger.js');
export const slackEmulator = load<typeof import('../src/dev/slack-emulator')>(
  'dev/slack-emulator/index.js',
  DIST_DEV,
);

export type Db = import('../src/store/db').Db;
export type SlackEmulator = import('../src/dev/slack-emulator').SlackEmulator;
