import { readFileSync } from 'node:fs';
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
});
