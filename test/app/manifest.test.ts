import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { BOT_SCOPES } from '../../src/app';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const schema = JSON.parse(
  readFileSync(path.join(root, 'test', 'fixtures', 'slack', 'manifest.schema.1.0.0.json'), 'utf8'),
);

describe('manifest.json', () => {
  test("passes Slack's own manifest schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const valid = ajv.validate(schema, manifest);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('declares /touchbase, interactivity and the bot scopes the app asks for', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      '/touchbase',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  test('subscribes to every event the app listens to, and to no other', () => {
    const dir = path.join(root, 'src', 'slack', 'listeners', 'events');
    const listened = readdirSync(dir).flatMap((file) =>
      [...readFileSync(path.join(dir, file), 'utf8').matchAll(/app\.event\(\s*'([a-z_]+)'/g)].map(
        (m) => m[1],
      ),
    );
    expect(listened).toEqual(
      expect.arrayContaining(['app_home_opened', 'app_uninstalled', 'tokens_revoked']),
    );
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(listened.sort());
  });
});
